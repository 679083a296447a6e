// Rendering `r1tag list`: every model file the local stores hold, as a table a person reads and as the
// JSON document scripts read (docs/json-schema.md). Pure functions from values to strings.
#pragma once

#include <r1tag/sources/installed_file.hpp>
#include <r1tag/sources/store_locations.hpp>

#include <string>
#include <vector>

namespace r1tag {

struct ListView {
  std::vector<InstalledFile> files;
  std::vector<StoreRoot> roots;       // every folder looked in, found or not
  std::vector<std::string> warnings;  // entries skipped
  std::string home;                   // shown as "~" in the text's paths
};

std::string render_list_text(const ListView& view);
std::string render_list_json(const ListView& view);

}  // namespace r1tag
