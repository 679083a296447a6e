// Rendering `explain --remote`: what each remote name resolved to, what its headers say, and what the
// look-up cost (the `remote` object of docs/json-schema.md). Pure: values in, strings out.
#pragma once

#include <r1tag/common/error.hpp>
#include <r1tag/gguf/gguf_header.hpp>
#include <r1tag/sources/remote_session.hpp>

#include <optional>
#include <string>
#include <vector>

namespace r1tag {

class JsonWriter;

struct RemoteOutcome {
  std::string input;
  std::optional<RemoteListing> listing;
  std::vector<GgufHeader> headers;  // one per file of the listing, in part order
  std::optional<RemoteSummary> summary;
  std::optional<Error> error;
};

// Sum of the files' sizes as the listing or Content-Range gave them.
std::uint64_t remote_file_bytes(const RemoteOutcome& outcome);

std::string render_remote_text(const std::vector<RemoteOutcome>& outcomes);
std::string render_remote_json(const std::vector<RemoteOutcome>& outcomes);
// The `remote` member of one result, for any JSON result that came from --remote.
void write_remote_summary(JsonWriter& w, const RemoteSummary& summary);

}  // namespace r1tag
