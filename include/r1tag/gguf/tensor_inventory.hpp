// The tensors a GGUF file of an R1-family model holds: names and shapes as llama.cpp's converter
// writes them, in the order llama.cpp's loader visits them. The quant rules and the size engine
// start from this list.
#pragma once

#include <r1tag/tables/catalog.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace r1tag {

// How a deepseek2 GGUF stores attention. `deepseek_legacy` has one `attn_kv_b` per block (every R1 GGUF
// converted before llama.cpp PR #12801, April 2025, e.g. ollama's library); `deepseek_mla` splits it into
// `attn_k_b` and `attn_v_b` (PR #12801). Other architectures use `standard`; for deepseek2, `standard`
// means `deepseek_legacy`.
enum class KvLayout { standard, deepseek_legacy, deepseek_mla };

// A catalogue `kv_layout` string ("legacy", "mla", or empty) as a KvLayout.
// Example: kv_layout_from("mla") == KvLayout::deepseek_mla. Throws Error (bad_input) for anything else.
KvLayout kv_layout_from(std::string_view text);

struct TensorInfo {
  std::string name;                            // "blk.0.attn_v.weight"
  std::array<std::uint64_t, 4> ne{1, 1, 1, 1};  // GGUF shape; ne[0] is the row length
  std::uint32_t n_dims = 1;
  int layer = -1;  // block number, -1 for tensors outside the blocks

  std::uint64_t elements() const { return ne[0] * ne[1] * ne[2] * ne[3]; }
};

// Every tensor llama.cpp's converter (convert_hf_to_gguf.py) writes for `model` (architectures qwen2,
// llama, qwen3, deepseek2), with biases, norms, rope_freqs, tied or untied output, MoE expert tensors
// (3-D) and deepseek2's leading dense blocks, in llama.cpp's loader order (weights_map: tensors outside
// the blocks by name, then block by block, by name inside a block). `layout` selects the deepseek2
// attention tensors. Throws Error (bad_input) for an architecture it does not know.
// Example: for DeepSeek-R1-Distill-Qwen-7B, 339 tensors; the first is output.weight [3584, 152064].
std::vector<TensorInfo> tensor_inventory(const Model& model, KvLayout layout);

}  // namespace r1tag
