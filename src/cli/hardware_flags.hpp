// The hardware flags `fit` and `explain` share (--vram, --gpus, --gpu, --ram, --cpu), checked once
// and turned into the devices and memory budget the core places layers on.
#pragma once

#include <r1tag/tables/catalog.hpp>
#include <r1tag/hardware/detected_hardware.hpp>
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
  // No --vram/--gpus/--gpu/--ram: what detection found (the budget above is built from it).
  std::optional<DetectedHardware> detected;
  std::vector<std::string> warnings;  // detection's, for stderr
  bool given() const { return !gpus.empty() || ram_known; }
  // The catalogue device of each GPU when every one is known (--gpu NAME, or detected and matched).
  std::optional<std::vector<const Device*>> speed_devices() const;
};

struct Environment;

void add_hardware_flags(CLI::App& command, HardwareFlags& flags);

// Throws Error (usage) for conflicting or bad values: "give one of --vram, --gpus or --gpu", bad sizes,
// unknown devices (with a suggestion), a --cpu that is not a CPU platform.
Hardware parse_hardware_flags(const HardwareFlags& flags, const Catalog& catalog);

// True when a flag describes the memory (--vram, --gpus, --gpu, --ram): then nothing is detected.
bool memory_flags_given(const HardwareFlags& flags);

// What the machine has (R1TAG_SYSROOT prefixes /proc and /sys, tools come from PATH), budgeted.
DetectedHardware detect_hardware(const Catalog& catalog, const Environment& env);

// The hardware a command plans for: the flags when they describe memory (flags win: --vram 24GB means 24 GB
// whatever the machine has), else the detected machine (with --cpu still naming the CPU platform). `fit`,
// `explain` and `list` call this one function.
Hardware effective_hardware(const HardwareFlags& flags, const Catalog& catalog, const Environment& env);

}  // namespace r1tag::cli
