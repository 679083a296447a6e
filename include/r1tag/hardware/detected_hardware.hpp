// What detection found, turned into the hardware budget `fit` and `explain` place models on: each GPU
// matched to the catalogue by name (so its bandwidth gives a speed estimate), budgeted at its free memory
// as llama.cpp fits, and unified memory (Apple, Jetson, DGX Spark, AMD APUs) budgeted as one pool.
#pragma once

#include <r1tag/hardware/hardware.hpp>
#include <r1tag/hardware/machine.hpp>
#include <r1tag/memory/memory_estimator.hpp>
#include <r1tag/tables/catalog.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace r1tag {

struct DetectedGpuBudget {
  std::size_t index = 0;           // into DetectedMachine::gpus
  const Device* device = nullptr;  // the catalogue device; nullptr: not in the catalogue, bandwidth unknown
  std::uint64_t budget_bytes = 0;  // what fit may place on it
  std::string basis;               // how budget_bytes was chosen: "free VRAM", "MemAvailable (unified memory)", …
};

struct DetectedHardware {
  DetectedMachine machine;
  std::vector<DetectedGpuBudget> gpus;  // the GPUs fit uses, in detection order
  std::vector<GpuDevice> gpu_devices;   // the same, as placement names them
  MemoryBudget budget;
  bool ram_known = false;  // false: RAM unknown, or unified memory (the GPU budget is the pool)
  bool unified = false;
  const Device* host = nullptr;         // the CPU platform, when the CPU model names one
  std::optional<HardwareChoice> apple;  // an Apple chip: its Metal share of unified memory
  std::vector<std::string> notes;       // GPUs left out and why; the rules applied

  // True when every GPU is in the catalogue, so every device's bandwidth is known.
  bool speed_known() const;
  // The catalogue device of each GPU, in order (for the speed estimate); only when speed_known().
  std::vector<const Device*> speed_devices() const;
};

// The catalogue device a detected GPU is: by name through Catalog::find_device (also without the vendor
// word), and when several devices share the name ("RTX 3060" 8 and 12 GB, "M3 Max" 30- and 40-core),
// the one sold with the memory reported (within 10 %, as drivers report a little less than the label).
const Device* match_detected_device(std::string_view raw_name, std::optional<std::uint64_t> memory_bytes,
                                    const Catalog& catalog);

DetectedHardware budget_detected(DetectedMachine machine, const Catalog& catalog);

}  // namespace r1tag
