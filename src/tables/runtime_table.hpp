// Reading data/runtimes.json (runtime profiles) into RuntimeProfile values; part of the table loader,
// kept apart from tables.cpp so each table's schema lives next to its checks.
#pragma once

#include <r1tag/tables/catalog.hpp>

#include "tables/json_reader.hpp"

#include <vector>

namespace r1tag::detail {

// Reads the object of profiles in `r` (the whole runtimes.json), collecting problems in `r`'s list.
std::vector<RuntimeProfile> read_runtimes(const JsonReader& r);

}  // namespace r1tag::detail
