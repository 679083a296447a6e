#include <r1tag/common/suggest.hpp>

#include "common/ascii.hpp"

#include <algorithm>
#include <cstdlib>

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

namespace {

// Whether two keys touch on a QWERTY keyboard: the typo "q4_k_n" is one slip from "Q4_K_M" (n and m
// are neighbours) but a deliberate change from "Q4_K_S".
bool keyboard_neighbours(char a, char b) {
  static constexpr std::string_view rows[] = {"1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"};
  int ra = -1, ca = 0, rb = -1, cb = 0;
  for (int r = 0; r < 4; ++r) {
    if (const auto at = rows[r].find(detail::to_lower(a)); at != std::string_view::npos) ra = r, ca = static_cast<int>(at);
    if (const auto at = rows[r].find(detail::to_lower(b)); at != std::string_view::npos) rb = r, cb = static_cast<int>(at);
  }
  if (ra < 0 || rb < 0) return false;
  if (ra == rb) return std::abs(ca - cb) == 1;
  return std::abs(ra - rb) == 1 && std::abs(ca - cb) <= 1;
}

// edit_distance in half steps, where replacing a key by its neighbour costs half: the tie-breaker
// between candidates at the same edit distance.
std::size_t typo_cost(std::string_view a, std::string_view b) {
  using detail::to_lower;
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = 2 * i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = 2 * j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const char x = a[i - 1];
      const char y = b[j - 1];
      const std::size_t swap = to_lower(x) == to_lower(y) ? 0 : keyboard_neighbours(x, y) ? 1 : 2;
      d[i][j] = std::min({d[i - 1][j] + 2, d[i][j - 1] + 2, d[i - 1][j - 1] + swap});
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::optional<std::string> closest_match(std::string_view input, const std::vector<std::string_view>& candidates) {
  if (input.size() > k_suggest_max_input_chars) return std::nullopt;
  // One edit per three characters, at least one: "13b" may become "14b", "q4_k_n" may become "Q4_K_M".
  const std::size_t cutoff = std::max<std::size_t>(1, input.size() / 3);
  std::optional<std::string> best;
  std::size_t best_distance = cutoff + 1;
  std::size_t best_cost = 0;
  for (const std::string_view candidate : candidates) {
    // The lengths alone bound the distance from below; a far longer candidate need not be measured.
    const std::size_t length_gap = candidate.size() > input.size() ? candidate.size() - input.size() : input.size() - candidate.size();
    if (length_gap > cutoff) continue;
    const std::size_t d = edit_distance(input, candidate);
    if (d > cutoff || d > best_distance) continue;
    const std::size_t cost = typo_cost(input, candidate);
    if (d < best_distance || cost < best_cost) {
      best_distance = d;
      best_cost = cost;
      best = candidate;
    }
  }
  return best;
}

}  // namespace r1tag
