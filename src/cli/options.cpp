#include "cli/options.hpp"

#include <r1tag/common/error.hpp>
#include <r1tag/common/suggest.hpp>

#include "common/ascii.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace r1tag::cli {

namespace {
// llama.cpp's -ctk/-ctv values (common/arg.cpp kv_cache_types).
const std::vector<std::string_view> k_kv_types = {"f32", "f16", "bf16", "q8_0", "q4_0", "q4_1", "iq4_nl", "q5_0", "q5_1"};

// The longest trained context of the catalogue's models of `family` ("original", "distill").
std::uint64_t longest_context(const Catalog& catalog, std::string_view family) {
  std::uint64_t longest = 0;
  for (const Model& m : catalog.models)
    if (m.family == family) longest = std::max<std::uint64_t>(longest, m.hparams.context_length);
  return longest;
}
}  // namespace

std::string checked_kv_type(const std::string& text) {
  const std::string lower = detail::lower(text);
  if (std::find(k_kv_types.begin(), k_kv_types.end(), lower) != k_kv_types.end()) {
    return detail::upper(lower);
  }
  const auto best = closest_match(text, k_kv_types);
  throw Error::usage(fmt::format("unknown KV cache type '{}'", text),
                     best ? fmt::format("did you mean {}? (one of f32, f16, bf16, q8_0, q4_0, q4_1, iq4_nl, q5_0, q5_1)", *best)
                          : "use one of f32, f16, bf16, q8_0, q4_0, q4_1, iq4_nl, q5_0, q5_1");
}

const std::vector<std::string_view>& kv_cache_types() { return k_kv_types; }

bool checked_on_off(const std::string& flag, const std::string& text) {
  if (text == "on") return true;
  if (text == "off") return false;
  throw Error::usage(fmt::format("{} must be on or off, not '{}'", flag, text));
}

PlanCache plan_cache_for(const Catalog& catalog, bool full_tensor_lists) {
  if (full_tensor_lists || &catalog != &embedded_catalog()) return PlanCache();
  return PlanCache(catalog, embedded_plans());
}

void check_trained_context(std::uint64_t context_tokens, const Catalog& catalog) {
  const std::uint64_t original = longest_context(catalog, "original");
  const std::uint64_t distill = longest_context(catalog, "distill");
  const std::uint64_t longest = std::max(original, distill);
  if (context_tokens <= longest) return;
  throw Error::usage(
      fmt::format("--ctx {} is above the longest trained context of the R1 family ({} tokens)", context_tokens, longest),
      fmt::format("R1 was trained for {} tokens, the distills for {}", original, distill));
}

}  // namespace r1tag::cli
