#include "render/gpus_render.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

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
    for (const std::string& a : d->aliases) aliases += (aliases.empty() ? "" : ", ") + a;
    out += fmt::format("{:<{}} {:<6} {:>20} {:>6.0f}  {}\n", d->name, width, d->kind, memory_list(*d),
                       d->memory_bandwidth_gbps, aliases);
  }
  out += fmt::format("{} device{}; figures and sources in data/gpus.json (r1tag gpus --json shows the sources)\n",
                     devices.size(), devices.size() == 1 ? "" : "s");
  return out;
}

std::string render_gpus_json(const std::vector<const Device*>& devices) {
  using json = nlohmann::ordered_json;
  json doc;
  doc["schema_version"] = 1;
  doc["devices"] = json::array();
  for (const Device* d : devices) {
    json j;
    j["name"] = d->name;
    j["kind"] = d->kind;
    j["vendor"] = d->vendor;
    j["memory_bytes_options"] = d->memory_bytes_options;
    j["memory_bandwidth_gbps"] = d->memory_bandwidth_gbps;
    j["fp16_tflops"] = d->fp16_tflops ? json(*d->fp16_tflops) : json(nullptr);
    j["backend"] = d->backend;
    j["aliases"] = d->aliases;
    j["source"] = d->source;
    doc["devices"].push_back(j);
  }
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace r1tag
