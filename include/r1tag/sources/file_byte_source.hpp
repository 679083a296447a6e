// A ByteSource over a regular file on disk: reads only the ranges asked for (pread), so reading a
// 400 GB model's header costs its header. Directories, FIFOs and devices are refused when opened.
#pragma once

#include <r1tag/gguf/byte_source.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace r1tag {

class FileByteSource final : public ByteSource {
 public:
  // Opens `path`. Throws Error (bad_file): "x.gguf: no such file", "x.gguf: is a directory, not a model
  // file", "…: is a FIFO/device …", "…: permission denied". `display_name` defaults to the path.
  explicit FileByteSource(const std::string& path, std::string display_name = {});
  ~FileByteSource() override;
  FileByteSource(const FileByteSource&) = delete;
  FileByteSource& operator=(const FileByteSource&) = delete;
  FileByteSource(FileByteSource&& other) noexcept;
  FileByteSource& operator=(FileByteSource&&) = delete;

  std::size_t read(std::uint64_t offset, std::span<std::byte> out) override;
  std::optional<std::uint64_t> size_bytes() const override;  // the file's size when opened
  std::string display_name() const override;

 private:
  int m_fd = -1;
  std::uint64_t m_size = 0;
  std::string m_name;
};

}  // namespace r1tag
