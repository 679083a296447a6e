// "Did you mean …?": the closest known spelling to something a user typed.
// Case-insensitive edit distance with a cutoff that grows with the input's length, so short
// inputs only match near-identical names.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace r1tag {

// Optimal-string-alignment distance (insert, delete, substitute, swap neighbours), ignoring case.
std::size_t edit_distance(std::string_view a, std::string_view b);

// Inputs longer than this get no suggestion: every name r1tag knows is far shorter, and the edit distance
// grows with the product of the lengths, so a 100,000-character argument must not reach it.
inline constexpr std::size_t k_suggest_max_input_chars = 64;

// The candidate closest to `input`, or nullopt when none is close enough (or `input` is longer than
// k_suggest_max_input_chars).
// Example: closest_match("q4_k_n", {"Q4_K_M", "Q8_0"}) -> "Q4_K_M".
std::optional<std::string> closest_match(std::string_view input, const std::vector<std::string_view>& candidates);

}  // namespace r1tag
