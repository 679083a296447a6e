// The command-line front end: the only code that knows about argv, the environment, terminals and
// the process streams. Everything it shows comes from the core as finished strings.
#pragma once

#include <functional>
#include <iosfwd>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace r1tag::cli {

// What the CLI reads from its surroundings, passed in so tests can fix it.
struct Environment {
  bool stdout_is_tty = false;
  std::string no_color;   // $NO_COLOR
  std::string data_dir;   // $R1TAG_DATA
  int terminal_width = 100;
  // stderr, for the progress note only (cli/progress_note): whether it is a terminal, its width, and a
  // write that reaches it at once. Unset in tests: no note is ever written.
  bool stderr_is_tty = false;
  int stderr_width = 80;
  std::function<void(std::string_view)> write_stderr_now;
  // Every other variable a command reads (HOME, OLLAMA_MODELS, HF_ENDPOINT, R1TAG_SYSROOT, PATH, ...):
  // run_main copies the process environment; tests set exactly what they need, so nothing leaks in.
  std::map<std::string, std::string, std::less<>> variables;

  // The variable's value, or empty when it is unset.
  std::string_view variable(std::string_view name) const {
    const auto found = variables.find(name);
    return found == variables.end() ? std::string_view{} : std::string_view{found->second};
  }
};

// Runs r1tag with `args` (without the program name); writes results to `out`, diagnostics to
// `err`, and returns the exit code (74 when `out` fails to take the output). Never throws.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const Environment& env);

// main(): the real streams and environment.
int run_main(int argc, char** argv);

}  // namespace r1tag::cli
