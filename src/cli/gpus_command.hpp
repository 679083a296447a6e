// `r1tag gpus [FILTER] [--vendor V] [--kind K] [--min-memory SIZE]`: the hardware catalogue (data/gpus.json)
// that `--gpu` understands, narrowed by text, vendor, kind and memory.
#pragma once

#include <r1tag/tables/catalog.hpp>

#include "cli/explain_command.hpp"

#include <string>

namespace CLI {
class App;
}

namespace r1tag::cli {

struct GpusOptions {
  std::string filter;
  std::string vendor;      // "amd", "nvidia", …: the vendor, case-insensitive
  std::string kind;        // "gpu", "igpu", "apple", "cpu", or "unified" (igpu and apple)
  std::string min_memory;  // "16GB": devices sold with at least this much memory
  bool json = false;
};

void add_gpus_command(CLI::App& app, GpusOptions& options);
CommandResult run_gpus(const GpusOptions& options, const Catalog& catalog);

}  // namespace r1tag::cli
