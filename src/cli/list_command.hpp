// `r1tag list`: every model the local stores hold (ollama, the Hugging Face cache, llama.cpp's cache,
// LM Studio), one row per file, split sets once.
#pragma once

#include "cli/app.hpp"
#include "cli/explain_command.hpp"

#include <r1tag/sources/store_locations.hpp>

namespace CLI {
class App;
}

namespace r1tag::cli {

struct ListOptions {
  bool json = false;
};

void add_list_command(CLI::App& app, ListOptions& options);

// The store variables from the environment the CLI was given (never the library's business).
StoreVariables store_variables(const Environment& env);

CommandResult run_list(const ListOptions& options, const Environment& env);

}  // namespace r1tag::cli
