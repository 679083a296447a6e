// A plan's tensor bytes and weights gathered by where llama.cpp may put them, so that placing a variant,
// sizing its memory and estimating its speed cost O(layers), not O(tensors). Every plan carries one
// (FileSize::layers); it is all that fit and explain need once the file is planned.
#pragma once

#include <r1tag/tables/catalog.hpp>

#include <cstdint>
#include <vector>

namespace r1tag {

struct PlannedTensor;

// Per block, its routed experts (which --n-cpu-moe and `-ot exps=CPU` keep in RAM) apart from the rest;
// outside the blocks, the input embedding (always in RAM), the output layer's tensors, and the others
// (rope_freqs, created with block 0). Parameters are the weights (elements) behind the same bytes.
struct LayerWeights {
  std::vector<std::uint64_t> block_bytes;              // per block, routed experts excluded
  std::vector<std::uint64_t> block_expert_bytes;       // per block, routed experts (ffn_*_exps)
  std::vector<std::uint64_t> block_parameters;         // per block, routed experts excluded
  std::vector<std::uint64_t> block_expert_parameters;  // per block, routed experts
  std::uint64_t input_bytes = 0;                       // token_embd
  std::uint64_t input_parameters = 0;
  std::uint64_t output_layer_bytes = 0;                // output.weight, output_norm.weight
  std::uint64_t output_layer_parameters = 0;
  std::uint64_t first_block_bytes = 0;                 // other tensors outside the blocks
  std::uint64_t first_block_parameters = 0;
  // No output.weight: tied embeddings, where llama.cpp uses token_embd as the output matrix too.
  bool output_is_token_embd = false;

  friend bool operator==(const LayerWeights&, const LayerWeights&) = default;
};

// `tensors` (the planned tensors of `model`) gathered as LayerWeights. Throws Error (bad_input) for a
// tensor whose block number is not below the model's block_count.
LayerWeights layer_weights(const Model& model, const std::vector<PlannedTensor>& tensors);

}  // namespace r1tag
