// What the machine r1tag runs on has: GPUs (nvidia-smi, amdgpu sysfs, rocm-smi, Apple's sysctl, a Jetson's
// device tree), system RAM (/proc/meminfo) and the CPU (/proc/cpuinfo), each figure with where it came from.
// An input source like a file: everything it reads goes through MachineProbe, so tests fake all of it.
#pragma once

#include <r1tag/hardware/command_runner.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace r1tag {

// Where detection looks: `sysroot` prefixes every /proc, /sys and /usr/share path read ("" = the real
// root; R1TAG_SYSROOT in tests), tools are looked up on `path` and run by `runner`.
struct MachineProbe {
  std::string sysroot;
  std::string path;
  const CommandRunner* runner = nullptr;
};

struct DetectedGpu {
  std::string raw_name;  // as the tool or the driver names it: "NVIDIA GeForce RTX 4090", "Apple M2 Max"
  std::string vendor;    // "NVIDIA", "AMD", "Intel", "Apple"
  std::string source;    // "nvidia-smi", "/sys/class/drm/card0/device", "sysctl", "/proc/device-tree/model"
  std::string name_source;  // where raw_name came from when not `source` ("amdgpu.ids", "rocm-smi", "product_name")
  std::string pci_id;       // "1002:744c rev c8" (sysfs), empty otherwise
  std::string driver_version;
  std::optional<std::uint64_t> total_bytes;  // dedicated memory (VRAM or carve-out); unified: the shared pool
  std::optional<std::uint64_t> free_bytes;   // free now, as the driver reports it
  std::optional<std::uint64_t> gtt_bytes;    // AMD: system memory the GPU may map (GTT)
  bool unified = false;                      // the GPU's memory is system memory (Apple, Jetson, GB10, APUs)
};

struct DetectedRam {
  std::optional<std::uint64_t> total_bytes;      // MemTotal, or hw.memsize
  std::optional<std::uint64_t> available_bytes;  // MemAvailable
  std::string source;                            // "/proc/meminfo", "sysctl hw.memsize"
};

struct DetectedCpu {
  std::string model;                          // "AMD Ryzen 9 7950X 16-Core Processor"; empty when unknown
  std::optional<std::uint32_t> logical_cpus;  // "processor" entries
  std::optional<std::uint32_t> cores;         // distinct (physical id, core id) pairs, when listed
  std::string source;
};

struct DetectedMachine {
  std::vector<DetectedGpu> gpus;
  DetectedRam ram;
  DetectedCpu cpu;
  std::string board;                  // /proc/device-tree/model ("NVIDIA Jetson AGX Orin Developer Kit")
  std::vector<std::string> warnings;  // what could not be read, one line each (stderr)
};

// Reads everything it can; never throws for what the machine lacks or garbles: each gap is a warning.
DetectedMachine detect_machine(const MachineProbe& probe);

}  // namespace r1tag
