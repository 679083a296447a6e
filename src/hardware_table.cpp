#include "hardware_table.hpp"

#include <set>

namespace r1tag::detail {

namespace {

const std::set<std::string> k_device_kinds = {"gpu", "apple", "cpu"};

Device read_device(const JsonReader& r, const std::string& name) {
  Device d;
  d.name = name;
  if (!r.expect_object()) return d;
  d.kind = r.string("kind");
  if (!d.kind.empty() && k_device_kinds.count(d.kind) == 0) r.child("kind").problem("expected \"gpu\", \"apple\" or \"cpu\"");
  d.vendor = r.string("vendor");
  const JsonReader sizes = r.child("memory_bytes_options");
  if (!sizes.value().is_array() || sizes.value().empty()) {
    sizes.problem("expected a non-empty array of byte counts");
  } else {
    for (std::size_t i = 0; i < sizes.value().size(); ++i) {
      const auto& v = sizes.value()[i];
      if (!v.is_number_unsigned() || v.get<std::uint64_t>() == 0) {
        sizes.element(i).problem("expected a positive integer");
        continue;
      }
      d.memory_bytes_options.push_back(v.get<std::uint64_t>());
    }
  }
  d.memory_bandwidth_gbps = r.number("memory_bandwidth_gbps");
  if (d.memory_bandwidth_gbps <= 0) r.child("memory_bandwidth_gbps").problem("expected a positive number");
  d.fp16_tflops = r.optional_number("fp16_tflops");
  d.aliases = r.strings("aliases");
  d.backend = r.string("backend");
  if (r.has("gpu_memory_share")) {
    const JsonReader share = r.child("gpu_memory_share");
    d.gpu_memory_fraction_small = share.number("default_fraction_up_to_32_gib");
    d.gpu_memory_fraction_large = share.number("default_fraction_from_64_gib");
  }
  d.source = r.source();
  return d;
}

SpeedMeasurement read_measurement(const JsonReader& r) {
  SpeedMeasurement m;
  if (!r.expect_object()) return m;
  m.model_id = r.string("model");
  m.scheme = r.string("scheme");
  m.device = r.string("device");
  m.host_device = r.optional_string("host_device");
  m.device_count = r.optional_natural("device_count").value_or(1);
  m.runtime = r.string("runtime");
  m.decode_tokens_per_second = r.number("decode_tokens_per_second");
  m.prompt_tokens_per_second = r.optional_number("prompt_tokens_per_second");
  if (r.has("gpu_layers") && r.value().at("gpu_layers").is_number_unsigned()) {
    m.gpu_layers = r.value().at("gpu_layers").get<std::uint32_t>();
  }
  m.note = r.optional_string("note");
  m.source = r.source();
  return m;
}

}  // namespace

std::vector<Device> read_devices(const JsonReader& r) {
  std::vector<Device> out;
  if (!r.expect_object()) return out;
  for (const std::string& name : r.keys()) out.push_back(read_device(r.child(name), name));
  return out;
}

std::vector<SpeedMeasurement> read_speed_measurements(const JsonReader& r) {
  std::vector<SpeedMeasurement> out;
  if (!r.value().is_array()) {
    r.problem("expected an array of measurements");
    return out;
  }
  for (std::size_t i = 0; i < r.value().size(); ++i) out.push_back(read_measurement(r.element(i)));
  return out;
}

}  // namespace r1tag::detail
