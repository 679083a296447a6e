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
  d.fp16_tflops_basis = r.optional_string("fp16_tflops_basis");
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

// An efficiency range: both ends positive and low <= high.
void read_efficiency_range(const JsonReader& r, double& low, double& high) {
  low = r.number("efficiency_low");
  high = r.number("efficiency_high");
  if (low <= 0) r.child("efficiency_low").problem("expected a positive number");
  if (high < low) r.child("efficiency_high").problem("expected a number >= efficiency_low");
}

DecodeEfficiency read_decode_efficiency(const JsonReader& r, const std::string& kind) {
  DecodeEfficiency e;
  e.device_kind = kind;
  if (k_device_kinds.count(kind) == 0) r.problem("expected a device kind: \"gpu\", \"apple\" or \"cpu\"");
  if (!r.expect_object()) return e;
  read_efficiency_range(r, e.efficiency_low, e.efficiency_high);
  e.calibrated_on = r.string("calibrated_on");
  e.source = r.source();
  return e;
}

PromptEfficiency read_prompt_efficiency(const JsonReader& r) {
  PromptEfficiency e;
  if (!r.expect_object()) return e;
  e.device_kind = r.string("device_kind");
  if (!e.device_kind.empty() && k_device_kinds.count(e.device_kind) == 0)
    r.child("device_kind").problem("expected \"gpu\", \"apple\" or \"cpu\"");
  e.model_kind = r.string("model_kind");
  if (!e.model_kind.empty() && e.model_kind != "dense" && e.model_kind != "moe")
    r.child("model_kind").problem("expected \"dense\" or \"moe\"");
  e.compute_basis = r.string("compute_basis");
  if (!e.compute_basis.empty() && e.compute_basis != "shader" && e.compute_basis != "tensor")
    r.child("compute_basis").problem("expected \"shader\" or \"tensor\"");
  read_efficiency_range(r, e.efficiency_low, e.efficiency_high);
  e.calibrated_on = r.string("calibrated_on");
  e.source = r.source();
  return e;
}

}  // namespace

SpeedCalibration read_speed_calibration(const JsonReader& r) {
  SpeedCalibration c;
  if (!r.expect_object()) return c;
  const JsonReader host = r.child("default_host_device");
  if (host.expect_object()) {
    c.default_host_device = host.string("value");
    c.default_host_device_source = host.source();
  }
  const JsonReader decode = r.child("decode");
  if (decode.expect_object())
    for (const std::string& kind : decode.keys()) c.decode.push_back(read_decode_efficiency(decode.child(kind), kind));
  const JsonReader prompt = r.child("prompt");
  if (!prompt.value().is_array()) {
    prompt.problem("expected an array of prompt efficiencies");
  } else {
    for (std::size_t i = 0; i < prompt.value().size(); ++i) c.prompt.push_back(read_prompt_efficiency(prompt.element(i)));
  }
  return c;
}

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
