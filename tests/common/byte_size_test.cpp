#include <r1tag/common/byte_size.hpp>
#include <r1tag/common/error.hpp>

#include <catch2/catch.hpp>

using r1tag::parse_shown_size;

TEST_CASE("byte_size reads sizes as the hubs show them, with their rounding", "[byte_size]") {
  // Hugging Face and ollama.com print decimal units; unsloth's announcements print GiB.
  CHECK(parse_shown_size("4.68 GB")->bytes == 4'680'000'000ULL);
  CHECK(parse_shown_size("4.68 GB")->precision_bytes == 5'000'000ULL);
  CHECK(parse_shown_size("4.7GB")->bytes == 4'700'000'000ULL);
  CHECK(parse_shown_size("4.7GB")->precision_bytes == 50'000'000ULL);
  CHECK(parse_shown_size("1.3TB")->bytes == 1'300'000'000'000ULL);
  CHECK(parse_shown_size("131 GiB")->bytes == 131ULL * 1024 * 1024 * 1024);
  CHECK(parse_shown_size("404GB")->precision_bytes == 500'000'000ULL);
}

TEST_CASE("byte_size rejects sizes in no unit a hub prints", "[byte_size]") {
  CHECK_FALSE(parse_shown_size("8.1 gigs"));
  CHECK_FALSE(parse_shown_size("GB"));
  CHECK_FALSE(parse_shown_size(""));
  CHECK_FALSE(parse_shown_size("1.2.3 GB"));
}

TEST_CASE("byte_size formats decimal GB as the hubs do and GiB as llama.cpp does", "[byte_size]") {
  CHECK(r1tag::format_decimal_gb(4'683'075'271ULL) == "4.68 GB");
  CHECK(r1tag::format_gib(4'683'075'271ULL) == "4.36 GiB");
  CHECK(r1tag::format_short(404'420'000'000ULL) == "404 GB");
  CHECK(r1tag::format_short(1'342'000'000'000ULL) == "1.3 TB");
  CHECK(r1tag::format_short(4'683'075'271ULL) == "4.7 GB");
}

TEST_CASE("byte_size reads memory sizes typed by users, GB meaning GiB", "[byte_size]") {
  using r1tag::parse_memory_size;
  CHECK(parse_memory_size("8GB") == 8ULL << 30);
  CHECK(parse_memory_size("8G") == 8ULL << 30);
  CHECK(parse_memory_size("8GiB") == 8ULL << 30);
  CHECK(parse_memory_size("24gb") == 24ULL << 30);
  CHECK(parse_memory_size("8192MiB") == 8ULL << 30);
  CHECK(parse_memory_size("1.5TB") == 3ULL << 39);
}

TEST_CASE("byte_size rejects bad memory sizes with the usage code and a hint", "[byte_size]") {
  using r1tag::parse_memory_size;
  const auto message_of = [](const char* text) {
    try {
      parse_memory_size(text);
    } catch (const r1tag::Error& e) {
      CHECK(e.code() == r1tag::ExitCode::usage);
      CHECK(e.hint() == "write sizes like 8GB, 24G, 8192MiB or 1.5TB");
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message_of("8XB") == "bad size '8XB': unknown unit 'XB'");
  CHECK(message_of("-4GB") == "bad size '-4GB': sizes cannot be negative");
  CHECK(message_of("GB") == "bad size 'GB': expected a number");
  CHECK(message_of("0GB") == "bad size '0GB': a memory size must be positive");
}
