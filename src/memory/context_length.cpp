#include <r1tag/memory/context_length.hpp>

#include <r1tag/common/error.hpp>

#include <fmt/format.h>

#include <charconv>
#include <limits>

namespace r1tag {

std::uint32_t parse_context_tokens(std::string_view text) {
  const auto bad = [&](const char* why) {
    return Error::usage(fmt::format("bad context length '{}': {}", text, why),
                        "write a number of tokens such as 8192, 32K or 128K");
  };
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end == text.data()) throw bad("expected a whole number of tokens");
  std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
  std::uint64_t scale = 1;
  if (unit == "k" || unit == "K") {
    scale = 1024;
  } else if (unit == "m" || unit == "M") {
    scale = 1024 * 1024;
  } else if (!unit.empty()) {
    throw bad("unknown unit");
  }
  if (value == 0) throw bad("it must be at least 1 token");
  if (value > std::numeric_limits<std::uint32_t>::max() / scale) throw bad("too large");
  return static_cast<std::uint32_t>(value * scale);
}

std::vector<std::uint32_t> parse_context_list(std::string_view text) {
  std::vector<std::uint32_t> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    out.push_back(parse_context_tokens(text.substr(start, comma - start)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace r1tag
