#include <r1tag/sources/gguf_directory_store.hpp>

#include "sources/store_files.hpp"
#include "sources/walk_limits.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace r1tag {

namespace fs = std::filesystem;

StoreScan scan_gguf_directory(const std::string& root, StoreKind store) {
  StoreScan scan;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return scan;
  std::size_t entries = 0;
  // Directory symlinks are not followed (the iterator's default), so a link loop cannot recurse.
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  for (const fs::recursive_directory_iterator end; !ec && it != end; it.increment(ec)) {
    if (++entries > walk_limits::k_max_entries) {
      scan.warnings.push_back(fmt::format("{}: more than {} entries; the rest are not listed", root, walk_limits::k_max_entries));
      break;
    }
    const std::string name = it->path().filename().string();
    std::error_code type_ec;
    if (it->is_directory(type_ec) && !it->is_symlink(type_ec)) {
      // Hidden folders hold tools' state; models--* is a Hugging Face-layout cache, scanned as one.
      if (name.starts_with('.') || name.starts_with("models--") || it.depth() + 1 >= walk_limits::k_max_depth)
        it.disable_recursion_pending();
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
    InstalledFile found;
    found.store = store;
    found.store_root = root;
    found.name = it->path().lexically_relative(root).string();
    found.paths = {path};
    found.bytes = file->bytes;
    found.device_id = file->device_id;
    found.inode = file->inode;
    scan.files.push_back(std::move(found));
  }
  if (ec) scan.warnings.push_back(fmt::format("{}: {}", root, ec.message()));
  std::sort(scan.files.begin(), scan.files.end(), [](const InstalledFile& a, const InstalledFile& b) { return a.name < b.name; });
  return scan;
}

}  // namespace r1tag
