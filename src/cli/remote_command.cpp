#include "cli/remote_command.hpp"

#include <r1tag/common/byte_size.hpp>
#include <r1tag/common/error.hpp>
#include <r1tag/advice/file_explanation.hpp>
#include <r1tag/gguf/gguf_reader.hpp>
#include <r1tag/sources/remote_session.hpp>
#include <r1tag/sources/remote_settings.hpp>

#include "render/json_writer.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>
#include <utility>

namespace r1tag::cli {

namespace {

VariableLookup lookup(const Environment& env) {
  return [&env](std::string_view name) { return env.variable(name); };
}

RemoteSettings settings_for(const RemoteFlags& flags, const Environment& env) {
  RemoteSettings settings = remote_settings(lookup(env));
  settings.offline = flags.offline;
  settings.timeout = std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(flags.timeout_seconds * 1000)));
  return settings;
}

}  // namespace

void add_remote_flags(CLI::App& command, RemoteFlags& flags, const std::string& remote_help) {
  command.add_flag("--remote", flags.remote, remote_help);
  command.add_flag("--offline", flags.offline, "With --remote: answer from the cache only (no connection)");
  command.add_option("--timeout", flags.timeout_seconds, "With --remote: seconds for all of the command's requests (default 60)")
      ->check(CLI::Range(1.0, 3600.0))
      ->option_text("SECONDS");
}

RemoteExplainer::RemoteExplainer(const RemoteFlags& flags, const Environment& env, ProgressSink* progress)
    : m_session(settings_for(flags, env), progress) {}

RemoteRead RemoteExplainer::read(std::string_view name, const Catalog& catalog) {
  RemoteRead read;
  read.listing = m_session.locate(name);
  const RemoteListing& listing = read.listing;
  if (listing.files.empty()) return read;
  std::vector<std::unique_ptr<HttpByteSource>> sources = m_session.open(listing);
  // The reader's first read as large as the source's smallest request: every read past it is one request.
  GgufReadLimits limits;
  limits.first_chunk_bytes = RangeReadLimits{}.first_request_bytes;
  std::vector<GgufHeader> headers;
  for (const auto& source : sources) headers.push_back(read_gguf_header(*source, catalog, limits));
  read.summary = m_session.finish(listing, sources);
  std::vector<std::uint64_t> part_bytes;
  FileOrigin origin;
  origin.kind = "remote";
  origin.display_name = std::string(name);
  for (std::size_t i = 0; i < sources.size(); ++i) {
    // Content-Range tells a size the listing may not have (an ollama layer always says it).
    part_bytes.push_back(listing.files[i].size_bytes != 0 ? listing.files[i].size_bytes : sources[i]->size_bytes().value_or(0));
    origin.paths.push_back(sources[i]->display_name());
    read.bytes += part_bytes.back();
  }
  read.explanation = explain_file(headers, part_bytes, origin, catalog);
  if (!listing.note.empty()) read.explanation->variant.notes.push_back(listing.note);
  return read;
}

std::optional<Explanation> RemoteExplainer::explain(ExplainOutcome& o, const Catalog& catalog) {
  RemoteRead read = this->read(o.input, catalog);
  if (!read.explanation) {
    o.listing = std::move(read.listing);
    return std::nullopt;
  }
  o.remote = std::move(read.summary);
  return std::move(read.explanation);
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
