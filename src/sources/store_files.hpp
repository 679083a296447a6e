// (internal) Careful file-system reads for the store scanners: what a path is once its symlinks are
// followed, and a small file's text, read only when it is a regular file below a size cap, so a FIFO, a
// device or a huge file posing as a manifest can neither block nor cost memory.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace r1tag::store_files {

struct RegularFile {
  std::uint64_t bytes = 0;
  std::uint64_t device_id = 0;
  std::uint64_t inode = 0;
};

// The file `path` names (symlinks followed) when it is a regular file; nullopt with `why` set otherwise
// ("does not exist", "is not a regular file", the system's message).
std::optional<RegularFile> regular_file(const std::string& path, std::string& why);

// The text of `path` when it is a regular file of at most `max_bytes`; nullopt with `why` set otherwise.
// Opened non-blocking, so a FIFO does not wait for a writer.
std::optional<std::string> read_small_file(const std::string& path, std::uint64_t max_bytes, std::string& why);

// Whether `name` ends with ".gguf" in any case.
bool has_gguf_extension(std::string_view name);

}  // namespace r1tag::store_files
