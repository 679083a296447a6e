#include "render/remote_render.hpp"

#include <r1tag/common/byte_size.hpp>

#include "render/json_writer.hpp"

#include <fmt/format.h>

namespace r1tag {

void write_remote_summary(JsonWriter& w, const RemoteSummary& s) {
  w.key("remote").begin_object();
  w.field("registry", s.registry);
  w.field("name", s.name);
  w.field("urls", s.urls);
  w.field("revision", null_if_empty(s.revision));
  w.field("etags", s.etags);
  w.field("bytes_fetched", s.bytes_fetched);
  w.field("requests", s.requests);
  w.field("from_cache", s.from_cache);
  w.field("listing_cached_at", null_if_empty(s.cached_at));
  w.field("note", null_if_empty(s.note));
  w.end_object();
}

void write_remote_listing(JsonWriter& w, const RemoteListing& listing) {
  w.field("repository", listing.name.repo);
  w.key("quants").begin_array();
  for (const RemoteQuant& q : listing.quants)
    w.begin_object().field("label", q.label).field("bytes", q.bytes).field("files", q.paths).end_object();
  w.end_array();
}

std::string remote_summary_text(const RemoteSummary& s) {
  std::string out = fmt::format("  remote: {} request{}, {} bytes fetched{}{}{}\n", s.requests, s.requests == 1 ? "" : "s",
                                s.bytes_fetched, s.from_cache ? ", headers from the cache" : "",
                                s.cached_at.empty() ? "" : ", listing from the cache of " + s.cached_at,
                                s.revision.empty() ? "" : ", revision " + s.revision);
  for (const std::string& url : s.urls) out += fmt::format("    {}\n", url);
  return out;
}

std::string remote_listing_text(const RemoteListing& listing) {
  std::string out = fmt::format("{}: {} GGUF quant{}\n", describe(listing.name), listing.quants.size(),
                                listing.quants.size() == 1 ? "" : "s");
  for (const RemoteQuant& q : listing.quants)
    out += fmt::format("  {:<24} {:>10}  {} file{}\n", q.label, format_decimal_gb(q.bytes), q.paths.size(), q.paths.size() == 1 ? "" : "s");
  out += fmt::format("  explain one: r1tag explain --remote {}:QUANT\n", describe(listing.name));
  return out;
}

}  // namespace r1tag
