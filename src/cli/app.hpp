// The command-line front end: the only code that knows about argv, the environment, terminals and
// the process streams. Everything it shows comes from the core as finished strings.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace r1tag::cli {

// What the CLI reads from its surroundings, passed in so tests can fix it.
struct Environment {
  bool stdout_is_tty = false;
  std::string no_color;   // $NO_COLOR
  std::string data_dir;   // $R1TAG_DATA
  int terminal_width = 100;
};

// Runs r1tag with `args` (without the program name); writes results to `out`, diagnostics to
// `err`, and returns the exit code. Never throws.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const Environment& env);

// main(): the real streams and environment.
int run_main(int argc, char** argv);

}  // namespace r1tag::cli
