#include <r1tag/common/error.hpp>
#include <r1tag/sources/remote_session.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

namespace r1tag {
namespace {

// Canned answers by URL: a Hub whose tree listing comes in two pages (Link rel="next", as the Hub
// paginates and huggingface_hub's paginate() follows).
class CannedHub final : public HttpClient {
 public:
  HttpResponse send(const HttpRequest& request) override {
    ++m_stats.requests;
    urls.push_back(request.url);
    HttpResponse r;
    r.effective_url = request.url;
    const auto found = pages.find(request.url);
    if (found == pages.end()) {
      r.status = 404;
      return r;
    }
    r.status = 200;
    r.body = found->second.first;
    if (!found->second.second.empty()) r.headers["link"] = "<" + found->second.second + ">; rel=\"next\"";
    m_stats.bytes_fetched += r.body.size();
    return r;
  }
  TransferStats stats() const override { return m_stats; }

  std::map<std::string, std::pair<std::string, std::string>> pages;  // url -> (body, next url)
  std::vector<std::string> urls;

 private:
  TransferStats m_stats;
};

constexpr const char* k_first = "https://hub.test/api/models/unsloth/DeepSeek-R1-GGUF/tree/main?recursive=true";
constexpr const char* k_second = "https://hub.test/api/models/unsloth/DeepSeek-R1-GGUF/tree/main?recursive=true&cursor=abc";

std::unique_ptr<CannedHub> canned_hub() {
  auto hub = std::make_unique<CannedHub>();
  hub->pages[k_first] = {R"([
    {"type": "directory", "path": "DeepSeek-R1-UD-IQ1_S", "size": 0, "oid": "d"},
    {"type": "file", "path": "DeepSeek-R1-UD-IQ1_S/DeepSeek-R1-UD-IQ1_S-00001-of-00003.gguf", "size": 135,
     "lfs": {"oid": "aaa", "size": 48000000000, "pointerSize": 135}},
    {"type": "file", "path": "DeepSeek-R1-UD-IQ1_S/DeepSeek-R1-UD-IQ1_S-00002-of-00003.gguf", "size": 135,
     "lfs": {"oid": "bbb", "size": 50000000000, "pointerSize": 135}}])",
                         k_second};
  hub->pages[k_second] = {R"([
    {"type": "file", "path": "DeepSeek-R1-UD-IQ1_S/DeepSeek-R1-UD-IQ1_S-00003-of-00003.gguf", "size": 135,
     "lfs": {"oid": "ccc", "size": 33000000000, "pointerSize": 135}},
    {"type": "file", "path": "DeepSeek-R1-Q4_K_M/DeepSeek-R1-Q4_K_M-00001-of-00001.gguf", "size": 135,
     "lfs": {"oid": "ddd", "size": 404000000000, "pointerSize": 135}},
    {"type": "file", "path": "README.md", "size": 20}])",
                          ""};
  return hub;
}

RemoteSettings hub_settings() {
  RemoteSettings s;
  s.hf_endpoint = "https://hub.test";
  return s;
}

}  // namespace

TEST_CASE("RemoteSession follows the listing's pages and picks every part of a quant, any case", "[sources]") {
  RemoteSession session(hub_settings(), canned_hub());
  const RemoteListing listing = session.locate("hf.co/unsloth/DeepSeek-R1-GGUF:ud-iq1_s");
  REQUIRE(listing.files.size() == 3);
  CHECK(listing.files[2].path == "DeepSeek-R1-UD-IQ1_S/DeepSeek-R1-UD-IQ1_S-00003-of-00003.gguf");
  CHECK(listing.files[0].size_bytes == 48000000000);  // the LFS size, not the pointer's
  CHECK(listing.files[0].url ==
        "https://hub.test/unsloth/DeepSeek-R1-GGUF/resolve/main/DeepSeek-R1-UD-IQ1_S/DeepSeek-R1-UD-IQ1_S-00001-of-00003.gguf");
  REQUIRE(listing.quants.size() == 2);
  CHECK(listing.quants[1].label == "UD-IQ1_S");
  CHECK(listing.quants[1].bytes == 131000000000);
}

namespace {

struct RecordingSink final : ProgressSink {
  std::vector<std::string> steps;
  void step(std::string_view what) override { steps.emplace_back(what); }
  void tick(std::uint64_t) override {}
};

}  // namespace

TEST_CASE("RemoteSession reports the listing and each part's header read to its progress sink", "[sources][progress]") {
  RecordingSink sink;
  RemoteSession session(hub_settings(), canned_hub(), &sink);
  const RemoteListing listing = session.locate("hf.co/unsloth/DeepSeek-R1-GGUF:UD-IQ1_S");
  CHECK(sink.steps == std::vector<std::string>{"listing unsloth/DeepSeek-R1-GGUF"});
  const auto sources = session.open(listing);
  CHECK(sink.steps.size() == 1);  // opening reads nothing
  std::vector<std::byte> buffer(16);
  // The canned Hub has no resolve URLs (404): the step is reported before the request, then the error.
  CHECK_THROWS_AS(sources[1]->read(0, buffer), Error);
  CHECK(sink.steps.back() == "reading the header of part 2 of 3, DeepSeek-R1-UD-IQ1_S-00002-of-00003.gguf");
}

TEST_CASE("RemoteSession matches a quant's folder name", "[sources]") {
  RemoteSession session(hub_settings(), canned_hub());
  CHECK(session.locate("https://huggingface.co/unsloth/DeepSeek-R1-GGUF/tree/main/DeepSeek-R1-UD-IQ1_S").files.size() == 3);
}

TEST_CASE("RemoteSession names the quants a repo has when it lacks one", "[sources]") {
  RemoteSession session(hub_settings(), canned_hub());
  try {
    session.locate("hf.co/unsloth/DeepSeek-R1-GGUF:UD-IQ1_M");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::network);
    CHECK(e.hint() == "did you mean UD-IQ1_S? it has Q4_K_M, UD-IQ1_S");
  }
}

TEST_CASE("RemoteSession offline answers the listing from the cache, and says from when", "[sources]") {
  const auto dir = std::filesystem::temp_directory_path() / "r1tag-session-test";
  std::filesystem::remove_all(dir);
  RemoteSettings settings = hub_settings();
  settings.cache_dir = dir;
  {
    RemoteSession online(settings, canned_hub());
    online.locate("hf.co/unsloth/DeepSeek-R1-GGUF:UD-IQ1_S");
  }
  RemoteSession offline(settings, nullptr);
  const RemoteListing listing = offline.locate("hf.co/unsloth/DeepSeek-R1-GGUF:UD-IQ1_S");
  CHECK(listing.files.size() == 3);
  CHECK(listing.cached_at.has_value());
  CHECK_THROWS_AS(offline.locate("hf.co/unsloth/other-GGUF:Q4_K_M"), Error);
  std::filesystem::remove_all(dir);
}

}  // namespace r1tag
