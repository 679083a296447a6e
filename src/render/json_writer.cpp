#include "render/json_writer.hpp"

#include "common/utf8.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>

namespace r1tag {

namespace {

constexpr std::size_t k_indent = 2;
constexpr std::string_view k_replacement = "\xEF\xBF\xBD";  // U+FFFD
// Numbers are printed in place: room for the longest, then the end is moved back.
constexpr std::size_t k_max_integer_chars = 20;  // 18446744073709551615, -9223372036854775808
constexpr std::size_t k_max_double_chars = 32;   // "-1.7976931348623157e+308" is 24, as nlohmann asks

// Printable ASCII other than '"' and '\\': most of a document's text, copied as it is.
bool is_plain(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

// The index of the first byte at or after `i` that is not plain, or s.size(). Eight bytes at a time: a
// document is mostly such text, and this loop is most of the writer's cost.
std::size_t skip_plain(std::string_view s, std::size_t i) {
  constexpr std::uint64_t ones = 0x0101010101010101;
  constexpr std::uint64_t highs = 0x8080808080808080;
  while (i + 8 <= s.size()) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    // The high bit of a byte is set in `special` where that byte is non-ASCII (w), below 0x20 (the
    // subtraction wraps it around), '"' or '\\' (the same on w ^ c, where they are zero). A borrow only
    // flags bytes above one that is flagged rightly, so the lowest flag is exact.
    const std::uint64_t quote = w ^ (ones * '"');
    const std::uint64_t backslash = w ^ (ones * '\\');
    const std::uint64_t special = (w | (w - ones * 0x20) | (quote - ones) | (backslash - ones)) & highs;
    if (special != 0) {
      if constexpr (std::endian::native == std::endian::little) return i + static_cast<std::size_t>(std::countr_zero(special)) / 8;
      break;
    }
    i += 8;
  }
  while (i < s.size() && is_plain(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

}  // namespace

void JsonWriter::grow(std::size_t n) {
  // std::string cannot lengthen without writing the new bytes. Room is added 1 KiB at a time rather than
  // the whole guess at once: the zeroed piece is still in cache when it is overwritten, bytes the
  // document never uses are not zeroed, and glibc zeroes large blocks with `rep stosb`, which callgrind
  // counts as one instruction per byte. Within the reserved capacity this never reallocates.
  constexpr std::size_t piece = 1024;
  m_out.resize(m_size + std::max(n, piece));
}

inline char* JsonWriter::extend(std::size_t n) {
  if (m_out.size() - m_size < n) [[unlikely]] grow(n);
  char* at = m_out.data() + m_size;
  m_size += n;
  return at;
}

inline void JsonWriter::put(std::string_view text) {
  if (!text.empty()) std::memcpy(extend(text.size()), text.data(), text.size());
}

inline void JsonWriter::put(char c) { *extend(1) = c; }

inline void JsonWriter::truncate(const char* end) { m_size = static_cast<std::size_t>(end - m_out.data()); }

std::string JsonWriter::finish() && {
  m_out.resize(m_size);
  m_out += '\n';
  return std::move(m_out);
}

JsonWriter JsonWriter::for_member_of(const JsonWriter& into) {
  JsonWriter w;
  w.m_depth = into.m_depth;
  w.m_after_key = true;
  return w;
}

std::string JsonWriter::value_text() && {
  m_out.resize(m_size);
  return std::move(m_out);
}

JsonWriter& JsonWriter::raw(std::string_view value_text) {
  separate();
  put(value_text);
  return *this;
}

void JsonWriter::new_line(bool comma) {
  static constexpr std::string_view comma_newline_spaces = ",\n                                ";
  constexpr std::size_t copied = comma_newline_spaces.size() - 1;
  const std::size_t skip = comma ? 0 : 1;
  const std::size_t indent = m_depth * k_indent;
  const std::size_t length = 2 - skip + indent;
  if (length <= copied) {
    // This runs before every value: a copy of fixed size is a few moves, one of the exact length a loop
    // or a call, so the whole template is copied and the end is moved back.
    char* at = extend(copied);
    std::memcpy(at, comma_newline_spaces.data() + skip, copied);
    truncate(at + length);
  } else {
    put(comma_newline_spaces.substr(skip, 2 - skip));
    std::memset(extend(indent), ' ', indent);
  }
}

void JsonWriter::separate() {
  if (m_after_key) {
    m_after_key = false;
    return;
  }
  if (m_depth == 0) return;
  new_line(!m_empty);
  m_empty = false;
}

JsonWriter& JsonWriter::open(char bracket) {
  separate();
  put(bracket);
  ++m_depth;
  m_empty = true;
  return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
  --m_depth;
  // An empty container stays on one line: "[]", "{}".
  if (!m_empty) new_line(false);
  put(bracket);
  m_empty = false;
  return *this;
}

JsonWriter& JsonWriter::key(JsonKey name) {
  separate();
  // JsonKey guarantees the name needs no escaping.
  const std::string_view text = name.name();
  char* at = extend(text.size() + 4);
  at[0] = '"';
  std::memcpy(at + 1, text.data(), text.size());
  std::memcpy(at + 1 + text.size(), "\": ", 3);
  m_after_key = true;
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  put("null");
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  separate();
  put(b ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
  separate();
  string(s);
  return *this;
}

JsonWriter& JsonWriter::signed_value(std::int64_t n) {
  separate();
  char* at = extend(k_max_integer_chars);
  truncate(std::to_chars(at, at + k_max_integer_chars, n).ptr);
  return *this;
}

JsonWriter& JsonWriter::unsigned_value(std::uint64_t n) {
  separate();
  char* at = extend(k_max_integer_chars);
  truncate(std::to_chars(at, at + k_max_integer_chars, n).ptr);
  return *this;
}

JsonWriter& JsonWriter::value(double d) {
  if (!std::isfinite(d)) return null();
  separate();
  // nlohmann's own Grisu2 (with its format: "1189.0", "0.0001", "1e-05", "1e+16"), not std::to_chars:
  // Grisu2 picks different, equally round-tripping, digits for about one double in a thousand (one digit
  // longer, or the last digit one off), and the documents must not change with the writer.
  char* at = extend(k_max_double_chars);
  truncate(nlohmann::detail::to_chars(at, at + k_max_double_chars, d));
  return *this;
}

void JsonWriter::escape(unsigned char c) {
  switch (c) {
    case '"': put("\\\""); return;
    case '\\': put("\\\\"); return;
    case '\b': put("\\b"); return;
    case '\t': put("\\t"); return;
    case '\n': put("\\n"); return;
    case '\f': put("\\f"); return;
    case '\r': put("\\r"); return;
    default: {
      constexpr char hex[] = "0123456789abcdef";  // lower case, as nlohmann's "\\u%04x"
      const char escaped[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
      put(std::string_view(escaped, sizeof escaped));
    }
  }
}

void JsonWriter::string(std::string_view s) {
  put('"');
  std::size_t copied = 0;  // s[copied, i) is text to copy as it is, not yet written
  std::size_t i = 0;
  while ((i = skip_plain(s, i)) < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const detail::Utf8Sequence seq = detail::utf8_sequence(s, i);
      if (seq.valid) {
        i += seq.length;
        continue;
      }
      put(s.substr(copied, i - copied));
      put(k_replacement);
      i += seq.length;
    } else {
      put(s.substr(copied, i - copied));
      escape(c);
      ++i;
    }
    copied = i;
  }
  put(s.substr(copied));
  put('"');
}

}  // namespace r1tag
