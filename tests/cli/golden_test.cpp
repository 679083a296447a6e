// Golden CLI tests: every tests/golden/<command>/<case>.args (one argument per line) is run
// through cli::run in-process with a fixed environment, and stdout, stderr and the exit code are
// compared byte for byte with <case>.stdout, <case>.stderr and <case>.exit.
// R1TAG_UPDATE_GOLDEN=1 rewrites the expected files instead, for review with `git diff`.
#include "cli/app.hpp"

#include "support/model_fixtures.hpp"
#include "support/plan_gguf.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::vector<std::string> read_args(const fs::path& path) {
  std::vector<std::string> args;
  std::istringstream lines(read_file(path));
  for (std::string line; std::getline(lines, line);) args.push_back(line);
  return args;
}

// Cases reading model files (tests/golden/explain_file/) run apart, with their fixtures written first.
constexpr std::string_view k_file_cases = "explain_file";

std::vector<fs::path> golden_cases(bool file_cases) {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::recursive_directory_iterator(R1TAG_GOLDEN_DIR)) {
    if (entry.path().extension() != ".args") continue;
    if ((entry.path().parent_path().filename() == k_file_cases) == file_cases) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

}  // namespace

TEST_CASE("golden outputs of the CLI match byte for byte", "[golden]") {
  const bool update = std::getenv("R1TAG_UPDATE_GOLDEN") != nullptr;
  const std::vector<fs::path> cases = golden_cases(false);
  REQUIRE(cases.size() >= 10);
  for (const fs::path& args_path : cases) {
    fs::path base = args_path;
    base.replace_extension();
    SECTION(fs::relative(base, R1TAG_GOLDEN_DIR).string()) {
      r1tag::cli::Environment env;  // not a terminal, no colour, embedded tables
      std::ostringstream out;
      std::ostringstream err;
      const int code = r1tag::cli::run(read_args(args_path), out, err, env);
      const std::string exit_text = std::to_string(code) + "\n";
      if (update) {
        write_file(base.string() + ".stdout", out.str());
        write_file(base.string() + ".stderr", err.str());
        write_file(base.string() + ".exit", exit_text);
      }
      CHECK(out.str() == read_file(base.string() + ".stdout"));
      CHECK(err.str() == read_file(base.string() + ".stderr"));
      CHECK(exit_text == read_file(base.string() + ".exit"));
    }
  }
}

namespace {

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

}  // namespace

// `$FIXTURES` in an argument is the directory the fixtures were written to (a fresh temp dir); in the
// outputs that directory is written back as `$FIXTURES`, so the goldens do not depend on it.
TEST_CASE("golden outputs of explain on model files match byte for byte", "[golden]") {
  const bool update = std::getenv("R1TAG_UPDATE_GOLDEN") != nullptr;
  const std::vector<fs::path> cases = golden_cases(true);
  REQUIRE(cases.size() >= 10);
  const r1tag::test::TempDir dir;
  r1tag::test::write_explain_fixtures(dir.path());
  for (const fs::path& args_path : cases) {
    fs::path base = args_path;
    base.replace_extension();
    SECTION(fs::relative(base, R1TAG_GOLDEN_DIR).string()) {
      r1tag::cli::Environment env;
      std::vector<std::string> args = read_args(args_path);
      for (std::string& a : args) replace_all(a, "$FIXTURES", dir.path());
      std::ostringstream out;
      std::ostringstream err;
      const int code = r1tag::cli::run(args, out, err, env);
      std::string out_text = out.str();
      std::string err_text = err.str();
      replace_all(out_text, dir.path(), "$FIXTURES");
      replace_all(err_text, dir.path(), "$FIXTURES");
      const std::string exit_text = std::to_string(code) + "\n";
      if (update) {
        write_file(base.string() + ".stdout", out_text);
        write_file(base.string() + ".stderr", err_text);
        write_file(base.string() + ".exit", exit_text);
      }
      CHECK(out_text == read_file(base.string() + ".stdout"));
      CHECK(err_text == read_file(base.string() + ".stderr"));
      CHECK(exit_text == read_file(base.string() + ".exit"));
    }
  }
}
