#include <r1tag/common/escape.hpp>

#include "common/utf8.hpp"

#include <fmt/format.h>

#include <cstddef>

namespace r1tag {

namespace {

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
    const detail::Utf8Sequence sequence = detail::utf8_sequence(text, i);
    const std::size_t length = sequence.valid ? sequence.length : 0;
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
