// (internal) Careful file-system reads for the store scanners: what a path is once its symlinks are
// followed, a folder's entries in a fixed order, and a small file's text, read only when it is a regular file below a size cap, so a FIFO, a
// device or a huge file posing as a manifest can neither block nor cost memory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
// Read with common/bounded_file (opened non-blocking, so a FIFO does not wait for a writer), its reasons
// worded as the store warnings word them ("does not exist", "is larger than a manifest can be").
std::optional<std::string> read_small_file(const std::string& path, std::uint64_t max_bytes, std::string& why);

enum class EntryKind { folders, files };
enum class Hidden { listed, skipped };

// The names of `dir`'s sub-folders (symlinks followed) or of its other entries, sorted, so every listing
// comes out in one order whatever the file system's; names starting with '.' left out when `hidden` says.
// None when `dir` cannot be read; the listing stops at an entry that cannot be read.
std::vector<std::string> sorted_entries(const std::filesystem::path& dir, EntryKind kind, Hidden hidden);

// Whether `name` ends with ".gguf" in any case.
bool has_gguf_extension(std::string_view name);

}  // namespace r1tag::store_files
