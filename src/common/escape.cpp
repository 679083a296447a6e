#include <r1tag/common/escape.hpp>

#include <fmt/format.h>

#include <cstddef>

namespace r1tag {

namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// The length of the valid UTF-8 sequence at `at` (RFC 3629: no overlong forms, no surrogates, at most
// U+10FFFF), or 0 when the byte there does not start one.
std::size_t utf8_length(std::string_view text, std::size_t at) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
  const unsigned char lead = b(0);
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  if (b(1) < low || b(1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i)
    if (!is_continuation(b(i))) return 0;
  return length;
}

void append_escape(std::string& out, unsigned char c) {
  switch (c) {
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    default: out += fmt::format("\\x{:02x}", c);
  }
}

}  // namespace

std::string escaped_for_message(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7F) {
        append_escape(out, c);
      } else {
        out += text[i];
      }
      ++i;
      continue;
    }
    const std::size_t length = utf8_length(text, i);
    // U+0080..U+009F (C1 controls, CSI among them) are UTF-8 "\xc2\x80".."\xc2\x9f".
    const bool c1_control = length == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) <= 0x9F;
    if (length == 0 || c1_control) {
      const std::size_t shown = length == 0 ? 1 : length;
      for (std::size_t k = 0; k < shown; ++k) append_escape(out, static_cast<unsigned char>(text[i + k]));
      i += shown;
      continue;
    }
    out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

}  // namespace r1tag
