#include "tables/hardware_table.hpp"

#include <fmt/format.h>

#include <set>

namespace r1tag::detail {

namespace {

const std::set<std::string, std::less<>> k_device_kinds = {"gpu", "igpu", "apple", "cpu"};
constexpr std::string_view k_kinds_expected = "expected \"gpu\", \"igpu\", \"apple\" or \"cpu\"";
constexpr std::uint64_t k_mib = std::uint64_t{1} << 20;
constexpr std::uint64_t k_min_device_memory_bytes = std::uint64_t{1} << 30;

Device read_device(const JsonReader& r, std::string_view name) {
  Device d;
  d.name = name;
  if (!r.expect_object()) return d;
  d.kind = r.string("kind");
  if (!d.kind.empty() && k_device_kinds.count(d.kind) == 0) r.child("kind").problem(std::string(k_kinds_expected));
  d.vendor = r.string("vendor");
  const JsonReader sizes = r.child("memory_bytes_options");
  if (!sizes.value().is_array() || sizes.value().empty()) {
    sizes.problem("expected a non-empty array of byte counts");
  } else {
    for (std::size_t i = 0; i < sizes.value().size(); ++i) {
      const auto& v = sizes.value()[i];
      // Device memory comes in whole MiB, and no device r1tag plans for has less than 1 GiB (llama.cpp
      // alone keeps a 1 GiB margin per device): 7 bytes is a typo.
      if (!v.is_number_unsigned() || v.get<std::uint64_t>() < k_min_device_memory_bytes ||
          v.get<std::uint64_t>() % k_mib != 0) {
        sizes.element(i).problem("expected a byte count: a whole number of MiB, at least 1 GiB");
        continue;
      }
      d.memory_bytes_options.push_back(v.get<std::uint64_t>());
    }
  }
  d.memory_bandwidth_gbps = r.number("memory_bandwidth_gbps");
  if (d.memory_bandwidth_gbps <= 0) r.child("memory_bandwidth_gbps").problem("expected a positive number");
  d.fp16_tflops = r.optional_positive_number("fp16_tflops");
  d.fp16_tflops_basis = r.optional_string("fp16_tflops_basis");
  d.aliases = r.strings("aliases");
  d.backend = r.string("backend");
  d.unified_memory = r.boolean("unified_memory", false);
  // An integrated GPU or an Apple chip has no memory of its own; a discrete GPU or a CPU platform is not one.
  const bool shares_memory = d.kind == "igpu" || d.kind == "apple";
  if (!d.kind.empty() && d.unified_memory != shares_memory)
    r.child("unified_memory").problem(shares_memory ? "expected true: this kind shares the system's memory"
                                                    : "expected false (or absent) for this kind");
  // Apple: without Metal's share r1tag would give the GPU nothing.
  if (d.kind == "apple" && !r.has("gpu_memory_share")) r.child("gpu_memory_share").problem("expected Metal's default share for an Apple chip");
  if (r.has("gpu_memory_share")) {
    const JsonReader share = r.child("gpu_memory_share");
    d.gpu_memory_fraction_small = share.number_within("default_fraction_up_to_32_gib", 0, 1, "a share between 0 and 1");
    d.gpu_memory_fraction_large = share.number_within("default_fraction_from_64_gib", 0, 1, "a share between 0 and 1");
  }
  d.source = r.source();
  return d;
}

// "YYYY-MM" or "YYYY-MM-DD": dates compare as strings.
bool is_date(std::string_view s) {
  if (s.size() != 7 && s.size() != 10) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return false;
  }
  return true;
}

SpeedMeasurement read_measurement(const JsonReader& r) {
  SpeedMeasurement m;
  if (!r.expect_object()) return m;
  m.model_id = r.string("model");
  m.scheme = r.string("scheme");
  m.device = r.string("device");
  m.host_device = r.optional_string("host_device");
  m.device_count = r.optional_natural("device_count").value_or(1);
  if (m.device_count == 0) r.child("device_count").problem("expected a positive integer");
  m.runtime = r.string("runtime");
  m.decode_tokens_per_second = r.positive_number("decode_tokens_per_second");
  m.prompt_tokens_per_second = r.optional_positive_number("prompt_tokens_per_second");
  // "all" (llama.cpp's -ngl all) or a count; anything else, an array say, is a typo.
  const JsonReader layers = r.child("gpu_layers");
  if (layers.value().is_string() && layers.value().get_ref<const std::string&>() == "all") {
    m.gpu_layers = std::nullopt;
  } else if (r.has("gpu_layers")) {
    m.gpu_layers = r.optional_natural("gpu_layers");  // complains about anything but a count
  }
  m.threads = r.optional_natural("threads");
  if (m.threads && *m.threads == 0) r.child("threads").problem("expected a positive integer");
  m.llama_cpp_date = r.optional_string("llama_cpp_date");
  if (!m.llama_cpp_date.empty() && !is_date(m.llama_cpp_date))
    r.child("llama_cpp_date").problem("expected \"YYYY-MM\" or \"YYYY-MM-DD\"");
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

DecodeEfficiency read_decode_efficiency(const JsonReader& r, std::string_view kind) {
  DecodeEfficiency e;
  e.device_kind = kind;
  if (k_device_kinds.count(kind) == 0) r.problem(std::string(k_kinds_expected));
  if (!r.expect_object()) return e;
  read_efficiency_range(r, e.efficiency_low, e.efficiency_high);
  e.calibrated_on = r.string("calibrated_on");
  e.source = r.source();
  if (r.has("layer_latency_ms")) {
    const JsonReader l = r.child("layer_latency_ms");
    if (l.expect_object()) {
      e.layer_latency_ms_low = l.number("low");
      e.layer_latency_ms_high = l.number("high");
      if (e.layer_latency_ms_low < 0) l.child("low").problem("expected a number >= 0");
      if (e.layer_latency_ms_high < e.layer_latency_ms_low) l.child("high").problem("expected a number >= low");
      e.latency_calibrated_on = l.string("calibrated_on");
      e.latency_source = l.source();
    }
  }
  return e;
}

SpeedCalibration::CpuThreadRate read_cpu_thread_rate(const JsonReader& r) {
  SpeedCalibration::CpuThreadRate t;
  if (!r.expect_object()) return t;
  t.ggml_types = r.strings("ggml_types");
  if (t.ggml_types.empty()) r.child("ggml_types").problem("expected a non-empty array of ggml type names");
  t.giga_weights_per_second_low = r.number("giga_weights_per_second_low");
  t.giga_weights_per_second_high = r.number("giga_weights_per_second_high");
  if (t.giga_weights_per_second_low <= 0) r.child("giga_weights_per_second_low").problem("expected a positive number");
  if (t.giga_weights_per_second_high < t.giga_weights_per_second_low)
    r.child("giga_weights_per_second_high").problem("expected a number >= giga_weights_per_second_low");
  t.calibrated_on = r.string("calibrated_on");
  t.source = r.source();
  return t;
}

SpeedCalibration::LegacyMoeCost read_legacy_moe(const JsonReader& r) {
  SpeedCalibration::LegacyMoeCost m;
  if (!r.expect_object()) return m;
  m.before_date = r.string("before_date");
  if (!m.before_date.empty() && !is_date(m.before_date)) r.child("before_date").problem("expected \"YYYY-MM-DD\"");
  m.backends = r.strings("backends");
  if (m.backends.empty()) r.child("backends").problem("expected a non-empty array of backends");
  m.ms_per_used_expert_per_layer = r.number("ms_per_used_expert_per_layer");
  if (m.ms_per_used_expert_per_layer <= 0) r.child("ms_per_used_expert_per_layer").problem("expected a positive number");
  m.calibrated_on = r.string("calibrated_on");
  m.source = r.source();
  return m;
}

PromptEfficiency read_prompt_efficiency(const JsonReader& r) {
  PromptEfficiency e;
  if (!r.expect_object()) return e;
  e.device_kind = r.string("device_kind");
  if (!e.device_kind.empty() && k_device_kinds.count(e.device_kind) == 0)
    r.child("device_kind").problem(std::string(k_kinds_expected));
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
    for (const std::string_view kind : decode.keys()) c.decode.push_back(read_decode_efficiency(decode.child(kind), kind));
  const JsonReader prompt = r.child("prompt");
  if (!prompt.value().is_array()) {
    prompt.problem("expected an array of prompt efficiencies");
  } else {
    for (std::size_t i = 0; i < prompt.value().size(); ++i) c.prompt.push_back(read_prompt_efficiency(prompt.element(i)));
  }
  if (r.has("cpu_thread_rates")) {
    const JsonReader rates = r.child("cpu_thread_rates");
    if (!rates.value().is_array()) {
      rates.problem("expected an array of per-thread rates");
    } else {
      for (std::size_t i = 0; i < rates.value().size(); ++i)
        c.cpu_thread_rates.push_back(read_cpu_thread_rate(rates.element(i)));
    }
  }
  if (r.has("legacy_gpu_moe")) c.legacy_gpu_moe = read_legacy_moe(r.child("legacy_gpu_moe"));
  return c;
}

std::vector<Device> read_devices(const JsonReader& r) {
  std::vector<Device> out;
  if (!r.expect_object()) return out;
  for (const std::string_view name : r.keys()) out.push_back(read_device(r.child(name), name));
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
