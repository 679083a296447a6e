#include <r1tag/common/bounded_file.hpp>

#include "common/file_kind.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace r1tag {

namespace {

// "4 MiB" for caps that are whole MiB, else bytes.
std::string shown_cap(std::uint64_t bytes) {
  constexpr std::uint64_t mib = std::uint64_t{1} << 20;
  return bytes % mib == 0 ? fmt::format("{} MiB", bytes / mib) : fmt::format("{} bytes", bytes);
}

// Closes the descriptor on every path out.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

BoundedRead read_bounded_file(const std::string& path, std::uint64_t max_bytes) {
  BoundedRead result;
  // O_NONBLOCK: opening a FIFO without a writer would otherwise wait forever; O_NOCTTY: a terminal
  // device never becomes r1tag's controlling terminal.
  const Descriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)};
  if (file.fd < 0) {
    result.problem = std::strerror(errno);
    return result;
  }
  result.opened = true;
  struct stat info {};
  if (::fstat(file.fd, &info) != 0) {
    result.problem = std::strerror(errno);
    return result;
  }
  if (!S_ISREG(info.st_mode)) {
    result.problem = fmt::format("not a regular file ({})", detail::file_kind(info.st_mode, "not a plain file"));
    return result;
  }
  const auto too_large = [&] { return fmt::format("larger than {}", shown_cap(max_bytes)); };
  if (static_cast<std::uint64_t>(info.st_size) > max_bytes) {
    result.problem = too_large();
    return result;
  }
  // The size may change while reading (a file being written): read until the end, never past the cap.
  result.text.reserve(static_cast<std::size_t>(info.st_size));
  char buffer[65536];
  for (;;) {
    const ssize_t got = ::read(file.fd, buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      result.problem = std::strerror(errno);
      result.text.clear();
      return result;
    }
    if (got == 0) break;
    if (result.text.size() + static_cast<std::size_t>(got) > max_bytes) {
      result.problem = too_large();
      result.text.clear();
      return result;
    }
    result.text.append(buffer, static_cast<std::size_t>(got));
  }
  return result;
}

}  // namespace r1tag
