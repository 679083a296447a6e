// `r1tag list`: every model the local stores hold (ollama, the Hugging Face cache, llama.cpp's cache,
// LM Studio), one row per file, split sets once, with what each header says; with fit's hardware flags,
// how each fits.
#pragma once

#include "cli/app.hpp"
#include "cli/explain_command.hpp"
#include "cli/hardware_flags.hpp"

#include <r1tag/sources/store_locations.hpp>
#include <r1tag/tables/catalog.hpp>

namespace CLI {
class App;
}

namespace r1tag::cli {

struct ListOptions {
  bool json = false;
  HardwareFlags hardware;
  std::string ctx = "8192";
  std::string kv_type = "f16";
  std::string flash_attn = "on";
  std::string runtime = "llama.cpp";
};

void add_list_command(CLI::App& app, ListOptions& options);

// The store variables from the environment the CLI was given (never the library's business).
StoreVariables store_variables(const Environment& env);

CommandResult run_list(const ListOptions& options, const Catalog& catalog, const Environment& env);

}  // namespace r1tag::cli
