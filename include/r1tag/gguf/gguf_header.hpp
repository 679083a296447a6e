// What a GGUF file's header says, as a value: version, alignment, where the tensor data starts, the
// key/value metadata (typed) and every tensor's name, shape, ggml type, offset and data bytes.
// Produced by read_gguf_header (gguf_reader.hpp); never holds tensor data nor the vocabulary's strings.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace r1tag {

// GGUF metadata value types, numbered as in ggml's docs/gguf.md (`gguf_metadata_value_type`).
enum class GgufValueType : std::uint32_t {
  uint8 = 0,
  int8 = 1,
  uint16 = 2,
  int16 = 3,
  uint32 = 4,
  int32 = 5,
  float32 = 6,
  boolean = 7,
  string = 8,
  array = 9,
  uint64 = 10,
  int64 = 11,
  float64 = 12,
};

// "uint32", "string", …: as gguf.md names the types, for messages and output.
std::string_view gguf_value_type_name(GgufValueType type);

// An array value: its element type and length. Elements are not kept (a vocabulary holds 100,000+
// strings), except integer and boolean elements of short arrays (per-layer head counts, at most
// GgufReadLimits::max_kept_array_length), which are kept in `integers`.
struct GgufArray {
  GgufValueType element_type = GgufValueType::uint8;
  std::uint64_t length = 0;
  std::vector<std::int64_t> integers;  // empty unless integer/bool elements were kept
};

// One metadata value. Unsigned integers (u8–u64) are held as uint64_t, signed ones as int64_t,
// floats as double; `type` keeps the type the file wrote.
struct GgufValue {
  GgufValueType type = GgufValueType::uint8;
  std::variant<std::uint64_t, std::int64_t, double, bool, std::string, GgufArray> value;
};

struct GgufKeyValue {
  std::string key;  // "general.architecture"
  GgufValue value;
  std::uint64_t offset = 0;  // byte offset of the key in the file, for messages
};

// One tensor info. `offset` is relative to the data section (GgufHeader::data_offset), as in the file.
struct GgufTensorInfo {
  std::string name;                             // "blk.0.attn_q.weight"
  std::uint32_t n_dims = 0;                     // 1–4
  std::array<std::uint64_t, 4> ne{1, 1, 1, 1};  // dims; ne[0] is the row length; unused dims are 1
  std::uint32_t type_id = 0;                    // ggml type id (data/quant_types.json `type_id`)
  std::string_view type_name;                   // "Q4_K": the catalogue's name for type_id
  std::uint64_t offset = 0;                     // from the start of the data section
  std::uint64_t bytes = 0;                      // data bytes, before alignment padding
  std::uint64_t info_offset = 0;                // byte offset of the tensor info in the file, for messages

  std::uint64_t elements() const { return ne[0] * ne[1] * ne[2] * ne[3]; }
};

struct GgufHeader {
  std::string source_name;        // the ByteSource's display name (a path or URL)
  std::uint32_t version = 0;      // 2 or 3
  std::uint32_t alignment = 32;   // general.alignment, or GGUF's default 32
  std::uint64_t tensor_infos_offset = 0;  // where the tensor infos start (the end of the key/value pairs)
  std::uint64_t header_bytes = 0; // magic to the end of the tensor infos: the bytes that were read
  std::uint64_t data_offset = 0;  // header_bytes rounded up to the alignment: where tensor data starts
  std::vector<GgufKeyValue> metadata;  // in file order
  std::vector<GgufTensorInfo> tensors;  // in file order

  // Lookups by exact key; nullptr/nullopt when absent or of another kind.
  const GgufValue* find(std::string_view key) const;
  std::optional<std::string_view> string(std::string_view key) const;
  // Any integer type whose value is >= 0 (split.tensors.count is an int32), or a bool as 0/1.
  std::optional<std::uint64_t> uint(std::string_view key) const;
  // Any integer or float type.
  std::optional<double> number(std::string_view key) const;
  std::optional<bool> boolean(std::string_view key) const;
  const GgufArray* array(std::string_view key) const;

  // general.architecture ("llama", "qwen2", "deepseek2"), or "" when absent.
  std::string_view architecture() const;
  // `<general.architecture>.<suffix>` as uint: arch_uint("block_count").
  std::optional<std::uint64_t> arch_uint(std::string_view suffix) const;

  // Sum of the tensors' data bytes (padding excluded).
  std::uint64_t tensor_data_bytes() const;
  // Where the last tensor's data ends, from the start of the file (data_offset + end of the furthest
  // tensor); data_offset for a part without tensors.
  std::uint64_t data_end() const;
};

}  // namespace r1tag
