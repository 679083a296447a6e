// libFuzzer target for hostile command lines (issue 16): arguments separated by NUL bytes, so they may
// hold newlines, ESC and any other byte, and be far past 4 KiB; the first byte chooses whether stdout
// fails (a stream that takes nothing, as /dev/full). Whatever the input: a documented exit code, never 70;
// every line on stderr is one "r1tag: " diagnostic without control characters; a failed stdout is never
// reported as success; --json output is nothing or one complete document.
// Built and run by `fuzz/run.sh SECONDS hostile` (clang only; never part of the default build).
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

namespace {

// Every line a "r1tag: " diagnostic, no byte below 0x20 but the newline that ends it, no DEL.
bool clean_stderr(const std::string& err) {
  if (err.empty()) return true;
  if (err.back() != '\n') return false;
  std::size_t begin = 0;
  while (begin < err.size()) {
    const std::size_t end = err.find('\n', begin);
    const std::string_view line(err.data() + begin, end - begin);
    // CLI11's own multi-line messages (the help on a bad subcommand) are not r1tag's diagnostics, but
    // they too must be free of control characters.
    for (const char c : line) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u == 0x7f) return false;
    }
    begin = end + 1;
  }
  return err.rfind("r1tag: ", 0) == 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool stdout_fails = (data[0] & 1) != 0;
  const std::vector<std::string> args = r1tag::fuzz::arguments(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1), '\0');
  // --data reads files: fuzz_data's business.
  if (std::any_of(args.begin(), args.end(), [](const std::string& a) { return a.find("--data") != std::string::npos; })) return 0;
  std::ostringstream out;
  if (stdout_fails) out.setstate(std::ios::badbit);
  std::ostringstream err;
  const int code = r1tag::cli::run(args, out, err, r1tag::fuzz::fuzz_environment(true));
  if (!r1tag::fuzz::documented_exit_code(code)) __builtin_trap();
  if (!clean_stderr(err.str())) __builtin_trap();
  if (stdout_fails) {
    // Success with a failed stdout is only right when there was nothing to print.
    if (code == 0) {
      std::ostringstream good;
      std::ostringstream good_err;
      r1tag::cli::run(args, good, good_err, r1tag::fuzz::fuzz_environment(true));
      if (!good.str().empty()) __builtin_trap();
    }
    return 0;
  }
  if (code == 74) __builtin_trap();
  const bool json = std::find(args.begin(), args.end(), "--json") != args.end();
  if (json && !out.str().empty() && out.str().rfind("{", 0) == 0 && !nlohmann::json::accept(out.str())) __builtin_trap();
  return 0;
}
