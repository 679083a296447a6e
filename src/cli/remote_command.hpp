// `r1tag explain --remote NAME…`: GGUF headers read over HTTP (range requests) from the Hugging Face Hub
// or the ollama registry; and `r1tag cache [clear]`, the cache those look-ups keep. The only commands
// that open connections.
#pragma once

#include <r1tag/tables/catalog.hpp>

#include "cli/app.hpp"
#include "cli/explain_command.hpp"

#include <string>

namespace CLI {
class App;
}

namespace r1tag::cli {

// The --remote flags of `explain`.
void add_remote_flags(CLI::App& explain, ExplainOptions& options);

CommandResult run_explain_remote(const ExplainOptions& options, const Catalog& catalog, const Environment& env);

struct CacheOptions {
  std::string action = "show";  // show | clear
  bool json = false;
};

void add_cache_command(CLI::App& app, CacheOptions& options);
CommandResult run_cache(const CacheOptions& options, const Environment& env);

}  // namespace r1tag::cli
