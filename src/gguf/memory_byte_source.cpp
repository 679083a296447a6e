#include <r1tag/gguf/memory_byte_source.hpp>

#include <algorithm>
#include <cstring>
#include <utility>

namespace r1tag {

MemoryByteSource::MemoryByteSource(std::span<const std::byte> bytes, std::string name, bool size_known)
    : m_bytes(bytes), m_name(std::move(name)), m_size_known(size_known) {}

std::size_t MemoryByteSource::read(std::uint64_t offset, std::span<std::byte> out) {
  if (offset >= m_bytes.size()) return 0;
  const std::size_t n = std::min<std::uint64_t>(out.size(), m_bytes.size() - offset);
  if (n > 0) std::memcpy(out.data(), m_bytes.data() + offset, n);
  return n;
}

std::optional<std::uint64_t> MemoryByteSource::size_bytes() const {
  if (!m_size_known) return std::nullopt;
  return m_bytes.size();
}

std::string MemoryByteSource::display_name() const { return m_name; }

}  // namespace r1tag
