// The fake machines the golden cases name in <case>.machine: CPU only, one and two NVIDIA GPUs, a broken
// NVIDIA driver, an AMD discrete GPU and an AMD APU through amdgpu sysfs, an Apple M-series Mac, a Jetson
// and a DGX Spark. Figures are what the tools print on such machines (formats: nvidia-smi's CSV query
// output, the amdgpu sysfs files of the kernel's drm/amdgpu documentation, libdrm's amdgpu.ids, macOS
// sysctl); the amounts are plausible examples, not measurements.
#pragma once

#include "support/fake_machine.hpp"

#include <string>
#include <string_view>

namespace r1tag::test {

// /proc/cpuinfo of an x86 CPU: `threads` processors over `cores` cores (two threads a core when doubled).
inline std::string x86_cpuinfo(std::string_view model, int cores, int threads) {
  std::string text;
  for (int p = 0; p < threads; ++p) {
    text += "processor\t: " + std::to_string(p) + "\nvendor_id\t: AuthenticAMD\nmodel name\t: " + std::string(model) +
            "\nphysical id\t: 0\nsiblings\t: " + std::to_string(threads) + "\ncore id\t\t: " + std::to_string(p % cores) +
            "\ncpu cores\t: " + std::to_string(cores) + "\n\n";
  }
  return text;
}

inline std::string meminfo(unsigned long long total_kb, unsigned long long available_kb) {
  return "MemTotal:       " + std::to_string(total_kb) + " kB\nMemFree:        " + std::to_string(available_kb / 2) +
         " kB\nMemAvailable:   " + std::to_string(available_kb) + " kB\nBuffers:          123456 kB\n";
}

inline void desktop(FakeMachine& m) {
  m.file("proc/meminfo", meminfo(65'536'000, 51'200'000));
  m.file("proc/cpuinfo", x86_cpuinfo("AMD Ryzen 9 7950X 16-Core Processor", 16, 32));
}

// nvidia-smi answering the query r1tag sends (and only that one).
inline std::string nvidia_smi(std::string_view csv) {
  return "case \"$1\" in --query-gpu=name,memory.total,memory.free,driver_version) ;; *) echo \"unexpected: $*\" >&2; exit 2;; esac\n"
         "printf '" + std::string(csv) + "'";
}

inline void amd_card(FakeMachine& m, std::string_view card, std::string_view device, std::string_view revision,
                     std::string_view vram_total, std::string_view vram_used, std::string_view gtt_total) {
  const std::string dir = "sys/class/drm/" + std::string(card) + "/device/";
  m.file(dir + "vendor", "0x1002\n");
  m.file(dir + "device", std::string(device) + "\n");
  m.file(dir + "revision", std::string(revision) + "\n");
  m.file(dir + "mem_info_vram_total", std::string(vram_total) + "\n");
  m.file(dir + "mem_info_vram_used", std::string(vram_used) + "\n");
  m.file(dir + "mem_info_gtt_total", std::string(gtt_total) + "\n");
}

inline std::string amdgpu_ids() {
  return "# List of AMDGPU IDs\n#\n# Syntax:\n# device_id,\trevision_id,\tproduct_name        <-- single tab after comma\n\n1.0.0\n"
         "15BF,\tC1,\tAMD Radeon 780M Graphics\n744C,\tC8,\tAMD Radeon RX 7900 XTX\n744C,\tCC,\tAMD Radeon RX 7900 XT\n";
}

// Builds the machine `name`; false when there is no such machine.
inline bool build_named_machine(std::string_view name, FakeMachine& m) {
  if (name == "cpu_only") {
    desktop(m);
  } else if (name == "one_nvidia") {
    desktop(m);
    m.tool("nvidia-smi", nvidia_smi("NVIDIA GeForce RTX 4090, 24564, 23975, 550.54.14\\n"));
  } else if (name == "two_nvidia") {
    desktop(m);
    m.tool("nvidia-smi", nvidia_smi("NVIDIA GeForce RTX 3090, 24576, 24135, 550.54.14\\nNVIDIA GeForce RTX 3060, 12288, 11823, 550.54.14\\n"));
  } else if (name == "broken_driver") {
    desktop(m);
    m.tool("nvidia-smi",
           "echo \"NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest "
           "NVIDIA driver is installed and running.\"\nexit 9");
  } else if (name == "amd_discrete") {
    desktop(m);
    amd_card(m, "card0", "0x744c", "0xc8", "25753026560", "1476395008", "33554432000");
    m.file("sys/class/drm/card0-DP-1/status", "connected\n");
    m.file("usr/share/libdrm/amdgpu.ids", amdgpu_ids());
  } else if (name == "amd_apu") {
    m.file("proc/meminfo", meminfo(31'980'000, 24'000'000));
    m.file("proc/cpuinfo", x86_cpuinfo("AMD Ryzen 7 7840U w/ Radeon 780M Graphics", 8, 16));
    amd_card(m, "card0", "0x15bf", "0xc1", "536870912", "104857600", "16374562816");
    m.file("usr/share/libdrm/amdgpu.ids", amdgpu_ids());
  } else if (name == "apple_m2_max") {
    m.tool("sysctl", "printf '68719476736\\nApple M2 Max\\n'");
  } else if (name == "jetson_agx_orin") {
    m.file("proc/meminfo", meminfo(64'335'000, 58'000'000));
    std::string cpuinfo;
    for (int p = 0; p < 12; ++p)
      cpuinfo += "processor\t: " + std::to_string(p) + "\nBogoMIPS\t: 62.50\nCPU implementer\t: 0x41\nCPU part\t: 0xd42\n\n";
    m.file("proc/cpuinfo", cpuinfo);
    m.file("proc/device-tree/model", std::string("NVIDIA Jetson AGX Orin Developer Kit") + '\0');
  } else if (name == "dgx_spark") {
    m.file("proc/meminfo", meminfo(127'601'000, 119'000'000));
    std::string cpuinfo;
    for (int p = 0; p < 20; ++p) cpuinfo += "processor\t: " + std::to_string(p) + "\nCPU implementer\t: 0x41\n\n";
    m.file("proc/cpuinfo", cpuinfo);
    m.tool("nvidia-smi", nvidia_smi("NVIDIA GB10, [N/A], [N/A], 580.95.05\\n"));
  } else if (name == "empty") {
  } else {
    return false;
  }
  return true;
}

}  // namespace r1tag::test
