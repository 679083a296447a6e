// (internal) One store folder walked for its .gguf files, within `walk_limits`: the walk the Hugging Face
// cache (each snapshot) and the plain GGUF folders (LM Studio, llama.cpp's cache) share, so both bound it,
// skip non-regular files with a warning and describe a file the same way.
#pragma once

#include <r1tag/sources/installed_file.hpp>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <system_error>

namespace r1tag::gguf_file_walk {

// What the walk is for: the store it lists, the root its files are reported under, the prefix of their
// names (the name is this prefix + the path below the walked folder), and the folders it does not enter.
struct WalkTarget {
  StoreKind store = StoreKind::ollama;
  std::string store_root;
  std::string name_prefix;
  std::function<bool(std::string_view folder_name)> skip_folder = [](std::string_view) { return false; };
};

struct WalkEnd {
  bool entry_limit_reached = false;  // walk_limits::k_max_entries counted, in this folder or before it
  std::error_code error;             // the directory iterator's, when it stopped on one
};

// Adds every regular .gguf file below `folder` to `scan.files` and a warning for each .gguf name that is not
// a regular file. `entries` counts the entries walked and may be shared by several walks of one store, so the
// limit bounds the whole store. Directory symlinks are not followed, so a link loop cannot recurse.
WalkEnd add_gguf_files(const std::filesystem::path& folder, const WalkTarget& target, std::size_t& entries,
                       StoreScan& scan);

// The warning for a store whose walk reached the entry limit.
std::string entry_limit_warning(const std::string& root);

}  // namespace r1tag::gguf_file_walk
