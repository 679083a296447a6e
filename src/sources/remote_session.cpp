#include <r1tag/sources/remote_session.hpp>

#include <r1tag/common/error.hpp>
#include <r1tag/common/suggest.hpp>
#include <r1tag/names/tag_parser.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>

namespace r1tag {

namespace {

// Not found: the one failure after which an ambiguous name is tried in the other registry.
class NotFound : public Error {
 public:
  using Error::Error;
};

std::string upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

bool ends_with_gguf_extension(std::string_view path) { return upper(path).ends_with(".GGUF"); }

std::string file_name(std::string_view path) { return std::string(path.substr(path.rfind('/') + 1)); }

std::string folder_of(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? "" : file_name(path.substr(0, slash));
}

// "X-00001-of-00003.gguf" -> "X" (llama.cpp gguf-split's naming); "X.gguf" -> "X".
std::string split_stem(std::string_view name) {
  std::string stem(name.substr(0, name.size() - 5));
  const std::size_t of = stem.rfind("-of-");
  if (of != std::string::npos && of >= 6 && stem[of - 6] == '-' &&
      std::all_of(stem.begin() + static_cast<std::ptrdiff_t>(of) - 5, stem.begin() + static_cast<std::ptrdiff_t>(of),
                  [](unsigned char c) { return std::isdigit(c) != 0; }))
    stem.erase(of - 6);
  return stem;
}

// The quant a file's name or folder says, as r1tag's tag parser reads it ("UD-IQ1_S"), else its stem.
std::string quant_label(const std::string& path) {
  for (const std::string& candidate : {file_name(path), folder_of(path)}) {
    if (candidate.empty()) continue;
    try {
      const std::string q = parse_tag(candidate).quant;
      if (!q.empty()) return q;
    } catch (const Error&) {
      // not a name the parser reads: fall back to the stem
    }
  }
  return split_stem(file_name(path));
}

bool matches(const std::string& path, const std::string& label, std::string_view query) {
  const std::string q = upper(query);
  const std::string canonical = canonical_quant(query);
  return upper(label) == q || (!canonical.empty() && upper(label) == upper(canonical)) || upper(folder_of(path)) == q ||
         upper(split_stem(file_name(path))) == q;
}

std::string list_of(const std::vector<RemoteQuant>& quants) {
  std::string out;
  for (const RemoteQuant& q : quants) out += (out.empty() ? "" : ", ") + q.label;
  return out;
}

// The Link header's rel="next" target (RFC 8288), as the Hub paginates long listings.
std::string next_link(const std::string& link) {
  const std::size_t rel = link.find("rel=\"next\"");
  if (rel == std::string::npos) return {};
  const std::size_t open = link.rfind('<', rel);
  const std::size_t close = link.find('>', open);
  if (open == std::string::npos || close == std::string::npos || close > rel) return {};
  return link.substr(open + 1, close - open - 1);
}

std::string host_of(const std::string& url) {
  const std::size_t start = url.find("://");
  const std::size_t begin = start == std::string::npos ? 0 : start + 3;
  return url.substr(begin, url.find('/', begin) - begin);
}

}  // namespace

RemoteSession::RemoteSession(RemoteSettings settings, ProgressSink* progress)
    : RemoteSession(settings,
                    settings.offline ? nullptr
                                     : make_http_client(HttpSettings{std::chrono::milliseconds{10'000}, settings.timeout, "r1tag", progress}),
                    progress) {}

RemoteSession::RemoteSession(RemoteSettings settings, std::unique_ptr<HttpClient> client, ProgressSink* progress)
    : m_settings(std::move(settings)), m_progress(progress), m_client(std::move(client)), m_cache(m_settings.cache_dir) {}

HttpResponse RemoteSession::get(const std::string& url, const std::vector<std::string>& headers, bool with_token) {
  HttpRequest request;
  request.url = url;
  request.headers = headers;
  if (with_token) request.bearer_token = m_settings.hf_token;
  request.max_body_bytes = std::uint64_t{64} << 20;  // a listing of thousands of files is a few MB
  return m_client->send(request);
}

std::string RemoteSession::fetch_document(const std::string& url, const std::vector<std::string>& headers,
                                          const RemoteName& name,
                                          std::optional<std::chrono::system_clock::time_point>& cached_at) {
  const std::string key = "document " + url;
  const auto from_cache = [&]() -> std::optional<std::string> {
    auto entry = m_cache.get(key);
    if (!entry) return std::nullopt;
    cached_at = entry->saved_at;
    return std::string(reinterpret_cast<const char*>(entry->bytes.data()), entry->bytes.size());
  };
  if (m_client == nullptr) {
    if (auto text = from_cache()) return *text;
    throw Error(ExitCode::network, fmt::format("--offline: {} is not in the cache ({})", describe(name), m_cache.dir().string()),
                "run it once without --offline, or drop --remote for the catalogue's answer");
  }
  const bool hub = name.registry == Registry::huggingface;
  std::string body;
  std::string page = url;
  for (int pages = 0; !page.empty(); ++pages) {
    HttpResponse r;
    try {
      r = get(page, headers, hub);
    } catch (const Error& e) {
      if (pages > 0) throw;
      if (auto text = from_cache()) return *text;  // unreachable or timed out: the last answer still stands
      throw;
    }
    const std::string where = host_of(url);
    if (r.status == 404)
      throw NotFound(ExitCode::network, fmt::format("{}: {} has no such {}", describe(name), where,
                                                    hub ? "repository (or revision)" : "model or tag"),
                     hub ? "check the owner and repository name on the Hub" : "check the name and tag on ollama.com/library");
    if (hub && (r.status == 401 || r.status == 403)) {
      if (m_settings.hf_token.empty())
        throw NotFound(ExitCode::network,
                       fmt::format("{}: {} answered {}: the repository is gated or private (or does not exist)", describe(name),
                                   where, r.status),
                       "accept its terms on the model page, then set HF_TOKEN to a read token "
                       "(https://huggingface.co/settings/tokens) or run 'huggingface-cli login'");
      throw Error(ExitCode::network,
                  fmt::format("{}: {} refused the token from {} ({})", describe(name), where, m_settings.hf_token_source, r.status),
                  "accept the repository's terms with the account the token belongs to, or use another token");
    }
    if (r.status == 429) {
      const std::string after = r.header("retry-after");
      throw Error(ExitCode::network,
                  fmt::format("{} is rate-limiting requests (429{})", where, after.empty() ? "" : ", retry after " + after + " s"),
                  hub ? "wait and retry; signed-in requests (HF_TOKEN) get a higher limit" : "wait and retry");
    }
    if (r.status != 200) throw Error(ExitCode::network, fmt::format("{} answered HTTP {} for {}", where, r.status, display_url(page)));
    if (pages == 0) {
      body = r.body;
    } else {  // pages of a JSON array: joined into one array
      const auto more = nlohmann::json::parse(r.body, nullptr, false);
      auto all = nlohmann::json::parse(body, nullptr, false);
      if (!more.is_array() || !all.is_array()) throw Error(ExitCode::network, fmt::format("{} sent a listing page that is not a JSON array", where));
      all.insert(all.end(), more.begin(), more.end());
      body = all.dump();
    }
    page = next_link(r.header("link"));
  }
  cached_at.reset();
  m_cache.put_text(key, body);
  return body;
}

RemoteListing RemoteSession::locate(std::string_view text) {
  const RemoteName name = parse_remote_name(text);
  const auto locate_one = [this](const RemoteName& n) {
    return n.registry == Registry::huggingface ? locate_hub(n) : locate_ollama(n);
  };
  if (!name.ambiguous) return locate_one(name);
  try {
    RemoteListing listing = locate_one(name);
    listing.note = name.reason;
    return listing;
  } catch (const NotFound& first) {
    try {
      RemoteListing listing = locate_one(other_registry(name));
      listing.note = other_registry(name).reason;
      return listing;
    } catch (const NotFound&) {
      throw Error(first.code(), first.what(), first.hint());
    }
  }
}

RemoteListing RemoteSession::locate_hub(const RemoteName& name) {
  RemoteListing listing;
  listing.name = name;
  listing.revision = name.revision;
  const std::string url = fmt::format("{}/api/models/{}/tree/{}?recursive=true", m_settings.hf_endpoint, name.repo, name.revision);
  report_step(m_progress, fmt::format("listing {}", name.repo));
  const auto tree = nlohmann::json::parse(fetch_document(url, {"Accept: application/json"}, name, listing.cached_at), nullptr, false);
  if (!tree.is_array()) throw Error(ExitCode::network, fmt::format("{}: the Hub's file listing is not a JSON array", describe(name)));
  struct Entry {
    std::string path;
    std::uint64_t size = 0;
    std::string oid;
    std::string label;
  };
  std::vector<Entry> ggufs;
  for (const auto& e : tree) {
    if (!e.is_object() || e.value("type", "") != "file") continue;
    const std::string path = e.value("path", "");
    if (!ends_with_gguf_extension(path) || upper(path).find("MMPROJ") != std::string::npos) continue;
    const auto& lfs = e.contains("lfs") && e["lfs"].is_object() ? e["lfs"] : e;
    ggufs.push_back({path, lfs.value("size", e.value("size", std::uint64_t{0})), lfs.value("oid", e.value("oid", "")), quant_label(path)});
  }
  std::sort(ggufs.begin(), ggufs.end(), [](const Entry& a, const Entry& b) { return a.path < b.path; });
  std::map<std::string, RemoteQuant> by_label;
  for (const Entry& e : ggufs) {
    RemoteQuant& q = by_label[upper(e.label)];
    q.label = e.label;
    q.bytes += e.size;
    q.paths.push_back(e.path);
  }
  for (auto& [key, q] : by_label) listing.quants.push_back(std::move(q));
  if (ggufs.empty())
    throw NotFound(ExitCode::network, fmt::format("{} has no GGUF files", describe(name)), "r1tag reads GGUF headers; look for a -GGUF repository");
  if (name.path.empty() && name.quant.empty()) return listing;  // a repository alone: its quants

  std::vector<const Entry*> chosen;
  if (!name.path.empty()) {
    const auto it = std::find_if(ggufs.begin(), ggufs.end(), [&](const Entry& e) { return e.path == name.path; });
    if (it == ggufs.end())
      throw Error(ExitCode::network, fmt::format("{} has no file {}", name.repo, name.path), "its quants: " + list_of(listing.quants));
    const std::string set = folder_of(it->path) + "/" + split_stem(file_name(it->path));
    for (const Entry& e : ggufs)
      if (folder_of(e.path) + "/" + split_stem(file_name(e.path)) == set) chosen.push_back(&e);
  } else {
    for (const Entry& e : ggufs)
      if (matches(e.path, e.label, name.quant)) chosen.push_back(&e);
    // Several sets with one label (a single file and a split set): the first set only.
    if (!chosen.empty()) {
      const std::string set = folder_of(chosen.front()->path) + "/" + split_stem(file_name(chosen.front()->path));
      std::erase_if(chosen, [&](const Entry* e) { return folder_of(e->path) + "/" + split_stem(file_name(e->path)) != set; });
    }
  }
  if (chosen.empty()) {
    std::vector<std::string_view> labels;
    for (const RemoteQuant& q : listing.quants) labels.push_back(q.label);
    const auto best = closest_match(name.quant, labels);
    throw NotFound(ExitCode::network, fmt::format("{} has no {} file", name.repo, name.quant),
                   (best ? fmt::format("did you mean {}? ", *best) : std::string{}) + "it has " + list_of(listing.quants));
  }
  for (const Entry* e : chosen)
    listing.files.push_back({e->path, fmt::format("{}/{}/resolve/{}/{}", m_settings.hf_endpoint, name.repo, name.revision, e->path), e->size,
                             fmt::format("header {}/{}@{}", name.repo, e->path, e->oid.empty() ? name.revision : e->oid)});
  return listing;
}

RemoteListing RemoteSession::locate_ollama(const RemoteName& name) {
  RemoteListing listing;
  listing.name = name;
  const std::string base = fmt::format("{}/v2/{}/{}", m_settings.ollama_registry, name.ns, name.model);
  report_step(m_progress, fmt::format("reading the manifest of {}", describe(name)));
  const auto manifest = nlohmann::json::parse(
      fetch_document(base + "/manifests/" + name.tag, {"Accept: application/vnd.docker.distribution.manifest.v2+json"}, name,
                     listing.cached_at),
      nullptr, false);
  if (!manifest.is_object() || !manifest.contains("layers") || !manifest["layers"].is_array())
    throw Error(ExitCode::network, fmt::format("{}: the registry's manifest has no layers", describe(name)));
  for (const auto& layer : manifest["layers"]) {
    if (!layer.is_object() || layer.value("mediaType", "") != "application/vnd.ollama.image.model") continue;
    const std::string digest = layer.value("digest", "");
    listing.files.push_back({digest, base + "/blobs/" + digest, layer.value("size", std::uint64_t{0}), "header ollama " + digest});
    listing.revision = digest;
    break;
  }
  if (listing.files.empty())
    throw Error(ExitCode::network, fmt::format("{} has no GGUF model layer (application/vnd.ollama.image.model)", describe(name)),
                "it may be a safetensors model ollama runs with its own engine");
  return listing;
}

std::vector<std::unique_ptr<HttpByteSource>> RemoteSession::open(const RemoteListing& listing) {
  std::vector<std::unique_ptr<HttpByteSource>> sources;
  const bool hub = listing.name.registry == Registry::huggingface;
  const std::size_t parts = listing.files.size();
  for (const RemoteFile& f : listing.files) {
    std::vector<std::byte> cached;
    if (auto entry = m_cache.get(f.cache_key)) cached = std::move(entry->bytes);
    sources.push_back(std::make_unique<HttpByteSource>(m_client.get(), f.url, hub ? m_settings.hf_token : std::string{},
                                                       f.size_bytes == 0 ? std::nullopt : std::optional<std::uint64_t>(f.size_bytes),
                                                       std::move(cached)));
    if (m_progress == nullptr) continue;
    // An ollama blob's name is its digest: the first hex digits are enough to tell it apart.
    const std::string shown = hub ? file_name(f.path) : f.path.substr(0, std::min<std::size_t>(f.path.size(), 19));
    sources.back()->report_to(m_progress, parts == 1 ? fmt::format("reading the header of {}", shown)
                                                     : fmt::format("reading the header of part {} of {}, {}", sources.size(),
                                                                   parts, shown));
  }
  return sources;
}

RemoteSummary RemoteSession::finish(const RemoteListing& listing, const std::vector<std::unique_ptr<HttpByteSource>>& sources) {
  RemoteSummary s;
  s.registry = listing.name.registry == Registry::huggingface ? "huggingface" : "ollama";
  s.name = describe(listing.name);
  s.note = listing.note;
  s.revision = listing.revision;
  s.from_cache = true;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const HttpByteSource& source = *sources[i];
    const std::string meta_key = "validators " + listing.files[i].cache_key;
    std::string revision = source.revision();
    std::string etag = source.etag();
    if (source.fetched_any()) {
      s.from_cache = false;
      m_cache.put(listing.files[i].cache_key, source.prefix());
      m_cache.put_text(meta_key, revision + "\n" + etag);
    } else if (const auto meta = m_cache.get(meta_key)) {  // what the server said when the bytes were cached
      const std::string text(reinterpret_cast<const char*>(meta->bytes.data()), meta->bytes.size());
      revision = text.substr(0, text.find('\n'));
      etag = text.find('\n') == std::string::npos ? "" : text.substr(text.find('\n') + 1);
    }
    s.urls.push_back(source.display_name());
    s.etags.push_back(etag);
    if (!revision.empty()) s.revision = revision;
  }
  if (listing.cached_at) s.cached_at = format_saved_at(*listing.cached_at);
  if (m_client) {
    s.bytes_fetched = m_client->stats().bytes_fetched;
    s.requests = m_client->stats().requests;
  }
  return s;
}

}  // namespace r1tag
