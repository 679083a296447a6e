// Parts of a gguf-split set (llama.cpp tools/gguf-split: `<stem>-00001-of-00003.gguf`) found in a store
// listing, gathered into one entry per set, so `r1tag list` shows a 671B model once.
#pragma once

#include <r1tag/sources/installed_file.hpp>

#include <vector>

namespace r1tag {

// `files` with the parts of each split set (same store, same folder, same stem and part count) merged
// into the entry of the lowest part: paths in part order, bytes summed, missing part numbers listed, the
// name that of part 1 whether or not part 1 is present. Other files pass through in their order.
std::vector<InstalledFile> group_split_parts(std::vector<InstalledFile> files);

}  // namespace r1tag
