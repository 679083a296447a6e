#include "support/gguf_builder.hpp"

#include <fcntl.h>
#include <unistd.h>

namespace r1tag::test {

bool GgufBuilder::write(const std::string& path, bool full) const {
  // Written in pieces: a model's metadata is megabytes, and copying it into one string costs more than
  // writing it.
  const std::string fixed = fixed_part();
  const std::string padding(static_cast<std::size_t>(data_offset() - header_size()), '\0');
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return false;
  bool ok = true;
  for (const std::string* piece : {&fixed, &m_kv, &m_tensors, &padding})
    ok = ok && ::write(fd, piece->data(), piece->size()) == static_cast<ssize_t>(piece->size());
  if (ok && full) ok = ::ftruncate(fd, static_cast<off_t>(file_bytes())) == 0;
  return ::close(fd) == 0 && ok;
}

}  // namespace r1tag::test
