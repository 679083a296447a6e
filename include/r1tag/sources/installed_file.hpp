// A model file found in a local store (ollama, the Hugging Face cache, llama.cpp's cache, LM Studio):
// what it is called there, where its bytes are, and how many. The stores' scanners produce these; they
// read directories and small manifests only, never a model's data.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace r1tag {

enum class StoreKind { ollama, huggingface, llama_cpp, lm_studio };

// "ollama", "huggingface", "llama.cpp", "lm-studio": the JSON and text spelling.
const char* to_string(StoreKind kind);

struct InstalledFile {
  StoreKind store = StoreKind::ollama;
  std::string store_root;  // the store's directory, absolute, as the variables or HOME gave it
  // The name the store's own tool shows: `deepseek-r1:7b` (ollama), `owner/repo/file.gguf` (Hugging Face
  // cache), the path below the store root (llama.cpp, LM Studio); for a split set, its first part's.
  std::string name;
  std::vector<std::string> other_names;  // ollama tags that share this blob (`deepseek-r1:latest`)
  std::vector<std::string> paths;        // every part, in order; absolute
  std::uint64_t bytes = 0;               // on disk, all parts present
  std::uint32_t split_count = 1;         // parts the set's names announce (`-00001-of-00003`)
  std::vector<std::uint32_t> missing_parts;  // 1-based part numbers not found
  std::uint64_t device_id = 0;  // st_dev and st_ino of the first part: one file reached two ways is one
  std::uint64_t inode = 0;
};

// What scanning a store found, and the entries it skipped (one line each, for stderr).
struct StoreScan {
  std::vector<InstalledFile> files;
  std::vector<std::string> warnings;
};

}  // namespace r1tag
