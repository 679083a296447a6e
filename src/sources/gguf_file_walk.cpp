#include "sources/gguf_file_walk.hpp"

#include "sources/store_files.hpp"
#include "sources/walk_limits.hpp"

#include <fmt/format.h>

namespace r1tag::gguf_file_walk {

namespace fs = std::filesystem;

namespace {

InstalledFile installed_file(const fs::path& path, const fs::path& folder, const WalkTarget& target,
                             const store_files::RegularFile& file) {
  InstalledFile found;
  found.store = target.store;
  found.store_root = target.store_root;
  found.name = target.name_prefix + path.lexically_relative(folder).string();
  found.paths = {path.string()};
  found.bytes = file.bytes;
  found.device_id = file.device_id;
  found.inode = file.inode;
  return found;
}

}  // namespace

WalkEnd add_gguf_files(const fs::path& folder, const WalkTarget& target, std::size_t& entries, StoreScan& scan) {
  WalkEnd end_of_walk;
  fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, end_of_walk.error);
  for (const fs::recursive_directory_iterator end; !end_of_walk.error && it != end; it.increment(end_of_walk.error)) {
    if (++entries > walk_limits::k_max_entries) {
      end_of_walk.entry_limit_reached = true;
      return end_of_walk;
    }
    const std::string name = it->path().filename().string();
    std::error_code type_ec;
    if (it->is_directory(type_ec) && !it->is_symlink(type_ec)) {
      if (target.skip_folder(name) || it.depth() + 1 >= walk_limits::k_max_depth) it.disable_recursion_pending();
      continue;
    }
    if (!store_files::has_gguf_extension(name)) continue;
    const std::string path = it->path().string();
    std::string why;
    const auto file = store_files::regular_file(path, why);
    if (!file) {
      scan.warnings.push_back(fmt::format("{} skipped: {}", path, why));
      continue;
    }
    scan.files.push_back(installed_file(it->path(), folder, target, *file));
  }
  return end_of_walk;
}

std::string entry_limit_warning(const std::string& root) {
  return fmt::format("{}: more than {} entries; the rest are not listed", root, walk_limits::k_max_entries);
}

}  // namespace r1tag::gguf_file_walk
