// The planned tensors of a custom mix (unsloth UD-*): only the publisher knows its per-tensor types, so
// r1tag starts from the Q4_K_M plan and scales the low-bit part to the published total.
#pragma once

#include <r1tag/tables/catalog.hpp>
#include <r1tag/gguf/file_size.hpp>
#include <r1tag/gguf/tensor_inventory.hpp>

#include <cstdint>
#include <optional>

namespace r1tag {

// The plan of `model` as a custom mix of `published_bytes` in total, with kv layout `layout`: the Q4_K_M
// plan with the routed experts (MoE) or every weight matrix (dense) scaled so that the file adds up to
// `published_bytes`. unsloth's recipe keeps attention, shared experts and dense blocks at 4-6 bits and
// puts the routed experts low, so which device holds how much is an estimate. nullopt when the catalogue
// has no Q4_K_M or the published total is below the unscaled part.
// Example: DeepSeek-R1 at 131 GB (UD-IQ1_S): routed experts scaled to about 1.6 bits per weight.
std::optional<FileSize> estimate_custom_mix_plan(const Model& model, std::uint64_t published_bytes,
                                                 const Catalog& catalog, KvLayout layout);

}  // namespace r1tag
