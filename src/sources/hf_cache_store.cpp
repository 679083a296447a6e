#include <r1tag/sources/hf_cache_store.hpp>

#include "sources/store_files.hpp"
#include "sources/walk_limits.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace r1tag {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_repo_prefix = "models--";

// "models--owner--repo" to "owner/repo" (huggingface_hub: the repo id with '/' written as "--").
std::string repo_id(std::string_view folder) {
  std::string id(folder.substr(k_repo_prefix.size()));
  const std::size_t separator = id.find("--");
  if (separator != std::string::npos) id.replace(separator, 2, "/");
  return id;
}

// The .gguf files below one snapshot (symlinks into blobs/ followed for files only).
void scan_snapshot(const fs::path& snapshot, const std::string& repo, const std::string& root, StoreKind store,
                   std::size_t& entries, StoreScan& scan) {
  std::error_code ec;
  fs::recursive_directory_iterator it(snapshot, fs::directory_options::skip_permission_denied, ec);
  for (const fs::recursive_directory_iterator end; !ec && it != end; it.increment(ec)) {
    if (++entries > walk_limits::k_max_entries) return;
    std::error_code type_ec;
    if (it->is_directory(type_ec)) {
      if (it.depth() + 1 >= walk_limits::k_max_depth) it.disable_recursion_pending();
      continue;
    }
    if (!store_files::has_gguf_extension(it->path().filename().string())) continue;
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
    found.name = repo + "/" + it->path().lexically_relative(snapshot).string();
    found.paths = {path};
    found.bytes = file->bytes;
    found.device_id = file->device_id;
    found.inode = file->inode;
    scan.files.push_back(std::move(found));
  }
}

std::vector<fs::path> sorted_folders(const fs::path& dir) {
  std::vector<fs::path> folders;
  std::error_code ec;
  for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
       it.increment(ec)) {
    std::error_code type_ec;
    if (it->is_directory(type_ec)) folders.push_back(it->path());
  }
  std::sort(folders.begin(), folders.end());
  return folders;
}

}  // namespace

StoreScan scan_hf_cache(const std::string& root, StoreKind store) {
  StoreScan scan;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return scan;
  std::size_t entries = 0;
  for (const fs::path& repo_folder : sorted_folders(root)) {
    const std::string folder = repo_folder.filename().string();
    if (!folder.starts_with(k_repo_prefix)) continue;  // datasets--*, spaces--*, .locks
    const std::string repo = repo_id(folder);
    for (const fs::path& snapshot : sorted_folders(repo_folder / "snapshots"))
      scan_snapshot(snapshot, repo, root, store, entries, scan);
  }
  if (entries > walk_limits::k_max_entries)
    scan.warnings.push_back(fmt::format("{}: more than {} entries; the rest are not listed", root, walk_limits::k_max_entries));
  std::stable_sort(scan.files.begin(), scan.files.end(), [](const InstalledFile& a, const InstalledFile& b) { return a.name < b.name; });
  return scan;
}

}  // namespace r1tag
