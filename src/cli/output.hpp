// The one path from a finished command to the process streams: diagnostics to stderr, then the output
// to stdout in full, every write checked. Output stdout did not take (a full disk, a closed stream) is a
// one-line error and exit 74; a reader that went away (EPIPE) ends r1tag silently with 141, as Unix
// tools end on SIGPIPE.
#pragma once

#include <string_view>

namespace r1tag::cli {

// 128 + SIGPIPE: what a shell reports for a tool that SIGPIPE ended (`yes | head -1`).
inline constexpr int k_broken_pipe_exit = 141;

// Writes `err` (guarded to whole escaped lines) to `err_fd` and `out` to `out_fd`, and returns the exit
// code: `exit_code` when stdout took everything, 74 (ExitCode::output) with an error line on `err_fd`
// when it did not, k_broken_pipe_exit when its reader is gone. `out_open` false: stdout was closed when
// r1tag started, so output has nowhere to go.
// Writes `text` to `fd` at once, retrying short writes; a failure is ignored (the progress note: nothing
// depends on it reaching the terminal).
void write_now(int fd, std::string_view text);

int deliver(std::string_view out, std::string_view err, int exit_code, int out_fd, int err_fd, bool out_open = true);

}  // namespace r1tag::cli
