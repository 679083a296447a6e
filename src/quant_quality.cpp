#include <r1tag/quant_quality.hpp>

#include <fmt/format.h>

namespace r1tag {

namespace {

// Class limits on llama-quantize's perplexity increase for Llama-3-8B (tools/quantize/quantize.cpp).
// They follow the gaps in that table: 16/8/6-bit files sit at or below +0.022, Q5_K_M at +0.057,
// Q5_x and Q4_K_M between +0.10 and +0.18, Q4_K_S to Q3_K_M between +0.27 and +0.66, and the 2- and
// 3-bit small mixes above +1.6. The community's "Q4_K_M is the sweet spot" advice falls on the
// boundary between `small` and `noticeable`.
constexpr double k_negligible_ppl = 0.03;
constexpr double k_very_small_ppl = 0.1;
constexpr double k_small_ppl = 0.2;
constexpr double k_noticeable_ppl = 0.7;

// Without a perplexity figure, nominal bits per weight place the scheme next to the k-quants of the
// same size: about 4.5 bits or more behaves like Q4_K_S/Q4_0, 3 to 4.5 like Q3_K, below 3 like Q2_K.
constexpr double k_noticeable_bpw = 3.0;

LossClass class_of_ppl(double delta) {
  if (delta <= k_negligible_ppl) return LossClass::negligible;
  if (delta <= k_very_small_ppl) return LossClass::very_small;
  if (delta <= k_small_ppl) return LossClass::small;
  if (delta <= k_noticeable_ppl) return LossClass::noticeable;
  return LossClass::large;
}

std::optional<double> llama_quantize_delta(const QuantScheme& s) {
  for (const QualityFigure& q : s.quality)
    if (q.metric == "ppl_delta") return q.value;
  return std::nullopt;
}

}  // namespace

const char* to_string(LossClass c) {
  switch (c) {
    case LossClass::negligible: return "negligible";
    case LossClass::very_small: return "very small";
    case LossClass::small: return "small";
    case LossClass::noticeable: return "noticeable";
    case LossClass::large: return "large";
    case LossClass::unknown: return "unknown";
  }
  return "unknown";
}

QualityVerdict quality_verdict(const QuantScheme& scheme, const Catalog& catalog) {
  const QuantScheme* measured = &scheme;
  if (!scheme.base_scheme.empty()) {
    if (const QuantScheme* base = catalog.find_scheme(scheme.base_scheme)) measured = base;
  }
  QualityVerdict v;
  if (const auto delta = llama_quantize_delta(*measured)) {
    v.ppl_delta = *delta;
    v.loss = class_of_ppl(*delta);
    v.basis = fmt::format("{:+.4f} perplexity for {} on Llama-3-8B (llama-quantize)", *delta, measured->name);
    if (measured != &scheme) v.basis += fmt::format("; {} only adds bits to it", scheme.name);
    return v;
  }
  if (measured->nominal_bits_per_weight) {
    const double bpw = *measured->nominal_bits_per_weight;
    v.loss = bpw < k_noticeable_bpw ? LossClass::large : LossClass::noticeable;
    v.basis = fmt::format("no published perplexity figure; {:.2f} nominal bits per weight", bpw);
    return v;
  }
  if (const GgmlType* t = catalog.find_type(measured->default_type); t != nullptr && scheme.custom_mix) {
    const double bpw = 8.0 * t->type_size_bytes / t->block_size;
    v.loss = bpw < k_noticeable_bpw ? LossClass::large : LossClass::noticeable;
    v.basis = fmt::format("custom mix, no published perplexity figure; its main type {} has {:.2f} bits per weight",
                          t->name, bpw);
    return v;
  }
  v.basis = "no published quality figure";
  return v;
}

}  // namespace r1tag
