// Where a GGUF header's bytes come from: a file on disk, a buffer in tests, HTTP range reads.
// The header reader asks for ranges front to back and never past what it needs, so a source can
// fetch lazily (an HTTP source grows its requests) and a 400 GB file costs only its header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace r1tag {

class ByteSource {
 public:
  virtual ~ByteSource() = default;

  // Copies the bytes at [offset, offset + out.size()) into `out` and returns how many were copied:
  // fewer only where the source ends. Throws r1tag::Error (ExitCode::bad_file or ::network) when the
  // source cannot be read; never returns bytes that are not the source's.
  virtual std::size_t read(std::uint64_t offset, std::span<std::byte> out) = 0;

  // The source's total size in bytes, when it is known without reading it (a file's size, an HTTP
  // Content-Range total).
  virtual std::optional<std::uint64_t> size_bytes() const = 0;

  // What messages call the source: a path or a URL (without credentials).
  virtual std::string display_name() const = 0;
};

}  // namespace r1tag
