// `r1tag explain --remote NAME…`: GGUF headers read over HTTP (range requests) from the Hugging Face Hub
// or the ollama registry, explained as a local file's are; and `r1tag cache [clear]`, the cache those
// look-ups keep. The only commands that open connections.
#pragma once

#include <r1tag/advice/explanation.hpp>
#include <r1tag/sources/remote_session.hpp>
#include <r1tag/tables/catalog.hpp>

#include "cli/app.hpp"
#include "cli/explain_command.hpp"

#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace r1tag::cli {

// The --remote flags of `explain`.
void add_remote_flags(CLI::App& explain, ExplainOptions& options);

// One command's remote look-ups (one HTTP client, one deadline, one cache).
class RemoteExplainer {
 public:
  // Throws Error (network) when this build has no libcurl and --offline was not given.
  RemoteExplainer(const ExplainOptions& options, const Environment& env);

  // Reads `o.input`'s headers and explains them (file.basis "header"), setting o.remote; or, for a
  // repository alone, sets o.listing and returns nullopt. Throws Error.
  std::optional<Explanation> explain(ExplainOutcome& o, const Catalog& catalog);

 private:
  RemoteSession m_session;
};

struct CacheOptions {
  std::string action = "show";  // show | clear
  bool json = false;
};

void add_cache_command(CLI::App& app, CacheOptions& options);
CommandResult run_cache(const CacheOptions& options, const Environment& env);

}  // namespace r1tag::cli
