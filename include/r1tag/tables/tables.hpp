// Loading the data tables from text: the raw JSON of data/*.json, read from a directory
// (`--data DIR`, `R1TAG_DATA`) and checked into a Catalog. The embedded tables skip this at run
// time: r1tag_tablegen runs the same checks when the binary is built.
#pragma once

#include <r1tag/tables/catalog.hpp>

#include <cstdint>
#include <map>
#include <string>

namespace r1tag {

// File name ("quant_types.json") -> JSON text.
using RawTables = std::map<std::string, std::string>;

// The most a table file may hold: 4 MiB, about fifty times the largest table r1tag ships (gpus.json, 83 KB),
// so an edited table always fits and a hostile one cannot make the parse take seconds and hundreds of MB.
inline constexpr std::uint64_t k_table_max_bytes = std::uint64_t{4} << 20;

// The names of the files a table directory must hold.
const std::vector<std::string>& table_file_names();

// Reads every table of `dir`; throws Error (bad_data) naming a missing or unreadable file, one that is not a
// regular file (a device, FIFO or directory, refused without blocking) or one above k_table_max_bytes.
RawTables read_tables_from(const std::string& dir);

// Parses and validates `tables`. On problems, throws one Error (bad_data) whose message is the
// first problem, as "<file>: <JSON pointer>: <what is wrong>", e.g.
// "quant_types.json: /Q4_K/block_size: expected a positive integer".
Catalog parse_catalog(const RawTables& tables);

}  // namespace r1tag
