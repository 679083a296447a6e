#include <r1tag/sources/http_byte_source.hpp>

#include <r1tag/common/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace r1tag {

namespace {

struct ContentRange {
  std::uint64_t first = 0;
  std::uint64_t last = 0;
  std::optional<std::uint64_t> total;  // "*" when the server does not say
};

bool parse_number(std::string_view text, std::uint64_t& value) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc{} && end == text.data() + text.size() && !text.empty();
}

// "bytes 0-262143/5000000" (RFC 9110 §14.4).
std::optional<ContentRange> parse_content_range(std::string_view text) {
  if (!text.starts_with("bytes ")) return std::nullopt;
  text.remove_prefix(6);
  const std::size_t dash = text.find('-');
  const std::size_t slash = text.find('/');
  if (dash == std::string_view::npos || slash == std::string_view::npos || slash < dash) return std::nullopt;
  ContentRange r;
  if (!parse_number(text.substr(0, dash), r.first) || !parse_number(text.substr(dash + 1, slash - dash - 1), r.last))
    return std::nullopt;
  const std::string_view total = text.substr(slash + 1);
  if (total != "*") {
    std::uint64_t t = 0;
    if (!parse_number(total, t)) return std::nullopt;
    r.total = t;
  }
  if (r.last < r.first) return std::nullopt;
  return r;
}

Error network_error(std::string message, std::string hint = {}) {
  return Error(ExitCode::network, std::move(message), std::move(hint));
}

}  // namespace

HttpByteSource::HttpByteSource(HttpClient* client, std::string url, std::string bearer_token,
                               std::optional<std::uint64_t> size_bytes, std::vector<std::byte> cached_prefix,
                               RangeReadLimits limits)
    : m_client(client),
      m_url(std::move(url)),
      m_effective_url(m_url),
      m_token(std::move(bearer_token)),
      m_size(size_bytes),
      m_prefix(std::move(cached_prefix)),
      m_limits(limits),
      m_next_request_bytes(limits.first_request_bytes) {
  if (m_size && m_prefix.size() >= *m_size) m_at_end = true;
}

std::size_t HttpByteSource::read(std::uint64_t offset, std::span<std::byte> out) {
  const std::uint64_t end = offset + out.size();
  if (end > m_prefix.size() && !m_at_end) fetch_through(end);
  if (offset >= m_prefix.size()) return 0;
  const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(out.size(), m_prefix.size() - offset));
  std::memcpy(out.data(), m_prefix.data() + offset, n);
  return n;
}

void HttpByteSource::fetch_through(std::uint64_t end) {
  while (m_prefix.size() < end && !m_at_end) {
    if (m_client == nullptr)
      throw network_error(m_prefix.empty() ? fmt::format("--offline: the header of {} is not in the cache", display_name())
                                           : fmt::format("--offline: the cache holds only the first {} bytes of {}",
                                                         m_prefix.size(), display_name()),
                          "run it once without --offline");
    const std::uint64_t start = m_prefix.size();
    const std::uint64_t needed_end = m_size ? std::min(end, *m_size) : end;
    if (needed_end > m_limits.max_bytes)
      throw Error(ExitCode::bad_file,
                  fmt::format("the header of {} goes on past {} MiB; r1tag reads headers only and stopped there",
                              display_name(), m_limits.max_bytes >> 20));
    // At least what the reader asked for, usually more (its next reads follow on), never past the cap.
    std::uint64_t want = std::min(std::max(m_next_request_bytes, needed_end - start), m_limits.max_bytes - start);
    if (m_size) want = std::min(want, *m_size - start);
    const ByteRange wanted{start, start + want - 1};
    HttpRequest request;
    request.url = m_effective_url;
    // The token goes only to the URL it was given for; a CDN's signed URL needs none.
    if (m_effective_url == m_url) request.bearer_token = m_token;
    request.range = wanted;
    request.max_body_bytes = want;
    report_step(m_progress, m_progress_step);
    const HttpResponse response = m_client->send(request);
    ++m_requests;
    take_response(response, wanted);
    // Later ranges go straight to where the redirect led, saving a redirect hop per request.
    if (!response.effective_url.empty()) m_effective_url = response.effective_url;
    // The header reader grows its own reads (doubling); a request as large as the last one keeps a reader
    // of small steps from paying a request each, without compounding the reader's growth with ours
    // (which fetched twice the header: 16.5 MB for a 5.5 MB one).
    m_next_request_bytes = std::max(m_next_request_bytes, want);
  }
}

void HttpByteSource::take_response(const HttpResponse& response, ByteRange wanted) {
  const std::string name = display_name();
  // The Hub's X-Linked-Etag is the LFS file's sha256; a plain ETag otherwise.
  if (m_etag.empty()) m_etag = !response.header("x-linked-etag").empty() ? response.header("x-linked-etag") : response.header("etag");
  if (m_revision.empty()) m_revision = response.header("x-repo-commit");
  if (response.status == 200) {
    // The whole file, from the start: fine when the file is no longer than what was asked for.
    if (wanted.first == 0 && !response.cut_at_cap) {
      const auto* bytes = reinterpret_cast<const std::byte*>(response.body.data());
      m_prefix.assign(bytes, bytes + response.body.size());
      m_size = m_prefix.size();
      m_at_end = true;
      return;
    }
    throw network_error(fmt::format("{} ignored the Range request (200 with the whole file); stopped after {} bytes",
                                    name, response.body.size()),
                        "r1tag reads only headers and will not download the file; try another mirror (HF_ENDPOINT)");
  }
  if (response.status == 416) {
    if (m_size && wanted.first >= *m_size) {
      m_at_end = true;
      return;
    }
    throw network_error(fmt::format("{} refused bytes {}-{} (416 Range Not Satisfiable)", name, wanted.first, wanted.last),
                        "the file may be shorter than its listing says, or truncated on the server");
  }
  if (response.status != 206)
    throw network_error(fmt::format("{} answered HTTP {} to a range request", name, response.status));
  const auto range = parse_content_range(response.header("content-range"));
  if (!range || range->first != wanted.first || range->last > wanted.last)
    throw network_error(fmt::format("{} sent Content-Range '{}' for bytes {}-{}", name, response.header("content-range"),
                                    wanted.first, wanted.last));
  const std::uint64_t length = range->last - range->first + 1;
  if (response.body.size() != length)
    throw network_error(fmt::format("{} sent {} bytes of the {} its Content-Range announced (truncated)", name,
                                    response.body.size(), length));
  if (range->total) {
    if (m_size && *m_size != *range->total)
      throw network_error(fmt::format("{} is {} bytes by its Content-Range but {} by the listing", name, *range->total, *m_size),
                          "the file changed while r1tag read it; try again");
    m_size = range->total;
  }
  const auto* bytes = reinterpret_cast<const std::byte*>(response.body.data());
  m_prefix.insert(m_prefix.end(), bytes, bytes + response.body.size());
  if (m_size && m_prefix.size() >= *m_size) m_at_end = true;
  if (length < wanted.last - wanted.first + 1 && !range->total) m_at_end = true;  // a short last range
}

}  // namespace r1tag
