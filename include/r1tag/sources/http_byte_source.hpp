// A remote file's bytes read with HTTP range requests, for the GGUF header reader.
// The reader asks front to back in reads that double (gguf_reader); each miss fetches the next range,
// at least 256 KiB and at least as much as the last one, so a 5 MB header costs a handful of requests
// and a 400 GB file is never downloaded. A server that
// ignores Range, answers 416 or sends a short or mislabelled range is an error, never a silent guess.
#pragma once

#include <r1tag/gguf/byte_source.hpp>
#include <r1tag/sources/http_client.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace r1tag {

struct RangeReadLimits {
  std::uint64_t first_request_bytes = std::uint64_t{256} << 10;  // the smallest request
  // The most one file may cost. @huggingface/gguf caps a header at 50 MB; R1 671B's first part's
  // header is about 5 MB (tokens and merges); 32 MiB leaves room and bounds a hostile file.
  std::uint64_t max_bytes = std::uint64_t{32} << 20;
};

class HttpByteSource final : public ByteSource {
 public:
  // `client` may be null: then only `cached_prefix` can be read (offline, answering from the cache).
  // `bearer_token` goes to the first host only. `size_bytes` is the size a listing published, if any.
  HttpByteSource(HttpClient* client, std::string url, std::string bearer_token, std::optional<std::uint64_t> size_bytes,
                 std::vector<std::byte> cached_prefix = {}, RangeReadLimits limits = {});

  std::size_t read(std::uint64_t offset, std::span<std::byte> out) override;
  std::optional<std::uint64_t> size_bytes() const override { return m_size; }
  std::string display_name() const override { return display_url(m_url); }

  // The bytes read so far, from offset 0: what the cache keeps.
  const std::vector<std::byte>& prefix() const { return m_prefix; }
  // Where the bytes came from after redirects (the CDN), and the validators the server sent.
  const std::string& effective_url() const { return m_effective_url; }
  const std::string& etag() const { return m_etag; }
  // The Hub's X-Repo-Commit (sent with the resolve redirect), when the server sent one.
  const std::string& revision() const { return m_revision; }
  std::uint32_t requests() const { return m_requests; }
  // Each request for more bytes first reports `step` ("reading the header of X (part 2 of 3)") to `sink`.
  void report_to(ProgressSink* sink, std::string step) {
    m_progress = sink;
    m_progress_step = std::move(step);
  }
  bool fetched_any() const { return m_requests > 0; }

 private:
  void fetch_through(std::uint64_t end);
  void take_response(const HttpResponse& response, ByteRange wanted);

  HttpClient* m_client;
  std::string m_url;
  std::string m_effective_url;
  std::string m_token;
  std::optional<std::uint64_t> m_size;
  std::vector<std::byte> m_prefix;
  RangeReadLimits m_limits;
  std::uint64_t m_next_request_bytes;
  std::string m_etag;
  std::string m_revision;
  std::uint32_t m_requests = 0;
  bool m_at_end = false;
  ProgressSink* m_progress = nullptr;
  std::string m_progress_step;
};

}  // namespace r1tag
