// Tests for src/common/suggest.cpp: the "did you mean" unit behind every hint.
#include <r1tag/common/suggest.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using r1tag::closest_match;
using r1tag::edit_distance;

TEST_CASE("suggest counts insertions, deletions, substitutions and swaps ignoring case", "[suggest]") {
  CHECK(edit_distance("q4_k_m", "Q4_K_M") == 0);
  CHECK(edit_distance("13b", "14b") == 1);
  CHECK(edit_distance("distll", "distill") == 1);
  CHECK(edit_distance("qwne", "qwen") == 1);  // a swap of neighbours is one edit
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("", "") == 0);
}

TEST_CASE("suggest picks the keyboard slip when candidates are equally far", "[suggest]") {
  // q4_k_n is one edit from both Q4_K_S and Q4_K_M; n sits next to m.
  CHECK(closest_match("q4_k_n", {"Q4_K_S", "Q4_K_M", "Q8_0"}) == std::optional<std::string>("Q4_K_M"));
  CHECK(closest_match("q4_k_n", {"Q4_K_M", "Q4_K_S"}) == std::optional<std::string>("Q4_K_M"));
}

TEST_CASE("suggest prefers the nearest candidate and keeps the first of true ties", "[suggest]") {
  CHECK(closest_match("13b", {"1.5b", "7b", "14b", "32b"}) == std::optional<std::string>("14b"));
  CHECK(closest_match("7b-qwen-distll-q4_K_M", {"7b-qwen-distill-q4_K_M", "7b-qwen-distill-q8_0"}) ==
        std::optional<std::string>("7b-qwen-distill-q4_K_M"));
}

TEST_CASE("suggest finds nothing when every candidate is too far for the input's length", "[suggest]") {
  CHECK_FALSE(closest_match("llama3", {"deepseek-r1"}));
  CHECK_FALSE(closest_match("xy", {"Q8_0"}));
  CHECK_FALSE(closest_match("anything", {}));
  CHECK_FALSE(closest_match("", {"Q8_0"}));
}

TEST_CASE("suggest allows one edit per three characters", "[suggest]") {
  CHECK(closest_match("deepseek-v3", {"deepseek-r1"}) == std::optional<std::string>("deepseek-r1"));  // 2 edits in 11
  CHECK_FALSE(closest_match("q5", {"Q8_0"}));                                                         // 3 edits in 2
  CHECK(closest_match("q8", {"Q8_0"}) == std::nullopt);                                               // 2 edits in 2
}

// Issue 16: a 100,000-character --gpu took 1.5 s in release (20 s+ with sanitizers) in the suggester.
TEST_CASE("suggest gives no suggestion for inputs longer than any name, without measuring them", "[suggest]") {
  const std::vector<std::string_view> candidates = {"RTX 4090", "Q4_K_M"};
  CHECK(closest_match(std::string(r1tag::k_suggest_max_input_chars, 'q'), {std::string(64, 'q')}) ==
        std::string(64, 'q'));
  CHECK_FALSE(closest_match(std::string(r1tag::k_suggest_max_input_chars + 1, 'q'), {std::string(65, 'q')}));
  CHECK_FALSE(closest_match(std::string(100000, 'a'), candidates));
  // A candidate too long or too short to be within the cutoff is skipped, and the answer is unchanged.
  CHECK(closest_match("q4_k_n", {"Q4_K_M", "Q4_K_M_with_a_long_tail"}) == "Q4_K_M");
}
