// A model file on disk, opened for explain: every part of its split set as a ByteSource, read into
// GgufHeaders, with the bytes each part takes on disk. The same value serves `explain PATH`, `list` and
// `explain NAME` for an installed ollama model.
#pragma once

#include <r1tag/gguf/gguf_header.hpp>
#include <r1tag/gguf/gguf_reader.hpp>
#include <r1tag/tables/catalog.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace r1tag {

// What a set of headers came from, for messages and output: kind "file", "split_set", "ollama_blob" (a
// `sha256-…` file without extension), or others' kinds ("ollama", "huggingface_cache", "remote").
struct FileOrigin {
  std::string kind = "file";
  std::string display_name;        // what the user typed, or the store's name for the model
  std::vector<std::string> paths;  // each part's path or URL, in order
};

struct LocalGguf {
  FileOrigin origin;
  std::vector<GgufHeader> headers;       // one per part, in order
  std::vector<std::uint64_t> part_bytes;  // each part's size on disk
};

// Finds every part of the set `path` belongs to (split_set_paths), opens each as a FileByteSource and
// reads its header. Throws Error (bad_file) for a missing part, a directory, an unreadable file or a bad
// header; the message names the file.
LocalGguf read_local_gguf(const std::string& path, const Catalog& catalog, const GgufReadLimits& limits = {});

}  // namespace r1tag
