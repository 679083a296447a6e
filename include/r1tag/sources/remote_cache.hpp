// The --remote cache: listings and header bytes under $XDG_CACHE_HOME/r1tag (else ~/.cache/r1tag), so a
// second look-up of the same name costs at most its listing, and --offline answers with none.
// Keys are URLs with what pins their content (an LFS sha256, an ollama blob digest, an ETag); each entry
// is two files named by a hash of the key: `<hash>.json` (key, when saved, size) and `<hash>.bin`.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace r1tag {

struct CacheEntry {
  std::vector<std::byte> bytes;
  std::chrono::system_clock::time_point saved_at;
};

struct CacheSummary {
  std::filesystem::path dir;
  std::uint64_t entries = 0;
  std::uint64_t bytes = 0;
};

class RemoteCache {
 public:
  // An empty `dir` is a cache that keeps nothing.
  explicit RemoteCache(std::filesystem::path dir) : m_dir(std::move(dir)) {}

  std::optional<CacheEntry> get(const std::string& key) const;
  // Best effort: a cache that cannot be written (read-only home) only costs the next run its requests.
  void put(const std::string& key, const std::vector<std::byte>& bytes) const;
  void put_text(const std::string& key, const std::string& text) const;

  CacheSummary summary() const;
  // Removes r1tag's entries (and nothing else) and returns how many.
  std::uint64_t clear() const;

  const std::filesystem::path& dir() const { return m_dir; }

 private:
  std::filesystem::path entry_path(const std::string& key, const char* extension) const;
  std::filesystem::path m_dir;
};

// "2026-12-06 08:30 UTC": when an entry was saved, for "answered from the cache of …".
std::string format_saved_at(std::chrono::system_clock::time_point when);

}  // namespace r1tag
