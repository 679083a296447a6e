#include <r1tag/advice/quant_quality.hpp>

#include <fmt/format.h>

namespace r1tag {

namespace {

// The class limits are r1tag's policy, in data/ranking.json with what they are derived from.
LossClass class_of_ppl(double delta, const RankingPolicy& p) {
  if (delta <= p.negligible_max_ppl_delta) return LossClass::negligible;
  if (delta <= p.very_small_max_ppl_delta) return LossClass::very_small;
  if (delta <= p.small_max_ppl_delta) return LossClass::small;
  if (delta <= p.noticeable_max_ppl_delta) return LossClass::noticeable;
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
    v.loss = class_of_ppl(*delta, catalog.ranking);
    v.basis = fmt::format("{:+.4f} perplexity for {} on Llama-3-8B (llama-quantize)", *delta, measured->name);
    if (measured != &scheme) v.basis += fmt::format("; {} only adds bits to it", scheme.name);
    return v;
  }
  if (measured->nominal_bits_per_weight) {
    const double bpw = *measured->nominal_bits_per_weight;
    v.loss = bpw < catalog.ranking.large_below_bits_per_weight ? LossClass::large : LossClass::noticeable;
    v.basis = fmt::format("no published perplexity figure; {:.2f} nominal bits per weight", bpw);
    return v;
  }
  if (const GgmlType* t = catalog.find_type(measured->default_type); t != nullptr && scheme.custom_mix) {
    const double bpw = 8.0 * t->type_size_bytes / t->block_size;
    v.loss = bpw < catalog.ranking.large_below_bits_per_weight ? LossClass::large : LossClass::noticeable;
    v.basis = fmt::format("custom mix, no published perplexity figure; its main type {} has {:.2f} bits per weight",
                          t->name, bpw);
    return v;
  }
  v.basis = "no published quality figure";
  return v;
}

}  // namespace r1tag
