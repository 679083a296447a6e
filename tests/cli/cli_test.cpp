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
  no_color.no_color = std::string(1, '1');  // not = "1": GCC 12 warns falsely (-Wrestrict) on that assignment here
  CHECK_FALSE(r1tag::cli::use_color("auto", no_color));
  CHECK_FALSE(r1tag::cli::use_color("auto", Environment{}));
  CHECK(r1tag::cli::use_color("always", Environment{}));
  CHECK_FALSE(r1tag::cli::use_color("never", tty));
}

TEST_CASE("cli reads the tables from R1TAG_DATA when --data is not given", "[cli]") {
  Environment env;
  env.variables = {{"R1TAG_DETECT", "off"}};  // the output must not depend on the machine
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

// Only the named command is set up for CLI11 (app.cpp named_command); the values of global options
// before it must not be taken for the command, and a name that is no command still gets CLI11's error.
TEST_CASE("cli finds the command after the global options and their values", "[cli]") {
  const Environment env;
  std::ostringstream out;
  std::ostringstream err;
  SECTION("--color's value is skipped") {
    CHECK(r1tag::cli::run({"--color", "never", "gpus", "4090"}, out, err, env) == 0);
    CHECK(out.str().find("NVIDIA GeForce RTX 4090") != std::string::npos);
  }
  SECTION("a --data directory named like a command is not the command") {
    CHECK(r1tag::cli::run({"--data", "fit", "explain", "7b"}, out, err, env) == 4);
    CHECK(err.str().rfind("r1tag: error: cannot read data table 'fit/quant_types.json'", 0) == 0);
  }
  SECTION("an unknown command is a usage error") {
    CHECK(r1tag::cli::run({"fti", "--vram", "8GB"}, out, err, env) == 2);
    CHECK(out.str().empty());
  }
}
