// The models installed on this machine, each with what its own GGUF header says: the store's entry
// (name, paths, exact bytes) and explain's answer for the file (architecture, parameters, quant, the
// catalogue model it is, its real tensors for memory and fit). What `list`, `fit --installed` and
// `explain NAME` of an installed ollama name read.
#pragma once

#include <r1tag/advice/explanation.hpp>
#include <r1tag/common/progress.hpp>
#include <r1tag/sources/installed_file.hpp>
#include <r1tag/tables/catalog.hpp>

#include <optional>
#include <string>
#include <vector>

namespace r1tag {

struct InstalledModel {
  InstalledFile file;
  std::optional<Explanation> explanation;  // nullopt when the header could not be read
  std::string unreadable;                  // then: why, in one line naming the file
};

// The FileOrigin kind for a store: "ollama", "huggingface_cache", "llama_cpp_cache", "lm_studio".
const char* origin_kind(StoreKind store);

// Reads the header of every part of `file` (never tensor data) and explains it (explain_file).
// An incomplete split set, an unreadable or hostile file is not an error here: the result says why in
// `unreadable`, so one bad file in a store does not hide the others.
InstalledModel explain_installed(InstalledFile file, const Catalog& catalog);

// The same for every file, in order; `progress` (may be null) hears each file as its header is read.
std::vector<InstalledModel> explain_installed(std::vector<InstalledFile> files, const Catalog& catalog,
                                              ProgressSink* progress = nullptr);

}  // namespace r1tag
