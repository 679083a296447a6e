#include <r1tag/gguf/layer_weights.hpp>

#include <r1tag/common/error.hpp>
#include <r1tag/gguf/file_size.hpp>

#include <fmt/format.h>

namespace r1tag {

namespace {

bool is_routed_expert(const std::string& name) {
  return name.find("_exps.") != std::string::npos && name.find("ffn_") != std::string::npos;
}

// Where a tensor goes relative to the layers (llama-model.cpp load_tensors).
enum class TensorHome { input, block, block_routed_expert, output_layer, first_block };

TensorHome home_of(const TensorInfo& t) {
  // llama.cpp keeps the input layer on the CPU ("very little benefit to offloading the input layer").
  if (t.name.rfind("token_embd.", 0) == 0) return TensorHome::input;
  if (t.layer >= 0) return is_routed_expert(t.name) ? TensorHome::block_routed_expert : TensorHome::block;
  if (t.name.rfind("output", 0) == 0) return TensorHome::output_layer;
  return TensorHome::first_block;  // rope_freqs: created with block 0 (TENSOR_DUPLICATED for the others)
}

}  // namespace

LayerWeights layer_weights(const Model& model, const std::vector<PlannedTensor>& tensors) {
  const std::uint32_t block_count = model.hparams.block_count;
  LayerWeights w;
  w.block_bytes.assign(block_count, 0);
  w.block_expert_bytes.assign(block_count, 0);
  w.block_parameters.assign(block_count, 0);
  w.block_expert_parameters.assign(block_count, 0);
  w.output_is_token_embd = true;
  for (const PlannedTensor& t : tensors) {
    const TensorHome home = home_of(t.tensor);
    if ((home == TensorHome::block || home == TensorHome::block_routed_expert) &&
        static_cast<std::uint32_t>(t.tensor.layer) >= block_count) {
      throw Error::bad_input(fmt::format("{}: block {} of a model with {} blocks", t.tensor.name, t.tensor.layer,
                                         block_count));
    }
    if (t.tensor.name == "output.weight") w.output_is_token_embd = false;
    const auto block = static_cast<std::size_t>(t.tensor.layer);
    const std::uint64_t elements = t.tensor.elements();
    switch (home) {
      case TensorHome::input:
        w.input_bytes += t.bytes;
        w.input_parameters += elements;
        break;
      case TensorHome::block:
        w.block_bytes[block] += t.bytes;
        w.block_parameters[block] += elements;
        break;
      case TensorHome::block_routed_expert:
        w.block_expert_bytes[block] += t.bytes;
        w.block_expert_parameters[block] += elements;
        break;
      case TensorHome::output_layer:
        w.output_layer_bytes += t.bytes;
        w.output_layer_parameters += elements;
        break;
      case TensorHome::first_block:
        w.first_block_bytes += t.bytes;
        w.first_block_parameters += elements;
        break;
    }
  }
  return w;
}

}  // namespace r1tag
