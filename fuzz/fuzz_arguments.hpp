// A fuzzer's input read as a command line: the bytes split at `separator` (a newline for the cli target,
// NUL for the hostile one, whose arguments may hold newlines), at most k_max_arguments of them.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace r1tag::fuzz {

// A command line is short; more arguments only make each run slower without reaching new code.
constexpr std::size_t k_max_arguments = 12;

inline std::vector<std::string> arguments(std::string_view text, char separator) {
  std::vector<std::string> args;
  std::size_t start = 0;
  while (start <= text.size() && args.size() < k_max_arguments) {
    const std::size_t end = std::min(text.find(separator, start), text.size());
    args.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return args;
}

}  // namespace r1tag::fuzz
