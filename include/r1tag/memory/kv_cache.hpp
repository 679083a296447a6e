// The KV cache as llama.cpp allocates it: how many cells (the context padded as the runtime pads it),
// how many K and V values each layer caches per cell (DeepSeek legacy, MLA and V-less MLA differ), and
// the exact bytes for a ggml cache type (q8_0 = 34 bytes per 32 values).
#pragma once

#include <r1tag/tables/catalog.hpp>
#include <r1tag/gguf/tensor_inventory.hpp>

#include <cstdint>

namespace r1tag {

// Values cached per cell in each layer: llama.cpp's n_embd_k_gqa and n_embd_v_gqa.
struct KvCacheShape {
  std::uint64_t key_values_per_cell = 0;    // key_length x head_count_kv
  std::uint64_t value_values_per_cell = 0;  // value_length x head_count_kv; 0 for the V-less MLA cache
};

// What `model` caches per layer and cell with GGUF layout `layout` on `runtime`
// (quant-rules-and-memory.md §2.2). Example: DeepSeek-R1, deepseek_legacy -> {24576, 16384};
// deepseek_mla on llama.cpp after PR #19067 -> {576, 0}; DeepSeek-R1-Distill-Qwen-7B -> {512, 512}.
KvCacheShape kv_cache_shape(const Model& model, KvLayout layout, const RuntimeProfile& runtime);

// The cells llama.cpp allocates for `context_tokens` per sequence and `parallel_sequences` sequences,
// as the runner gets `-c context x parallel -np parallel`: n_ctx padded to the runtime's padding, split
// per sequence and padded again (llama-context.cpp). Example: 8000 tokens, 1 sequence, padding 256 -> 8192.
std::uint64_t kv_cache_cells(std::uint64_t context_tokens, std::uint32_t parallel_sequences,
                             const RuntimeProfile& runtime);

// Exact bytes of `values` values of ggml type `type`, rounded up to whole blocks (ggml_row_size).
// Example: 1024 values of q8_0 -> 32 blocks x 34 bytes = 1088 bytes.
std::uint64_t cache_values_bytes(std::uint64_t values, const GgmlType& type);

// Bytes of one layer's K and V cache for `cells` cells.
std::uint64_t kv_cache_layer_bytes(const KvCacheShape& shape, std::uint64_t cells, const GgmlType& type_k,
                                   const GgmlType& type_v);

}  // namespace r1tag
