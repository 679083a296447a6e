// Rendering `r1tag list`: every model file the local stores hold, with what its header says and, when
// hardware is given, how it fits, as a table a person reads and as the JSON document scripts read
// (docs/json-schema.md). Pure functions from values to strings.
#pragma once

#include <r1tag/advice/advisor.hpp>
#include <r1tag/advice/installed_model.hpp>
#include <r1tag/sources/store_locations.hpp>

#include <optional>
#include <string>
#include <vector>

namespace r1tag {

struct ListView {
  std::vector<InstalledModel> models;
  std::vector<StoreRoot> roots;       // every folder looked in, found or not
  std::vector<std::string> warnings;  // entries skipped, headers that could not be read
  std::string home;                   // shown as "~" in the text's paths
  // With hardware flags: the request, and per model (same order) its placement, nullopt when it does
  // not fit. The candidates point into `models`.
  std::optional<FitRequest> request;
  std::vector<std::optional<Candidate>> fits;
};

std::string render_list_text(const ListView& view);
std::string render_list_json(const ListView& view);

}  // namespace r1tag
