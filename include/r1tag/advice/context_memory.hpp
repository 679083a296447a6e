// What a variant costs in memory at the context lengths a user asks about (`explain --ctx 4K,32K,128K`):
// everything on one GPU, or, when hardware is given, placed on it as llama.cpp would place it, with the
// decode speed when the devices' bandwidth is known.
#pragma once

#include <r1tag/tables/catalog.hpp>
#include <r1tag/advice/explanation.hpp>
#include <r1tag/memory/memory_estimator.hpp>
#include <r1tag/hardware/speed_estimator.hpp>

#include <optional>

#include <cstdint>
#include <string>
#include <vector>

namespace r1tag {

struct MemoryQuestion {
  std::vector<std::uint64_t> context_tokens;  // one estimate per entry
  std::string kv_cache_type = "F16";          // ggml type name
  bool flash_attention = true;
  std::string runtime = "llama.cpp";
  // Hardware, if given: the layers are placed on it (most GPU layers that fit) instead of all on one GPU.
  std::vector<GpuDevice> gpus;
  std::optional<MemoryBudget> budget;
  bool ram_known = false;                   // without it nothing may spill to RAM
  std::optional<SpeedHardware> speed_hardware;  // when every GPU's bandwidth is known (or CPU only)
};

struct ContextMemory {
  std::uint64_t context_tokens = 0;
  MemoryEstimate memory;
  bool fits = true;              // false: the budget cannot hold it even with layers in RAM
  bool experts_on_cpu = false;   // MoE routed experts kept in RAM
  std::optional<SpeedEstimate> speed;
};

// One estimate per context length, with every layer on one GPU. Empty when the variant has no
// planned tensors (a custom mix, or a name without a quant). Contexts above the model's trained
// context are skipped. Throws Error (usage) for a request the runtime refuses.
std::vector<ContextMemory> memory_by_context(const Explanation& explanation, const MemoryQuestion& question,
                                             const Catalog& catalog);

}  // namespace r1tag
