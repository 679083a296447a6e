// GGUF split sets (llama.cpp tools/gguf-split): `<stem>-00001-of-00003.gguf` … `-00003-of-00003.gguf`.
// Given any part, find every part on disk in order, naming the first one missing; and decide whether an
// `explain` argument is a local model file at all (it exists, or is written as a path).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace r1tag {

// What a split-set file name says: "DeepSeek-R1-UD-IQ1_S-00002-of-00003.gguf" -> {"DeepSeek-R1-UD-IQ1_S", 2, 3}.
struct SplitName {
  std::string stem;  // before "-0000k-of-0000n.gguf", folder included when the input had one
  std::uint32_t part = 1;
  std::uint32_t count = 1;
  std::size_t digits = 5;  // zero-padded width of the numbers (gguf-split writes 5)
};

// nullopt unless `path` ends in "-<k>-of-<n>.gguf" with 1 <= k <= n (case-insensitive extension).
std::optional<SplitName> parse_split_name(std::string_view path);

// The path of part `part` of the set `name` belongs to.
std::string split_part_path(const SplitName& name, std::uint32_t part);

// Every part of the set `path` belongs to, in order; just {path} when it is not a split name.
// Throws Error (bad_file) naming the first part that does not exist: "…-00002-of-00003.gguf: part 2 of 3
// of the split set is missing".
std::vector<std::string> split_set_paths(const std::string& path);

// Whether an `explain` argument means a file on disk rather than a model name: an existing regular file,
// an existing path ending in ".gguf" (a directory named x.gguf is then refused when opened), or an
// argument written as a path ("./", "../", "/", "~/") that ends in ".gguf". A file name such as
// "DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf" that does not exist stays a name for the catalogue.
bool is_local_model_path(const std::string& argument);

}  // namespace r1tag
