#include "cli/remote_command.hpp"

#include <r1tag/common/byte_size.hpp>
#include <r1tag/common/error.hpp>
#include <r1tag/gguf/gguf_reader.hpp>
#include <r1tag/sources/remote_session.hpp>
#include <r1tag/sources/remote_settings.hpp>

#include "render/json_writer.hpp"
#include "render/remote_render.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>
#include <utility>

namespace r1tag::cli {

namespace {

VariableLookup lookup(const Environment& env) {
  return [&env](std::string_view name) { return env.variable(name); };
}

RemoteOutcome explain_one(RemoteSession& session, const std::string& input, const Catalog& catalog) {
  RemoteOutcome o;
  o.input = input;
  RemoteListing listing = session.locate(input);
  std::vector<std::unique_ptr<HttpByteSource>> sources = session.open(listing);
  // The reader's first read as large as the source's smallest request: every read past it is one request.
  GgufReadLimits limits;
  limits.first_chunk_bytes = RangeReadLimits{}.first_request_bytes;
  for (const auto& source : sources) o.headers.push_back(read_gguf_header(*source, catalog, limits));
  o.summary = session.finish(listing, sources);
  // Content-Range may have told a size the listing did not (an ollama layer always says it).
  for (std::size_t i = 0; i < sources.size(); ++i)
    if (listing.files[i].size_bytes == 0 && sources[i]->size_bytes()) listing.files[i].size_bytes = *sources[i]->size_bytes();
  o.listing = std::move(listing);
  return o;
}

}  // namespace

void add_remote_flags(CLI::App& explain, ExplainOptions& options) {
  explain.add_flag("--remote", options.remote,
                   "Read the names' GGUF headers online (Hugging Face, ollama registry) with range requests: exact figures for any upload");
  explain.add_flag("--offline", options.offline, "With --remote: answer from the cache only (no connection)");
  explain.add_option("--timeout", options.timeout_seconds, "With --remote: seconds for all of the command's requests (default 60)")
      ->check(CLI::Range(1.0, 3600.0))
      ->option_text("SECONDS");
}

CommandResult run_explain_remote(const ExplainOptions& options, const Catalog& catalog, const Environment& env) {
  RemoteSettings settings = remote_settings(lookup(env));
  settings.offline = options.offline;
  settings.timeout = std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(options.timeout_seconds * 1000)));
  RemoteSession session(settings);
  CommandResult result;
  std::vector<RemoteOutcome> outcomes;
  for (const std::string& input : options.tags) {
    try {
      outcomes.push_back(explain_one(session, input, catalog));
      if (!outcomes.back().summary || outcomes.back().summary->note.empty()) continue;
      result.err += fmt::format("r1tag: note: {}: {}\n", input, outcomes.back().summary->note);
    } catch (const Error& e) {
      RemoteOutcome o;
      o.input = input;
      o.error = e;
      outcomes.push_back(std::move(o));
      if (result.exit_code == 0) result.exit_code = static_cast<int>(e.code());
      result.err += "r1tag: error: " + std::string(e.what()) + (e.hint().empty() ? "" : "; " + e.hint()) + "\n";
    }
  }
  result.out = options.json ? render_remote_json(outcomes) : render_remote_text(outcomes);
  return result;
}

void add_cache_command(CLI::App& app, CacheOptions& options) {
  CLI::App* cmd = app.add_subcommand("cache", "Show or clear what --remote keeps ($XDG_CACHE_HOME/r1tag, else ~/.cache/r1tag)");
  cmd->add_option("action", options.action, "show (default) or clear")->check(CLI::IsMember({"show", "clear"}));
  cmd->add_flag("--json", options.json, "Print one JSON document");
}

CommandResult run_cache(const CacheOptions& options, const Environment& env) {
  const RemoteCache cache(cache_dir(lookup(env)));
  CommandResult result;
  if (cache.dir().empty()) throw Error::usage("no cache folder: neither XDG_CACHE_HOME nor HOME is set");
  if (options.action == "clear") {
    const std::uint64_t removed = cache.clear();
    if (options.json) {
      JsonWriter w(256);
      w.begin_object().field("schema_version", 1).field("dir", cache.dir().string()).field("removed", removed).end_object();
      result.out = std::move(w).finish();
    } else {
      result.out = fmt::format("removed {} entr{} from {}\n", removed, removed == 1 ? "y" : "ies", cache.dir().string());
    }
    return result;
  }
  const CacheSummary s = cache.summary();
  if (options.json) {
    JsonWriter w(256);
    w.begin_object().field("schema_version", 1).field("dir", s.dir.string()).field("entries", s.entries).field("bytes", s.bytes).end_object();
    result.out = std::move(w).finish();
  } else {
    result.out = fmt::format("{}: {} entr{}, {} bytes ({})\n", s.dir.string(), s.entries, s.entries == 1 ? "y" : "ies", s.bytes,
                             format_gib(s.bytes));
  }
  return result;
}

}  // namespace r1tag::cli
