// A streaming JSON writer for the --json documents: appends straight to one string, with no tree in
// between, and prints exactly what nlohmann::json::dump(2, ' ', false, error_handler_t::replace) printed
// before it, so the documented output (and its goldens) did not move by a byte.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace r1tag {

// The name of an object member: a string literal, checked at compile time to need no escaping, so the
// writer copies it as it is.
class JsonKey {
 public:
  consteval JsonKey(const char* name) : m_name(name) {
    for (const char c : m_name) {
      const auto byte = static_cast<unsigned char>(c);
      if (byte < 0x20 || byte >= 0x80 || c == '"' || c == '\\') throw "a JSON key must be printable ASCII without quotes or backslashes";
    }
  }
  std::string_view name() const { return m_name; }

 private:
  std::string_view m_name;
};

// Pretty-prints as it goes; the caller nests the calls (a key before each member's value, every begin
// matched by its end), and the goldens check the documents that result.
class JsonWriter {
 public:
  // `expected_bytes`: a guess at the document's size, reserved up front; a longer document reallocates.
  explicit JsonWriter(std::size_t expected_bytes = 0) { m_out.reserve(expected_bytes); }

  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }

  // Inside an object: the name of the next member; the next value or container call writes its value.
  JsonWriter& key(JsonKey name);

  JsonWriter& null();
  JsonWriter& value(std::nullptr_t) { return null(); }
  JsonWriter& value(bool b);
  // Without this overload a string literal would convert to bool rather than to string_view.
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  // Invalid UTF-8 becomes U+FFFD (names typed on the command line may hold anything); never throws.
  JsonWriter& value(std::string_view s);
  // NaN and infinities are written as null, as nlohmann does.
  JsonWriter& value(double d);
  template <std::integral T>
    requires(!std::same_as<T, bool>)
  JsonWriter& value(T n) {
    if constexpr (std::is_signed_v<T>) return signed_value(static_cast<std::int64_t>(n));
    else return unsigned_value(static_cast<std::uint64_t>(n));
  }
  template <class T>
  JsonWriter& value(const std::optional<T>& v) {
    return v ? value(*v) : null();
  }
  template <class T>
  JsonWriter& value(const std::vector<T>& items) {
    begin_array();
    for (const T& item : items) value(item);
    return end_array();
  }

  template <class T>
  JsonWriter& field(JsonKey name, const T& v) {
    key(name);
    return value(v);
  }

  // The finished document and the newline the CLI prints after it.
  std::string finish() &&;

  // Repeated blocks (one model's description in many results) are written once and copied: a writer
  // for one member value that `into` is about to write after key(), at into's depth, whose text is
  // exactly what `into` would have written there.
  static JsonWriter for_member_of(const JsonWriter& into);
  // That writer's value, to give to raw().
  std::string value_text() &&;
  // After key(): writes a value made by a for_member_of() writer at the same depth.
  JsonWriter& raw(std::string_view value_text);

 private:
  JsonWriter& open(char bracket);
  JsonWriter& close(char bracket);
  JsonWriter& signed_value(std::int64_t n);
  JsonWriter& unsigned_value(std::uint64_t n);
  // The comma, newline and indentation that come before an array element or an object member.
  void separate();
  void new_line(bool comma);
  void string(std::string_view s);
  void escape(unsigned char c);
  // Extends the document by `n` bytes and returns where they go.
  char* extend(std::size_t n);
  void grow(std::size_t n);
  void put(std::string_view text);
  void put(char c);
  // Ends the document at `end`, inside the room the last extend() made.
  void truncate(const char* end);

  // Sized a little ahead of the text, so that writing is a bounds check and a copy rather than a call
  // into std::string::append for every piece; the document is m_out[0, m_size).
  std::string m_out;
  std::size_t m_size = 0;
  std::size_t m_depth = 0;
  bool m_empty = true;       // the innermost open container has nothing in it yet
  bool m_after_key = false;  // a key was written and waits for its value
};

// The documents write null, not "", for text that is absent.
inline std::optional<std::string_view> null_if_empty(std::string_view s) {
  return s.empty() ? std::nullopt : std::optional<std::string_view>(s);
}

}  // namespace r1tag
