#include "cli/output.hpp"

#include <r1tag/common/error.hpp>

#include "cli/diagnostics.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <unistd.h>

namespace r1tag::cli {

namespace {

// Writes all of `text`, retrying short writes and interruptions; 0 on success, else the errno.
int write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t wrote = ::write(fd, text.data(), text.size());
    if (wrote < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (wrote == 0) return EIO;
    text.remove_prefix(static_cast<std::size_t>(wrote));
  }
  return 0;
}

}  // namespace

void write_now(int fd, std::string_view text) { (void)write_all(fd, text); }

int deliver(std::string_view out, std::string_view err, int exit_code, int out_fd, int err_fd, bool out_open) {
  // Nothing can report a failure to write stderr, so it is written as well as it can be.
  if (!err.empty()) (void)write_all(err_fd, guarded_stderr(err));
  if (out.empty()) return exit_code;
  const int failure = out_open ? write_all(out_fd, out) : EBADF;
  if (failure == 0) return exit_code;
  if (failure == EPIPE) return k_broken_pipe_exit;
  const std::string why = out_open ? std::strerror(failure) : "stdout is closed";
  (void)write_all(err_fd, error_line(Error(ExitCode::output, fmt::format("stdout did not take the output ({})", why),
                                           "check the disk space or where stdout goes")));
  return static_cast<int>(ExitCode::output);
}

}  // namespace r1tag::cli
