#include <r1tag/memory/context_length.hpp>
#include <r1tag/common/error.hpp>

#include <catch2/catch.hpp>

using r1tag::parse_context_tokens;

TEST_CASE("context_length reads K as 1024 tokens, as model cards do", "[context_length]") {
  CHECK(parse_context_tokens("8192") == 8192);
  CHECK(parse_context_tokens("8K") == 8192);
  CHECK(parse_context_tokens("128k") == 131072);
  CHECK(parse_context_tokens("1M") == 1048576);
  CHECK(r1tag::parse_context_list("4K,32K,128K") == std::vector<std::uint32_t>{4096, 32768, 131072});
}

TEST_CASE("context_length rejects zero, negatives and junk with the usage code", "[context_length]") {
  const auto message_of = [](const char* text) {
    try {
      parse_context_tokens(text);
    } catch (const r1tag::Error& e) {
      CHECK(e.code() == r1tag::ExitCode::usage);
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message_of("0") == "bad context length '0': it must be at least 1 token");
  CHECK(message_of("-5") == "bad context length '-5': expected a whole number of tokens");
  CHECK(message_of("8Q") == "bad context length '8Q': unknown unit");
  CHECK(message_of("99999999999") == "bad context length '99999999999': too large");
}
