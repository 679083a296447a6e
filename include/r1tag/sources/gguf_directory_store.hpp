// Stores that are plain folders of GGUF files: LM Studio (models/<publisher>/<repo>/<file>.gguf) and
// llama.cpp's download cache. Walked to a bounded depth, without following directory symlinks.
#pragma once

#include <r1tag/sources/installed_file.hpp>

#include <string>

namespace r1tag {

// Every regular `.gguf` file below `root`, named by its path relative to `root`. Folders named
// `models--*` (a Hugging Face-layout cache inside llama.cpp's) are left to scan_hf_cache.
StoreScan scan_gguf_directory(const std::string& root, StoreKind store);

}  // namespace r1tag
