#include "gguf_writer.hpp"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <filesystem>

namespace r1tag::dry_run {

namespace {

// gguf_type values (ggml/include/gguf.h).
enum GgufType : std::uint32_t {
  gguf_uint32 = 4,
  gguf_int32 = 5,
  gguf_float32 = 6,
  gguf_bool = 7,
  gguf_string = 8,
  gguf_array = 9,
};

// GGUF's default general.alignment (gguf.h GGUF_DEFAULT_ALIGNMENT).
constexpr std::uint64_t k_alignment = 32;
constexpr std::uint32_t k_version = 3;

std::uint64_t align_up(std::uint64_t n) { return (n + k_alignment - 1) / k_alignment * k_alignment; }

template <typename T>
void put(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));  // GGUF is little endian, as is every host llama.cpp runs on here
  out.append(bytes, sizeof(T));
}

void put_string(std::string& out, const std::string& s) {
  put<std::uint64_t>(out, s.size());
  out += s;
}

}  // namespace

void GgufWriter::add_string(const std::string& key, const std::string& value) {
  put_string(m_kv, key);
  put<std::uint32_t>(m_kv, gguf_string);
  put_string(m_kv, value);
  ++m_kv_count;
}

void GgufWriter::add_u32(const std::string& key, std::uint32_t value) {
  put_string(m_kv, key);
  put<std::uint32_t>(m_kv, gguf_uint32);
  put(m_kv, value);
  ++m_kv_count;
}

void GgufWriter::add_f32(const std::string& key, float value) {
  put_string(m_kv, key);
  put<std::uint32_t>(m_kv, gguf_float32);
  put(m_kv, value);
  ++m_kv_count;
}

void GgufWriter::add_bool(const std::string& key, bool value) {
  put_string(m_kv, key);
  put<std::uint32_t>(m_kv, gguf_bool);
  put<std::uint8_t>(m_kv, value ? 1 : 0);
  ++m_kv_count;
}

void GgufWriter::add_string_array(const std::string& key, const std::vector<std::string>& values) {
  put_string(m_kv, key);
  put<std::uint32_t>(m_kv, gguf_array);
  put<std::uint32_t>(m_kv, gguf_string);
  put<std::uint64_t>(m_kv, values.size());
  for (const std::string& v : values) put_string(m_kv, v);
  ++m_kv_count;
}

void GgufWriter::add_i32_array(const std::string& key, const std::vector<std::int32_t>& values) {
  put_string(m_kv, key);
  put<std::uint32_t>(m_kv, gguf_array);
  put<std::uint32_t>(m_kv, gguf_int32);
  put<std::uint64_t>(m_kv, values.size());
  for (const std::int32_t v : values) put(m_kv, v);
  ++m_kv_count;
}

void GgufWriter::add_tensor(const std::string& name, const std::array<std::uint64_t, 4>& ne, std::uint32_t n_dims,
                            std::uint32_t type_id, std::uint64_t data_bytes) {
  put_string(m_tensor_infos, name);
  put<std::uint32_t>(m_tensor_infos, n_dims);
  for (std::uint32_t d = 0; d < n_dims; ++d) put<std::uint64_t>(m_tensor_infos, ne[d]);
  put<std::uint32_t>(m_tensor_infos, type_id);
  put<std::uint64_t>(m_tensor_infos, m_data_bytes);
  m_data_bytes = align_up(m_data_bytes + data_bytes);
  ++m_tensor_count;
}

std::uint64_t GgufWriter::write_sparse(const std::string& path) const {
  std::string head = "GGUF";
  put<std::uint32_t>(head, k_version);
  put<std::uint64_t>(head, m_tensor_count);
  put<std::uint64_t>(head, m_kv_count);
  head += m_kv;
  head += m_tensor_infos;
  head.resize(align_up(head.size()), '\0');
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(head.data(), static_cast<std::streamsize>(head.size()));
    if (!out) throw std::runtime_error("cannot write " + path);
  }
  const std::uint64_t total = head.size() + m_data_bytes;
  // resize_file extends with a hole on every filesystem that supports sparse files (ext4, xfs, tmpfs).
  std::filesystem::resize_file(path, total);
  return total;
}

}  // namespace r1tag::dry_run
