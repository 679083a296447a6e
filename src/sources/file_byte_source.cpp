#include <r1tag/sources/file_byte_source.hpp>

#include "common/file_kind.hpp"

#include <r1tag/common/error.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace r1tag {

namespace {

[[noreturn]] void fail(const std::string& name, std::string_view what, std::string hint = {}) {
  throw Error(ExitCode::bad_file, fmt::format("{}: {}", name, what), std::move(hint));
}

}  // namespace

FileByteSource::FileByteSource(const std::string& path, std::string display_name)
    : m_name(display_name.empty() ? path : std::move(display_name)) {
  // Look before opening: opening a FIFO for reading would block until a writer comes.
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) fail(m_name, "no such file");
    fail(m_name, std::strerror(errno));
  }
  if (!S_ISREG(st.st_mode)) fail(m_name, fmt::format("is {}, not a model file", detail::file_kind(st.st_mode, "not a regular file")));
  m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (m_fd < 0) fail(m_name, std::strerror(errno));
  // The file may have been replaced between stat and open: check what was opened.
  if (::fstat(m_fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(m_fd);
    m_fd = -1;
    fail(m_name, "is not a regular file");
  }
  m_size = static_cast<std::uint64_t>(st.st_size);
}

FileByteSource::~FileByteSource() {
  if (m_fd >= 0) ::close(m_fd);
}

FileByteSource::FileByteSource(FileByteSource&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_size(other.m_size), m_name(std::move(other.m_name)) {}

std::size_t FileByteSource::read(std::uint64_t offset, std::span<std::byte> out) {
  std::size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = ::pread(m_fd, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(m_name, fmt::format("cannot read: {}", std::strerror(errno)));
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  return done;
}

std::optional<std::uint64_t> FileByteSource::size_bytes() const { return m_size; }

std::string FileByteSource::display_name() const { return m_name; }

}  // namespace r1tag
