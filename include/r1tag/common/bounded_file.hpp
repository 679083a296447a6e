// Reading a whole file that r1tag was pointed at, safely: regular files only (a symlink to /dev/zero, a
// FIFO, a directory or a socket is refused without blocking: opened O_NONBLOCK, checked with fstat) and
// never more than the caller's cap, so a hostile path can neither hang r1tag nor exhaust its memory.
#pragma once

#include <cstdint>
#include <string>

namespace r1tag {

struct BoundedRead {
  // What kept the file from being read, for callers that word it their own way.
  enum class Failure { none, cannot_open, system_error, not_regular, too_large };
  std::string text;     // the file's bytes when `problem` is empty
  std::string problem;  // why it was not read: "not a regular file (a FIFO)", "larger than 4 MiB", ...
  Failure failure = Failure::none;  // cannot_open: missing, no permission; `problem` says which
  int error_number = 0;             // errno, for cannot_open and system_error
};

// Reads all of `path`, at most `max_bytes`. Never throws for the file's sake; the caller turns `problem`
// into its own Error (a table is bad data, a model file a bad file).
BoundedRead read_bounded_file(const std::string& path, std::uint64_t max_bytes);

}  // namespace r1tag
