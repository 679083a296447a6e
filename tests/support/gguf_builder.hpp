// Writes GGUF headers byte by byte for tests, the fuzzer's seeds and the benches: valid files and
// hostile ones (any count, length, version or offset can be forced). Format: ggml docs/gguf.md (v3,
// little-endian). Tensor data is never written: files are extended with ftruncate (a hole), so a
// 400 GB model costs only its header on disk.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace r1tag::test {

class GgufBuilder {
 public:
  std::string magic = "GGUF";
  std::uint32_t version = 3;
  std::uint32_t alignment = 32;             // used for offsets; written only by add_u32("general.alignment")
  std::optional<std::uint64_t> tensor_count_override;  // hostile counts
  std::optional<std::uint64_t> kv_count_override;

  void add_string(std::string_view key, std::string_view value) {
    begin(key, k_string);
    put_string(m_kv, value);
  }
  void add_u32(std::string_view key, std::uint32_t value) { add_value(key, value); }
  void add_u64(std::string_view key, std::uint64_t value) { add_value(key, value); }
  void add_i32(std::string_view key, std::int32_t value) { add_value(key, value); }
  void add_u16(std::string_view key, std::uint16_t value) { add_value(key, value); }
  void add_f32(std::string_view key, float value) { add_value(key, value); }
  void add_bool(std::string_view key, bool value) { add_value(key, value); }
  void add_string_array(std::string_view key, const std::vector<std::string>& values) {
    begin_array(key, k_string, values.size());
    for (const std::string& v : values) put_string(m_kv, v);
  }
  // `count` strings "t<i>": a vocabulary of any size without building it in memory first.
  void add_token_array(std::string_view key, std::uint64_t count) {
    begin_array(key, k_string, count);
    for (std::uint64_t i = 0; i < count; ++i) put_string(m_kv, "t" + std::to_string(i));
  }
  void add_i32_array(std::string_view key, const std::vector<std::int32_t>& values) {
    begin_array(key, value_type<std::int32_t>(), values.size());
    for (const std::int32_t v : values) put(m_kv, v);
  }
  // A key with raw value bytes after its type: for hostile lengths and nested arrays.
  void add_raw(std::string_view key, std::uint32_t type, std::string_view value_bytes) {
    begin(key, type);
    m_kv.append(value_bytes);
  }

  // A tensor with `data_bytes` of data at the next aligned offset (or `offset` when given).
  void add_tensor(std::string_view name, const std::vector<std::uint64_t>& ne, std::uint32_t type_id,
                  std::uint64_t data_bytes, std::optional<std::uint64_t> offset = std::nullopt) {
    put_string(m_tensors, name);
    put(m_tensors, static_cast<std::uint32_t>(ne.size()));
    for (const std::uint64_t d : ne) put(m_tensors, d);
    put(m_tensors, type_id);
    const std::uint64_t at = offset.value_or(m_next_offset);
    put(m_tensors, at);
    m_next_offset = std::max(m_next_offset, align(at + data_bytes));
    ++m_tensor_count;
  }
  // Raw tensor-info bytes (hostile n_dims and the like); counts as one tensor.
  void add_raw_tensor(std::string_view bytes) {
    m_tensors.append(bytes);
    ++m_tensor_count;
  }

  // Magic to the end of the tensor infos.
  std::string header() const { return fixed_part() + m_kv + m_tensors; }
  // Magic, version and the two counts.
  std::string fixed_part() const {
    std::string out = magic;
    put(out, version);
    put(out, tensor_count_override.value_or(m_tensor_count));
    put(out, kv_count_override.value_or(m_kv_count));
    return out;
  }
  std::uint64_t header_size() const { return magic.size() + 4 + 8 + 8 + m_kv.size() + m_tensors.size(); }
  std::uint64_t data_offset() const { return align(header_size()); }
  // The size a complete file has: data offset plus every tensor's data, each padded to the alignment.
  std::uint64_t file_bytes() const { return data_offset() + m_next_offset; }

  // The header padded to the data offset; with `full`, extended (sparse) to file_bytes().
  // Returns false when the file could not be written.
  bool write(const std::string& path, bool full = true) const;

  template <typename T>
  static void put(std::string& out, T value) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    out.append(bytes, sizeof(T));
  }
  static void put_string(std::string& out, std::string_view s) {
    put(out, static_cast<std::uint64_t>(s.size()));
    out.append(s);
  }

 private:
  // gguf_type (ggml docs/gguf.md): the number each value type is written with.
  static constexpr std::uint32_t k_string = 8;
  static constexpr std::uint32_t k_array = 9;
  template <typename T>
  static constexpr std::uint32_t value_type() {
    if constexpr (std::is_same_v<T, std::uint16_t>) return 2;
    else if constexpr (std::is_same_v<T, std::uint32_t>) return 4;
    else if constexpr (std::is_same_v<T, std::int32_t>) return 5;
    else if constexpr (std::is_same_v<T, float>) return 6;
    else if constexpr (std::is_same_v<T, bool>) return 7;
    else if constexpr (std::is_same_v<T, std::uint64_t>) return 10;
    else static_assert(sizeof(T) == 0, "no GGUF type for this C++ type");
  }
  // A scalar key: its type, then the value's bytes (a bool as one byte, 0 or 1).
  template <typename T>
  void add_value(std::string_view key, T value) {
    begin(key, value_type<T>());
    if constexpr (std::is_same_v<T, bool>) put(m_kv, static_cast<std::uint8_t>(value ? 1 : 0));
    else put(m_kv, value);
  }
  void begin(std::string_view key, std::uint32_t type) {
    put_string(m_kv, key);
    put(m_kv, type);
    ++m_kv_count;
  }
  // An array key: its element type and count; the elements follow.
  void begin_array(std::string_view key, std::uint32_t element_type, std::uint64_t count) {
    begin(key, k_array);
    put(m_kv, element_type);
    put(m_kv, count);
  }
  std::uint64_t align(std::uint64_t n) const { return (n + alignment - 1) / alignment * alignment; }

  std::string m_kv;
  std::uint64_t m_kv_count = 0;
  std::string m_tensors;
  std::uint64_t m_tensor_count = 0;
  std::uint64_t m_next_offset = 0;
};

}  // namespace r1tag::test
