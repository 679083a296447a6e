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
#include <string_view>

namespace CLI {
class App;
}

namespace r1tag::cli {

// --remote (with `remote_help` as its help), --offline and --timeout, on `explain` or `fit`.
void add_remote_flags(CLI::App& command, RemoteFlags& flags, const std::string& remote_help);

// A remote name's headers read and explained: what `explain --remote` shows and `fit --remote` places.
struct RemoteRead {
  RemoteListing listing;                   // the name as used; no files for a repository alone (its quants)
  std::optional<Explanation> explanation;  // nullopt for a repository alone
  RemoteSummary summary;                   // where the headers came from, what they cost
  std::uint64_t bytes = 0;                 // every part's size
};

// One command's remote look-ups (one HTTP client, one deadline, one cache).
class RemoteExplainer {
 public:
  // Throws Error (network) when this build has no libcurl and --offline was not given. `progress` (may
  // be null) hears each step and transfer.
  RemoteExplainer(const RemoteFlags& flags, const Environment& env, ProgressSink* progress = nullptr);

  // Lists `name` and, unless it is a repository alone, reads its headers and explains them (file.basis
  // "header"). Throws Error.
  RemoteRead read(std::string_view name, const Catalog& catalog);

  // read() for explain: sets o.remote, or o.listing for a repository alone (then returns nullopt).
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
