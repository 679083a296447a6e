// What llama-quantize's rules read from a tensor's name (internal to quant_rules): the exact names and
// the substrings llama_tensor_get_type tests, computed once per distinct name of an inventory, since
// block after block the names repeat with only the layer number changed.
#pragma once

#include <r1tag/gguf/tensor_inventory.hpp>

#include <vector>

namespace r1tag::detail {

// What llama_tensor_get_type learns from one tensor's name: exact names, and the substrings it matches.
struct NameTraits {
  bool output = false;       // == "output.weight"
  bool token_embd = false;   // == "token_embd.weight"
  bool weight = false;       // ends in "weight"
  bool norm = false;         // "_norm.weight"
  bool router = false;       // "ffn_gate_inp.weight"
  bool attn_v = false;       // "attn_v.weight"
  bool attn_qkv = false;     // "attn_qkv.weight"
  bool attn_kv_b = false;    // "attn_kv_b.weight"
  bool attn_k = false;       // "attn_k.weight"
  bool attn_q = false;       // "attn_q.weight"
  bool attn_output = false;  // "attn_output.weight"
  bool ffn_down = false;     // "ffn_down": ffn_down, ffn_down_exps, ffn_down_shexp
  bool ffn_gate = false;     // "ffn_gate": also the router, which is never quantized
  bool ffn_up = false;       // "ffn_up"
};

// The traits of each of `tensors`, in order.
std::vector<NameTraits> name_traits(const std::vector<TensorInfo>& tensors);

}  // namespace r1tag::detail
