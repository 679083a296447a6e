// Tests for src/common/utf8.hpp: well-formed UTF-8 per the Unicode Standard's table 3-7 (and RFC 3629),
// and how many bytes of an ill-formed sequence one U+FFFD replaces (the standard's "maximal subpart"
// practice, section 3.9 / U+FFFD substitution, which nlohmann's decoder follows).
#include "common/utf8.hpp"

#include <catch2/catch.hpp>

#include <string_view>

using r1tag::detail::utf8_sequence;

namespace {

bool valid(std::string_view s) { return utf8_sequence(s, 0).valid; }
std::size_t length(std::string_view s) { return utf8_sequence(s, 0).length; }

}  // namespace

TEST_CASE("utf8_sequence accepts well-formed sequences of two to four bytes", "[utf8]") {
  CHECK(valid("\xc3\xa9"));             // U+00E9
  CHECK(length("\xc3\xa9") == 2);
  CHECK(valid("\xe2\x80\x94"));         // U+2014
  CHECK(length("\xe2\x80\x94") == 3);
  CHECK(valid("\xf0\x9f\x98\x80"));     // U+1F600
  CHECK(length("\xf0\x9f\x98\x80") == 4);
  CHECK(valid("\xf4\x8f\xbf\xbf"));     // U+10FFFF, the last code point
  CHECK(length("\xc2\x80xyz") == 2);    // only the sequence, not what follows
}

TEST_CASE("utf8_sequence refuses overlong forms, surrogates and code points above U+10FFFF", "[utf8]") {
  // Table 3-7: C0, C1 and F5..FF never start a sequence; E0 needs A0..BF next, ED 80..9F, F0 90..BF, F4 80..8F.
  for (const std::string_view s : {"\xc0\xaf", "\xc1\xbf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf0\x80\x80\xaf",
                                   "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff", "\x80", "\xbf"}) {
    CAPTURE(s);
    CHECK_FALSE(valid(s));
    CHECK(length(s) == 1);  // the lead byte alone: nothing after it could have continued it
  }
}

TEST_CASE("utf8_sequence gives the maximal subpart of a truncated or broken sequence", "[utf8]") {
  CHECK_FALSE(valid("\xe2\x82"));       // cut short at the end of the text
  CHECK(length("\xe2\x82") == 2);
  CHECK_FALSE(valid("\xf0\x9f\x98"));
  CHECK(length("\xf0\x9f\x98") == 3);
  CHECK_FALSE(valid("\xe2\x82x"));      // a continuation byte missing: 2 bytes are one U+FFFD, 'x' follows
  CHECK(length("\xe2\x82x") == 2);
  CHECK_FALSE(valid("\xc3"));
  CHECK(length("\xc3") == 1);
}
