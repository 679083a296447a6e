#include "cli/options.hpp"

#include <r1tag/error.hpp>
#include <r1tag/suggest.hpp>

#include "ascii.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace r1tag::cli {

namespace {
// llama.cpp's -ctk/-ctv values (common/arg.cpp kv_cache_types).
const std::vector<std::string_view> k_kv_types = {"f32", "f16", "bf16", "q8_0", "q4_0", "q4_1", "iq4_nl", "q5_0", "q5_1"};
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

bool checked_on_off(const std::string& flag, const std::string& text) {
  if (text == "on") return true;
  if (text == "off") return false;
  throw Error::usage(fmt::format("{} must be on or off, not '{}'", flag, text));
}

PlanCache plan_cache_for(const Catalog& catalog, bool full_tensor_lists) {
  if (full_tensor_lists || &catalog != &embedded_catalog()) return PlanCache();
  return PlanCache(catalog, embedded_plans());
}

}  // namespace r1tag::cli
