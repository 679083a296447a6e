// One command's --remote look-ups: a name to the GGUF files it means (a Hub listing or an ollama
// manifest), those files as range-read ByteSources seeded from the cache, and what it all cost.
// Hub: GET /api/models/<repo>/tree/<rev>?recursive=true (paths, sizes, LFS sha256; paginated with a Link
// header, as huggingface_hub's paginate() follows), bytes from /<repo>/resolve/<rev>/<path> (redirected
// to a CDN). ollama: GET /v2/<ns>/<model>/manifests/<tag>, the application/vnd.ollama.image.model layer's
// digest, bytes from /v2/<ns>/<model>/blobs/<digest>.
#pragma once

#include <r1tag/sources/http_byte_source.hpp>
#include <r1tag/sources/http_client.hpp>
#include <r1tag/sources/remote_cache.hpp>
#include <r1tag/sources/remote_name.hpp>
#include <r1tag/sources/remote_settings.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace r1tag {

struct RemoteFile {
  std::string path;        // inside the repository ("DeepSeek-R1-UD-IQ1_S/…-00001-of-00003.gguf"), or the blob digest
  std::string url;         // where its bytes are read
  std::uint64_t size_bytes = 0;
  std::string cache_key;   // the URL and what pins its content (LFS sha256, blob digest)
};

// One quant of a repository: its label and all its files (every part of a split set).
struct RemoteQuant {
  std::string label;       // "UD-IQ1_S", "Q4_K_M"; the file stem when no quant label is found
  std::uint64_t bytes = 0;
  std::vector<std::string> paths;
};

struct RemoteListing {
  RemoteName name;             // as used, after the fallback of an ambiguous name
  std::string note;            // which registry an ambiguous name was read as
  std::vector<RemoteFile> files;   // the chosen file or split set, in part order; empty for a repository listing
  std::vector<RemoteQuant> quants;  // every GGUF quant the repository has (Hub)
  std::string revision;        // the manifest digest (ollama) or the requested revision (Hub)
  std::optional<std::chrono::system_clock::time_point> cached_at;  // answered from the cache (offline or unreachable)
};

// Where an answer came from, for the output's `remote` object.
struct RemoteSummary {
  std::string registry;            // "huggingface" or "ollama"
  std::string name;                // describe(name)
  std::vector<std::string> urls;   // display URLs (no query strings, no credentials)
  std::string revision;            // X-Repo-Commit, the manifest digest, or the requested revision
  std::vector<std::string> etags;  // per file
  std::uint64_t bytes_fetched = 0;
  std::uint32_t requests = 0;
  bool from_cache = false;         // every header byte came from the cache
  std::string cached_at;           // when the listing was cached, if it was answered from the cache
  std::string note;
};

class RemoteSession {
 public:
  // Makes the HTTP client unless settings.offline (throws Error network when the build has no libcurl).
  // `progress` (may be null) hears each step (listing, manifest, each part's header) and the client's ticks.
  explicit RemoteSession(RemoteSettings settings, ProgressSink* progress = nullptr);
  // For tests: any client (null = offline).
  RemoteSession(RemoteSettings settings, std::unique_ptr<HttpClient> client, ProgressSink* progress = nullptr);

  // Resolves a name to its files. Errors: bad_input (not a name), network (not found with "did you mean",
  // gated without a token, 429, unreachable, timed out, not in the cache with --offline).
  RemoteListing locate(std::string_view text);

  // The listing's files as ByteSources, starting from whatever the cache holds of each.
  std::vector<std::unique_ptr<HttpByteSource>> open(const RemoteListing& listing);

  // Keeps what was read for the next run, and says what it cost.
  RemoteSummary finish(const RemoteListing& listing, const std::vector<std::unique_ptr<HttpByteSource>>& sources);

  const RemoteCache& cache() const { return m_cache; }

 private:
  RemoteListing locate_hub(const RemoteName& name);
  RemoteListing locate_ollama(const RemoteName& name);
  // A small JSON document (listing, manifest): from the network, kept in the cache; from the cache when
  // offline or when the network fails and the cache has it (then `cached_at` is set).
  std::string fetch_document(const std::string& url, const std::vector<std::string>& headers, const RemoteName& name,
                             std::optional<std::chrono::system_clock::time_point>& cached_at);
  HttpResponse get(const std::string& url, const std::vector<std::string>& headers, bool with_token);

  RemoteSettings m_settings;
  ProgressSink* m_progress = nullptr;
  std::unique_ptr<HttpClient> m_client;
  RemoteCache m_cache;
};

}  // namespace r1tag
