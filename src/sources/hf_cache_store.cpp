#include <r1tag/sources/hf_cache_store.hpp>

#include "sources/gguf_file_walk.hpp"
#include "sources/store_files.hpp"

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

// The sub-folders of `dir` (symlinks followed), sorted.
std::vector<std::string> folders_in(const fs::path& dir) {
  return store_files::sorted_entries(dir, store_files::EntryKind::folders, store_files::Hidden::listed);
}

}  // namespace

StoreScan scan_hf_cache(const std::string& root, StoreKind store) {
  StoreScan scan;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return scan;
  std::size_t entries = 0;
  bool entry_limit_reached = false;
  for (const std::string& folder : folders_in(root)) {
    if (!folder.starts_with(k_repo_prefix)) continue;  // datasets--*, spaces--*, .locks
    // The .gguf files below each snapshot (symlinks into blobs/ followed for files only).
    const gguf_file_walk::WalkTarget target{.store = store, .store_root = root, .name_prefix = repo_id(folder) + "/"};
    const fs::path snapshots = fs::path(root) / folder / "snapshots";
    for (const std::string& snapshot : folders_in(snapshots))
      entry_limit_reached |= gguf_file_walk::add_gguf_files(snapshots / snapshot, target, entries, scan).entry_limit_reached;
  }
  if (entry_limit_reached) scan.warnings.push_back(gguf_file_walk::entry_limit_warning(root));
  std::stable_sort(scan.files.begin(), scan.files.end(), [](const InstalledFile& a, const InstalledFile& b) { return a.name < b.name; });
  return scan;
}

}  // namespace r1tag
