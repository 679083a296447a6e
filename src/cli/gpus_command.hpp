// `r1tag gpus [FILTER]`: the hardware catalogue (data/gpus.json) that `--gpu` understands.
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
  bool json = false;
};

void add_gpus_command(CLI::App& app, GpusOptions& options);
CommandResult run_gpus(const GpusOptions& options, const Catalog& catalog);

}  // namespace r1tag::cli
