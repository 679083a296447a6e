#include "cli/version_text.hpp"

#include <r1tag/version.hpp>

#include <fmt/format.h>

namespace r1tag::cli {

std::string version_text(const Catalog& catalog) {
  std::string out = fmt::format("r1tag {}\n", k_version);
  out += fmt::format("data tables: {} (sha256 of the {} data/*.json files compiled in)\n", k_data_revision, k_data_file_count);
  for (const RuntimeProfile& r : catalog.runtimes) out += fmt::format("runtime profile {}: {}\n", r.name, r.version.value);
  out.pop_back();  // CLI11 adds the last newline
  return out;
}

}  // namespace r1tag::cli
