// The `explain --remote` parts of explain's output: the `remote` object (where the headers came from,
// what they cost) and a repository's quant listing. Pure: values in, strings out.
#pragma once

#include <r1tag/sources/remote_session.hpp>

#include <string>

namespace r1tag {

class JsonWriter;

// The `remote` member of a result (docs/json-schema.md).
void write_remote_summary(JsonWriter& w, const RemoteSummary& summary);
// A repository's quants: the `repository` and `quants` members of a result.
void write_remote_listing(JsonWriter& w, const RemoteListing& listing);

// "  remote: 11 requests, 8,653,717 bytes fetched, revision 0123…" and its note, for the text output.
std::string remote_summary_text(const RemoteSummary& summary);
// A repository's quants, one a line, for the text output.
std::string remote_listing_text(const RemoteListing& listing);

}  // namespace r1tag
