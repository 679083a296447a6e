// (internal) Bounds on walking a store's folders: deep enough for every layout the stores use (LM Studio
// publisher/repo/file, a repository's own sub-folders inside a Hugging Face snapshot), small enough that a
// symlink farm or a mistaken $LLAMA_CACHE=/ cannot keep `r1tag list` busy.
#pragma once

#include <cstddef>

namespace r1tag::walk_limits {

inline constexpr int k_max_depth = 6;
inline constexpr std::size_t k_max_entries = 200'000;

}  // namespace r1tag::walk_limits
