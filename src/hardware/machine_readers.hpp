// The text formats machine detection reads, parsed without touching the machine: /proc/meminfo,
// /proc/cpuinfo, nvidia-smi's CSV, libdrm's amdgpu.ids, `sysctl -n` and `rocm-smi --json`.
#pragma once

#include <r1tag/hardware/machine.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace r1tag::detail {

// "MemTotal:  24683744 kB" lines; fields it lacks stay nullopt.
DetectedRam parse_meminfo(std::string_view text);

// "model name" (x86) or "Model" (some ARM boards), "processor" entries, distinct (physical id, core id).
DetectedCpu parse_cpuinfo(std::string_view text);

// `nvidia-smi --query-gpu=name,memory.total,memory.free,driver_version --format=csv,noheader,nounits`:
// one GPU a line, memory in MiB; "[N/A]" memory (DGX Spark's GB10: no frame buffer) marks unified memory.
struct NvidiaSmiRows {
  std::vector<DetectedGpu> gpus;
  std::vector<std::string> bad_lines;  // lines that are not four fields with numbers where numbers go
};
NvidiaSmiRows parse_nvidia_smi(std::string_view csv);

// libdrm's amdgpu.ids: "744C,\tC8,\tAMD Radeon RX 7900 XTX" lines (hex device and revision).
std::optional<std::string> amdgpu_ids_name(std::string_view table, std::uint32_t device, std::uint32_t revision);

// `sysctl -n hw.memsize machdep.cpu.brand_string`: the two values, one a line.
struct SysctlApple {
  std::optional<std::uint64_t> memsize_bytes;
  std::string brand;
};
SysctlApple parse_sysctl(std::string_view text);

// `rocm-smi --showproductname --json`: the "Card Series" of each card, in order.
std::vector<std::string> parse_rocm_smi_names(std::string_view json_text);

// "0x1002\n" -> 0x1002; nullopt for anything else.
std::optional<std::uint32_t> parse_hex_id(std::string_view text);
// "25753026560\n" -> 25753026560; nullopt for anything else.
std::optional<std::uint64_t> parse_decimal(std::string_view text);

}  // namespace r1tag::detail
