// Golden CLI tests: every tests/golden/<command>/<case>.args (one argument per line; or <case>.argz,
// arguments separated by NUL bytes, for arguments that hold newlines) is run
// through cli::run in-process with a fixed environment, and stdout, stderr and the exit code are
// compared byte for byte with <case>.stdout, <case>.stderr and <case>.exit.
// R1TAG_UPDATE_GOLDEN=1 rewrites the expected files instead, for review with `git diff`.
#include "cli/app.hpp"

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
  const char separator = path.extension() == ".argz" ? '\0' : '\n';
  for (std::string line; std::getline(lines, line, separator);) args.push_back(line);
  return args;
}

std::vector<fs::path> golden_cases() {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::recursive_directory_iterator(R1TAG_GOLDEN_DIR))
    if (entry.path().extension() == ".args" || entry.path().extension() == ".argz") cases.push_back(entry.path());
  std::sort(cases.begin(), cases.end());
  return cases;
}

}  // namespace

TEST_CASE("golden outputs of the CLI match byte for byte", "[golden]") {
  const bool update = std::getenv("R1TAG_UPDATE_GOLDEN") != nullptr;
  const std::vector<fs::path> cases = golden_cases();
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
