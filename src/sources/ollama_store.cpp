#include <r1tag/sources/ollama_store.hpp>

#include "common/ascii.hpp"
#include "sources/store_files.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>

namespace r1tag {

namespace fs = std::filesystem;

namespace {

// ollama's defaults (types/model/name.go: defaultHost, defaultNamespace).
constexpr std::string_view k_default_host = "registry.ollama.ai";
constexpr std::string_view k_default_namespace = "library";
constexpr std::string_view k_model_media_type = "application/vnd.ollama.image.model";
// A manifest lists a handful of layers in a few hundred bytes; anything near this cap is not one.
constexpr std::uint64_t k_manifest_max_bytes = 1 << 20;
// A bound on the work a corrupted or hostile store can cause; real stores hold tens of manifests.
constexpr std::size_t k_max_manifests = 100'000;

// "sha256:<64 hex>" (or with '-', as manifest/paths.go `BlobsPath` accepts) to the blob's file name.
std::optional<std::string> blob_file_name(std::string_view digest) {
  constexpr std::string_view k_prefix = "sha256";
  constexpr std::size_t k_hex_digits = 64;
  if (digest.size() != k_prefix.size() + 1 + k_hex_digits || !digest.starts_with(k_prefix)) return std::nullopt;
  if (digest[k_prefix.size()] != ':' && digest[k_prefix.size()] != '-') return std::nullopt;
  const std::string_view hex = digest.substr(k_prefix.size() + 1);
  if (!std::all_of(hex.begin(), hex.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }))
    return std::nullopt;
  return "sha256-" + std::string(hex);
}

struct ModelLayer {
  std::string blob_name;
  std::optional<std::uint64_t> declared_bytes;
};

// The model layer of a manifest's JSON, or a reason it has none.
std::optional<ModelLayer> model_layer(const std::string& text, std::string& why) {
  const nlohmann::json manifest = nlohmann::json::parse(text, nullptr, false);
  if (manifest.is_discarded() || !manifest.is_object()) {
    why = "is not a JSON manifest";
    return std::nullopt;
  }
  const auto layers = manifest.find("layers");
  if (layers == manifest.end() || !layers->is_array()) {
    why = "has no layers";
    return std::nullopt;
  }
  for (const nlohmann::json& layer : *layers) {
    if (!layer.is_object() || layer.value("mediaType", std::string()) != k_model_media_type) continue;
    const auto digest = layer.find("digest");
    const auto name = digest != layer.end() && digest->is_string() ? blob_file_name(digest->get<std::string>()) : std::nullopt;
    if (!name) {
      why = "has a model layer without a sha256 digest";
      return std::nullopt;
    }
    ModelLayer found{*name, std::nullopt};
    const auto size = layer.find("size");
    if (size != layer.end() && size->is_number_unsigned()) found.declared_bytes = size->get<std::uint64_t>();
    return found;
  }
  why = "has no GGUF model layer";
  return std::nullopt;
}

struct ManifestName {
  std::string host, name_space, model, tag;
};

// manifests/<host>/<namespace>/<model>/<tag>, as ollama's filepath.Glob(manifests/*/*/*/*) finds them,
// at most k_max_manifests.
std::vector<ManifestName> manifest_names(const fs::path& manifests, std::vector<std::string>& warnings) {
  std::vector<ManifestName> names;
  // Sub-folders with symlinks followed, as ollama's filepath.Glob + os.Stat do; hidden entries skipped.
  using store_files::EntryKind;
  const auto listed = [](const fs::path& dir, EntryKind kind) { return store_files::sorted_entries(dir, kind, store_files::Hidden::skipped); };
  for (const std::string& host : listed(manifests, EntryKind::folders))
    for (const std::string& name_space : listed(manifests / host, EntryKind::folders))
      for (const std::string& model : listed(manifests / host / name_space, EntryKind::folders))
        for (const std::string& tag : listed(manifests / host / name_space / model, EntryKind::files)) {
          if (names.size() == k_max_manifests) {
            warnings.push_back(fmt::format("{}: more than {} manifests; the rest are not listed", manifests.string(), k_max_manifests));
            return names;
          }
          names.push_back({host, name_space, model, tag});
        }
  return names;
}

}  // namespace

std::string ollama_display_name(std::string_view host, std::string_view name_space, std::string_view model,
                                std::string_view tag) {
  std::string shown;
  if (!detail::iequals(host, k_default_host)) shown = fmt::format("{}/{}/", host, name_space);
  else if (!detail::iequals(name_space, k_default_namespace)) shown = fmt::format("{}/", name_space);
  return fmt::format("{}{}:{}", shown, model, tag);
}

std::optional<std::string> ollama_name_as_shown(std::string_view typed) {
  // Parts as ollama's name grammar allows them ([host/][namespace/]model[:tag]); no '..', nothing else.
  const auto valid = [](std::string_view part, bool dots) {
    return !part.empty() && part.find("..") == std::string_view::npos &&
           std::all_of(part.begin(), part.end(), [&](char c) {
             return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || (dots && c == '.');
           });
  };
  std::string_view rest = typed;
  std::string_view tag = "latest";
  const std::size_t colon = rest.rfind(':');
  if (colon != std::string_view::npos && rest.find('/', colon) == std::string_view::npos) {
    tag = rest.substr(colon + 1);
    rest = rest.substr(0, colon);
  }
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const std::size_t slash = rest.find('/', start);
    parts.push_back(rest.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (parts.size() > 3 || !valid(tag, true)) return std::nullopt;
  const std::string_view model = parts.back();
  const std::string_view name_space = parts.size() >= 2 ? parts[parts.size() - 2] : k_default_namespace;
  const std::string_view host = parts.size() == 3 ? parts[0] : k_default_host;
  if (!valid(model, true) || !valid(name_space, false) || !valid(host, true)) return std::nullopt;
  return ollama_display_name(host, name_space, model, tag);
}

const InstalledFile* find_ollama_model(const std::vector<InstalledFile>& files, std::string_view typed) {
  const auto shown = ollama_name_as_shown(typed);
  if (!shown) return nullptr;
  for (const InstalledFile& f : files) {
    if (f.store != StoreKind::ollama) continue;
    if (detail::iequals(f.name, *shown)) return &f;
    for (const std::string& other : f.other_names)
      if (detail::iequals(other, *shown)) return &f;
  }
  return nullptr;
}

StoreScan scan_ollama_store(const std::string& root) {
  StoreScan scan;
  const fs::path manifests = fs::path(root) / "manifests";
  std::error_code ec;
  if (!fs::is_directory(manifests, ec)) return scan;
  const fs::path blobs = fs::path(root) / "blobs";
  std::map<std::string, InstalledFile> by_blob;  // one entry per blob: tags sharing it are one file
  const std::vector<ManifestName> names = manifest_names(manifests, scan.warnings);
  for (const ManifestName& n : names) {
    const std::string shown = ollama_display_name(n.host, n.name_space, n.model, n.tag);
    const std::string manifest_path = (manifests / n.host / n.name_space / n.model / n.tag).string();
    std::string why;
    const auto text = store_files::read_small_file(manifest_path, k_manifest_max_bytes, why);
    const auto layer = text ? model_layer(*text, why) : std::nullopt;
    if (!layer) {
      scan.warnings.push_back(fmt::format("ollama model {} skipped: manifest {} {}", shown, manifest_path, why));
      continue;
    }
    const std::string blob_path = (blobs / layer->blob_name).string();
    const auto blob = store_files::regular_file(blob_path, why);
    if (!blob) {
      scan.warnings.push_back(fmt::format("ollama model {} skipped: its model blob {} {}", shown, blob_path, why));
      continue;
    }
    if (layer->declared_bytes && *layer->declared_bytes != blob->bytes)
      scan.warnings.push_back(fmt::format("ollama model {}: blob {} holds {} bytes, its manifest says {} (an unfinished pull?)",
                                          shown, blob_path, blob->bytes, *layer->declared_bytes));
    InstalledFile& file = by_blob[blob_path];
    if (file.paths.empty()) {
      file.store = StoreKind::ollama;
      file.store_root = root;
      file.paths = {blob_path};
      file.bytes = blob->bytes;
      file.device_id = blob->device_id;
      file.inode = blob->inode;
    }
    file.other_names.push_back(shown);
  }
  for (auto& [path, file] : by_blob) {
    std::sort(file.other_names.begin(), file.other_names.end());
    file.name = file.other_names.front();
    file.other_names.erase(file.other_names.begin());
    scan.files.push_back(std::move(file));
  }
  std::sort(scan.files.begin(), scan.files.end(), [](const InstalledFile& a, const InstalledFile& b) { return a.name < b.name; });
  return scan;
}

}  // namespace r1tag
