// An estimate of llama.cpp's compute buffer: the scratch memory ggml-alloc plans for the worst-case graph
// (min(n_ctx, n_ubatch) tokens, every one an output). llama.cpp has no formula for it; this models its
// main terms and is calibrated against llama.cpp's own no_alloc dry run (scripts/llama_dry_run).
#pragma once

#include <r1tag/tables/catalog.hpp>
#include <r1tag/gguf/tensor_inventory.hpp>

#include <cstdint>

namespace r1tag {

struct ComputeBufferInput {
  std::uint64_t kv_cells = 0;      // padded cache size: the attention spans all of it in the reserve graph
  std::uint32_t ubatch_tokens = 0;  // physical batch; the graph is reserved for min(n_ctx, ubatch) tokens
  bool flash_attention = false;
};

// The CPU backend's compute buffer in bytes for `model` with GGUF layout `layout`. The largest of three
// stages, because ggml-alloc reuses memory between them:
//   output:    logits, n_vocab x tokens x 4 bytes, plus three hidden-state rows;
//   attention: without flash attention the scores, head_count x n_kv x tokens x 4 bytes, plus the KQ
//              mask and the per-layer activations (q, k, v, attention output);
//   FFN:       the mask plus the feed-forward activations.
// Within 10 % of the dry run of llama.cpp v0.5.0 for every R1 architecture, 2K-128K context, f16/q8_0/q4_0
// and flash attention on/off (tests/memory/memory_estimator_test.cpp). CUDA and Metal plan their graphs
// differently; the same figure stands in for them, labelled estimated. Against published GPU load logs
// (one to eight GPUs, the pipeline's mask copies added by memory_estimator) it is 0.3 % to 6.5 % above.
// Every GPU of a split gets the whole graph's largest stage, though only the GPU holding the output layer
// reserves the logits: under flash attention the GPUs before it are over-estimated (no log to size it).
// Example: DeepSeek-R1-Distill-Qwen-7B, 4096 cells, ubatch 512 -> 318 MiB, the logits stage (llama.cpp: 311 MiB).
std::uint64_t compute_buffer_bytes(const Model& model, KvLayout layout, const ComputeBufferInput& input);

}  // namespace r1tag
