#include <r1tag/gguf/gguf_header.hpp>

#include <algorithm>
#include <string>

namespace r1tag {

std::string_view gguf_value_type_name(GgufValueType type) {
  switch (type) {
    case GgufValueType::uint8: return "uint8";
    case GgufValueType::int8: return "int8";
    case GgufValueType::uint16: return "uint16";
    case GgufValueType::int16: return "int16";
    case GgufValueType::uint32: return "uint32";
    case GgufValueType::int32: return "int32";
    case GgufValueType::float32: return "float32";
    case GgufValueType::boolean: return "bool";
    case GgufValueType::string: return "string";
    case GgufValueType::array: return "array";
    case GgufValueType::uint64: return "uint64";
    case GgufValueType::int64: return "int64";
    case GgufValueType::float64: return "float64";
  }
  return "unknown";
}

const GgufValue* GgufHeader::find(std::string_view key) const {
  for (const GgufKeyValue& kv : metadata)
    if (kv.key == key) return &kv.value;
  return nullptr;
}

std::optional<std::string_view> GgufHeader::string(std::string_view key) const {
  const GgufValue* v = find(key);
  if (v == nullptr) return std::nullopt;
  if (const auto* s = std::get_if<std::string>(&v->value)) return std::string_view(*s);
  return std::nullopt;
}

std::optional<std::uint64_t> GgufHeader::uint(std::string_view key) const {
  const GgufValue* v = find(key);
  if (v == nullptr) return std::nullopt;
  if (const auto* u = std::get_if<std::uint64_t>(&v->value)) return *u;
  if (const auto* i = std::get_if<std::int64_t>(&v->value); i != nullptr && *i >= 0)
    return static_cast<std::uint64_t>(*i);
  if (const auto* b = std::get_if<bool>(&v->value)) return *b ? 1 : 0;
  return std::nullopt;
}

std::optional<double> GgufHeader::number(std::string_view key) const {
  const GgufValue* v = find(key);
  if (v == nullptr) return std::nullopt;
  if (const auto* u = std::get_if<std::uint64_t>(&v->value)) return static_cast<double>(*u);
  if (const auto* i = std::get_if<std::int64_t>(&v->value)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&v->value)) return *d;
  return std::nullopt;
}

std::optional<bool> GgufHeader::boolean(std::string_view key) const {
  const GgufValue* v = find(key);
  if (v == nullptr) return std::nullopt;
  if (const auto* b = std::get_if<bool>(&v->value)) return *b;
  return std::nullopt;
}

const GgufArray* GgufHeader::array(std::string_view key) const {
  const GgufValue* v = find(key);
  return v == nullptr ? nullptr : std::get_if<GgufArray>(&v->value);
}

std::string_view GgufHeader::architecture() const { return string("general.architecture").value_or(""); }

std::optional<std::uint64_t> GgufHeader::arch_uint(std::string_view suffix) const {
  std::string key(architecture());
  key.append(".").append(suffix);
  return uint(key);
}

std::uint64_t GgufHeader::tensor_data_bytes() const {
  std::uint64_t total = 0;
  for (const GgufTensorInfo& t : tensors) total += t.bytes;
  return total;
}

std::uint64_t GgufHeader::data_end() const {
  std::uint64_t end = 0;
  for (const GgufTensorInfo& t : tensors) end = std::max(end, t.offset + t.bytes);
  return data_offset + end;
}

}  // namespace r1tag
