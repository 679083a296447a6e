// HTTP for --remote: one request/response exchange, over libcurl when the build has it.
// The interface lets tests (and the cache's offline mode) substitute a fake; only --remote ever makes
// one, so r1tag without --remote opens no connection.
#pragma once

#include <r1tag/common/progress.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace r1tag {

struct ByteRange {
  std::uint64_t first = 0;  // inclusive, as in the Range header (RFC 9110 §14.1.2)
  std::uint64_t last = 0;   // inclusive
};

struct HttpRequest {
  std::string url;
  std::vector<std::string> headers;     // "Accept: …"; never the token (see bearer_token)
  std::string bearer_token;             // sent as Authorization: Bearer, only to the request's own host
  std::optional<ByteRange> range;
  bool head = false;
  // Body bytes kept at most; a server that sends more (a 200 ignoring Range) is cut off here, so a
  // header read never downloads the whole file.
  std::uint64_t max_body_bytes = std::uint64_t{1} << 20;
};

struct HttpResponse {
  long status = 0;
  std::string effective_url;                       // after redirects
  std::map<std::string, std::string> headers;      // lower-case names; the last hop's, plus x-repo-commit etc. seen on earlier hops
  std::string body;
  bool cut_at_cap = false;                         // the body was longer than max_body_bytes and the transfer stopped there
  std::uint32_t redirects = 0;

  std::string header(const std::string& lower_name) const;
};

// What a command's remote reads cost: every HTTP exchange (redirect hops included) and body bytes.
struct TransferStats {
  std::uint32_t requests = 0;
  std::uint64_t bytes_fetched = 0;
};

struct HttpSettings {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds command_timeout{60'000};  // for all the command's requests together
  std::string user_agent = "r1tag";
  // Told the command's body bytes so far while a transfer runs, about once a second even while the
  // server sends nothing (libcurl's CURLOPT_XFERINFOFUNCTION); null: nobody listens.
  ProgressSink* progress = nullptr;
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Throws r1tag::Error (network) when no HTTP answer came (unreachable, reset twice, timed out);
  // any HTTP status, 4xx and 5xx included, is returned for the caller to explain.
  virtual HttpResponse send(const HttpRequest& request) = 0;
  virtual TransferStats stats() const = 0;
};

// Whether this build can make HTTP requests (it was built with libcurl).
bool http_available();

// A libcurl client; throws r1tag::Error (network) when the build has no libcurl.
std::unique_ptr<HttpClient> make_http_client(const HttpSettings& settings);

// A URL as messages may show it: no user:password@, no query string (signed CDN URLs carry secrets).
std::string display_url(const std::string& url);

}  // namespace r1tag
