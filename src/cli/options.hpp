// Flag values shared by several commands, checked once, with the same messages everywhere.
#pragma once

#include <r1tag/tables/catalog.hpp>
#include <r1tag/gguf/plan_cache.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace r1tag::cli {

// A KV cache type as llama.cpp's -ctk/-ctv take it ("q8_0"), returned as the ggml type name ("Q8_0").
// Throws Error (usage) with a suggestion for anything else.
std::string checked_kv_type(const std::string& text);

// The KV cache types --kv-type accepts, as llama.cpp spells them ("f16", "q8_0"), for completions.
const std::vector<std::string_view>& kv_cache_types();

// "on" or "off"; throws Error (usage) naming `flag` otherwise.
bool checked_on_off(const std::string& flag, const std::string& text);

// Throws Error (usage) when `context_tokens` (--ctx) is above the longest context any model of `catalog`
// was trained for, naming R1's and the distills' trained contexts.
void check_trained_context(std::uint64_t context_tokens, const Catalog& catalog);

// The plan cache for a command over `catalog`: the tables compiled in come with their plans computed at
// build time; tables read with --data, or `full_tensor_lists` (explain --tensors), plan at run time.
PlanCache plan_cache_for(const Catalog& catalog, bool full_tensor_lists);

}  // namespace r1tag::cli
