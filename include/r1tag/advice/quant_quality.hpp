// What a quant costs in quality, in plain words: a loss class from the published figures
// (llama-quantize's perplexity deltas, KLD studies), used by `explain` and by `fit`'s ranking.
#pragma once

#include <r1tag/tables/catalog.hpp>

#include <optional>
#include <string>

namespace r1tag {

// Ordered best to worst; `fit` compares them.
enum class LossClass { negligible, very_small, small, noticeable, large, unknown };

const char* to_string(LossClass c);

struct QualityVerdict {
  LossClass loss = LossClass::unknown;
  std::optional<double> ppl_delta;  // llama-quantize's +ppl on Llama-3-8B (or Mistral-7B for 16-bit)
  std::string basis;                // the figure the class was read from, in words
};

// Reads the loss class from the scheme's published figures; publisher variants (Q4_K_L) use their
// base scheme's figure (they only add bits), custom mixes and schemes without a figure fall back to
// their nominal bits per weight, and say so in `basis`.
QualityVerdict quality_verdict(const QuantScheme& scheme, const Catalog& catalog);

}  // namespace r1tag
