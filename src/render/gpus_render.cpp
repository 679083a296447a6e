#include "render/gpus_render.hpp"

#include "render/json_writer.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace r1tag {

namespace {

std::string memory_list(const Device& d) {
  std::string out;
  for (const std::uint64_t b : d.memory_bytes_options) out += fmt::format("{}{}", out.empty() ? "" : "/", b >> 30);
  return out + " GiB";
}

}  // namespace

std::string render_gpus_text(const std::vector<const Device*>& devices) {
  std::size_t width = 6;
  for (const Device* d : devices) width = std::max(width, d->name.size());
  std::string out = fmt::format("{:<{}} {:<6} {:>20} {:>6}  {}\n", "device", width, "kind", "memory", "GB/s", "also known as");
  for (const Device* d : devices) {
    std::string aliases;
    for (const std::string_view a : d->aliases) (aliases += aliases.empty() ? "" : ", ") += a;
    out += fmt::format("{:<{}} {:<6} {:>20} {:>6.0f}  {}\n", d->name, width, d->kind, memory_list(*d),
                       d->memory_bandwidth_gbps, aliases);
  }
  out += fmt::format("{} device{}; figures and sources in data/gpus.json (r1tag gpus --json shows the sources)\n",
                     devices.size(), devices.size() == 1 ? "" : "s");
  return out;
}

std::string render_gpus_json(const std::vector<const Device*>& devices) {
  JsonWriter w(256 + devices.size() * 1024);  // a device with its source is ~500 bytes
  w.begin_object();
  w.field("schema_version", 1);
  w.key("devices").begin_array();
  for (const Device* d : devices) {
    w.begin_object();
    w.field("name", d->name);
    w.field("kind", d->kind);
    w.field("vendor", d->vendor);
    w.field("memory_bytes_options", d->memory_bytes_options);
    w.field("memory_bandwidth_gbps", d->memory_bandwidth_gbps);
    w.field("fp16_tflops", d->fp16_tflops);
    w.field("backend", d->backend);
    w.field("unified_memory", d->unified_memory);
    w.field("aliases", d->aliases);
    w.field("source", d->source);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return std::move(w).finish();
}

}  // namespace r1tag
