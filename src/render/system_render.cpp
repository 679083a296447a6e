#include "render/system_render.hpp"

#include <r1tag/common/byte_size.hpp>

#include "render/json_writer.hpp"

#include <fmt/format.h>

namespace r1tag {

namespace {


std::string gib_of(std::optional<std::uint64_t> part, std::optional<std::uint64_t> whole, std::string_view what) {
  if (part && whole) return fmt::format("{:.1f} of {} {}", static_cast<double>(*part) / (1ULL << 30), format_gib_1(*whole), what);
  if (whole) return format_gib_1(*whole);
  if (part) return fmt::format("{} {}", format_gib_1(*part), what);
  return "memory unknown";
}

std::string cpu_text(const DetectedCpu& cpu) {
  std::string text = cpu.model.empty() ? "CPU model unknown" : cpu.model;
  if (cpu.cores) text += fmt::format(", {} cores", *cpu.cores);
  if (cpu.logical_cpus && (!cpu.cores || *cpu.cores != *cpu.logical_cpus)) text += fmt::format(", {} threads", *cpu.logical_cpus);
  return text;
}

std::string ram_text(const DetectedHardware& h) {
  const DetectedRam& r = h.machine.ram;
  if (!r.total_bytes && !r.available_bytes) return "RAM unknown";
  return fmt::format("RAM {}", gib_of(r.available_bytes, r.total_bytes, "available"));
}

std::string gpu_text(const DetectedHardware& h, const DetectedGpuBudget& b) {
  const DetectedGpu& g = h.machine.gpus[b.index];
  const std::string name = b.device != nullptr ? std::string(b.device->name) : g.raw_name;
  if (g.vendor == "Apple" && h.apple)
    return fmt::format("{} ({} unified, {} for the GPU)", name, format_gib_1(h.apple->memory_bytes), format_gib_1(h.apple->gpu_usable_bytes));
  if (g.unified) return fmt::format("{} (unified memory, {} usable)", name, format_gib_1(b.budget_bytes));
  return fmt::format("{} ({})", name, gib_of(g.free_bytes, g.total_bytes, "free"));
}

void write_optional_string(JsonWriter& w, JsonKey key, const std::string& s) {
  w.key(key);
  if (s.empty()) w.null();
  else w.value(s);
}

const DetectedGpuBudget* budget_of(const DetectedHardware& h, std::size_t index) {
  for (const DetectedGpuBudget& b : h.gpus)
    if (b.index == index) return &b;
  return nullptr;
}

}  // namespace

std::string detected_line(const DetectedHardware& h) {
  std::string gpus;
  for (const DetectedGpuBudget& b : h.gpus) gpus += (gpus.empty() ? "" : " + ") + gpu_text(h, b);
  if (gpus.empty()) gpus = "no GPU";
  std::string line = fmt::format("detected: {}; ", gpus);
  if (!(h.apple && h.machine.ram.source.starts_with("sysctl"))) line += ram_text(h) + "; ";
  // A Mac's brand string names the chip, already named as its GPU.
  if (!(h.apple && h.machine.gpus.front().raw_name == h.machine.cpu.model)) line += cpu_text(h.machine.cpu);
  else line.resize(line.size() - 2);
  return line + " (--vram, --gpu or --ram plan for other hardware)\n";
}

std::string render_system_text(const DetectedHardware& h) {
  const DetectedMachine& m = h.machine;
  std::string out = detected_line(h);
  for (std::size_t i = 0; i < m.gpus.size(); ++i) {
    const DetectedGpu& g = m.gpus[i];
    out += fmt::format("GPU {}: {}, from {}", i, g.raw_name, g.source);
    if (!g.name_source.empty()) out += fmt::format(" (name from {})", g.name_source);
    if (!g.pci_id.empty()) out += fmt::format(", PCI {}", g.pci_id);
    if (!g.driver_version.empty()) out += fmt::format(", driver {}", g.driver_version);
    out += "\n";
    std::string memory = g.unified ? "  memory: unified" : "  memory:";
    if (g.total_bytes) memory += fmt::format(" {} total", format_gib_1(*g.total_bytes));
    if (g.free_bytes) memory += fmt::format("{} {} free", g.total_bytes ? "," : "", format_gib_1(*g.free_bytes));
    if (g.gtt_bytes) memory += fmt::format(", GTT {}", format_gib_1(*g.gtt_bytes));
    if (!g.total_bytes && !g.free_bytes) memory += " unknown";
    out += memory + "\n";
    const DetectedGpuBudget* b = budget_of(h, i);
    if (b == nullptr && g.vendor == "Apple" && !h.gpus.empty()) b = &h.gpus.front();
    if (b == nullptr) {
      out += "  not used: its memory is unknown\n";
      continue;
    }
    out += fmt::format("  budget: {} ({})\n", format_gib_1(b->budget_bytes), b->basis);
    if (b->device != nullptr)
      out += fmt::format("  catalogue: {}, {:g} GB/s\n", b->device->name, b->device->memory_bandwidth_gbps);
    else
      out += "  catalogue: not found, so its bandwidth (and speed) is unknown\n";
  }
  if (m.gpus.empty()) out += "GPU: none found (nvidia-smi, /sys/class/drm, sysctl)\n";
  out += fmt::format("RAM: {}{}\n", ram_text(h).substr(4), m.ram.source.empty() ? "" : ", from " + m.ram.source);
  out += fmt::format("CPU: {}{}\n", cpu_text(m.cpu), m.cpu.source.empty() ? "" : ", from " + m.cpu.source);
  out += h.host != nullptr ? fmt::format("  catalogue: {}, {:g} GB/s\n", h.host->name, h.host->memory_bandwidth_gbps)
                           : "  catalogue: not found; layers in RAM are timed on the default platform (--cpu NAME sets it)\n";
  if (!m.board.empty()) out += fmt::format("board: {}, from /proc/device-tree/model\n", m.board);
  std::string budget;
  for (std::size_t i = 0; i < h.budget.gpu_bytes.size(); ++i) budget += (budget.empty() ? "" : " + ") + format_gib_1(h.budget.gpu_bytes[i]);
  out += fmt::format("fit budget: {}{}\n", budget.empty() ? "no GPU" : "GPU " + budget,
                     h.ram_known ? ", RAM " + format_gib_1(h.budget.ram_bytes) : h.unified ? " (unified: full-GPU placements only)" : "");
  for (const std::string& note : h.notes) out += "note: " + note + "\n";
  return out;
}

void write_detected_json(JsonWriter& w, const DetectedHardware& h) {
  const DetectedMachine& m = h.machine;
  w.begin_object();
  w.key("gpus").begin_array();
  for (std::size_t i = 0; i < m.gpus.size(); ++i) {
    const DetectedGpu& g = m.gpus[i];
    const DetectedGpuBudget* b = budget_of(h, i);
    if (b == nullptr && g.vendor == "Apple" && !h.gpus.empty()) b = &h.gpus.front();
    w.begin_object();
    w.field("raw_name", g.raw_name).field("vendor", g.vendor).field("source", g.source);
    write_optional_string(w, "name_source", g.name_source);
    write_optional_string(w, "pci_id", g.pci_id);
    write_optional_string(w, "driver_version", g.driver_version);
    w.field("total_bytes", g.total_bytes).field("free_bytes", g.free_bytes).field("gtt_bytes", g.gtt_bytes);
    w.field("unified", g.unified);
    w.key("device");
    if (b != nullptr && b->device != nullptr) w.value(b->device->name);
    else w.null();
    w.key("memory_bandwidth_gbps");
    if (b != nullptr && b->device != nullptr) w.value(b->device->memory_bandwidth_gbps);
    else w.null();
    w.key("budget_bytes");
    if (b != nullptr) w.value(b->budget_bytes);
    else w.null();
    w.key("budget_basis");
    if (b != nullptr) w.value(b->basis);
    else w.null();
    w.end_object();
  }
  w.end_array();
  w.key("ram").begin_object();
  w.field("total_bytes", m.ram.total_bytes).field("available_bytes", m.ram.available_bytes);
  write_optional_string(w, "source", m.ram.source);
  w.end_object();
  w.key("cpu").begin_object();
  write_optional_string(w, "model", m.cpu.model);
  w.field("cores", m.cpu.cores).field("logical_cpus", m.cpu.logical_cpus);
  write_optional_string(w, "source", m.cpu.source);
  w.key("device");
  if (h.host != nullptr) w.value(h.host->name);
  else w.null();
  w.end_object();
  write_optional_string(w, "board", m.board);
  w.field("unified_memory", h.unified);
  w.field("notes", h.notes);
  w.field("warnings", m.warnings);
  w.end_object();
}

std::string render_system_json(const DetectedHardware& h) {
  JsonWriter w(4096);
  w.begin_object();
  w.field("schema_version", 1);
  w.key("detected");
  write_detected_json(w, h);
  w.key("budget").begin_object();
  w.key("gpus").begin_array();
  for (std::size_t i = 0; i < h.gpu_devices.size(); ++i)
    w.begin_object().field("name", h.gpu_devices[i].name).field("bytes", h.budget.gpu_bytes[i]).end_object();
  w.end_array();
  w.key("ram_bytes");
  if (h.ram_known) w.value(h.budget.ram_bytes);
  else w.null();
  w.end_object();
  w.end_object();
  return std::move(w).finish();
}

}  // namespace r1tag
