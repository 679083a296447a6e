// The CLI's surroundings: colour decisions and where the tables come from.
#include "cli/app.hpp"
#include "cli/terminal.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

using r1tag::cli::Environment;

TEST_CASE("cli colours only a terminal, and never with NO_COLOR set", "[cli]") {
  Environment tty;
  tty.stdout_is_tty = true;
  CHECK(r1tag::cli::use_color("auto", tty));
  Environment no_color = tty;
  no_color.no_color = "1";
  CHECK_FALSE(r1tag::cli::use_color("auto", no_color));
  CHECK_FALSE(r1tag::cli::use_color("auto", Environment{}));
  CHECK(r1tag::cli::use_color("always", Environment{}));
  CHECK_FALSE(r1tag::cli::use_color("never", tty));
}

TEST_CASE("cli reads the tables from R1TAG_DATA when --data is not given", "[cli]") {
  Environment env;
  std::ostringstream out;
  std::ostringstream err;
  SECTION("a directory holding the tables works like the embedded ones") {
    env.data_dir = std::string(R1TAG_SOURCE_DIR) + "/data";
    CHECK(r1tag::cli::run({"explain", "deepseek-r1:7b"}, out, err, env) == 0);
    CHECK(out.str().rfind("deepseek-r1:7b  =  deepseek-r1:7b-qwen-distill-q4_K_M\n", 0) == 0);
  }
  SECTION("a directory without them is a bad-data error, and stdout stays empty") {
    env.data_dir = "/nonexistent-r1tag-data";
    CHECK(r1tag::cli::run({"explain", "--json", "deepseek-r1:7b"}, out, err, env) == 4);
    CHECK(out.str().empty());
    CHECK(err.str() ==
          "r1tag: error: cannot read data table '/nonexistent-r1tag-data/quant_types.json'; --data must name a "
          "directory holding quant_types.json\n");
  }
  SECTION("--data wins over R1TAG_DATA") {
    env.data_dir = "/nonexistent-r1tag-data";
    const std::string dir = std::string(R1TAG_SOURCE_DIR) + "/data";
    CHECK(r1tag::cli::run({"--data", dir, "explain", "7b"}, out, err, env) == 0);
  }
}
