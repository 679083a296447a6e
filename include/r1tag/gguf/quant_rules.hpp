// llama-quantize's per-tensor type choice (llama_tensor_get_type in llama.cpp's src/llama-quant.cpp):
// which ggml type each tensor of a GGUF gets for a given file type, so that sizes can be computed
// tensor by tensor instead of from one bits-per-weight constant.
#pragma once

#include <r1tag/tables/catalog.hpp>
#include <r1tag/gguf/tensor_inventory.hpp>

#include <string_view>
#include <vector>

namespace r1tag {

// Which copy of llama.cpp's rules to apply. `llama_cpp_2025` (LQ-25: the ollama-vendored
// src/llama-quant.cpp from llama.cpp 46e3556e, Jan 2025, to ec98e2002, Dec 2025) produced nearly every
// published R1 GGUF and is the default. `llama_cpp_2026` (LQ-26: ggml-org/llama.cpp @ 007dbbf3) treats
// attn_qkv/attn_kv_b like attn_v and falls back from Q2_K/Q3_K to Q4_0 instead of IQ4_NL.
enum class RuleSet { llama_cpp_2025, llama_cpp_2026 };

// "llama.cpp 2025 rules" / "llama.cpp 2026 rules", for labels.
std::string_view rule_set_label(RuleSet rules);

struct QuantOptions {
  // An importance matrix was used. bartowski and unsloth quants use one, ollama's library did not;
  // it changes IQ3_XXS, IQ4_NL, IQ4_XS, Q4_0 and Q5_0 files.
  bool imatrix = false;
  RuleSet rules = RuleSet::llama_cpp_2025;
};

// The ggml type llama-quantize gives each of `tensors` (same order) when it writes `scheme` for `model`:
// every llama-quantize file type (F32/F16/BF16, Q4_0 … Q8_0, K-quants, IQ types, TQ, MXFP4_MOE, and the
// 2026-only Q1_0/Q2_0), and publisher variants (`_L`/`_XL`: the base scheme, then the scheme's
// `token_embd_type`/`output_type` forced on token_embd.weight/output.weight). Types are resolved in
// `catalog`. Throws Error (bad_input) for custom mixes (unsloth UD-*), whose types cannot be predicted,
// and for a file type the chosen rule set does not have.
// Example: DeepSeek-R1-Distill-Qwen-7B, Q4_K_M -> output.weight Q6_K, token_embd.weight Q4_K,
// blk.0.attn_v.weight Q6_K, blk.3.attn_v.weight Q4_K.
std::vector<const GgmlType*> assign_tensor_types(const Model& model, const std::vector<TensorInfo>& tensors,
                                                 const QuantScheme& scheme, const Catalog& catalog,
                                                 const QuantOptions& options);

namespace detail {

// llama.cpp's use_more_bits(i, n): the first and last eighth of the layers and every third layer in
// between get more bits in Q4_K_M/Q5_K_M (attn_v, ffn_down).
bool use_more_bits(int i_layer, int n_layers);

}  // namespace detail

}  // namespace r1tag
