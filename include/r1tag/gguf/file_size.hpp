// The size of a GGUF file before it is downloaded: tensor by tensor from llama.cpp's quantization
// rules and the ggml block layouts, plus the GGUF header, key/value metadata (estimated), tensor-info
// table and alignment padding.
#pragma once

#include <r1tag/tables/catalog.hpp>
#include <r1tag/gguf/layer_weights.hpp>
#include <r1tag/gguf/quant_rules.hpp>
#include <r1tag/gguf/tensor_inventory.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace r1tag {

struct PlannedTensor {
  TensorInfo tensor;
  const GgmlType* type = nullptr;
  std::uint64_t bytes = 0;  // data bytes, before alignment padding
};

// One row of the type histogram: how many tensors, weights and bytes a ggml type holds.
struct TypeTotal {
  std::string type;
  std::uint32_t tensor_count = 0;
  std::uint64_t elements = 0;
  std::uint64_t bytes = 0;
};

struct FileSize {
  std::vector<PlannedTensor> tensors;  // loader order
  std::size_t tensor_count = 0;        // tensors.size() of the full plan
  LayerWeights layers;                 // the tensors gathered by layer: what memory and speed need
  std::uint64_t tensor_bytes = 0;       // sum of tensor data
  std::uint64_t padding_bytes = 0;      // alignment padding after the tensor-info table and each tensor
  std::uint64_t header_bytes = 0;       // magic, version, tensor and key/value counts (exact)
  std::uint64_t kv_bytes = 0;           // key/value metadata (estimated, see metadata_basis)
  std::uint64_t tensor_info_bytes = 0;  // name, shape, type and offset of every tensor (exact)
  std::uint64_t metadata_bytes = 0;     // header + key/value + tensor-info: everything before the data
  std::uint64_t total_bytes = 0;        // metadata + padding + tensor data
  std::uint64_t parameters = 0;         // weights in all tensors, as llama.cpp's "model params"
  double bits_per_weight = 0;           // tensor data bits per weight, as llama.cpp's "BPW"
  std::vector<TypeTotal> histogram;     // by type, largest byte count first
  RuleSet rules = RuleSet::llama_cpp_2025;
  std::string metadata_basis;  // how kv_bytes was estimated, with its source
};

// Bytes of one tensor of `type`: rows of ne[0] weights in blocks of the type's block size.
// Example: a Q4_K tensor [4096, 4096] is 4096 rows x 16 blocks x 144 bytes = 9437184 bytes.
// Throws Error (bad_input) when ne[0] is not a multiple of the block size.
std::uint64_t tensor_data_bytes(const TensorInfo& tensor, const GgmlType& type);

// Exact parameter count of an inventory: what llama.cpp prints as "model params".
std::uint64_t parameter_count(const std::vector<TensorInfo>& tensors);

// The GGUF file llama-quantize writes for `model` at `scheme` (see assign_tensor_types for the options),
// with the kv layout `layout` for deepseek2. nullopt for custom mixes (unsloth UD-*), whose size only
// the publisher knows. The key/value metadata is an estimate from the model's tokenizer
// (Model::gguf_metadata); everything else is exact for files written by llama.cpp.
std::optional<FileSize> compute_file_size(const Model& model, const QuantScheme& scheme, const Catalog& catalog,
                                          const QuantOptions& options, KvLayout layout);

}  // namespace r1tag
