#include "render/json_writer.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

using r1tag::JsonWriter;

namespace {

// The document holding just `v`, without the trailing newline.
template <class T>
std::string json_of(const T& v) {
  JsonWriter w;
  w.value(v);
  std::string out = std::move(w).finish();
  out.pop_back();
  return out;
}

}  // namespace

// Every expected string below is what nlohmann::ordered_json::dump(2, ' ', false, error_handler_t::replace)
// printed for the same value, the writer's former implementation: the --json documents must not change.

TEST_CASE("json_writer indents by two spaces and keeps empty containers on one line", "[json_writer]") {
  JsonWriter w;
  w.begin_object();
  w.field("a", 1);
  w.key("list").begin_array().value("x").begin_object().field("b", true).end_object().end_array();
  w.key("empty_list").begin_array().end_array();
  w.key("empty_object").begin_object().end_object();
  w.key("nested").begin_array().begin_array().end_array().begin_object().end_object().end_array();
  w.key("none").null();
  w.end_object();
  CHECK(std::move(w).finish() ==
        "{\n"
        "  \"a\": 1,\n"
        "  \"list\": [\n"
        "    \"x\",\n"
        "    {\n"
        "      \"b\": true\n"
        "    }\n"
        "  ],\n"
        "  \"empty_list\": [],\n"
        "  \"empty_object\": {},\n"
        "  \"nested\": [\n"
        "    [],\n"
        "    {}\n"
        "  ],\n"
        "  \"none\": null\n"
        "}\n");
}

TEST_CASE("json_writer writes scalars, optionals and vectors", "[json_writer]") {
  CHECK(json_of(true) == "true");
  CHECK(json_of(false) == "false");
  CHECK(json_of(nullptr) == "null");
  CHECK(json_of(std::optional<double>()) == "null");
  CHECK(json_of(std::optional<std::uint32_t>(7)) == "7");
  CHECK(json_of(r1tag::null_if_empty("")) == "null");
  CHECK(json_of(r1tag::null_if_empty("x")) == "\"x\"");
  CHECK(json_of(std::vector<std::uint64_t>{}) == "[]");
  CHECK(json_of(std::vector<std::string>{"a", "b"}) == "[\n  \"a\",\n  \"b\"\n]");
}

TEST_CASE("json_writer prints integers in full", "[json_writer]") {
  CHECK(json_of(0) == "0");
  CHECK(json_of(std::numeric_limits<std::uint64_t>::max()) == "18446744073709551615");
  CHECK(json_of(std::numeric_limits<std::int64_t>::min()) == "-9223372036854775808");
  CHECK(json_of(-42) == "-42");
  CHECK(json_of(std::uint32_t{4294967295U}) == "4294967295");
}

TEST_CASE("json_writer prints doubles as nlohmann does", "[json_writer]") {
  // Integral values keep ".0"; the exponent form starts below 1e-4 and at 1e15, with a sign and at
  // least two digits.
  CHECK(json_of(1189.0) == "1189.0");
  CHECK(json_of(0.0) == "0.0");
  CHECK(json_of(-0.0) == "-0.0");
  CHECK(json_of(55.5) == "55.5");
  CHECK(json_of(0.1754) == "0.1754");
  CHECK(json_of(0.1) == "0.1");
  CHECK(json_of(1.0 / 3) == "0.3333333333333333");
  CHECK(json_of(-2.5) == "-2.5");
  CHECK(json_of(0.0001) == "0.0001");
  CHECK(json_of(0.0001234) == "0.0001234");
  CHECK(json_of(1e-05) == "1e-05");
  CHECK(json_of(2.5e-05) == "2.5e-05");
  CHECK(json_of(123456789012345.0) == "123456789012345.0");
  CHECK(json_of(1e15) == "1e+15");
  CHECK(json_of(1e20) == "1e+20");
  CHECK(json_of(123456789012345678.0) == "1.2345678901234568e+17");
  CHECK(json_of(1.7976931348623157e308) == "1.7976931348623157e+308");
  CHECK(json_of(5e-324) == "5e-324");
  // Grisu2's digits, not the shortest ones std::to_chars would print ("77734751.57149825").
  CHECK(json_of(77734751.571498245) == "77734751.57149824");
  CHECK(json_of(std::nan("")) == "null");
  CHECK(json_of(std::numeric_limits<double>::infinity()) == "null");
}

TEST_CASE("json_writer escapes strings as nlohmann does", "[json_writer]") {
  CHECK(json_of("plain") == "\"plain\"");
  CHECK(json_of("") == "\"\"");
  CHECK(json_of("say \"hi\"") == "\"say \\\"hi\\\"\"");
  CHECK(json_of("C:\\path") == "\"C:\\\\path\"");
  CHECK(json_of("a\nb\tc\rd\be\ff") == "\"a\\nb\\tc\\rd\\be\\ff\"");
  CHECK(json_of(std::string("\x00\x01\x1f", 3)) == "\"\\u0000\\u0001\\u001f\"");
  CHECK(json_of("\x7f/") == "\"\x7f/\"");  // DEL and '/' as they are
  // Valid UTF-8 passes through unchanged, up to four bytes.
  CHECK(json_of("Größe 4.68 GB – 😀") == "\"Größe 4.68 GB – 😀\"");
  CHECK(json_of("\xF4\x8F\xBF\xBF") == "\"\xF4\x8F\xBF\xBF\"");  // U+10FFFF
}

TEST_CASE("json_writer replaces invalid UTF-8 with U+FFFD rather than throwing", "[json_writer]") {
  // One replacement per invalid lead byte, or per truncated sequence; the byte that broke a sequence is
  // read again on its own.
  CHECK(json_of("a\xFF" "b") == "\"a\xEF\xBF\xBD" "b\"");
  CHECK(json_of("\x80") == "\"\xEF\xBF\xBD\"");
  CHECK(json_of("\xC3(") == "\"\xEF\xBF\xBD(\"");
  CHECK(json_of("\xC3\"") == "\"\xEF\xBF\xBD\\\"\"");
  CHECK(json_of("\xE2\x82") == "\"\xEF\xBF\xBD\"");                            // truncated at the end
  CHECK(json_of("\xC0\xAF") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");                // overlong
  CHECK(json_of("\xED\xA0\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // a surrogate
  CHECK(json_of("\xF4\x90\x80\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // above U+10FFFF
  CHECK(json_of("\xF0\x9F\x98" "x") == "\"\xEF\xBF\xBD" "x\"");
}

TEST_CASE("json_writer copies a member value written once by a writer at the same depth", "[json_writer]") {
  r1tag::JsonWriter w;
  w.begin_object().key("results").begin_array().begin_object().key("model");
  r1tag::JsonWriter block = r1tag::JsonWriter::for_member_of(w);
  block.begin_object().field("id", "7b").key("scores").begin_array().value(55.5).end_array().end_object();
  const std::string text = std::move(block).value_text();
  w.raw(text).field("ok", true).end_object();
  w.begin_object().key("model").raw(text).end_object();
  w.end_array().end_object();
  CHECK(std::move(w).finish() ==
        "{\n"
        "  \"results\": [\n"
        "    {\n"
        "      \"model\": {\n"
        "        \"id\": \"7b\",\n"
        "        \"scores\": [\n"
        "          55.5\n"
        "        ]\n"
        "      },\n"
        "      \"ok\": true\n"
        "    },\n"
        "    {\n"
        "      \"model\": {\n"
        "        \"id\": \"7b\",\n"
        "        \"scores\": [\n"
        "          55.5\n"
        "        ]\n"
        "      }\n"
        "    }\n"
        "  ]\n"
        "}\n");
}
