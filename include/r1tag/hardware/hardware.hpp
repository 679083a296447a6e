// Hardware by name: "--gpu 4090", "--gpu 2x3090", "--gpu 'RTX 3060 12GB'", "--gpu 'M2 Max 32GB'"
// resolved against data/gpus.json into devices with their memory, for `fit` and `explain`.
#pragma once

#include <r1tag/tables/catalog.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace r1tag {

// llama.cpp splits layers over at most this many devices (LLAMA_MAX_DEVICES, include/llama.h); a
// larger count is a typo, and would make r1tag model billions of GPUs. Every way of naming GPUs
// (--gpu 2x3090, --gpus 24GB,24GB) is held to it.
inline constexpr std::uint32_t k_max_devices = 16;

struct HardwareChoice {
  const Device* device = nullptr;
  std::uint32_t count = 1;        // "2x3090" -> 2
  std::uint64_t memory_bytes = 0;  // per device: the size asked for, or the device's only/largest size
  // Unified memory (Apple silicon, APUs, Jetson, DGX Spark): one memory for CPU and GPU; on Apple, Metal lets
  // the GPU use a share of it by default.
  bool unified = false;
  std::uint64_t gpu_usable_bytes = 0;  // per device: what the GPU may use
  std::string note;                    // how gpu_usable_bytes was chosen, with its source
};

// Reads "[Nx]NAME[ SIZE]"; case, spaces and dashes in NAME do not matter. Throws Error (usage) for an
// unknown device (with the closest name as a hint) or a size the device is not sold with.
// Example: "2x3090" -> {RTX 3090, count 2, 24 GiB}; "M2 Max 32GB" -> {Apple M2 Max, 32 GiB, unified}.
HardwareChoice parse_hardware(std::string_view text, const Catalog& catalog);

// `count` of `device` with `memory_bytes` each (a size it is sold with, or one a machine reported); for an
// Apple chip, the share of unified memory Metal lets the GPU use, with the note saying so.
HardwareChoice hardware_choice(const Device& device, std::uint64_t memory_bytes, std::uint32_t count = 1);

}  // namespace r1tag
