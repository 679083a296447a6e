// A ByteSource over bytes already in memory: tests, the fuzzer, a header fetched by other means.
// It can hide its size, to exercise the reader as it runs on a source of unknown length.
#pragma once

#include <r1tag/gguf/byte_source.hpp>

#include <cstddef>
#include <span>
#include <string>

namespace r1tag {

class MemoryByteSource final : public ByteSource {
 public:
  // `bytes` must outlive the source. With `size_known` false, size_bytes() is nullopt.
  MemoryByteSource(std::span<const std::byte> bytes, std::string name, bool size_known = true);
  std::size_t read(std::uint64_t offset, std::span<std::byte> out) override;
  std::optional<std::uint64_t> size_bytes() const override;
  std::string display_name() const override;

 private:
  std::span<const std::byte> m_bytes;
  std::string m_name;
  bool m_size_known;
};

}  // namespace r1tag
