#include <r1tag/sources/split_grouping.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <optional>
#include <string_view>
#include <tuple>

namespace r1tag {

namespace {

// gguf-split names parts "%s-%05d-of-%05d.gguf" (llama.cpp src/llama.cpp `llama_split_path`).
constexpr std::string_view k_of = "-of-";
constexpr std::size_t k_digits = 5;
constexpr std::string_view k_extension = ".gguf";

struct SplitName {
  std::string stem_path;  // the path up to "-00001-of-00003.gguf"
  std::uint32_t part = 0;
  std::uint32_t count = 0;
};

std::optional<std::uint32_t> five_digits(std::string_view text) {
  std::uint32_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.size() != k_digits) return std::nullopt;
  return value;
}

std::optional<SplitName> split_name(std::string_view path) {
  const std::size_t suffix = k_digits + k_of.size() + k_digits + k_extension.size();  // "00001-of-00003.gguf"
  if (path.size() <= suffix + 1 || !path.ends_with(k_extension) || path[path.size() - suffix - 1] != '-') return std::nullopt;
  const std::string_view tail = path.substr(path.size() - suffix);
  if (tail.substr(k_digits, k_of.size()) != k_of) return std::nullopt;
  const auto part = five_digits(tail.substr(0, k_digits));
  const auto count = five_digits(tail.substr(k_digits + k_of.size(), k_digits));
  if (!part || !count || *part == 0 || *count < 2 || *part > *count) return std::nullopt;
  return SplitName{std::string(path.substr(0, path.size() - suffix - 1)), *part, *count};
}

// The name of part 1 of the set `name` (a part's name) belongs to.
std::string first_part_name(const std::string& name, std::uint32_t count) {
  const std::size_t suffix = k_digits + k_of.size() + k_digits + k_extension.size();
  return fmt::format("{}{:05}-of-{:05}.gguf", name.substr(0, name.size() - suffix), 1, count);
}

}  // namespace

std::vector<InstalledFile> group_split_parts(std::vector<InstalledFile> files) {
  using Key = std::tuple<StoreKind, std::string, std::uint32_t>;  // store, stem path, part count
  std::map<Key, std::size_t> set_index;  // into `grouped`
  std::map<Key, std::map<std::uint32_t, InstalledFile>> parts;
  std::vector<InstalledFile> grouped;
  for (InstalledFile& file : files) {
    const auto split = file.paths.size() == 1 ? split_name(file.paths.front()) : std::nullopt;
    if (!split) {
      grouped.push_back(std::move(file));
      continue;
    }
    const Key key{file.store, split->stem_path, split->count};
    if (!set_index.contains(key)) {
      set_index.emplace(key, grouped.size());
      grouped.emplace_back();
    }
    parts[key].emplace(split->part, std::move(file));  // the same part twice (two snapshots): the first stays
  }
  for (auto& [key, numbered] : parts) {
    InstalledFile& set = grouped[set_index.at(key)];
    const std::uint32_t count = std::get<2>(key);
    InstalledFile& lowest = numbered.begin()->second;
    set.store = lowest.store;
    set.store_root = lowest.store_root;
    set.name = first_part_name(lowest.name, count);
    set.split_count = count;
    set.device_id = lowest.device_id;
    set.inode = lowest.inode;
    for (std::uint32_t part = 1; part <= count; ++part) {
      const auto found = numbered.find(part);
      if (found == numbered.end()) {
        set.missing_parts.push_back(part);
        continue;
      }
      set.paths.push_back(found->second.paths.front());
      set.bytes += found->second.bytes;
    }
  }
  return grouped;
}

}  // namespace r1tag
