#include "render/list_render.hpp"

#include <r1tag/common/byte_size.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace r1tag {

namespace {

// "~/.ollama/models/…" for a path below HOME: shorter, and the same on every machine.
std::string shown_path(const std::string& path, const std::string& home) {
  if (home.empty() || home == "/" || !path.starts_with(home)) return path;
  if (path.size() > home.size() && path[home.size()] != '/') return path;
  return "~" + path.substr(home.size());
}

std::string where(const InstalledFile& f, const std::string& home) {
  std::string text = shown_path(f.paths.empty() ? f.store_root : f.paths.front(), home);
  if (f.paths.size() > 1) text += fmt::format(" (+{} more part{})", f.paths.size() - 1, f.paths.size() == 2 ? "" : "s");
  return text;
}

}  // namespace

std::string render_list_text(const ListView& view) {
  std::string out;
  if (view.files.empty()) {
    out += "No models found. Looked in:\n";
    for (const StoreRoot& r : view.roots) out += fmt::format("  {:<11} {}\n", to_string(r.store), shown_path(r.path, view.home));
    return out;
  }
  std::size_t name_width = 4;
  for (const InstalledFile& f : view.files) name_width = std::max(name_width, f.name.size());
  out += fmt::format("{:<{}}  {:>9}  {}\n", "NAME", name_width, "SIZE", "STORE");
  std::uint64_t total_bytes = 0;
  for (const InstalledFile& f : view.files) {
    total_bytes += f.bytes;
    out += fmt::format("{:<{}}  {:>9}  {}\n", f.name, name_width, format_decimal_gb(f.bytes), to_string(f.store));
    out += fmt::format("  at {}\n", where(f, view.home));
    if (!f.other_names.empty()) {
      std::string also;
      for (const std::string& n : f.other_names) (also += also.empty() ? "" : ", ") += n;
      out += fmt::format("  also {}\n", also);
    }
    if (!f.missing_parts.empty()) {
      std::string missing;
      for (const std::uint32_t p : f.missing_parts) (missing += missing.empty() ? "" : ", ") += std::to_string(p);
      out += fmt::format("  incomplete: part{} {} of {} missing\n", f.missing_parts.size() == 1 ? "" : "s", missing, f.split_count);
    }
  }
  out += fmt::format("{} model{}, {} on disk\n", view.files.size(), view.files.size() == 1 ? "" : "s", format_decimal_gb(total_bytes));
  return out;
}

}  // namespace r1tag
