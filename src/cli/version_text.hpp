// What `r1tag --version` prints: the version, the revision of the data tables compiled in, and the
// runtime versions the memory profiles model (from data/runtimes.json, through the catalogue).
#pragma once

#include <r1tag/tables/catalog.hpp>

#include <string>

namespace r1tag::cli {

std::string version_text(const Catalog& catalog);

}  // namespace r1tag::cli
