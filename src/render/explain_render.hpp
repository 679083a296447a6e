// Rendering `explain` results: the text a person reads and the JSON document scripts read.
// Pure functions from values to strings; the CLI decides colour and writes the result once.
#pragma once

#include <r1tag/catalog.hpp>
#include <r1tag/error.hpp>
#include <r1tag/resolver.hpp>

#include <optional>
#include <string>
#include <vector>

namespace r1tag {

struct TextStyle {
  bool color = false;
  std::size_t width = 100;  // wrap long lines at this many columns
};

// One input of `explain` and what became of it: a variant, or the error it raised.
struct ExplainOutcome {
  std::string input;
  std::optional<Variant> variant;
  std::optional<Error> error;
};

std::string render_explain_text(const std::vector<ExplainOutcome>& outcomes, const Catalog& catalog,
                                const TextStyle& style);
// The documented JSON document (docs/json-schema.md), pretty-printed, ending in a newline.
std::string render_explain_json(const std::vector<ExplainOutcome>& outcomes, const Catalog& catalog);

}  // namespace r1tag
