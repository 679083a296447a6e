// The one exception type of r1tag and the exit codes it maps to.
// Everything below the CLI reports failure by throwing r1tag::Error; the CLI catches it once,
// prints "r1tag: error: <message>; <hint>" on stderr and exits with its code.
#pragma once

#include <stdexcept>
#include <string>

namespace r1tag {

// Documented in README.md ("Exit codes"); scripts rely on these values.
enum class ExitCode : int {
  ok = 0,
  nothing_fits = 1,  // a valid question with no answer (fit: no variant fits the budget)
  usage = 2,         // bad flags or flag values
  bad_input = 3,     // a tag, quant, size or model r1tag cannot place
  bad_data = 4,      // a data table (embedded or --data) is missing or invalid
  bad_file = 5,      // a model file or store r1tag cannot read: not GGUF, truncated, hostile counts
  network = 6,       // --remote: unreachable, timed out, refused, or an HTTP error (404, 401, 429, ...)
  output = 74,       // stdout did not take the output (full disk, closed stream; sysexits EX_IOERR)
  internal = 70,     // a bug: an unexpected exception (sysexits EX_SOFTWARE)
};

class Error : public std::runtime_error {
 public:
  // `message` is one line without "error:" or a trailing period; `hint` is optional advice
  // ("did you mean Q4_K_M?").
  Error(ExitCode code, std::string message, std::string hint = {});

  ExitCode code() const noexcept { return m_code; }
  const std::string& hint() const noexcept { return m_hint; }

  // Named constructors for the messages that recur.
  static Error usage(std::string message, std::string hint = {});
  static Error bad_input(std::string message, std::string hint = {});
  // "quant_types.json: /Q4_K/block_size: expected a positive integer"
  static Error bad_table(const std::string& file, const std::string& pointer, const std::string& what);

 private:
  ExitCode m_code;
  std::string m_hint;
};

}  // namespace r1tag
