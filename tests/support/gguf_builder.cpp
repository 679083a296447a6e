#include "support/gguf_builder.hpp"

#include <fcntl.h>
#include <unistd.h>

namespace r1tag::test {

bool GgufBuilder::write(const std::string& path, bool full) const {
  std::string bytes = header();
  bytes.resize(static_cast<std::size_t>(data_offset()), '\0');
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return false;
  bool ok = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
  if (ok && full) ok = ::ftruncate(fd, static_cast<off_t>(file_bytes())) == 0;
  return ::close(fd) == 0 && ok;
}

}  // namespace r1tag::test
