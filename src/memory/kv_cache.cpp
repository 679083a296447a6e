#include <r1tag/memory/kv_cache.hpp>

namespace r1tag {

namespace {

std::uint64_t round_up(std::uint64_t n, std::uint64_t multiple) {
  return multiple == 0 ? n : (n + multiple - 1) / multiple * multiple;
}

}  // namespace

KvCacheShape kv_cache_shape(const Model& model, KvLayout layout, const RuntimeProfile& runtime) {
  const Hyperparameters& h = model.hparams;
  // An MLA GGUF caches the compressed latent (kv_lora_rank) plus the rope part once per token:
  // key_length_mla = 576 values for K, value_length_mla = 512 for V, one "head" (llama.cpp PR #12801).
  // Since PR #19067 V is a view of K and not stored at all (llama-kv-cache.cpp: has_v = !is_mla).
  if (model.architecture == "deepseek2" && layout == KvLayout::deepseek_mla) {
    return {h.key_length_mla, runtime.v_less_mla_cache.value ? 0 : std::uint64_t{h.value_length_mla}};
  }
  // Everything else, including legacy deepseek2 GGUFs (128 heads x 192 / 128), caches full K and V heads.
  return {std::uint64_t{h.key_length} * h.head_count_kv, std::uint64_t{h.value_length} * h.head_count_kv};
}

std::uint64_t kv_cache_cells(std::uint64_t context_tokens, std::uint32_t parallel_sequences,
                             const RuntimeProfile& runtime) {
  const std::uint64_t padding = runtime.kv_padding_tokens.value;
  const std::uint64_t sequences = parallel_sequences == 0 ? 1 : parallel_sequences;
  // llama_context: n_ctx = GGML_PAD(n_ctx, 256); with several sequences and a non-unified cache (the
  // default), each gets GGML_PAD(n_ctx / n_seq, 256) cells in its own stream.
  const std::uint64_t n_ctx = round_up(context_tokens * sequences, padding);
  if (sequences == 1) return n_ctx;
  return round_up(n_ctx / sequences, padding) * sequences;
}

std::uint64_t cache_values_bytes(std::uint64_t values, const GgmlType& type) {
  const std::uint64_t blocks = (values + type.block_size - 1) / type.block_size;
  return blocks * type.type_size_bytes;
}

std::uint64_t kv_cache_layer_bytes(const KvCacheShape& shape, std::uint64_t cells, const GgmlType& type_k,
                                   const GgmlType& type_v) {
  // One K tensor [n_embd_k_gqa, kv_size] and one V tensor [n_embd_v_gqa, kv_size]: rows are per cell.
  return cells * (cache_values_bytes(shape.key_values_per_cell, type_k) +
                  cache_values_bytes(shape.value_values_per_cell, type_v));
}

}  // namespace r1tag
