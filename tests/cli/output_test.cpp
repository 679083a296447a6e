// Tests for src/cli/output.cpp and src/cli/diagnostics.cpp: output that stdout did not take is never
// success, and every diagnostic reaches stderr as whole, escaped lines.
#include "cli/app.hpp"
#include "cli/diagnostics.hpp"
#include "cli/output.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <fcntl.h>
#include <sstream>
#include <string>
#include <unistd.h>

using r1tag::cli::deliver;

namespace {

// Everything readable from `fd` without blocking (the write ends are closed first).
std::string drain(int fd) {
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;) text.append(buffer, static_cast<std::size_t>(n));
  return text;
}

}  // namespace

TEST_CASE("output: stdout that takes everything keeps the command's exit code", "[output]") {
  int out[2];
  int err[2];
  REQUIRE(pipe(out) == 0);
  REQUIRE(pipe(err) == 0);
  CHECK(deliver("result\n", "r1tag: error: x\n", 3, out[1], err[1]) == 3);
  close(out[1]);
  close(err[1]);
  CHECK(drain(out[0]) == "result\n");
  CHECK(drain(err[0]) == "r1tag: error: x\n");
  close(out[0]);
  close(err[0]);
}

TEST_CASE("output: a full disk is a one-line error and exit 74, never success", "[output]") {
  const int full = open("/dev/full", O_WRONLY);
  REQUIRE(full >= 0);  // Linux always has /dev/full
  int err[2];
  REQUIRE(pipe(err) == 0);
  CHECK(deliver("{\"candidates\": []}\n", "", 0, full, err[1]) == 74);
  close(err[1]);
  CHECK(drain(err[0]) ==
        "r1tag: error: stdout did not take the output (No space left on device); check the disk space or where "
        "stdout goes\n");
  close(err[0]);
  close(full);
}

TEST_CASE("output: a stdout closed at start is exit 74; with nothing to print the code stands", "[output]") {
  int err[2];
  REQUIRE(pipe(err) == 0);
  CHECK(deliver("0.1.0\n", "", 0, -1, err[1], false) == 74);
  CHECK(deliver("", "r1tag: error: bad\n", 2, -1, err[1], false) == 2);
  close(err[1]);
  CHECK(drain(err[0]) ==
        "r1tag: error: stdout did not take the output (stdout is closed); check the disk space or where "
        "stdout goes\nr1tag: error: bad\n");
  close(err[0]);
}

TEST_CASE("output: a reader that went away ends r1tag silently with 141", "[output]") {
  int out[2];
  int err[2];
  REQUIRE(pipe(out) == 0);
  REQUIRE(pipe(err) == 0);
  close(out[0]);
  // With SIGPIPE at its default the kernel ends the process (141 in the shell); ignored, write says EPIPE.
  const auto previous = std::signal(SIGPIPE, SIG_IGN);
  CHECK(deliver("result\n", "", 0, out[1], err[1]) == r1tag::cli::k_broken_pipe_exit);
  std::signal(SIGPIPE, previous);
  close(out[1]);
  close(err[1]);
  CHECK(drain(err[0]).empty());
  close(err[0]);
}

TEST_CASE("output: run() reports a stream that fails as exit 74", "[output]") {
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  std::ostringstream err;
  CHECK(r1tag::cli::run({"--version"}, out, err, r1tag::cli::Environment{}) == 74);
  CHECK(err.str() ==
        "r1tag: error: stdout did not take the output (the stream failed); check the disk space or where "
        "stdout goes\n");
}

TEST_CASE("diagnostics: the last guard escapes control characters in every line and ends the last", "[output]") {
  CHECK(r1tag::cli::guarded_stderr("r1tag: error: a\x1b[31m\nr1tag: warning: b\tc") ==
        "r1tag: error: a\\x1b[31m\nr1tag: warning: b\\tc\n");
  CHECK(r1tag::cli::warning_line("x\ny") == "r1tag: warning: x\\ny\n");
  CHECK(r1tag::cli::error_line(r1tag::Error::usage("a\nb", "c\rd")) == "r1tag: error: a\\nb; c\\rd\n");
}
