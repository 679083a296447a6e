// Bytes per element of ggml's unquantized types, as llama.cpp's graph uses them: activations, logits and
// the KQ mask without flash attention are f32, the mask with it f16 (llama-graph.cpp
// build_attn_inp_kq_mask). Type sizes of ggml, not tunable figures; internal to memory/.
#pragma once

#include <cstdint>

namespace r1tag::ggml_element_bytes {

inline constexpr std::uint64_t f32 = 4;  // GGML_TYPE_F32
inline constexpr std::uint64_t f16 = 2;  // GGML_TYPE_F16

}  // namespace r1tag::ggml_element_bytes
