#include "sources/store_files.hpp"

#include "common/ascii.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace r1tag::store_files {

namespace {

// Closes the descriptor on every path out of read_small_file.
class Descriptor {
 public:
  explicit Descriptor(int fd) : m_fd(fd) {}
  ~Descriptor() {
    if (m_fd >= 0) ::close(m_fd);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return m_fd; }

 private:
  int m_fd;
};

std::string system_message(int error_number) {
  return error_number == ENOENT ? "does not exist" : std::strerror(error_number);
}

}  // namespace

std::optional<RegularFile> regular_file(const std::string& path, std::string& why) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    why = system_message(errno);
    return std::nullopt;
  }
  if (!S_ISREG(info.st_mode)) {
    why = "is not a regular file";
    return std::nullopt;
  }
  return RegularFile{static_cast<std::uint64_t>(info.st_size), static_cast<std::uint64_t>(info.st_dev),
                     static_cast<std::uint64_t>(info.st_ino)};
}

std::optional<std::string> read_small_file(const std::string& path, std::uint64_t max_bytes, std::string& why) {
  const Descriptor fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (fd.get() < 0) {
    why = system_message(errno);
    return std::nullopt;
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) {
    why = system_message(errno);
    return std::nullopt;
  }
  if (!S_ISREG(info.st_mode)) {
    why = "is not a regular file";
    return std::nullopt;
  }
  if (static_cast<std::uint64_t>(info.st_size) > max_bytes) {
    why = "is larger than a manifest can be";
    return std::nullopt;
  }
  std::string text(static_cast<std::size_t>(info.st_size), '\0');
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t got = ::read(fd.get(), text.data() + done, text.size() - done);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      why = system_message(errno);
      return std::nullopt;
    }
    if (got == 0) break;  // shrank while read: keep what is there, the parser judges it
    done += static_cast<std::size_t>(got);
  }
  text.resize(done);
  return text;
}

std::vector<std::string> sorted_entries(const std::filesystem::path& dir, EntryKind kind, Hidden hidden) {
  namespace fs = std::filesystem;
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
       it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (hidden == Hidden::skipped && name.starts_with('.')) continue;
    std::error_code type_ec;
    if (it->is_directory(type_ec) == (kind == EntryKind::folders)) names.push_back(std::move(name));
  }
  std::sort(names.begin(), names.end());
  return names;
}

bool has_gguf_extension(std::string_view name) {
  constexpr std::string_view k_extension = ".gguf";
  if (name.size() <= k_extension.size()) return false;
  return detail::iequals(name.substr(name.size() - k_extension.size()), k_extension);
}

}  // namespace r1tag::store_files
