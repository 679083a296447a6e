// Tests for src/common/escape.cpp: what makes every diagnostic one line without terminal controls.
#include <r1tag/common/escape.hpp>

#include <catch2/catch.hpp>

#include <string>

using r1tag::escaped_for_message;

TEST_CASE("escape keeps printable ASCII and valid UTF-8 as they are", "[escape]") {
  CHECK(escaped_for_message("deepseek-r1:7b 'q4_K_M'; \\path") == "deepseek-r1:7b 'q4_K_M'; \\path");
  CHECK(escaped_for_message("M2 Max \xc3\xa9t\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80") ==
        "M2 Max \xc3\xa9t\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80");
  CHECK(escaped_for_message("") == "");
}

TEST_CASE("escape shows control characters as escapes, so a message stays one line", "[escape]") {
  CHECK(escaped_for_message("8\nGB") == "8\\nGB");
  CHECK(escaped_for_message("q8_0\nr1tag: error: fake") == "q8_0\\nr1tag: error: fake");
  CHECK(escaped_for_message("a\rb\tc") == "a\\rb\\tc");
  CHECK(escaped_for_message("\x1b[31mRED") == "\\x1b[31mRED");
  CHECK(escaped_for_message(std::string("a\0b", 3)) == "a\\x00b");
  CHECK(escaped_for_message("\x7f") == "\\x7f");
}

TEST_CASE("escape shows C1 controls and bytes that are not UTF-8 byte by byte", "[escape]") {
  CHECK(escaped_for_message("\xc2\x9b" "31m") == "\\xc2\\x9b31m");  // U+009B, CSI
  CHECK(escaped_for_message("\xc2\xa0") == "\xc2\xa0");               // U+00A0 is printable
  CHECK(escaped_for_message("\xff") == "\\xff");
  CHECK(escaped_for_message("\xc3") == "\\xc3");                      // truncated sequence
  CHECK(escaped_for_message("\xc0\xaf") == "\\xc0\\xaf");             // overlong '/'
  CHECK(escaped_for_message("\xed\xa0\x80") == "\\xed\\xa0\\x80");    // a UTF-16 surrogate
  CHECK(escaped_for_message("\xf4\x90\x80\x80") == "\\xf4\\x90\\x80\\x80");  // above U+10FFFF
}

TEST_CASE("escape output never holds a byte below 0x20 or DEL", "[escape]") {
  std::string every;
  for (int c = 0; c < 256; ++c) every += static_cast<char>(c);
  const std::string out = escaped_for_message(every);
  for (const char c : out) {
    const auto u = static_cast<unsigned char>(c);
    CHECK((u >= 0x20 && u != 0x7f));
  }
}
