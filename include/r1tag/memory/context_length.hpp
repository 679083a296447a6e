// Context lengths as people type them: "8192", "8K", "128k", "1M". K means 1024 here, as in
// llama.cpp and model cards ("128K context" = 131072 tokens).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace r1tag {

// Throws Error (usage) for anything but a positive whole number of tokens.
// Example: "128K" -> 131072.
std::uint32_t parse_context_tokens(std::string_view text);

// A comma list of context lengths: "4K,32K,128K" -> {4096, 32768, 131072}.
std::vector<std::uint32_t> parse_context_list(std::string_view text);

}  // namespace r1tag
