// The models of an ollama store: each manifest under manifests/<host>/<namespace>/<model>/<tag> names its
// GGUF as the layer of media type application/vnd.ollama.image.model, stored as blobs/sha256-<hex>
// (ollama/ollama manifest/manifest.go `Manifests`, manifest/paths.go `BlobsPath`, server/images.go).
#pragma once

#include <r1tag/sources/installed_file.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace r1tag {

// The name as `ollama list` shows it (types/model/name.go `DisplayShortest`): the host and namespace are
// dropped when they are ollama's defaults (registry.ollama.ai, library), the tag is always kept:
// `deepseek-r1:7b`, `huihui_ai/deepseek-r1-abliterated:14b`, `hf.co/owner/repo:Q8_0`.
std::string ollama_display_name(std::string_view host, std::string_view name_space, std::string_view model,
                                std::string_view tag);

// A name as typed to `ollama run` ("deepseek-r1", "deepseek-r1:7b", "registry.ollama.ai/library/deepseek-r1:7b",
// "huihui_ai/deepseek-r1-abliterated:14b", "hf.co/owner/repo:Q8_0"), with ollama's defaults filled in
// (types/model/name.go: host registry.ollama.ai, namespace library, tag latest), shown as
// ollama_display_name shows it; nullopt for text that is not such a name (a path, an URL, spaces).
std::optional<std::string> ollama_name_as_shown(std::string_view typed);

// The file of `files` (a scan of an ollama store) that the typed name names, compared as ollama compares
// names (case-insensitively); nullptr when it is not installed.
const InstalledFile* find_ollama_model(const std::vector<InstalledFile>& files, std::string_view typed);

// Every model of the store at `root` (the directory holding manifests/ and blobs/), one InstalledFile per
// blob: tags that share a blob are one file, their names sorted, the first as `name`. Manifests are read
// only when they are regular files of a manifest's size; a manifest that cannot be read or parsed, or
// whose model blob is missing, is a warning, never a failure. A store that does not exist is empty.
StoreScan scan_ollama_store(const std::string& root);

}  // namespace r1tag
