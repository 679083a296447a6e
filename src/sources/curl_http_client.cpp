// HttpClient over libcurl (Debian libcurl4-openssl-dev), compiled in when CMake finds CURL.
// libcurl is loaded with dlopen at the first --remote request, not linked: linked, it brought 30 shared
// libraries (TLS, HTTP/2, LDAP, SSH, …) that every r1tag start-up mapped and relocated, `--version`
// included (measured: 2.5x the start-up time of a build without it); r1tag's start-up is part of its
// latency (bench/README.md). Redirects are followed (the Hub's resolve/ URLs and the ollama registry's blobs answer 302/307 to a
// CDN); proxies are whatever libcurl reads from the environment (https_proxy, no_proxy), which is
// libcurl's own documented behaviour, not r1tag's.
#include <r1tag/common/error.hpp>
#include <r1tag/sources/http_client.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#if R1TAG_HAVE_CURL
#define CURL_DISABLE_TYPECHECK  // the functions are called through pointers, not the checked macros
#include <curl/curl.h>
#include <dlfcn.h>
#endif

namespace r1tag {

#if R1TAG_HAVE_CURL

namespace {

struct Transfer {
  HttpResponse response;
  ProgressSink* progress = nullptr;
  std::uint64_t bytes_before = 0;  // the command's body bytes before this transfer
  std::uint64_t max_body_bytes = 0;
  std::uint64_t body_bytes_seen = 0;
  std::map<std::string, std::string> earlier_hops;  // headers of redirect hops (x-repo-commit, x-linked-size)
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& t = *static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  t.body_bytes_seen += n;
  const std::uint64_t room = t.max_body_bytes - std::min<std::uint64_t>(t.max_body_bytes, t.response.body.size());
  if (n > room) {
    t.response.body.append(data, static_cast<std::size_t>(room));
    t.response.cut_at_cap = true;
    return 0;  // libcurl stops the transfer (CURLE_WRITE_ERROR), which send() expects
  }
  t.response.body.append(data, n);
  return n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& t = *static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  const std::string_view line(data, n);
  if (line.starts_with("HTTP/")) {  // a new response (after a redirect): keep what earlier hops said
    for (auto& [k, v] : t.response.headers) t.earlier_hops.insert_or_assign(k, v);
    t.response.headers.clear();
    return n;
  }
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  std::string name(line.substr(0, colon));
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) value.remove_suffix(1);
  t.response.headers.insert_or_assign(std::move(name), std::string(value));
  return n;
}

// libcurl calls this often while data flows and about once a second while it waits (CURLOPT_XFERINFOFUNCTION),
// which is what lets the progress note appear during a blocking read. Returning 0 lets the transfer go on.
int on_progress(void* user, curl_off_t, curl_off_t received, curl_off_t, curl_off_t) {
  const auto& t = *static_cast<const Transfer*>(user);
  report_tick(t.progress, t.bytes_before + static_cast<std::uint64_t>(received < 0 ? 0 : received));
  return 0;
}

// The libcurl functions r1tag calls, from the shared library loaded at the first request.
struct CurlApi {
  CURLcode (*global_init)(long) = nullptr;
  CURL* (*easy_init)() = nullptr;
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...) = nullptr;
  CURLcode (*easy_perform)(CURL*) = nullptr;
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...) = nullptr;
  void (*easy_cleanup)(CURL*) = nullptr;
  curl_slist* (*slist_append)(curl_slist*, const char*) = nullptr;
  void (*slist_free_all)(curl_slist*) = nullptr;
  const char* (*easy_strerror)(CURLcode) = nullptr;
};

template <typename F>
void bind(void* library, F& function, const char* name) {
  function = reinterpret_cast<F>(dlsym(library, name));
  if (function == nullptr)
    throw Error(ExitCode::network, fmt::format("--remote is unavailable: the system's libcurl lacks {}", name));
}

CurlApi load_curl() {
  // Debian's libcurl4 (OpenSSL) and libcurl3-gnutls; the library stays loaded for the process.
  void* library = nullptr;
  for (const char* name : {"libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so"}) {
    library = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (library != nullptr) break;
  }
  if (library == nullptr)
    throw Error(ExitCode::network, "--remote is unavailable: libcurl (libcurl.so.4) is not installed",
                "install it (Debian: apt install libcurl4), or drop --remote for the catalogue's answer");
  CurlApi api;
  bind(library, api.global_init, "curl_global_init");
  bind(library, api.easy_init, "curl_easy_init");
  bind(library, api.easy_setopt, "curl_easy_setopt");
  bind(library, api.easy_perform, "curl_easy_perform");
  bind(library, api.easy_getinfo, "curl_easy_getinfo");
  bind(library, api.easy_cleanup, "curl_easy_cleanup");
  bind(library, api.slist_append, "curl_slist_append");
  bind(library, api.slist_free_all, "curl_slist_free_all");
  bind(library, api.easy_strerror, "curl_easy_strerror");
  api.global_init(CURL_GLOBAL_DEFAULT);  // once, before the first handle; never cleaned up (the process ends)
  return api;
}

// Loaded once per process; a failed load throws and is tried again by the next call.
const CurlApi& curl() {
  static const CurlApi api = load_curl();
  return api;
}

bool is_transient(CURLcode code) {
  return code == CURLE_RECV_ERROR || code == CURLE_SEND_ERROR || code == CURLE_GOT_NOTHING || code == CURLE_PARTIAL_FILE;
}

class CurlHttpClient final : public HttpClient {
 public:
  explicit CurlHttpClient(const HttpSettings& settings)
      : m_settings(settings), m_deadline(std::chrono::steady_clock::now() + settings.command_timeout) {
    curl();  // a system without libcurl fails here, before any look-up
  }

  HttpResponse send(const HttpRequest& request) override {
    HttpResponse response = send_once(request);
    // One retry: a reset connection (send_once throws only after its own retry) or a server error.
    if (response.status >= 500 && remaining().count() > 0) response = send_once(request);
    return response;
  }

  TransferStats stats() const override { return m_stats; }

 private:
  std::chrono::milliseconds remaining() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(m_deadline - std::chrono::steady_clock::now());
  }

  HttpResponse send_once(const HttpRequest& request) {
    for (int attempt = 0;; ++attempt) {
      Transfer t;
      t.max_body_bytes = request.max_body_bytes;
      t.progress = m_settings.progress;
      t.bytes_before = m_stats.bytes_fetched;
      const CURLcode code = perform(request, t);
      if (code == CURLE_OK || (code == CURLE_WRITE_ERROR && t.response.cut_at_cap)) {
        for (auto& [k, v] : t.earlier_hops) t.response.headers.try_emplace(k, v);
        return std::move(t.response);
      }
      if (attempt == 0 && is_transient(code) && remaining().count() > 0) continue;
      throw transport_error(request, code);
    }
  }

  Error transport_error(const HttpRequest& request, CURLcode code) const {
    const std::string url = display_url(request.url);
    const std::string offline = "r1tag still answers from its catalogue without --remote";
    if (code == CURLE_OPERATION_TIMEDOUT)
      return Error(ExitCode::network, fmt::format("{} timed out (--timeout {} s for the whole command)", url,
                                                  m_settings.command_timeout.count() / 1000),
                   offline);
    return Error(ExitCode::network, fmt::format("cannot reach {}: {}", url, curl().easy_strerror(code)), offline);
  }

  CURLcode perform(const HttpRequest& request, Transfer& t) {
    const CurlApi& api = curl();
    const auto left = remaining();
    if (left.count() <= 0) return CURLE_OPERATION_TIMEDOUT;
    CURL* curl = api.easy_init();
    if (curl == nullptr) throw Error(ExitCode::network, "libcurl could not start a transfer");
    curl_slist* headers = nullptr;
    for (const std::string& h : request.headers) headers = api.slist_append(headers, h.c_str());
    const std::string range = request.range ? fmt::format("{}-{}", request.range->first, request.range->last) : "";
    api.easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    api.easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    api.easy_setopt(curl, CURLOPT_MAXREDIRS, 10L);
    api.easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    api.easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min(m_settings.connect_timeout, left).count()));
    api.easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(left.count()));
    api.easy_setopt(curl, CURLOPT_USERAGENT, m_settings.user_agent.c_str());
    api.easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    api.easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    if (headers != nullptr) api.easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    if (!request.bearer_token.empty()) {
      // libcurl sends Bearer auth to the first host only (not after a redirect to a CDN) unless told otherwise.
      api.easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BEARER);
      api.easy_setopt(curl, CURLOPT_XOAUTH2_BEARER, request.bearer_token.c_str());
    }
    if (request.range) api.easy_setopt(curl, CURLOPT_RANGE, range.c_str());
    if (request.head) api.easy_setopt(curl, CURLOPT_NOBODY, 1L);
    api.easy_setopt(curl, CURLOPT_WRITEFUNCTION, &on_body);
    api.easy_setopt(curl, CURLOPT_WRITEDATA, &t);
    api.easy_setopt(curl, CURLOPT_HEADERFUNCTION, &on_header);
    api.easy_setopt(curl, CURLOPT_HEADERDATA, &t);
    if (t.progress != nullptr) {
      api.easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &on_progress);
      api.easy_setopt(curl, CURLOPT_XFERINFODATA, &t);
      api.easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    }
    const CURLcode code = api.easy_perform(curl);
    long status = 0;
    long redirects = 0;
    char* effective = nullptr;
    api.easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    api.easy_getinfo(curl, CURLINFO_REDIRECT_COUNT, &redirects);
    api.easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &effective);
    t.response.status = status;
    t.response.redirects = static_cast<std::uint32_t>(redirects);
    t.response.effective_url = effective != nullptr ? effective : request.url;
    m_stats.requests += static_cast<std::uint32_t>(redirects) + 1;
    m_stats.bytes_fetched += t.body_bytes_seen;
    api.slist_free_all(headers);
    api.easy_cleanup(curl);
    return code;
  }

  HttpSettings m_settings;
  std::chrono::steady_clock::time_point m_deadline;
  TransferStats m_stats;
};

}  // namespace

bool http_available() { return true; }

std::unique_ptr<HttpClient> make_http_client(const HttpSettings& settings) {
  return std::make_unique<CurlHttpClient>(settings);
}

#else

bool http_available() { return false; }

std::unique_ptr<HttpClient> make_http_client(const HttpSettings&) {
  throw Error(ExitCode::network, "--remote is unavailable: this r1tag was built without libcurl",
              "rebuild with libcurl4-openssl-dev installed, or drop --remote for the catalogue's answer");
}

#endif

}  // namespace r1tag
