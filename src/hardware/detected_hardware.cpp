#include <r1tag/hardware/detected_hardware.hpp>

#include "common/ascii.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace r1tag {

namespace {

// ollama treats an AMD GPU reporting less than 1 GiB of VRAM as an integrated one: APUs report their
// BIOS carve-out, typically 512 MiB (ollama/ollama discover/gpu.go, IGPUMemLimit, used in amd_linux.go).
constexpr std::uint64_t k_igpu_vram_limit_bytes = std::uint64_t{1} << 30;

// Drivers report a little less than the label (a "24 GB" RTX 4090: 24564 MiB; a 16 GB T4: 15360 MiB).
constexpr double k_memory_match_tolerance = 0.10;

std::string key_of(std::string_view name) {
  std::string key;
  for (const char c : name)
    if (c != ' ' && c != '-' && c != '_') key += detail::to_lower(c);
  return key;
}

bool sold_with(const Device& d, std::optional<std::uint64_t> memory_bytes) {
  if (!memory_bytes || d.memory_bytes_options.empty()) return true;
  return std::any_of(d.memory_bytes_options.begin(), d.memory_bytes_options.end(), [&](std::uint64_t sold) {
    return std::fabs(static_cast<double>(sold) - static_cast<double>(*memory_bytes)) <=
           k_memory_match_tolerance * static_cast<double>(sold);
  });
}

// The spellings a raw name is tried in: as given, without the vendor word, without words the catalogue
// does not use ("AMD Radeon 780M Graphics", "NVIDIA Jetson AGX Orin Developer Kit").
std::vector<std::string> spellings(std::string_view raw) {
  std::vector<std::string> out{std::string(raw)};
  for (const std::string_view vendor : {"NVIDIA ", "AMD ", "Intel "}) {
    if (detail::istarts_with(raw, vendor)) out.emplace_back(raw.substr(vendor.size()));
  }
  const std::size_t n = out.size();
  for (std::size_t i = 0; i < n; ++i) {
    for (const std::string_view suffix : {" Graphics", " Developer Kit"}) {
      if (detail::iends_with(out[i], suffix)) out.push_back(out[i].substr(0, out[i].size() - suffix.size()));
    }
  }
  return out;
}

std::string vendor_backend(std::string_view vendor) {
  if (vendor == "AMD") return "rocm";
  if (vendor == "Apple") return "metal";
  if (vendor == "Intel") return "sycl";
  return "cuda";
}


// "AMD Ryzen 9 7950X 16-Core Processor" -> the catalogue's "AMD Ryzen 9 7950X (DDR5-5200 dual channel)".
const Device* match_cpu(std::string model, const Catalog& catalog) {
  for (const std::string_view noise : {"(R)", "(TM)", "(tm)"}) {
    for (std::size_t at = model.find(noise); at != std::string::npos; at = model.find(noise)) model.erase(at, noise.size());
  }
  for (const std::string_view cut : {" CPU @", " Processor", "-Core"}) {
    const std::size_t at = model.find(cut);
    if (at == std::string::npos) continue;
    std::size_t start = at;
    // "16-Core Processor": drop the count in front of "-Core" too.
    if (cut == "-Core") {
      while (start > 0 && model[start - 1] >= '0' && model[start - 1] <= '9') --start;
    }
    model.erase(start);
  }
  while (!model.empty() && model.back() == ' ') model.pop_back();
  if (model.empty()) return nullptr;
  const Device* d = catalog.find_device(model);
  return d != nullptr && d->kind == "cpu" ? d : nullptr;
}

// What fit may use of one GPU, and why; nullopt when its memory is unknown.
std::optional<DetectedGpuBudget> gpu_budget(DetectedGpu& g, std::size_t index, const DetectedMachine& m,
                                             const Catalog& catalog) {
  DetectedGpuBudget b;
  b.index = index;
  b.device = match_detected_device(g.raw_name, g.total_bytes, catalog);
  // An APU's carve-out is no size it is sold with: an integrated GPU matches by name alone.
  if (const Device* by_name = match_detected_device(g.raw_name, std::nullopt, catalog);
      b.device == nullptr && by_name != nullptr && by_name->kind == "igpu")
    b.device = by_name;
  if (b.device != nullptr && b.device->kind == "cpu") b.device = nullptr;
  // The catalogue knows integrated GPUs (kind "igpu": APUs, Jetson, GB10) even when the driver's figures
  // look like dedicated memory (a Strix Halo's large carve-out).
  if (b.device != nullptr && b.device->kind == "igpu") g.unified = true;
  if (g.vendor == "AMD" && g.unified) {
    // An APU: its small carve-out plus the GTT the kernel lets it map, itself out of system RAM.
    const std::uint64_t vram = g.free_bytes.value_or(g.total_bytes.value_or(0));
    const std::uint64_t ram = m.ram.available_bytes.value_or(m.ram.total_bytes.value_or(0));
    b.budget_bytes = vram + std::min(g.gtt_bytes.value_or(0), ram);
    b.basis = "free carve-out + GTT, unified memory";
  } else if (g.unified) {
    if (!g.free_bytes && !g.total_bytes) return std::nullopt;
    b.budget_bytes = g.free_bytes.value_or(*g.total_bytes);
    b.basis = g.free_bytes ? "MemAvailable, unified memory" : "MemTotal, unified memory";
  } else {
    if (!g.free_bytes && !g.total_bytes) return std::nullopt;
    b.budget_bytes = g.free_bytes.value_or(*g.total_bytes);
    b.basis = g.free_bytes ? "free VRAM" : "total VRAM";
  }
  return b;
}

void add_apple(DetectedHardware& h, const DetectedGpu& g, const Catalog& catalog) {
  const Device* chip = match_detected_device(g.raw_name, g.total_bytes, catalog);
  if (chip == nullptr || chip->kind != "apple") {
    // An unknown chip still gets the share rule of the Apple chips the catalogue knows (all the same rule).
    const auto any = std::find_if(catalog.devices.begin(), catalog.devices.end(), [](const Device& d) { return d.kind == "apple"; });
    if (any == catalog.devices.end()) return;
    HardwareChoice choice = hardware_choice(*any, *g.total_bytes);
    choice.device = nullptr;
    h.apple = choice;
    h.notes.push_back(fmt::format("{} is not in the catalogue: its bandwidth is unknown", g.raw_name));
  } else {
    h.apple = hardware_choice(*chip, *g.total_bytes);
  }
  h.gpus.push_back({0, h.apple->device, h.apple->gpu_usable_bytes, "Metal's share of unified memory"});
  h.gpu_devices.push_back({h.apple->device != nullptr ? std::string(h.apple->device->name) : g.raw_name, "metal"});
  h.budget.gpu_bytes.push_back(h.apple->gpu_usable_bytes);
  h.budget.ram_bytes = h.apple->memory_bytes - h.apple->gpu_usable_bytes;
  h.ram_known = true;
  h.unified = true;
  if (!h.apple->note.empty()) h.notes.push_back(h.apple->note);
}

}  // namespace

bool DetectedHardware::speed_known() const {
  return std::all_of(gpus.begin(), gpus.end(), [](const DetectedGpuBudget& g) { return g.device != nullptr; });
}

std::vector<const Device*> DetectedHardware::speed_devices() const {
  std::vector<const Device*> out;
  for (const DetectedGpuBudget& g : gpus) out.push_back(g.device);
  return out;
}

const Device* match_detected_device(std::string_view raw_name, std::optional<std::uint64_t> memory_bytes,
                                    const Catalog& catalog) {
  const std::vector<std::string> names = spellings(raw_name);
  for (const std::string& name : names) {
    const Device* d = catalog.find_device(name);
    if (d != nullptr && sold_with(*d, memory_bytes)) return d;
  }
  for (const std::string& name : names) {
    const std::string want = key_of(name);
    if (want.size() < 4) continue;
    std::vector<const Device*> found;
    for (const Device& d : catalog.devices) {
      bool named = key_of(d.name).find(want) != std::string::npos;
      for (const std::string_view alias : d.aliases) named = named || key_of(alias) == want;
      if (named && sold_with(d, memory_bytes)) found.push_back(&d);
    }
    if (found.size() == 1) return found.front();
  }
  return nullptr;
}

DetectedHardware budget_detected(DetectedMachine machine, const Catalog& catalog) {
  DetectedHardware h;
  h.machine = std::move(machine);
  const DetectedMachine& m = h.machine;
  h.host = match_cpu(m.cpu.model, catalog);
  for (std::size_t i = 0; i < m.gpus.size(); ++i) {
    DetectedGpu& g = h.machine.gpus[i];
    if (g.vendor == "Apple") {
      if (g.total_bytes) add_apple(h, g, catalog);
      return h;
    }
    if (g.vendor == "AMD" && g.total_bytes && *g.total_bytes < k_igpu_vram_limit_bytes) g.unified = true;
    auto b = gpu_budget(g, i, m, catalog);
    if (!b) {
      h.notes.push_back(fmt::format("{}: memory unknown, left out (give --vram or --gpu)", g.raw_name));
      continue;
    }
    if (b->device == nullptr) h.notes.push_back(fmt::format("{} is not in the catalogue: its bandwidth is unknown", g.raw_name));
    h.unified = h.unified || g.unified;
    h.gpus.push_back(*b);
  }
  for (std::size_t i = 0; i < h.gpus.size(); ++i) {
    const DetectedGpuBudget& b = h.gpus[i];
    const DetectedGpu& g = m.gpus[b.index];
    const std::string name = b.device != nullptr ? std::string(b.device->name) : g.raw_name;
    h.gpu_devices.push_back({h.gpus.size() > 1 ? fmt::format("{} #{}", name, i) : name,
                             b.device != nullptr ? std::string(b.device->backend) : vendor_backend(g.vendor)});
    h.budget.gpu_bytes.push_back(b.budget_bytes);
  }
  const std::optional<std::uint64_t> ram = m.ram.available_bytes ? m.ram.available_bytes : m.ram.total_bytes;
  if (ram && !h.unified) {
    h.budget.ram_bytes = *ram;
    h.ram_known = true;
  } else {
    // Unified memory: the GPU's budget is the pool; offloading layers to the CPU frees nothing, so only
    // full-GPU placements are offered, as without --ram.
    h.budget.ram_bytes = std::numeric_limits<std::uint64_t>::max() / 4;
    if (h.unified)
      h.notes.push_back("unified memory: the GPU's budget is the memory the system has available; the input embedding "
                        "and CPU buffers come out of the same pool");
  }
  return h;
}

}  // namespace r1tag
