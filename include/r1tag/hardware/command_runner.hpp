// Running the small tools machine detection asks (nvidia-smi, rocm-smi, sysctl): found on a given PATH,
// bounded in time and output, with no stdin, so a hung driver or a chatty tool never hangs r1tag.
// Tests inject their own runner or put fake tools first on PATH.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace r1tag {

struct CommandOutput {
  bool started = false;     // false: the program could not be run (`failure` says why)
  int exit_code = -1;       // the exit status; -1 when killed by a signal or not started
  bool timed_out = false;   // killed at the time limit
  bool truncated = false;   // killed at the output cap; `out` holds the first bytes
  std::string out;          // stdout
  std::string err;          // stderr
  std::string failure;
};

class CommandRunner {
 public:
  virtual ~CommandRunner() = default;
  // Runs `program` (an absolute path) with `args` and an environment holding only PATH=`path` and LC_ALL=C
  // (numbers in the C locale). Never throws for a failing program.
  virtual CommandOutput run(const std::string& program, const std::vector<std::string>& args,
                            std::string_view path) const = 0;
};

// The real runner: posix_spawn in a new process group, stdin from /dev/null, stdout and stderr read until
// the child exits, `limit` passes (the group is killed) or `max_output_bytes` arrive (likewise).
class ProcessRunner final : public CommandRunner {
 public:
  ProcessRunner(std::chrono::milliseconds limit, std::size_t max_output_bytes)
      : m_limit(limit), m_max_output_bytes(max_output_bytes) {}
  CommandOutput run(const std::string& program, const std::vector<std::string>& args,
                    std::string_view path) const override;

 private:
  std::chrono::milliseconds m_limit;
  std::size_t m_max_output_bytes;
};

// The first executable regular file named `name` in the ':'-separated `path`; nullopt when none is.
// Empty entries are skipped (they would mean the current directory, which detection never wants).
std::optional<std::string> find_on_path(std::string_view name, std::string_view path);

}  // namespace r1tag
