// The environment the command-line fuzzers run r1tag in: every remote endpoint on a closed local port, so an
// input that says --remote can never reach the Hub or the ollama registry, and hardware detection off unless
// the fuzzer explores it (with no PATH it reads /proc and sysfs but runs no command).
#pragma once

#include "cli/app.hpp"

namespace r1tag::fuzz {

inline cli::Environment fuzz_environment(bool detect_hardware) {
  cli::Environment env;
  // Port 9 (discard) is closed on a fuzzing host: a --remote input fails at once with exit 6.
  env.variables = {{"HF_ENDPOINT", "http://127.0.0.1:9"}, {"R1TAG_OLLAMA_REGISTRY", "http://127.0.0.1:9"}};
  if (!detect_hardware) env.variables.emplace("R1TAG_DETECT", "off");
  return env;
}

// Exit codes a run may end with (README's table): 0, nothing fits, usage, bad input, bad data, a model file
// r1tag cannot read (a path argument), network (a --remote input), and output failure. 70, the internal
// error, is never right.
inline bool documented_exit_code(int code) {
  return code == 0 || code == 1 || code == 2 || code == 3 || code == 4 || code == 5 || code == 6 || code == 74;
}

}  // namespace r1tag::fuzz
