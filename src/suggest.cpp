#include <r1tag/suggest.hpp>

#include "ascii.hpp"

#include <algorithm>

namespace r1tag {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  using detail::to_lower;
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  // Three rolling rows are enough for the transposition rule.
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const bool same = to_lower(a[i - 1]) == to_lower(b[j - 1]);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && to_lower(a[i - 1]) == to_lower(b[j - 2]) && to_lower(a[i - 2]) == to_lower(b[j - 1]))
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

std::optional<std::string> closest_match(std::string_view input, const std::vector<std::string>& candidates) {
  // One edit per three characters, at least one: "13b" may become "14b", "q4_k_n" may become "Q4_K_M".
  const std::size_t cutoff = std::max<std::size_t>(1, input.size() / 3);
  std::optional<std::string> best;
  std::size_t best_distance = cutoff + 1;
  for (const std::string& candidate : candidates) {
    const std::size_t d = edit_distance(input, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

}  // namespace r1tag
