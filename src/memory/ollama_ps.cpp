#include <r1tag/memory/ollama_ps.hpp>

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <utility>

namespace r1tag {

std::string ollama_human_bytes(std::uint64_t bytes) {
  constexpr std::array<std::pair<std::uint64_t, const char*>, 4> k_units{{
      {1'000'000'000'000ULL, "TB"}, {1'000'000'000ULL, "GB"}, {1'000'000ULL, "MB"}, {1'000ULL, "KB"}}};
  for (const auto& [unit_bytes, unit] : k_units) {
    if (bytes < unit_bytes) continue;
    const double value = static_cast<double>(bytes) / static_cast<double>(unit_bytes);
    if (value >= 10 || value == std::trunc(value)) return fmt::format("{} {}", static_cast<std::uint64_t>(value), unit);
    return fmt::format("{:.1f} {}", value, unit);
  }
  return fmt::format("{} B", bytes);
}

OllamaPs ollama_ps(const MemoryEstimate& estimate, bool experts_in_ram) {
  OllamaPs ps;
  for (const DeviceMemory& d : estimate.devices) {
    const std::uint64_t buffers = d.weights_bytes + d.kv_cache_bytes + d.compute_bytes + d.output_bytes;
    ps.size_bytes += buffers;
    if (d.gpu) ps.vram_bytes += buffers;
  }
  // llama_server.go: with every layer offloaded (and none overflowing) the total is the VRAM figure, so the
  // CPU-mapped token_embd and host buffers do not show.
  if (estimate.gpu_layers >= estimate.layer_count && !experts_in_ram && ps.vram_bytes > 0) ps.size_bytes = ps.vram_bytes;
  ps.size = ollama_human_bytes(ps.size_bytes);
  if (ps.vram_bytes == 0) {
    ps.processor = "100% CPU";
  } else if (ps.vram_bytes == ps.size_bytes) {
    ps.processor = "100% GPU";
  } else {
    const double cpu = std::round(static_cast<double>(ps.size_bytes - ps.vram_bytes) / static_cast<double>(ps.size_bytes) * 100);
    ps.processor = fmt::format("{}%/{}% CPU/GPU", static_cast<int>(cpu), 100 - static_cast<int>(cpu));
  }
  return ps;
}

}  // namespace r1tag
