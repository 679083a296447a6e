// Rendering `explain` results: the text a person reads and the JSON document scripts read.
// Pure functions from values to strings; the CLI decides colour and writes the result once.
#pragma once

#include <r1tag/hardware/detected_hardware.hpp>

#include <r1tag/tables/catalog.hpp>
#include <r1tag/common/error.hpp>
#include <r1tag/advice/context_memory.hpp>
#include <r1tag/advice/explanation.hpp>
#include <r1tag/sources/remote_session.hpp>

#include <optional>
#include <string>
#include <vector>

namespace r1tag {

struct TextStyle {
  bool color = false;
  std::size_t width = 100;  // wrap long lines at this many columns
};

// One input of `explain` and what became of it: an explanation, or the error it raised.
struct ExplainOutcome {
  std::string input;
  std::optional<Explanation> explanation;
  std::vector<ContextMemory> memory;  // one per requested context length
  std::optional<Error> error;
  std::optional<RemoteSummary> remote;   // --remote: where the headers came from and what they cost
  std::optional<RemoteListing> listing;  // --remote with a repository alone: its quants, instead of an explanation
};

struct ExplainRenderOptions {
  bool tensors = false;  // list every tensor with shape, type and bytes
  MemoryQuestion memory_question;  // what the memory figures assume
  const DetectedHardware* detected = nullptr;  // the machine, when no hardware flag was given
};

std::string render_explain_text(const std::vector<ExplainOutcome>& outcomes, const Catalog& catalog,
                                const ExplainRenderOptions& options, const TextStyle& style);
// The documented JSON document (docs/json-schema.md), pretty-printed, ending in a newline.
std::string render_explain_json(const std::vector<ExplainOutcome>& outcomes, const Catalog& catalog,
                                const ExplainRenderOptions& options);

}  // namespace r1tag
