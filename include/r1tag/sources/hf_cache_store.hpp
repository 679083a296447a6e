// The GGUF files of a Hugging Face cache (huggingface_hub's layout, docs "Manage the cache":
// models--<owner>--<repo>/snapshots/<commit>/<path> are relative symlinks into models--…/blobs/).
#pragma once

#include <r1tag/sources/installed_file.hpp>

#include <string>

namespace r1tag {

// Every `.gguf` file below a snapshot of each `models--owner--repo` folder of `root`, named
// `owner/repo/<path in the repository>`; the same blob reached from two snapshots is listed once (the
// newest snapshot's name is not known without refs/, so the first by name). Entries that are not regular
// files once their symlinks are followed (a dangling link, a FIFO) are skipped with a warning.
StoreScan scan_hf_cache(const std::string& root, StoreKind store);

}  // namespace r1tag
