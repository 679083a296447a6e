#include "render/remote_render.hpp"

#include <r1tag/common/byte_size.hpp>

#include "render/json_writer.hpp"

#include <fmt/format.h>

#include <utility>

namespace r1tag {

namespace {

std::uint64_t parameters(const std::vector<GgufHeader>& headers) {
  std::uint64_t n = 0;
  for (const GgufHeader& h : headers)
    for (const GgufTensorInfo& t : h.tensors) n += t.elements();
  return n;
}

std::uint64_t tensor_bytes(const std::vector<GgufHeader>& headers) {
  std::uint64_t n = 0;
  for (const GgufHeader& h : headers) n += h.tensor_data_bytes();
  return n;
}

std::uint64_t tensor_count(const std::vector<GgufHeader>& headers) {
  std::uint64_t n = 0;
  for (const GgufHeader& h : headers) n += h.tensors.size();
  return n;
}

void text_listing(std::string& out, const RemoteListing& listing) {
  out += fmt::format("{}: {} GGUF quant(s)\n", describe(listing.name), listing.quants.size());
  for (const RemoteQuant& q : listing.quants)
    out += fmt::format("  {:<24} {:>10}  {} file{}\n", q.label, format_decimal_gb(q.bytes), q.paths.size(), q.paths.size() == 1 ? "" : "s");
  out += fmt::format("  explain one: r1tag explain --remote {}:QUANT\n", describe(listing.name));
}

void text_result(std::string& out, const RemoteOutcome& o) {
  const RemoteListing& listing = *o.listing;
  const RemoteSummary& s = *o.summary;
  const GgufHeader& first = o.headers.front();
  out += fmt::format("{}\n", s.name);
  if (!s.note.empty()) out += fmt::format("  note: {}\n", s.note);
  const auto name = first.string("general.name");
  out += fmt::format("  model: {}{}, {} tensors, {} parameters\n", first.architecture().empty() ? "unknown" : first.architecture(),
                     name ? fmt::format(" \"{}\"", *name) : "", tensor_count(o.headers), parameters(o.headers));
  out += fmt::format("  file: {} bytes ({}) in {} part{}, tensor data {} bytes — from the headers\n", remote_file_bytes(o),
                     format_decimal_gb(remote_file_bytes(o)), listing.files.size(), listing.files.size() == 1 ? "" : "s",
                     tensor_bytes(o.headers));
  for (std::size_t i = 0; i < listing.files.size(); ++i)
    out += fmt::format("    {}  {} bytes, header {} bytes, {} tensors\n", listing.files[i].path, listing.files[i].size_bytes,
                       o.headers[i].header_bytes, o.headers[i].tensors.size());
  out += fmt::format("  remote: {} request{}, {} bytes fetched{}{}, revision {}\n", s.requests, s.requests == 1 ? "" : "s",
                     s.bytes_fetched, s.from_cache ? ", headers from the cache" : "",
                     s.cached_at.empty() ? "" : ", listing from the cache of " + s.cached_at, s.revision);
}

void json_listing(JsonWriter& w, const RemoteListing& listing) {
  w.key("quants").begin_array();
  for (const RemoteQuant& q : listing.quants) {
    w.begin_object().field("label", q.label).field("bytes", q.bytes).field("files", q.paths).end_object();
  }
  w.end_array();
}

void json_result(JsonWriter& w, const RemoteOutcome& o) {
  const RemoteListing& listing = *o.listing;
  const GgufHeader& first = o.headers.front();
  w.key("model").begin_object();
  w.field("architecture", first.architecture().empty() ? std::optional<std::string_view>{} : first.architecture());
  w.field("name", first.string("general.name"));
  w.field("parameters", parameters(o.headers));
  w.field("tensor_count", tensor_count(o.headers));
  w.end_object();
  w.key("file").begin_object();
  w.field("bytes", remote_file_bytes(o));
  w.field("basis", "header");
  w.field("tensor_bytes", tensor_bytes(o.headers));
  w.key("parts").begin_array();
  for (std::size_t i = 0; i < listing.files.size(); ++i) {
    w.begin_object()
        .field("path", listing.files[i].path)
        .field("bytes", listing.files[i].size_bytes)
        .field("header_bytes", o.headers[i].header_bytes)
        .field("tensors", static_cast<std::uint64_t>(o.headers[i].tensors.size()))
        .end_object();
  }
  w.end_array();
  w.end_object();
}

}  // namespace

std::uint64_t remote_file_bytes(const RemoteOutcome& outcome) {
  std::uint64_t n = 0;
  if (outcome.listing)
    for (const RemoteFile& f : outcome.listing->files) n += f.size_bytes;
  return n;
}

void write_remote_summary(JsonWriter& w, const RemoteSummary& s) {
  w.key("remote").begin_object();
  w.field("registry", s.registry);
  w.field("name", s.name);
  w.field("urls", s.urls);
  w.field("revision", s.revision.empty() ? std::optional<std::string>{} : std::optional<std::string>(s.revision));
  w.field("etags", s.etags);
  w.field("bytes_fetched", s.bytes_fetched);
  w.field("requests", s.requests);
  w.field("from_cache", s.from_cache);
  w.field("listing_cached_at", s.cached_at.empty() ? std::optional<std::string>{} : std::optional<std::string>(s.cached_at));
  w.field("note", s.note.empty() ? std::optional<std::string>{} : std::optional<std::string>(s.note));
  w.end_object();
}

std::string render_remote_text(const std::vector<RemoteOutcome>& outcomes) {
  std::string out;
  for (const RemoteOutcome& o : outcomes) {
    if (o.error) continue;  // on stderr already
    if (!out.empty()) out += "\n";
    if (o.listing && o.listing->files.empty()) text_listing(out, *o.listing);
    else text_result(out, o);
  }
  return out;
}

std::string render_remote_json(const std::vector<RemoteOutcome>& outcomes) {
  JsonWriter w(4096);
  w.begin_object().field("schema_version", 1).key("results").begin_array();
  for (const RemoteOutcome& o : outcomes) {
    w.begin_object().field("input", o.input).field("ok", !o.error.has_value());
    if (o.error) {
      w.key("error").begin_object().field("message", std::string_view(o.error->what()));
      w.field("hint", o.error->hint().empty() ? std::optional<std::string>{} : std::optional<std::string>(o.error->hint()));
      w.field("exit_code", static_cast<int>(o.error->code())).end_object();
    } else if (o.listing->files.empty()) {
      w.field("repository", o.listing->name.repo);
      json_listing(w, *o.listing);
    } else {
      json_result(w, o);
      write_remote_summary(w, *o.summary);
    }
    w.end_object();
  }
  w.end_array().end_object();
  return std::move(w).finish();
}

}  // namespace r1tag
