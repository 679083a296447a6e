// libFuzzer target for the whole command line: the input is split at newlines into arguments and run
// as `r1tag ARGS…` in process. Whatever the arguments, r1tag must return a documented exit code (never
// 70, the internal-error code), and with --json it prints either nothing or one complete JSON document.
// Built and run by `fuzz/run.sh SECONDS cli` (clang only; never part of the default build).
#include "cli/app.hpp"
#include "fuzz_arguments.hpp"
#include "fuzz_environment.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::string> args = r1tag::fuzz::arguments(std::string_view(reinterpret_cast<const char*>(data), size), '\n');
  // --data would read files; the fuzzer explores the embedded tables only.
  if (std::any_of(args.begin(), args.end(), [](const std::string& a) { return a.rfind("--data", 0) == 0; })) return 0;
  std::ostringstream out;
  std::ostringstream err;
  // Detection off: the fuzzer explores the command line, not the machine (nor runs nvidia-smi per input).
  const int code = r1tag::cli::run(args, out, err, r1tag::fuzz::fuzz_environment(false));
  if (!r1tag::fuzz::documented_exit_code(code) || code == 74) __builtin_trap();
  const bool json = std::find(args.begin(), args.end(), "--json") != args.end();
  if (json && !out.str().empty() && out.str().rfind("{", 0) == 0 && !nlohmann::json::accept(out.str())) __builtin_trap();
  return 0;
}
