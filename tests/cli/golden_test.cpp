// Golden CLI tests: every tests/golden/<command>/<case>.args (one argument per line; or <case>.argz,
// arguments separated by NUL bytes, for arguments that hold newlines) is run
// through cli::run in-process with a fixed environment, and stdout, stderr and the exit code are
// compared byte for byte with <case>.stdout, <case>.stderr and <case>.exit.
// Machine detection is off (R1TAG_DETECT=off) unless <case>.machine names a fake machine
// (tests/support/fake_machines.hpp), which is then built in a temporary directory and is all r1tag sees:
// the outputs never depend on the machine the tests run on.
// R1TAG_UPDATE_GOLDEN=1 rewrites the expected files instead, for review with `git diff`.
// A case with a <case>.env file (VAR=VALUE lines) runs with those variables over a fake HOME of all four
// model stores (tests/support/fake_home.hpp) built in a temporary folder; `$FAKE` in a value, and the
// folder's path in the output, stand for that folder, so the expected files do not depend on where it is.
#include "cli/app.hpp"
#include "support/fake_machines.hpp"

#include "support/fake_home.hpp"
#include "support/model_fixtures.hpp"
#include "support/plan_gguf.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
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

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

// Cases reading model files (tests/golden/explain_file/) run apart, with their fixtures written first.
constexpr std::string_view k_file_cases = "explain_file";

std::vector<fs::path> golden_cases(bool file_cases) {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::recursive_directory_iterator(R1TAG_GOLDEN_DIR)) {
    if (entry.path().extension() != ".args" && entry.path().extension() != ".argz") continue;
    if ((entry.path().parent_path().filename() == k_file_cases) == file_cases) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

// Runs one case and compares its stdout, stderr and exit code with <base>.stdout, .stderr and .exit (or,
// with R1TAG_UPDATE_GOLDEN set, rewrites them). `folder` (a temporary folder the case's files are in, or
// empty) is written as `placeholder` in the outputs, so the expected files do not depend on where it is.
void check_case(const fs::path& base, const std::vector<std::string>& args, const r1tag::cli::Environment& env,
                const std::string& folder, const std::string& placeholder) {
  std::ostringstream out;
  std::ostringstream err;
  const int code = r1tag::cli::run(args, out, err, env);
  std::string out_text = out.str();
  std::string err_text = err.str();
  if (!folder.empty()) {
    replace_all(out_text, folder, placeholder);
    replace_all(err_text, folder, placeholder);
  }
  const std::string exit_text = std::to_string(code) + "\n";
  if (std::getenv("R1TAG_UPDATE_GOLDEN") != nullptr) {
    write_file(base.string() + ".stdout", out_text);
    write_file(base.string() + ".stderr", err_text);
    write_file(base.string() + ".exit", exit_text);
  }
  CHECK(out_text == read_file(base.string() + ".stdout"));
  CHECK(err_text == read_file(base.string() + ".stderr"));
  CHECK(exit_text == read_file(base.string() + ".exit"));
}

}  // namespace

TEST_CASE("golden outputs of the CLI match byte for byte", "[golden]") {
  const std::vector<fs::path> cases = golden_cases(false);
  REQUIRE(cases.size() >= 10);
  for (const fs::path& args_path : cases) {
    fs::path base = args_path;
    base.replace_extension();
    SECTION(fs::relative(base, R1TAG_GOLDEN_DIR).string()) {
      r1tag::cli::Environment env;  // not a terminal, no colour, embedded tables
      const fs::path machine_path = base.string() + ".machine";
      std::optional<r1tag::test::FakeMachine> machine;
      if (fs::exists(machine_path)) {
        std::string name = read_file(machine_path);
        while (!name.empty() && (name.back() == '\n' || name.back() == ' ')) name.pop_back();
        machine.emplace();
        REQUIRE(r1tag::test::build_named_machine(name, *machine));
        env.variables = machine->variables();
      } else {
        env.variables = {{"R1TAG_DETECT", "off"}};
      }
      // Store cases: detection stays off unless the case also names a machine.
      const r1tag::test::ScratchDir* fake = nullptr;
      if (fs::exists(base.string() + ".env")) {
        fake = &r1tag::test::shared_fake_home().dir;
        std::istringstream lines(read_file(base.string() + ".env"));
        for (std::string line; std::getline(lines, line);) {
          replace_all(line, "$FAKE", fake->path().string());
          const std::size_t equals = line.find('=');
          if (equals != std::string::npos) env.variables[line.substr(0, equals)] = line.substr(equals + 1);
        }
      }
      check_case(base, read_args(args_path), env, fake ? fake->path().string() : std::string(), "$FAKE");
    }
  }
}

// `$FIXTURES` in an argument is the directory the fixtures were written to (a fresh temp dir); in the
// outputs that directory is written back as `$FIXTURES`, so the goldens do not depend on it.
TEST_CASE("golden outputs of explain on model files match byte for byte", "[golden]") {
  const std::vector<fs::path> cases = golden_cases(true);
  REQUIRE(cases.size() >= 10);
  const r1tag::test::TempDir dir;
  r1tag::test::write_explain_fixtures(dir.path());
  for (const fs::path& args_path : cases) {
    fs::path base = args_path;
    base.replace_extension();
    SECTION(fs::relative(base, R1TAG_GOLDEN_DIR).string()) {
      r1tag::cli::Environment env;
      env.variables = {{"R1TAG_DETECT", "off"}};  // the outputs never depend on the machine
      std::vector<std::string> args = read_args(args_path);
      for (std::string& a : args) replace_all(a, "$FIXTURES", dir.path());
      check_case(base, args, env, dir.path(), "$FIXTURES");
    }
  }
}
