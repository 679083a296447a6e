// (internal) UTF-8 well-formedness, byte by byte: the one decoder behind the two ways r1tag makes text safe
// to show, escaping for one-line messages (common/escape) and JSON strings (render/json_writer).
#pragma once

#include <cstddef>
#include <string_view>

namespace r1tag::detail {

constexpr bool is_utf8_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// The UTF-8 sequence starting at s[i], a byte of 0x80 or above (Unicode table 3-7, RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF): `valid` and its length; or, when it is ill-formed, the
// longest prefix that could still have started a valid sequence, at least the lead byte (how many bytes
// one U+FFFD replaces, as nlohmann's decoder does).
struct Utf8Sequence {
  bool valid;
  std::size_t length;
};

constexpr Utf8Sequence utf8_sequence(std::string_view s, std::size_t i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  std::size_t length = 0;
  unsigned char second_min = 0x80;
  unsigned char second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) second_min = 0xA0;  // overlong
    if (lead == 0xED) second_max = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) second_min = 0x90;  // overlong
    if (lead == 0xF4) second_max = 0x8F;  // above U+10FFFF
  } else {
    return {false, 1};
  }
  for (std::size_t k = 1; k < length; ++k) {
    if (i + k >= s.size()) return {false, k};
    const auto c = static_cast<unsigned char>(s[i + k]);
    const bool ok = k == 1 ? (c >= second_min && c <= second_max) : is_utf8_continuation(c);
    if (!ok) return {false, k};
  }
  return {true, length};
}

}  // namespace r1tag::detail
