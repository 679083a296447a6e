// r1tag_write_gguf MODEL_ID SCHEME LAYOUT OUT.gguf [--imatrix]
//
// Writes a data-less GGUF for an R1-family model: r1tag's own tensor inventory and per-tensor types
// (compute_file_size), the GGUF metadata keys llama.cpp's loader reads for the architecture, and a
// byte-level BPE vocabulary of the model's real size with synthetic token strings. The tensor data is a
// hole, so the file takes almost no disk and llama.cpp's no_alloc dry run (dry_run.mjs) can plan the
// model, KV cache, compute and output buffers exactly as for the real file. Prints a JSON summary.
//
// LAYOUT: standard (dense models), legacy or mla (deepseek2: attn_kv_b vs attn_k_b/attn_v_b).
#include "gguf_writer.hpp"

#include <r1tag/tables/catalog.hpp>
#include <r1tag/common/error.hpp>
#include <r1tag/gguf/file_size.hpp>
#include <r1tag/gguf/tensor_inventory.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace {

using namespace r1tag;
using r1tag::dry_run::GgufWriter;

// GPT-2's bytes_to_unicode(): the printable stand-in character of each byte, as byte-level BPE
// vocabularies (Qwen2, Llama 3, DeepSeek-V3) store their 256 single-byte tokens. llama.cpp maps "\n" and
// other bytes through this table when it loads the vocabulary, so these 256 strings must exist.
std::vector<std::string> byte_tokens() {
  std::vector<std::string> out(256);
  int next = 256;
  for (int b = 0; b < 256; ++b) {
    const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    const int cp = printable ? b : next++;
    std::string utf8;
    if (cp < 0x80) {
      utf8 += static_cast<char>(cp);
    } else {
      utf8 += static_cast<char>(0xC0 | (cp >> 6));
      utf8 += static_cast<char>(0x80 | (cp & 0x3F));
    }
    out[static_cast<std::size_t>(b)] = utf8;
  }
  return out;
}

// The `tokenizer.ggml.pre` llama.cpp knows for each architecture's vocabulary (llama-vocab.cpp).
std::string tokenizer_pre(const std::string& arch) {
  if (arch == "llama") return "llama-bpe";
  if (arch == "deepseek2") return "deepseek-v3";
  return "qwen2";  // Qwen2.5 and Qwen3 share the Qwen2 pre-tokenizer
}

void add_tokenizer(GgufWriter& w, const Model& model) {
  std::vector<std::string> tokens = byte_tokens();
  tokens.reserve(model.hparams.vocab_size);
  for (std::uint32_t i = static_cast<std::uint32_t>(tokens.size()); i < model.hparams.vocab_size; ++i) {
    tokens.push_back(fmt::format("tok{}", i));
  }
  // Every token NORMAL (1): typing the byte stand-ins BYTE (6) makes the BPE loader fail.
  const std::vector<std::int32_t> types(tokens.size(), 1);
  w.add_string("tokenizer.ggml.model", "gpt2");
  w.add_string("tokenizer.ggml.pre", tokenizer_pre(std::string(model.architecture)));
  w.add_string_array("tokenizer.ggml.tokens", tokens);
  w.add_i32_array("tokenizer.ggml.token_type", types);
  w.add_string_array("tokenizer.ggml.merges", {"t o", "a n"});
}

// The hyperparameter keys of llama-model.cpp load_hparams and the per-architecture load_arch_hparams.
// Norm epsilon, rope base and the DeepSeek routing settings change no buffer size; they are set to the
// models' config.json values so that the graph llama.cpp plans is the real one.
void add_hparams(GgufWriter& w, const Model& model, KvLayout layout) {
  const Hyperparameters& h = model.hparams;
  const std::string a(model.architecture);
  w.add_u32(a + ".context_length", h.context_length);
  w.add_u32(a + ".embedding_length", h.embedding_length);
  w.add_u32(a + ".block_count", h.block_count);
  w.add_u32(a + ".feed_forward_length", h.feed_forward_length);
  w.add_u32(a + ".attention.head_count", h.head_count);
  w.add_u32(a + ".vocab_size", h.vocab_size);
  w.add_f32(a + ".attention.layer_norm_rms_epsilon", 1e-6F);
  w.add_f32(a + ".rope.freq_base", 10000.0F);
  if (a != "deepseek2") {
    w.add_u32(a + ".attention.head_count_kv", h.head_count_kv);
    w.add_u32(a + ".attention.key_length", h.key_length);
    w.add_u32(a + ".attention.value_length", h.value_length);
    return;
  }
  // deepseek2: r1tag's catalogue holds the per-head sizes (192/128, 128 KV heads) and the MLA cache
  // sizes (576/512). An MLA GGUF stores the cache sizes as key/value_length with one KV head and the
  // per-head sizes as *_mla (convert_hf_to_gguf.py DeepseekV2Model after PR #12801).
  if (layout == KvLayout::deepseek_mla) {
    w.add_u32(a + ".attention.head_count_kv", 1);
    w.add_u32(a + ".attention.key_length", h.key_length_mla);
    w.add_u32(a + ".attention.value_length", h.value_length_mla);
    w.add_u32(a + ".attention.key_length_mla", h.key_length);
    w.add_u32(a + ".attention.value_length_mla", h.value_length);
  } else {
    w.add_u32(a + ".attention.head_count_kv", h.head_count_kv);
    w.add_u32(a + ".attention.key_length", h.key_length);
    w.add_u32(a + ".attention.value_length", h.value_length);
  }
  w.add_u32(a + ".leading_dense_block_count", h.leading_dense_block_count);
  w.add_u32(a + ".attention.q_lora_rank", h.q_lora_rank);
  w.add_u32(a + ".attention.kv_lora_rank", h.kv_lora_rank);
  w.add_u32(a + ".rope.dimension_count", h.rope_dimension_count);
  w.add_u32(a + ".expert_count", h.expert_count);
  w.add_u32(a + ".expert_used_count", h.expert_used_count);
  w.add_u32(a + ".expert_shared_count", h.expert_shared_count);
  w.add_u32(a + ".expert_feed_forward_length", h.expert_feed_forward_length);
  // DeepSeek-R1 config.json: routed_scaling_factor 2.5, norm_topk_prob true, scoring_func sigmoid (= 2).
  w.add_f32(a + ".expert_weights_scale", 2.5F);
  w.add_bool(a + ".expert_weights_norm", true);
  w.add_u32(a + ".expert_gating_func", 2);
}

KvLayout layout_from(const std::string& text) {
  if (text == "standard") return KvLayout::standard;
  if (text == "legacy") return KvLayout::deepseek_legacy;
  if (text == "mla") return KvLayout::deepseek_mla;
  throw Error::bad_input("unknown layout '" + text + "'", "expected standard, legacy or mla");
}

int run(const std::vector<std::string>& args) {
  if (args.size() < 4) {
    std::cerr << "usage: r1tag_write_gguf MODEL_ID SCHEME standard|legacy|mla OUT.gguf [--imatrix]\n";
    return 2;
  }
  const Catalog& catalog = embedded_catalog();
  const Model* model = catalog.find_model(args[0]);
  const QuantScheme* scheme = catalog.find_scheme(args[1]);
  if (model == nullptr || scheme == nullptr) throw Error::bad_input("unknown model or scheme", args[0] + " " + args[1]);
  const KvLayout layout = layout_from(args[2]);
  QuantOptions options;
  options.imatrix = args.size() > 4 && args[4] == "--imatrix";
  const std::optional<FileSize> plan = compute_file_size(*model, *scheme, catalog, options, layout);
  if (!plan) throw Error::bad_input("no per-tensor plan for " + std::string(scheme->name), "custom mixes cannot be predicted");

  GgufWriter w;
  w.add_string("general.architecture", std::string(model->architecture));
  w.add_string("general.name", std::string(model->id));
  if (scheme->ftype_id) w.add_u32("general.file_type", *scheme->ftype_id);
  add_hparams(w, *model, layout);
  add_tokenizer(w, *model);
  for (const PlannedTensor& t : plan->tensors) {
    w.add_tensor(t.tensor.name, t.tensor.ne, t.tensor.n_dims, t.type->type_id, t.bytes);
  }
  const std::uint64_t file_bytes = w.write_sparse(args[3]);

  nlohmann::ordered_json summary;
  summary["model"] = model->id;
  summary["scheme"] = scheme->name;
  summary["layout"] = args[2];
  summary["path"] = args[3];
  summary["file_bytes"] = file_bytes;
  summary["tensor_count"] = plan->tensors.size();
  summary["tensor_bytes"] = plan->tensor_bytes;
  std::cout << summary.dump() << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& e) {
    std::cerr << "r1tag_write_gguf: error: " << e.what() << "\n";
    return 1;
  }
}
