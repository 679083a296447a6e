#include "sources/store_files.hpp"

#include <r1tag/common/bounded_file.hpp>

#include "common/ascii.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace r1tag::store_files {

namespace {

std::string system_message(int error_number) {
  return error_number == ENOENT ? "does not exist" : std::strerror(error_number);
}

}  // namespace

std::optional<RegularFile> regular_file(const std::string& path, std::string& why) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    why = system_message(errno);
    return std::nullopt;
  }
  if (!S_ISREG(info.st_mode)) {
    why = "is not a regular file";
    return std::nullopt;
  }
  return RegularFile{static_cast<std::uint64_t>(info.st_size), static_cast<std::uint64_t>(info.st_dev),
                     static_cast<std::uint64_t>(info.st_ino)};
}

std::optional<std::string> read_small_file(const std::string& path, std::uint64_t max_bytes, std::string& why) {
  BoundedRead read = read_bounded_file(path, max_bytes);
  switch (read.failure) {
    case BoundedRead::Failure::none: return std::move(read.text);
    case BoundedRead::Failure::cannot_open:
    case BoundedRead::Failure::system_error: why = system_message(read.error_number); break;
    case BoundedRead::Failure::not_regular: why = "is not a regular file"; break;
    case BoundedRead::Failure::too_large: why = "is larger than a manifest can be"; break;
  }
  return std::nullopt;
}

std::vector<std::string> sorted_entries(const std::filesystem::path& dir, EntryKind kind, Hidden hidden) {
  namespace fs = std::filesystem;
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
       it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (hidden == Hidden::skipped && name.starts_with('.')) continue;
    std::error_code type_ec;
    if (it->is_directory(type_ec) == (kind == EntryKind::folders)) names.push_back(std::move(name));
  }
  std::sort(names.begin(), names.end());
  return names;
}

bool has_gguf_extension(std::string_view name) {
  constexpr std::string_view k_extension = ".gguf";
  if (name.size() <= k_extension.size()) return false;
  return detail::iequals(name.substr(name.size() - k_extension.size()), k_extension);
}

}  // namespace r1tag::store_files
