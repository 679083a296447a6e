#include <r1tag/sources/split_grouping.hpp>

#include <r1tag/sources/split_set.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <string_view>
#include <tuple>

namespace r1tag {

namespace {

// A part of a gguf-split set of two or more parts (split_set's parse of the name), else nullopt.
std::optional<SplitName> split_of(const std::string& path) {
  std::optional<SplitName> split = parse_split_name(path);
  if (split && split->count < 2) return std::nullopt;
  return split;
}

// The name of part 1 of the set `name` (a part's name, as the store shows it) belongs to.
std::string first_part_name(const std::string& name) {
  const std::optional<SplitName> split = parse_split_name(name);
  return split ? split_part_path(*split, 1) : name;
}

}  // namespace

std::vector<InstalledFile> group_split_parts(std::vector<InstalledFile> files) {
  using Key = std::tuple<StoreKind, std::string, std::uint32_t>;  // store, stem path, part count
  std::map<Key, std::size_t> set_index;  // into `grouped`
  std::map<Key, std::map<std::uint32_t, InstalledFile>> parts;
  std::vector<InstalledFile> grouped;
  for (InstalledFile& file : files) {
    const auto split = file.paths.size() == 1 ? split_of(file.paths.front()) : std::nullopt;
    if (!split) {
      grouped.push_back(std::move(file));
      continue;
    }
    const Key key{file.store, split->stem, split->count};
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
    set.name = first_part_name(lowest.name);
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
