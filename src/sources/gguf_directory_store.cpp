#include <r1tag/sources/gguf_directory_store.hpp>

#include "sources/gguf_file_walk.hpp"

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
  // Hidden folders hold tools' state; models--* is a Hugging Face-layout cache, scanned as one.
  const gguf_file_walk::WalkTarget target{
      .store = store,
      .store_root = root,
      .name_prefix = "",
      .skip_folder = [](std::string_view name) { return name.starts_with('.') || name.starts_with("models--"); }};
  const gguf_file_walk::WalkEnd end = gguf_file_walk::add_gguf_files(root, target, entries, scan);
  if (end.entry_limit_reached) scan.warnings.push_back(gguf_file_walk::entry_limit_warning(root));
  if (end.error) scan.warnings.push_back(fmt::format("{}: {}", root, end.error.message()));
  std::sort(scan.files.begin(), scan.files.end(), [](const InstalledFile& a, const InstalledFile& b) { return a.name < b.name; });
  return scan;
}

}  // namespace r1tag
