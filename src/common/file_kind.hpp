// (internal) What a path that is not a regular file is, for the messages that refuse it ("a FIFO", "a
// directory"): r1tag reads only regular files, and the one wording serves every place that checks.
#pragma once

#include <sys/stat.h>

#include <string_view>

namespace r1tag::detail {

// "a directory", "a FIFO", "a character device", "a block device", "a socket"; `otherwise` for any other
// mode (a regular file, or a kind the system adds).
constexpr std::string_view file_kind(mode_t mode, std::string_view otherwise) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return otherwise;
}

}  // namespace r1tag::detail
