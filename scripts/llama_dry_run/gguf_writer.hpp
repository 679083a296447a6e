// A minimal GGUF v3 writer for fixtures: key/value metadata and tensor infos written for real, the
// tensor data region left as a hole (a sparse file), so llama.cpp can load the file's metadata and
// plan its buffers without any weights on disk. Format: ggml-org/llama.cpp gguf-py/gguf/constants.py
// and ggml/src/gguf.cpp (GGUF v3, little endian, data aligned to general.alignment, default 32).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace r1tag::dry_run {

class GgufWriter {
 public:
  void add_string(const std::string& key, const std::string& value);
  void add_u32(const std::string& key, std::uint32_t value);
  void add_f32(const std::string& key, float value);
  void add_bool(const std::string& key, bool value);
  void add_string_array(const std::string& key, const std::vector<std::string>& values);
  void add_i32_array(const std::string& key, const std::vector<std::int32_t>& values);

  // A tensor of `data_bytes` bytes of ggml type `type_id`, shape `ne` (ne[0] = row length).
  void add_tensor(const std::string& name, const std::array<std::uint64_t, 4>& ne, std::uint32_t n_dims,
                  std::uint32_t type_id, std::uint64_t data_bytes);

  // Writes header, metadata and tensor infos to `path`, then extends the file to its full length without
  // writing the data (a hole). Returns the file length in bytes. Throws std::runtime_error on I/O errors.
  std::uint64_t write_sparse(const std::string& path) const;

  std::uint64_t tensor_data_bytes() const { return m_data_bytes; }

 private:
  std::string m_kv;  // serialized key/value pairs
  std::uint64_t m_kv_count = 0;
  std::string m_tensor_infos;
  std::uint64_t m_tensor_count = 0;
  std::uint64_t m_data_bytes = 0;  // offset of the next tensor in the data region
};

}  // namespace r1tag::dry_run
