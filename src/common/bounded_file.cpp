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

BoundedRead refused(BoundedRead::Failure failure, std::string problem, int error_number = 0) {
  BoundedRead read;
  read.failure = failure;
  read.problem = std::move(problem);
  read.error_number = error_number;
  return read;
}

// The system's message for `error_number` (taken from errno before anything else can change it).
BoundedRead refused_by_system(BoundedRead::Failure failure, int error_number) {
  return refused(failure, std::strerror(error_number), error_number);
}

}  // namespace

BoundedRead read_bounded_file(const std::string& path, std::uint64_t max_bytes) {
  // O_NONBLOCK: opening a FIFO without a writer would otherwise wait forever; O_NOCTTY: a terminal
  // device never becomes r1tag's controlling terminal.
  const Descriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)};
  if (file.fd < 0) return refused_by_system(BoundedRead::Failure::cannot_open, errno);
  struct stat info {};
  if (::fstat(file.fd, &info) != 0) return refused_by_system(BoundedRead::Failure::system_error, errno);
  if (!S_ISREG(info.st_mode))
    return refused(BoundedRead::Failure::not_regular,
                   fmt::format("not a regular file ({})", detail::file_kind(info.st_mode, "not a plain file")));
  const auto too_large = [&] { return refused(BoundedRead::Failure::too_large, fmt::format("larger than {}", shown_cap(max_bytes))); };
  if (static_cast<std::uint64_t>(info.st_size) > max_bytes) return too_large();
  // The size may change while reading (a file being written): read until the end, never past the cap.
  BoundedRead result;
  result.text.reserve(static_cast<std::size_t>(info.st_size));
  char buffer[65536];
  for (;;) {
    const ssize_t got = ::read(file.fd, buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      return refused_by_system(BoundedRead::Failure::system_error, errno);
    }
    if (got == 0) break;
    if (result.text.size() + static_cast<std::size_t>(got) > max_bytes) return too_large();
    result.text.append(buffer, static_cast<std::size_t>(got));
  }
  return result;
}

}  // namespace r1tag
