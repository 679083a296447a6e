#include <r1tag/memory/compute_buffer.hpp>

#include "memory/ggml_element_bytes.hpp"

#include <algorithm>

namespace r1tag {

namespace {

constexpr std::uint64_t k_f32_bytes = ggml_element_bytes::f32;
constexpr std::uint64_t k_f16_bytes = ggml_element_bytes::f16;

// How many activation rows of each width stay alive at each stage's peak. They are counts of graph
// tensors, found by matching the stages below against llama.cpp v0.5.0's dry run for every R1
// architecture (scripts/llama_dry_run/README.md, tests/memory/memory_estimator_test.cpp):
// - output: beside the logits, the last hidden state, its norm and the rows picked for output (the
//   reserve graph outputs every token, so that copy is full size);
// - dense attention: q, q after rope, attention output, residual and norm (n_embd wide) and k, v
//   (n_embd_k_gqa wide);
// - dense FFN: residual, norm, FFN output and input (n_embd wide) and gate, up and their product (n_ff).
// A quantized cache with flash attention adds about one n_embd row at long contexts in the dry run; the
// extra output row above covers it, so it is not modelled separately.
constexpr std::uint64_t k_output_hidden_rows = 3;
constexpr std::uint64_t k_attention_embd_rows = 5;
constexpr std::uint64_t k_attention_kv_rows = 2;
constexpr std::uint64_t k_ffn_embd_rows = 4;
constexpr std::uint64_t k_ffn_rows = 3;
// deepseek2 keeps four n_embd rows, and its attention works on all 128 heads at once: legacy GGUFs
// decompress K (192) and V (128) per head, twice each (the projection and its permuted copy); MLA
// GGUFs hold the latent K (576) and V (512) and the per-head K and V once each.
constexpr std::uint64_t k_deepseek_embd_rows = 4;
constexpr std::uint64_t k_deepseek_legacy_head_copies = 2;
constexpr std::uint64_t k_expert_rows = 2;

struct StageWidths {
  std::uint64_t attention = 0;  // f32 values per token at the attention peak, scores excluded
  std::uint64_t ffn = 0;        // f32 values per token at the feed-forward peak
};

StageWidths dense_widths(const Hyperparameters& h) {
  const std::uint64_t embd = h.embedding_length;
  const std::uint64_t kv = std::uint64_t{h.key_length} * h.head_count_kv;
  return {k_attention_embd_rows * embd + k_attention_kv_rows * kv,
          k_ffn_embd_rows * embd + k_ffn_rows * h.feed_forward_length};
}

StageWidths deepseek_widths(const Hyperparameters& h, KvLayout layout) {
  const std::uint64_t embd_rows = k_deepseek_embd_rows * h.embedding_length;
  const std::uint64_t heads = h.head_count;
  if (layout == KvLayout::deepseek_mla) {
    const std::uint64_t attention =
        heads * (h.key_length_mla + h.value_length_mla + h.key_length + h.value_length) + embd_rows;
    return {attention, attention};
  }
  const std::uint64_t attention = k_deepseek_legacy_head_copies * heads * (h.key_length + h.value_length) + embd_rows;
  // With flash attention the MoE FFN is the peak: gate and up rows of every used routed expert, and the
  // shared experts' gate, up and product.
  const std::uint64_t routed = k_expert_rows * std::uint64_t{h.expert_used_count} * h.expert_feed_forward_length;
  const std::uint64_t shared = k_ffn_rows * std::uint64_t{h.expert_shared_count} * h.expert_feed_forward_length;
  return {attention, attention + routed + shared};
}

}  // namespace

std::uint64_t compute_buffer_bytes(const Model& model, KvLayout layout, const ComputeBufferInput& input) {
  const Hyperparameters& h = model.hparams;
  const std::uint64_t tokens = std::min<std::uint64_t>(input.kv_cells, input.ubatch_tokens);
  const std::uint64_t cells = input.kv_cells;

  const std::uint64_t output = k_f32_bytes * tokens * (h.vocab_size + k_output_hidden_rows * h.embedding_length);

  const StageWidths widths = model.architecture == "deepseek2" ? deepseek_widths(h, layout) : dense_widths(h);
  const std::uint64_t mask = tokens * cells * (input.flash_attention ? k_f16_bytes : k_f32_bytes);
  std::uint64_t layer = 0;
  if (input.flash_attention) {
    layer = mask + k_f32_bytes * tokens * std::max(widths.attention, widths.ffn);
  } else {
    // Without flash attention the scores of every head, n_kv x tokens each, are one f32 tensor.
    const std::uint64_t scores = k_f32_bytes * tokens * cells * h.head_count;
    layer = std::max(mask + scores + k_f32_bytes * tokens * widths.attention, mask + k_f32_bytes * tokens * widths.ffn);
  }
  return std::max(output, layer);
}

}  // namespace r1tag
