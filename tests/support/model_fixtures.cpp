#include "support/model_fixtures.hpp"

#include "support/gguf_builder.hpp"

#include <r1tag/gguf/file_size.hpp>
#include <r1tag/names/resolver.hpp>
#include <r1tag/names/tag_parser.hpp>

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace r1tag::test {

namespace {

const Catalog& catalog() { return embedded_catalog(); }

Explanation explain_name(const std::string& name) {
  return explain_variant(resolve(parse_tag(name), catalog()), catalog());
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace

Model llama_3_2_3b() {
  Model m;
  m.id = "Llama-3.2-3B-Instruct";
  m.architecture = "llama";
  Hyperparameters& h = m.hparams;
  h.block_count = 28;
  h.context_length = 131072;
  h.embedding_length = 3072;
  h.feed_forward_length = 8192;
  h.head_count = 24;
  h.head_count_kv = 8;
  h.key_length = 128;
  h.value_length = 128;
  h.vocab_size = 128256;
  h.tied_embeddings = true;
  h.rope_freqs_tensor = true;
  return m;
}

std::vector<std::string> write_variant(const Explanation& tag, const std::string& stem, PlanFileOptions options) {
  const QuantScheme* s = tag.variant.scheme;
  if (!s->base_scheme.empty()) s = catalog().find_scheme(s->base_scheme);
  options.file_type = s->ftype_id;
  options.layout = tag.kv_layout;
  options.imatrix = tag.variant.imatrix;
  return write_plan_gguf(*tag.variant.model, *tag.computed, stem, options);
}

std::string write_foreign(const Model& model, const std::string& general_name, const std::string& stem) {
  const auto plan = compute_file_size(model, *catalog().find_scheme("Q4_K_M"), catalog(), {}, KvLayout::standard);
  if (!plan) throw std::runtime_error("no plan for " + general_name);
  PlanFileOptions options;
  options.general_name = general_name;
  options.match_metadata = false;
  options.file_type = 15;  // LLAMA_FTYPE_MOSTLY_Q4_K_M (llama.h)
  return write_plan_gguf(model, *plan, stem, options).front();
}

void write_explain_fixtures(const std::string& dir) {
  std::filesystem::create_directories(dir);
  const std::string base = dir + "/";
  write_variant(explain_name("deepseek-r1:7b"), base + "model");
  PlanFileOptions nameless;
  nameless.write_names = false;
  write_variant(explain_name("hf.co/bartowski/DeepSeek-R1-Distill-Qwen-14B-GGUF:Q4_K_L"), base + "renamed-14b", nameless);
  PlanFileOptions split;
  split.parts = 3;
  split.match_metadata = false;
  write_variant(explain_name("deepseek-r1:671b-q4_K_M"), base + "DeepSeek-R1-Q4_K_M", split);
  write_foreign(llama_3_2_3b(), "Llama 3.2 3B Instruct", base + "Llama-3.2-3B-Instruct-Q4_K_M");

  GgufBuilder gemma;
  gemma.add_string("general.architecture", "gemma3");
  gemma.add_string("general.name", "Gemma 3 Tiny");
  gemma.add_u32("gemma3.block_count", 1);
  gemma.add_u32("gemma3.embedding_length", 256);
  gemma.add_u32("gemma3.context_length", 32768);
  gemma.add_tensor("token_embd.weight", {256, 1000}, 1, 256 * 1000 * 2);  // F16: 2 bytes per weight
  gemma.add_tensor("blk.0.attn_q.weight", {256, 256}, 1, 256 * 256 * 2);
  if (!gemma.write(base + "gemma.gguf")) throw std::runtime_error("cannot write gemma.gguf");

  write_bytes(base + "bad-magic.gguf", std::string("GGML\x03\0\0\0", 8) + std::string(64, '\0'));
  std::string header;
  {
    std::ifstream in(base + "model.gguf", std::ios::binary);
    header.resize(1000);
    in.read(header.data(), 1000);
  }
  write_bytes(base + "truncated.gguf", header);
  GgufBuilder v1;
  v1.version = 1;
  write_bytes(base + "version1.gguf", v1.header());
  std::filesystem::create_directories(base + "x.gguf");
  PlanFileOptions two;
  two.parts = 2;
  two.match_metadata = false;
  const auto parts = write_variant(explain_name("deepseek-r1:1.5b"), base + "incomplete", two);
  std::filesystem::remove(parts.at(1));
}

}  // namespace r1tag::test
