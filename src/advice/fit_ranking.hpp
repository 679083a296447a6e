// The ranking policy of `fit` (README.md, "How fit ranks") and the one-line reason for each rank.
// Internal to the advisor; tests reach it through
// advise().
#pragma once

#include <r1tag/advice/advisor.hpp>
#include <r1tag/common/error.hpp>

#include <string>
#include <vector>

namespace r1tag::detail {

// Sorts best first: placement (all on GPU, partial, CPU), then whether the quant's loss is acceptable
// (small or less), then the model's published capability, then the quant's loss class, then the
// smaller (faster) file.
// `prefer` changes the order of the first keys: quality puts capability before placement; speed keeps
// only the acceptable-loss bucket first and then orders by estimated decode speed.
void rank(std::vector<Candidate>& candidates, Preference prefer, const RankingPolicy& policy);

// Why `cand` ranks where it does: against `previous` (the candidate just above it), or for the first,
// what makes it the best.
std::string why(const Candidate& cand, const Candidate* previous, const FitRequest& request, const RankingPolicy& policy);

}  // namespace r1tag::detail
