// The hardware flags `fit` and `explain` share (--vram, --gpus, --gpu, --ram, --cpu), checked once
// and turned into the devices and memory budget the core places layers on.
#pragma once

#include <r1tag/tables/catalog.hpp>
#include <r1tag/hardware/hardware.hpp>
#include <r1tag/memory/memory_estimator.hpp>

#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace r1tag::cli {

struct HardwareFlags {
  std::string vram;               // one GPU: "8GB"
  std::vector<std::string> gpus;  // several: "24GB,24GB"
  std::string gpu;                // by name: "4090", "2x3090", "M2 Max 32GB"
  std::string ram;
  std::string cpu;  // the CPU platform, by name, for the speed of layers in RAM
};

struct Hardware {
  std::vector<GpuDevice> gpus;
  MemoryBudget budget;
  bool ram_known = false;  // without --ram nothing may spill to RAM (the budget is then unbounded)
  std::optional<HardwareChoice> named;
  const Device* host = nullptr;
  bool given() const { return !gpus.empty() || ram_known; }
};

void add_hardware_flags(CLI::App& command, HardwareFlags& flags);

// Throws Error (usage) for conflicting or bad values: "give one of --vram, --gpus or --gpu", bad sizes,
// unknown devices (with a suggestion), a --cpu that is not a CPU platform.
Hardware parse_hardware_flags(const HardwareFlags& flags, const Catalog& catalog);

}  // namespace r1tag::cli
