#include <r1tag/gguf/file_size.hpp>

#include <r1tag/common/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <limits>

// GGUF layout from ggml's docs/gguf.md and gguf.cpp (gguf_write_to_buf): a header, the key/value pairs,
// one info record per tensor, padding to general.alignment (32 unless the file says otherwise), then
// each tensor's data padded to the alignment.
namespace r1tag {

namespace {

constexpr std::uint64_t k_gguf_alignment_bytes = 32;
// magic "GGUF" (4) + version (4) + tensor count (8) + key/value count (8).
constexpr std::uint64_t k_gguf_header_bytes = 24;

std::uint64_t checked_add(std::uint64_t a, std::uint64_t b) {
  if (a > std::numeric_limits<std::uint64_t>::max() - b) throw Error::bad_input("file size overflows 64 bits");
  return a + b;
}

std::uint64_t checked_mul(std::uint64_t a, std::uint64_t b) {
  if (b != 0 && a > std::numeric_limits<std::uint64_t>::max() / b) {
    throw Error::bad_input("tensor size overflows 64 bits");
  }
  return a * b;
}

std::uint64_t padding_to_alignment(std::uint64_t offset_bytes) {
  const std::uint64_t rest = offset_bytes % k_gguf_alignment_bytes;
  return rest == 0 ? 0 : k_gguf_alignment_bytes - rest;
}

// One tensor-info record: name as a GGUF string (u64 length + bytes), n_dims (u32), ne[n_dims] (u64
// each), type (u32), data offset (u64).
std::uint64_t tensor_info_record_bytes(const TensorInfo& t) {
  return 8 + t.name.size() + 4 + 8 * std::uint64_t{t.n_dims} + 4 + 8;
}

// Rows by type, largest byte count first; types with equal bytes by name. A file holds a handful of
// types, so they are gathered by type pointer and named only once at the end.
std::vector<TypeTotal> type_histogram(const std::vector<PlannedTensor>& planned) {
  struct Row {
    const GgmlType* type;
    TypeTotal total;
  };
  std::vector<Row> rows;
  for (const PlannedTensor& p : planned) {
    auto row = std::find_if(rows.begin(), rows.end(), [&](const Row& r) { return r.type == p.type; });
    if (row == rows.end()) row = rows.insert(rows.end(), Row{p.type, {}});
    ++row->total.tensor_count;
    row->total.elements += p.tensor.elements();
    row->total.bytes += p.bytes;
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.type->name < b.type->name; });
  std::vector<TypeTotal> out;
  out.reserve(rows.size());
  for (Row& r : rows) {
    r.total.type = r.type->name;
    out.push_back(std::move(r.total));
  }
  std::stable_sort(out.begin(), out.end(), [](const TypeTotal& a, const TypeTotal& b) { return a.bytes > b.bytes; });
  return out;
}

std::string metadata_basis_of(const Model& model) {
  const GgufMetadataEstimate& g = model.gguf_metadata;
  if (g.kv_bytes == 0) return fmt::format("no key/value metadata estimate for {}; counted as 0 bytes", model.id);
  return fmt::format("estimated: {} bytes of key/value metadata for the {} tokenizer arrays and the other keys "
                     "(source: {})",
                     g.kv_bytes, g.tokenizer, g.source);
}

void add_layout(FileSize& size, const Model& model) {
  size.header_bytes = k_gguf_header_bytes;
  size.kv_bytes = model.gguf_metadata.kv_bytes;
  for (const PlannedTensor& p : size.tensors) size.tensor_info_bytes += tensor_info_record_bytes(p.tensor);
  size.metadata_bytes = size.header_bytes + size.kv_bytes + size.tensor_info_bytes;
  std::uint64_t padding = padding_to_alignment(size.metadata_bytes);
  for (const PlannedTensor& p : size.tensors) padding += padding_to_alignment(p.bytes);
  size.padding_bytes = padding;
  size.total_bytes = checked_add(checked_add(size.metadata_bytes, size.padding_bytes), size.tensor_bytes);
}

}  // namespace

std::uint64_t tensor_data_bytes(const TensorInfo& tensor, const GgmlType& type) {
  if (tensor.ne[0] % type.block_size != 0) {
    throw Error::bad_input(fmt::format("{}: row length {} is not a multiple of the {} block ({})", tensor.name,
                                       tensor.ne[0], type.name, type.block_size));
  }
  const std::uint64_t row_bytes = tensor.ne[0] / type.block_size * type.type_size_bytes;
  return checked_mul(checked_mul(checked_mul(row_bytes, tensor.ne[1]), tensor.ne[2]), tensor.ne[3]);
}

std::uint64_t parameter_count(const std::vector<TensorInfo>& tensors) {
  std::uint64_t total = 0;
  for (const TensorInfo& t : tensors) total = checked_add(total, t.elements());
  return total;
}

std::optional<FileSize> compute_file_size(const Model& model, const QuantScheme& scheme, const Catalog& catalog,
                                          const QuantOptions& options, KvLayout layout) {
  if (scheme.custom_mix) return std::nullopt;
  std::vector<TensorInfo> tensors = tensor_inventory(model, layout);
  const std::vector<const GgmlType*> types = assign_tensor_types(model, tensors, scheme, catalog, options);
  FileSize size;
  size.rules = options.rules;
  size.tensors.reserve(tensors.size());
  for (std::size_t i = 0; i < tensors.size(); ++i) {
    PlannedTensor p{std::move(tensors[i]), types[i], 0};
    p.bytes = tensor_data_bytes(p.tensor, *p.type);
    size.tensor_bytes = checked_add(size.tensor_bytes, p.bytes);
    size.parameters = checked_add(size.parameters, p.tensor.elements());
    size.tensors.push_back(std::move(p));
  }
  size.bits_per_weight =
      size.parameters == 0 ? 0.0 : static_cast<double>(size.tensor_bytes) * 8.0 / static_cast<double>(size.parameters);
  size.tensor_count = size.tensors.size();
  size.layers = layer_weights(model, size.tensors);
  size.histogram = type_histogram(size.tensors);
  size.metadata_basis = metadata_basis_of(model);
  add_layout(size, model);
  return size;
}

}  // namespace r1tag
