// GGUF headers of catalogue variants for tests and benches: the tensors r1tag plans for a model at a
// scheme (names, shapes, types, bytes from llama.cpp's rules), the hyperparameter keys llama.cpp writes,
// a vocabulary of the model's size, written with GgufBuilder and extended sparse to the full file size.
// A split variant is cut into parts as gguf-split does: metadata in part 1, split.* keys in every part.
#pragma once

#include <r1tag/gguf/file_size.hpp>
#include <r1tag/tables/catalog.hpp>

#include "support/gguf_builder.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace r1tag::test {

struct VariantFile {
  std::string model_id = "DeepSeek-R1-Distill-Qwen-7B";
  std::string scheme = "Q4_K_M";
  std::string general_name;  // general.name; empty: none written
  std::uint32_t parts = 1;   // gguf-split parts
  // Tokens written in tokenizer.ggml.tokens: the model's vocabulary by default (a header's real bulk).
  std::optional<std::uint64_t> vocab_tokens;
  // With merge_count > 0, also tokenizer.ggml.token_type (one int32 per token) and that many merges, as a
  // BPE model's converter writes them: a header of a real file's size, for benches.
  std::uint64_t merge_count = 0;
};

inline VariantFile variant(std::string model_id, std::string scheme, std::string general_name, std::uint32_t parts = 1) {
  VariantFile v;
  v.model_id = std::move(model_id);
  v.scheme = std::move(scheme);
  v.general_name = std::move(general_name);
  v.parts = parts;
  return v;
}

inline void add_model_keys(GgufBuilder& b, const Model& m, const QuantScheme& s, const VariantFile& v) {
  const std::string arch(m.architecture);
  b.add_string("general.architecture", arch);
  if (!v.general_name.empty()) b.add_string("general.name", v.general_name);
  if (s.ftype_id) b.add_u32("general.file_type", *s.ftype_id);
  const Hyperparameters& h = m.hparams;
  b.add_u32(arch + ".block_count", h.block_count);
  b.add_u32(arch + ".context_length", h.context_length);
  b.add_u32(arch + ".embedding_length", h.embedding_length);
  b.add_u32(arch + ".feed_forward_length", h.feed_forward_length);
  b.add_u32(arch + ".attention.head_count", h.head_count);
  b.add_u32(arch + ".attention.head_count_kv", h.head_count_kv);
  // The keys llama.cpp's converter writes that r1tag reads (convert_hf_to_gguf.py, gguf-py constants.py);
  // deepseek2 in the standard (pre-MLA) layout the plan uses, as tests/support/plan_gguf.cpp writes it.
  b.add_u32(arch + ".attention.key_length", h.key_length);
  b.add_u32(arch + ".attention.value_length", h.value_length);
  if (arch == "deepseek2") {
    b.add_u32(arch + ".expert_count", h.expert_count);
    b.add_u32(arch + ".expert_used_count", h.expert_used_count);
    b.add_u32(arch + ".expert_shared_count", h.expert_shared_count);
    b.add_u32(arch + ".expert_feed_forward_length", h.expert_feed_forward_length);
    b.add_u32(arch + ".leading_dense_block_count", h.leading_dense_block_count);
    b.add_u32(arch + ".attention.q_lora_rank", h.q_lora_rank);
    b.add_u32(arch + ".attention.kv_lora_rank", h.kv_lora_rank);
    b.add_u32(arch + ".rope.dimension_count", h.rope_dimension_count);
  }
  b.add_string("tokenizer.ggml.model", "gpt2");
  const std::uint64_t tokens = v.vocab_tokens.value_or(h.vocab_size);
  b.add_token_array("tokenizer.ggml.tokens", tokens);
  if (v.merge_count > 0) {
    b.add_i32_array("tokenizer.ggml.token_type", std::vector<std::int32_t>(tokens, 1));
    b.add_token_array("tokenizer.ggml.merges", v.merge_count);
  }
}

// Writes the variant at `path` (a split variant: `path` is part 1's path, "…-00001-of-0000N.gguf", and
// the other parts are written beside it). Returns every part's size on disk, in order.
inline std::vector<std::uint64_t> write_variant(const std::string& path, const VariantFile& v, const Catalog& catalog) {
  const Model* model = catalog.find_model(v.model_id);
  const QuantScheme* scheme = catalog.find_scheme(v.scheme);
  if (model == nullptr || scheme == nullptr) throw std::runtime_error("unknown model or scheme " + v.model_id + " " + v.scheme);
  const auto plan = compute_file_size(*model, *scheme, catalog, QuantOptions{}, KvLayout::standard);
  if (!plan) throw std::runtime_error("no plan for " + v.model_id + " " + v.scheme);
  std::vector<std::uint64_t> sizes;
  const std::size_t per_part = (plan->tensors.size() + v.parts - 1) / v.parts;
  for (std::uint32_t part = 0; part < v.parts; ++part) {
    GgufBuilder b;
    if (part == 0) add_model_keys(b, *model, *scheme, v);
    if (v.parts > 1) {
      b.add_u16("split.no", static_cast<std::uint16_t>(part));
      b.add_u16("split.count", static_cast<std::uint16_t>(v.parts));
      b.add_i32("split.tensors.count", static_cast<std::int32_t>(plan->tensors.size()));
    }
    const std::size_t end = std::min(plan->tensors.size(), (part + 1) * per_part);
    for (std::size_t i = part * per_part; i < end; ++i) {
      const PlannedTensor& t = plan->tensors[i];
      b.add_tensor(t.tensor.name, std::vector<std::uint64_t>(t.tensor.ne.begin(), t.tensor.ne.begin() + t.tensor.n_dims),
                   t.type->type_id, t.bytes);
    }
    std::string part_path = path;
    if (v.parts > 1) {
      const std::string first = "-00001-of-";
      const std::size_t at = part_path.rfind(first);
      if (at == std::string::npos) throw std::runtime_error("a split variant's path must name part 1: " + path);
      std::string digits = std::to_string(part + 1);
      digits.insert(0, 5 - std::min<std::size_t>(5, digits.size()), '0');
      part_path.replace(at + 1, 5, digits);
    }
    if (!b.write(part_path)) throw std::runtime_error("cannot write " + part_path);
    sizes.push_back(b.file_bytes());
  }
  return sizes;
}

}  // namespace r1tag::test
