#include "cli/hardware_flags.hpp"

#include "cli/app.hpp"

#include <r1tag/common/byte_size.hpp>
#include <r1tag/common/error.hpp>
#include <r1tag/hardware/hardware.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <limits>

namespace r1tag::cli {

void add_hardware_flags(CLI::App& cmd, HardwareFlags& f) {
  cmd.add_option("--vram", f.vram, "Memory of your one GPU, e.g. 8GB (GB means GiB: 2^30 bytes)")->option_text("SIZE");
  cmd.add_option("--gpu", f.gpu, "Your GPU by name: 4090, \"RTX 3060 12GB\", 2x3090, \"M2 Max 32GB\" ('r1tag gpus' lists them)")
      ->option_text("NAME");
  cmd.add_option("--gpus", f.gpus, "Memory of each of several GPUs, e.g. 24GB,24GB")->delimiter(',')->option_text("SIZE,SIZE");
  cmd.add_option("--ram", f.ram, "System RAM that may hold what does not fit on the GPUs; without it only full-GPU placements are shown")
      ->option_text("SIZE");
  cmd.add_option("--cpu", f.cpu, "Your CPU platform by name, for the speed of layers in RAM ('r1tag gpus cpu' lists them)")
      ->option_text("NAME");
}

namespace {

void add_sized_gpus(Hardware& h, const HardwareFlags& f) {
  std::vector<std::string> sizes = f.gpus;
  if (!f.vram.empty()) sizes.push_back(f.vram);
  if (sizes.size() > k_max_devices)
    throw Error::usage(fmt::format("--gpus lists {} devices", sizes.size()),
                       fmt::format("llama.cpp splits a model over 1 to {} devices, e.g. --gpus 24GB,24GB", k_max_devices));
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    h.budget.gpu_bytes.push_back(parse_memory_size(sizes[i]));
    h.gpus.push_back(GpuDevice{fmt::format("GPU{}", i), "cuda"});
  }
}

void add_named_gpus(Hardware& h, const HardwareFlags& f, const Catalog& catalog) {
  if (f.gpu.empty()) return;
  h.named = parse_hardware(f.gpu, catalog);
  for (std::uint32_t i = 0; i < h.named->count; ++i) {
    h.budget.gpu_bytes.push_back(h.named->gpu_usable_bytes);
    const std::string_view name = h.named->device->name;
    h.gpus.push_back(GpuDevice{h.named->count > 1 ? fmt::format("{} #{}", name, i) : std::string(name),
                               std::string(h.named->device->backend)});
  }
}

}  // namespace

Hardware parse_hardware_flags(const HardwareFlags& f, const Catalog& catalog) {
  Hardware h;
  if (!f.vram.empty() + !f.gpus.empty() + !f.gpu.empty() > 1)
    throw Error::usage("give one of --vram (one GPU), --gpus (several) or --gpu (by name)");
  add_sized_gpus(h, f);
  add_named_gpus(h, f, catalog);
  if (!f.ram.empty()) {
    h.budget.ram_bytes = parse_memory_size(f.ram);
    h.ram_known = true;
  } else if (h.named && h.named->unified && h.named->gpu_usable_bytes < h.named->memory_bytes) {
    // Apple's unified memory: what Metal keeps from the GPU is what the CPU side can use. An APU, Jetson or
    // DGX Spark offers the GPU all of it, so nothing spills (as with a discrete GPU and no --ram).
    h.budget.ram_bytes = h.named->count * (h.named->memory_bytes - h.named->gpu_usable_bytes);
    h.ram_known = true;
  } else {
    // Nothing may spill to system memory, but the input layer and small buffers still live there.
    h.budget.ram_bytes = std::numeric_limits<std::uint64_t>::max() / 4;
  }
  if (!f.cpu.empty()) {
    h.host = parse_hardware(f.cpu, catalog).device;
    if (h.host->kind != "cpu")
      throw Error::usage(fmt::format("--cpu wants a CPU platform; {} is a {}", h.host->name, h.host->kind),
                         "'r1tag gpus cpu' lists them");
  }
  return h;
}

std::optional<std::vector<const Device*>> Hardware::speed_devices() const {
  if (named) return std::vector<const Device*>(named->count, named->device);
  if (detected && detected->speed_known()) return detected->speed_devices();
  if (gpus.empty()) return std::vector<const Device*>{};
  return std::nullopt;
}

bool memory_flags_given(const HardwareFlags& f) {
  return !f.vram.empty() || !f.gpus.empty() || !f.gpu.empty() || !f.ram.empty();
}

DetectedHardware detect_hardware(const Catalog& catalog, const Environment& env) {
  // A hung driver must not hang r1tag, but a slow one should still answer: with the persistence daemon
  // nvidia-smi took 2 s on 8-GPU Azure VMs, without it 30 s (Azure/aks-gpu#105). 5 s covers the first;
  // past it the warning says to give the GPU by flag. Sixteen GPUs' CSV lines are about a kilobyte.
  constexpr std::chrono::milliseconds k_tool_time_limit{5000};
  constexpr std::size_t k_tool_output_cap_bytes = std::size_t{64} << 10;
  const ProcessRunner runner(k_tool_time_limit, k_tool_output_cap_bytes);
  MachineProbe probe;
  probe.sysroot = std::string(env.variable("R1TAG_SYSROOT"));
  probe.path = std::string(env.variable("PATH"));
  probe.runner = &runner;
  return budget_detected(detect_machine(probe), catalog);
}

Hardware effective_hardware(const HardwareFlags& f, const Catalog& catalog, const Environment& env) {
  // R1TAG_DETECT=off: flags only, as before detection existed (scripts and the goldens want that).
  if (memory_flags_given(f) || env.variable("R1TAG_DETECT") == "off") return parse_hardware_flags(f, catalog);
  Hardware h = parse_hardware_flags(f, catalog);  // checks --cpu
  DetectedHardware d = detect_hardware(catalog, env);
  h.gpus = d.gpu_devices;
  h.budget = d.budget;
  h.ram_known = d.ram_known;
  if (h.host == nullptr) h.host = d.host;
  for (const std::string& w : d.machine.warnings) h.warnings.push_back(w);
  h.detected = std::move(d);
  return h;
}

}  // namespace r1tag::cli
