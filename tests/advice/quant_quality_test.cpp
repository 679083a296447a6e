#include <r1tag/advice/quant_quality.hpp>

#include <catch2/catch.hpp>

using r1tag::LossClass;

namespace {
r1tag::QualityVerdict verdict(const char* scheme) {
  const r1tag::Catalog& c = r1tag::embedded_catalog();
  const r1tag::QuantScheme* s = c.find_scheme(scheme);
  REQUIRE(s != nullptr);
  return r1tag::quality_verdict(*s, c);
}
}  // namespace

TEST_CASE("quant_quality classes schemes by llama-quantize's perplexity deltas", "[quant_quality]") {
  // tools/quantize/quantize.cpp: Q8_0 +0.0026, Q5_K_M +0.0569, Q4_K_M +0.1754, Q3_K_M +0.6569, Q2_K +3.5199.
  CHECK(verdict("Q8_0").loss == LossClass::negligible);
  CHECK(verdict("Q6_K").loss == LossClass::negligible);
  CHECK(verdict("Q5_K_M").loss == LossClass::very_small);
  CHECK(verdict("Q4_K_M").loss == LossClass::small);
  CHECK(*verdict("Q4_K_M").ppl_delta == Approx(0.1754));
  CHECK(verdict("Q4_K_S").loss == LossClass::noticeable);
  CHECK(verdict("Q3_K_M").loss == LossClass::noticeable);
  CHECK(verdict("Q2_K").loss == LossClass::large);
}

TEST_CASE("quant_quality reads a publisher variant through its base scheme", "[quant_quality]") {
  const auto v = verdict("Q4_K_L");
  CHECK(v.loss == LossClass::small);
  CHECK(v.basis == "+0.1754 perplexity for Q4_K_M on Llama-3-8B (llama-quantize); Q4_K_L only adds bits to it");
}

TEST_CASE("quant_quality falls back to bits per weight without a perplexity figure", "[quant_quality]") {
  CHECK(verdict("IQ4_XS").loss == LossClass::noticeable);
  CHECK(verdict("IQ2_XXS").loss == LossClass::large);
  CHECK(verdict("UD-IQ1_S").loss == LossClass::large);
}
