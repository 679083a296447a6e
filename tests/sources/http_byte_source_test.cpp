#include <r1tag/common/error.hpp>
#include <r1tag/sources/http_byte_source.hpp>

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <array>
#include <vector>

namespace r1tag {
namespace {

// A server in memory: a file of `size` bytes whose byte i is i % 251, answering range requests the way
// RFC 9110 says (or, by mode, the ways servers get it wrong).
enum class Mode { ranges, ignores_range, refuses_416, truncates, wrong_content_range, redirects };

class FakeServer final : public HttpClient {
 public:
  FakeServer(std::uint64_t size, Mode mode) : m_size(size), m_mode(mode) {}

  HttpResponse send(const HttpRequest& request) override {
    urls.push_back(request.url);
    tokens.push_back(request.bearer_token);
    ++m_stats.requests;
    HttpResponse r;
    r.effective_url = request.url;
    if (m_mode == Mode::redirects && request.url == "https://hub.test/file.gguf") {
      ++m_stats.requests;
      r.effective_url = "https://cdn.test/file.gguf?signature=secret";
    }
    if (m_mode == Mode::refuses_416) {
      r.status = 416;
      return r;
    }
    if (m_mode == Mode::ignores_range || !request.range) {
      r.status = 200;
      const std::uint64_t n = std::min(m_size, request.max_body_bytes);
      r.body = bytes(0, n);
      r.cut_at_cap = n < m_size;
      m_stats.bytes_fetched += n;
      return r;
    }
    const std::uint64_t first = request.range->first;
    const std::uint64_t last = std::min(request.range->last, m_size - 1);
    r.status = 206;
    r.headers["content-range"] = fmt::format("bytes {}-{}/{}", m_mode == Mode::wrong_content_range ? first + 1 : first, last, m_size);
    r.headers["etag"] = "\"abc\"";
    r.body = bytes(first, last + 1 - (m_mode == Mode::truncates ? 10 : 0));
    m_stats.bytes_fetched += r.body.size();
    return r;
  }
  TransferStats stats() const override { return m_stats; }

  std::vector<std::string> urls;
  std::vector<std::string> tokens;

 private:
  static std::string bytes(std::uint64_t first, std::uint64_t end) {
    std::string s;
    for (std::uint64_t i = first; i < end; ++i) s.push_back(static_cast<char>(i % 251));
    return s;
  }
  std::uint64_t m_size;
  Mode m_mode;
  TransferStats m_stats;
};

std::vector<std::byte> read_at(ByteSource& source, std::uint64_t offset, std::size_t n) {
  std::vector<std::byte> out(n);
  out.resize(source.read(offset, out));
  return out;
}

constexpr std::uint64_t k_kib = 1024;
constexpr std::uint64_t k_gib = std::uint64_t{1} << 30;

}  // namespace

TEST_CASE("HttpByteSource follows a reader whose reads double, one request per read past 256 KiB", "[sources]") {
  FakeServer server(150 * k_gib, Mode::ranges);
  HttpByteSource source(&server, "https://hub.test/file.gguf", "", std::nullopt);
  // gguf_reader's pattern for a 5 MB header read with 256 KiB first: 256 K, 512 K, 1 M, 2 M, 4 M.
  std::uint64_t offset = 0;
  for (std::uint64_t chunk = 256 * k_kib; offset < 5'000'000; offset += chunk, chunk *= 2)
    REQUIRE(read_at(source, offset, chunk).size() == chunk);
  CHECK(server.stats().requests == 5);
  CHECK(server.stats().bytes_fetched == (256 + 512 + 1024 + 2048 + 4096) * k_kib);
  CHECK(source.size_bytes() == 150 * k_gib);
  CHECK(source.etag() == "\"abc\"");
  CHECK(read_at(source, 1000, 1)[0] == std::byte{1000 % 251});
}

TEST_CASE("HttpByteSource fetches at least 256 KiB for a reader of small steps", "[sources]") {
  FakeServer server(150 * k_gib, Mode::ranges);
  HttpByteSource source(&server, "https://hub.test/file.gguf", "", std::nullopt);
  for (std::uint64_t offset = 0; offset < 1024 * k_kib; offset += 4 * k_kib) REQUIRE(read_at(source, offset, 4 * k_kib).size() == 4 * k_kib);
  CHECK(server.stats().requests == 4);
  CHECK(server.stats().bytes_fetched == 1024 * k_kib);
}

TEST_CASE("HttpByteSource stops at the end of a small file", "[sources]") {
  FakeServer server(1000, Mode::ranges);
  HttpByteSource source(&server, "https://hub.test/small.gguf", "", 1000);
  CHECK(read_at(source, 990, 100).size() == 10);
  CHECK(read_at(source, 2000, 10).empty());
  CHECK(server.stats().requests == 1);
}

TEST_CASE("HttpByteSource follows a redirect once and sends the token only to the first host", "[sources]") {
  FakeServer server(10 * k_gib, Mode::redirects);
  HttpByteSource source(&server, "https://hub.test/file.gguf", "hf_token", std::nullopt);
  read_at(source, 0, 200 * k_kib);
  read_at(source, 200 * k_kib, 200 * k_kib);
  REQUIRE(server.urls.size() == 2);
  CHECK(server.urls[1] == "https://cdn.test/file.gguf?signature=secret");
  CHECK(server.tokens[0] == "hf_token");
  CHECK(server.tokens[1].empty());
  CHECK(source.display_name() == "https://hub.test/file.gguf");
}

TEST_CASE("HttpByteSource refuses a server that ignores Range, after the first range's bytes", "[sources]") {
  FakeServer server(150 * k_gib, Mode::ignores_range);
  HttpByteSource source(&server, "https://hub.test/file.gguf", "", std::nullopt);
  REQUIRE_THROWS_AS(read_at(source, 0, 16), Error);
  CHECK(server.stats().bytes_fetched == 256 * k_kib);
  try {
    read_at(source, 0, 16);
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::network);
    CHECK(std::string(e.what()).find("ignored the Range request") != std::string::npos);
  }
}

TEST_CASE("HttpByteSource takes a whole small file from a server that ignores Range", "[sources]") {
  FakeServer server(100 * k_kib, Mode::ignores_range);
  HttpByteSource source(&server, "https://hub.test/small.gguf", "", std::nullopt);
  CHECK(read_at(source, 0, 200 * k_kib).size() == 100 * k_kib);
  CHECK(source.size_bytes() == 100 * k_kib);
}

TEST_CASE("HttpByteSource explains 416, a truncated body and a wrong Content-Range", "[sources]") {
  const auto message = [](Mode mode) {
    FakeServer server(10 * k_gib, mode);
    HttpByteSource source(&server, "https://hub.test/f.gguf", "", std::nullopt);
    try {
      read_at(source, 0, 16);
    } catch (const Error& e) {
      CHECK(e.code() == ExitCode::network);
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message(Mode::refuses_416).find("416") != std::string::npos);
  CHECK(message(Mode::truncates).find("truncated") != std::string::npos);
  CHECK(message(Mode::wrong_content_range).find("Content-Range") != std::string::npos);
}

TEST_CASE("HttpByteSource stops at its byte cap", "[sources]") {
  FakeServer server(150 * k_gib, Mode::ranges);
  HttpByteSource source(&server, "https://hub.test/file.gguf", "", std::nullopt, {}, RangeReadLimits{256 * k_kib, 1024 * k_kib});
  CHECK_THROWS_AS(read_at(source, 0, 2048 * k_kib), Error);
  CHECK(server.stats().bytes_fetched == 0);
}

TEST_CASE("HttpByteSource answers from a cached prefix without a client", "[sources]") {
  std::vector<std::byte> cached(1000, std::byte{7});
  HttpByteSource source(nullptr, "https://hub.test/file.gguf", "", 10 * k_gib, cached);
  CHECK(read_at(source, 0, 1000).size() == 1000);
  CHECK_THROWS_AS(read_at(source, 900, 200), Error);
}

TEST_CASE("display_url hides credentials and signed query strings", "[sources]") {
  CHECK(display_url("https://user:pw@hub.test/a.gguf?X-Amz-Signature=s") == "https://hub.test/a.gguf");
  CHECK(display_url("http://127.0.0.1:8080/x") == "http://127.0.0.1:8080/x");
}

}  // namespace r1tag
