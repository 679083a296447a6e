// Rendering `fit` advice: a ranked list a person reads, and the JSON document scripts read.
#pragma once

#include <r1tag/advice/advisor.hpp>
#include <r1tag/common/error.hpp>

#include "render/explain_render.hpp"

#include <string>

namespace r1tag {

// `total` is how many candidates fit before --top cut the list.
std::string render_fit_text(const FitAdvice& advice, const FitRequest& request, std::size_t total, const TextStyle& style);
std::string render_fit_json(const FitAdvice& advice, const FitRequest& request, std::size_t total);
// The document for a valid question with no answer: the budget, no candidates, and the error with
// what would fit, so a script reading stdout still gets one complete document.
std::string render_fit_json_error(const FitAdvice& advice, const FitRequest& request, const Error& error);

class JsonWriter;

// The documented `memory` object (docs/json-schema.md), shared by fit and explain: written as the
// writer's next value.
void write_memory_json(JsonWriter& out, const MemoryEstimate& memory);
// The documented `error` object ({"message", "hint", "exit_code"}), shared by fit and explain.
void write_error_json(JsonWriter& out, const Error& error);

}  // namespace r1tag
