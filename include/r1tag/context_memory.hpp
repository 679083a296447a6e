// What a variant costs in memory at the context lengths a user asks about (`explain --ctx 4K,32K,128K`):
// everything on one GPU, as llama.cpp would allocate it, per context length.
#pragma once

#include <r1tag/catalog.hpp>
#include <r1tag/explanation.hpp>
#include <r1tag/memory_estimator.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace r1tag {

struct MemoryQuestion {
  std::vector<std::uint64_t> context_tokens;  // one estimate per entry
  std::string kv_cache_type = "F16";          // ggml type name
  bool flash_attention = true;
  std::string runtime = "llama.cpp";
};

struct ContextMemory {
  std::uint64_t context_tokens = 0;
  MemoryEstimate memory;
};

// One estimate per context length, with every layer on one GPU. Empty when the variant has no
// planned tensors (a custom mix, or a name without a quant). Contexts above the model's trained
// context are skipped. Throws Error (usage) for a request the runtime refuses.
std::vector<ContextMemory> memory_by_context(const Explanation& explanation, const MemoryQuestion& question,
                                             const Catalog& catalog);

}  // namespace r1tag
