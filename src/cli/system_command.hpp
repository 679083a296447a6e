// `r1tag system`: what r1tag detects on this machine (GPUs, RAM, CPU), where each figure came from, and
// the budget `fit` and `explain` use when no hardware flag is given.
#pragma once

#include <r1tag/common/error.hpp>
#include <r1tag/tables/catalog.hpp>

#include "cli/explain_command.hpp"

namespace CLI {
class App;
}

namespace r1tag::cli {

struct Environment;

struct SystemOptions {
  bool json = false;
};

void add_system_command(CLI::App& app, SystemOptions& options);
CommandResult run_system(const SystemOptions& options, const Catalog& catalog, const Environment& env);


}  // namespace r1tag::cli
