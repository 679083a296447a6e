#include "support/plan_gguf.hpp"

#include "support/gguf_builder.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace r1tag::test {

namespace {

// The keys llama.cpp's converter writes that r1tag reads (convert_hf_to_gguf.py, gguf-py constants.py).
void add_hyperparameters(GgufBuilder& b, const Model& m, KvLayout layout) {
  const std::string a(m.architecture);
  const Hyperparameters& h = m.hparams;
  b.add_string("general.architecture", a);
  b.add_u32(a + ".block_count", h.block_count);
  b.add_u32(a + ".context_length", h.context_length);
  b.add_u32(a + ".embedding_length", h.embedding_length);
  b.add_u32(a + ".feed_forward_length", h.feed_forward_length);
  b.add_u32(a + ".attention.head_count", h.head_count);
  b.add_u32(a + ".attention.head_count_kv", h.head_count_kv);
  if (a != "deepseek2") {
    b.add_u32(a + ".attention.key_length", h.key_length);
    b.add_u32(a + ".attention.value_length", h.value_length);
    return;
  }
  // deepseek2: the MLA conversion (llama.cpp PR #12801) writes the compressed cache widths as
  // key_length/value_length and the per-head lengths as *_mla.
  if (layout == KvLayout::deepseek_mla) {
    b.add_u32(a + ".attention.key_length", h.key_length_mla);
    b.add_u32(a + ".attention.value_length", h.value_length_mla);
    b.add_u32(a + ".attention.key_length_mla", h.key_length);
    b.add_u32(a + ".attention.value_length_mla", h.value_length);
  } else {
    b.add_u32(a + ".attention.key_length", h.key_length);
    b.add_u32(a + ".attention.value_length", h.value_length);
  }
  b.add_u32(a + ".expert_count", h.expert_count);
  b.add_u32(a + ".expert_used_count", h.expert_used_count);
  b.add_u32(a + ".expert_shared_count", h.expert_shared_count);
  b.add_u32(a + ".expert_feed_forward_length", h.expert_feed_forward_length);
  b.add_u32(a + ".leading_dense_block_count", h.leading_dense_block_count);
  b.add_u32(a + ".attention.q_lora_rank", h.q_lora_rank);
  b.add_u32(a + ".attention.kv_lora_rank", h.kv_lora_rank);
  b.add_u32(a + ".rope.dimension_count", h.rope_dimension_count);
}

void add_tokenizer(GgufBuilder& b, std::uint64_t tokens, std::uint64_t merge_count) {
  b.add_string("tokenizer.ggml.model", "gpt2");
  b.add_token_array("tokenizer.ggml.tokens", tokens);
  if (merge_count > 0) {
    b.add_i32_array("tokenizer.ggml.token_type", std::vector<std::int32_t>(tokens, 1));
    b.add_token_array("tokenizer.ggml.merges", merge_count);
  }
}

std::string spaced(std::string_view id) {
  std::string out(id);
  for (char& c : out)
    if (c == '-') c = ' ';
  return out;
}

}  // namespace

std::vector<std::uint64_t> write_plan_gguf_at(const Model& model, const FileSize& plan,
                                              const std::vector<std::string>& paths, const PlanFileOptions& options) {
  if (paths.empty()) throw std::runtime_error("no path to write a GGUF file at");
  const std::size_t parts = paths.size();
  std::vector<GgufBuilder> builders(parts);
  GgufBuilder& first = builders.front();
  add_hyperparameters(first, model, options.layout);
  if (options.write_names) {
    first.add_string("general.name", options.general_name.empty() ? spaced(model.id) : options.general_name);
    if (options.write_size_label) first.add_string("general.size_label", std::string(model.size_label));
  }
  if (options.file_type) first.add_u32("general.file_type", *options.file_type);
  if (options.imatrix) first.add_string("quantize.imatrix.file", "imatrix.dat");
  if (options.vocab_tokens) add_tokenizer(first, *options.vocab_tokens, options.merge_count);
  if (parts > 1) {
    for (std::size_t i = 0; i < parts; ++i) {
      builders[i].add_u16("split.no", static_cast<std::uint16_t>(i));
      builders[i].add_u16("split.count", static_cast<std::uint16_t>(parts));
      builders[i].add_i32("split.tensors.count", static_cast<std::int32_t>(plan.tensors.size()));
    }
  }
  const std::size_t per_part = (plan.tensors.size() + parts - 1) / parts;
  for (std::size_t i = 0; i < plan.tensors.size(); ++i) {
    const PlannedTensor& t = plan.tensors[i];
    std::vector<std::uint64_t> ne(t.tensor.ne.begin(), t.tensor.ne.begin() + t.tensor.n_dims);
    builders[i / per_part].add_tensor(t.tensor.name, ne, t.type->type_id, t.bytes);
  }
  if (options.match_metadata && parts == 1) {
    // key length + key + type + string length, then the string.
    const std::string key = "r1tag.test.metadata_padding";
    const std::uint64_t have = first.header_size() - 24 - plan.tensor_info_bytes;
    const std::uint64_t overhead = 8 + key.size() + 4 + 8;
    if (plan.kv_bytes >= have + overhead) first.add_string(key, std::string(plan.kv_bytes - have - overhead, ' '));
  }
  std::vector<std::uint64_t> sizes;
  for (std::size_t i = 0; i < parts; ++i) {
    if (!builders[i].write(paths[i])) throw std::runtime_error("cannot write " + paths[i]);
    sizes.push_back(builders[i].file_bytes());
  }
  return sizes;
}

std::vector<std::string> write_plan_gguf(const Model& model, const FileSize& plan, const std::string& stem,
                                         const PlanFileOptions& options) {
  const std::uint32_t parts = std::max<std::uint32_t>(options.parts, 1);
  std::vector<std::string> paths;
  for (std::uint32_t i = 0; i < parts; ++i)
    paths.push_back(parts == 1 ? stem + ".gguf" : fmt::format("{}-{:05}-of-{:05}.gguf", stem, i + 1, parts));
  write_plan_gguf_at(model, plan, paths, options);
  return paths;
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "r1tag-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary directory");
  m_path = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(m_path, ignored);
}

}  // namespace r1tag::test
