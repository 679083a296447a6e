#include <r1tag/sources/remote_cache.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ctime>
#include <fstream>
#include <system_error>

namespace r1tag {

namespace {

// FNV-1a, 64 bits: a file name per key, not a security boundary (the key is stored and compared).
std::uint64_t fnv1a(const std::string& text) {
  std::uint64_t h = 14695981039346656037ull;
  for (const unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return std::nullopt;
  std::string text(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  if (!in.read(text.data(), static_cast<std::streamsize>(text.size()))) return std::nullopt;
  return text;
}

bool write_file(const std::filesystem::path& path, const char* data, std::size_t size) {
  // Written beside and renamed, so a reader never sees half an entry.
  const std::filesystem::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    out.write(data, static_cast<std::streamsize>(size));
    if (!out) return false;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  return !ec;
}

}  // namespace

std::filesystem::path RemoteCache::entry_path(const std::string& key, const char* extension) const {
  return m_dir / fmt::format("{:016x}{}", fnv1a(key), extension);
}

std::optional<CacheEntry> RemoteCache::get(const std::string& key) const {
  if (m_dir.empty()) return std::nullopt;
  const auto meta_text = read_file(entry_path(key, ".json"));
  if (!meta_text) return std::nullopt;
  const nlohmann::json meta = nlohmann::json::parse(*meta_text, nullptr, false);
  if (!meta.is_object() || meta.value("key", "") != key) return std::nullopt;
  const auto data = read_file(entry_path(key, ".bin"));
  if (!data || data->size() != meta.value("bytes", std::uint64_t{0})) return std::nullopt;
  CacheEntry entry;
  const auto* bytes = reinterpret_cast<const std::byte*>(data->data());
  entry.bytes.assign(bytes, bytes + data->size());
  entry.saved_at = std::chrono::system_clock::time_point(std::chrono::seconds(meta.value("saved_at", std::int64_t{0})));
  return entry;
}

void RemoteCache::put(const std::string& key, const std::vector<std::byte>& bytes) const {
  if (m_dir.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(m_dir, ec);
  if (ec) return;
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
  const nlohmann::json meta = {{"key", key}, {"bytes", bytes.size()}, {"saved_at", now.count()}};
  const std::string meta_text = meta.dump();
  if (!write_file(entry_path(key, ".bin"), reinterpret_cast<const char*>(bytes.data()), bytes.size())) return;
  write_file(entry_path(key, ".json"), meta_text.data(), meta_text.size());
}

void RemoteCache::put_text(const std::string& key, const std::string& text) const {
  const auto* bytes = reinterpret_cast<const std::byte*>(text.data());
  put(key, std::vector<std::byte>(bytes, bytes + text.size()));
}

CacheSummary RemoteCache::summary() const {
  CacheSummary s;
  s.dir = m_dir;
  std::error_code ec;
  if (m_dir.empty() || !std::filesystem::is_directory(m_dir, ec)) return s;
  for (const auto& entry : std::filesystem::directory_iterator(m_dir, ec)) {
    if (entry.path().extension() == ".json") ++s.entries;
    if (entry.is_regular_file(ec)) s.bytes += entry.file_size(ec);
  }
  return s;
}

std::uint64_t RemoteCache::clear() const {
  std::uint64_t removed = 0;
  std::error_code ec;
  if (m_dir.empty() || !std::filesystem::is_directory(m_dir, ec)) return 0;
  std::vector<std::filesystem::path> doomed;
  for (const auto& entry : std::filesystem::directory_iterator(m_dir, ec)) {
    const auto ext = entry.path().extension();
    if (ext == ".json" || ext == ".bin" || ext == ".tmp") doomed.push_back(entry.path());
  }
  for (const auto& path : doomed) {
    if (path.extension() == ".json") ++removed;
    std::filesystem::remove(path, ec);
  }
  return removed;
}

std::string format_saved_at(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&t, &utc);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02} UTC", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min);
}

}  // namespace r1tag
