#include "tables/runtime_table.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <set>
#include <string>

namespace r1tag::detail {

namespace {

// The strings the estimator understands; anything else in the table is a typo to report.
const std::set<std::string, std::less<>> k_output_layer_offload = {"first", "with_last_layer"};
const std::set<std::string, std::less<>> k_quantized_v_without_fa = {"error", "f16"};
const std::set<std::string, std::less<>> k_gpu_backends = {"any", "cuda", "rocm", "metal"};
const std::set<std::string, std::less<>> k_placements = {"llama_server_fit", "ollama_estimator"};

RuntimeFigure read_figure(const JsonReader& parent, const std::string& key, bool positive) {
  const JsonReader r = parent.child(key);
  RuntimeFigure f;
  if (!r.expect_object()) return f;
  f.value = positive ? r.positive("value") : r.natural64("value");
  f.source = r.source();
  return f;
}

RuntimeFlag read_flag(const JsonReader& parent, const std::string& key) {
  const JsonReader r = parent.child(key);
  RuntimeFlag f;
  if (!r.expect_object()) return f;
  f.value = r.boolean("value");
  f.source = r.source();
  return f;
}

RuntimeChoice read_choice(const JsonReader& parent, const std::string& key, const std::set<std::string, std::less<>>* allowed) {
  const JsonReader r = parent.child(key);
  RuntimeChoice c;
  if (!r.expect_object()) return c;
  c.value = r.string("value");
  if (allowed != nullptr && !c.value.empty() && allowed->count(c.value) == 0) {
    r.child("value").problem(fmt::format("unknown value '{}'", c.value));
  }
  c.source = r.source();
  return c;
}

// A version like "0.15.5": digits and dots only, so versions compare numerically.
void check_version(const JsonReader& r, std::string_view version) {
  if (version.empty() || version.find_first_not_of("0123456789.") != std::string::npos) {
    r.child("since_version").problem(fmt::format("expected a version such as \"0.6.7\", got \"{}\"", version));
  }
}

std::vector<RuntimeContextDefault> read_context_defaults(const JsonReader& parent) {
  std::vector<RuntimeContextDefault> out;
  for (const JsonReader& e : parent.objects("default_context")) {
    RuntimeContextDefault d;
    d.since_version = e.string("since_version");
    check_version(e, d.since_version);
    const JsonReader tiers = e.child("tiers");
    if (!tiers.value().is_array() || tiers.value().empty()) tiers.problem("expected a non-empty array");
    for (std::size_t t = 0; tiers.value().is_array() && t < tiers.value().size(); ++t) {
      const JsonReader tier = tiers.element(t);
      if (!tier.expect_object()) continue;
      const RuntimeContextTier read{tier.natural64("min_total_vram_bytes"), tier.natural("context_tokens")};
      if (!d.tiers.empty() && read.min_total_vram_bytes <= d.tiers.back().min_total_vram_bytes) {
        tier.child("min_total_vram_bytes").problem("tiers must be in increasing order of VRAM");
      }
      d.tiers.push_back(read);
    }
    d.source = e.source();
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<RuntimeVersionedFigure> read_versioned(const JsonReader& parent, const std::string& key) {
  std::vector<RuntimeVersionedFigure> out;
  for (const JsonReader& e : parent.objects(key)) {
    RuntimeVersionedFigure f;
    f.since_version = e.string("since_version");
    check_version(e, f.since_version);
    f.value = e.positive("value");
    f.source = e.source();
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<RuntimeGpuOverhead> read_overheads(const JsonReader& parent) {
  std::vector<RuntimeGpuOverhead> out;
  for (const JsonReader& e : parent.objects("gpu_overhead")) {
    RuntimeGpuOverhead o;
    o.backend = e.string("backend");
    if (!o.backend.empty() && k_gpu_backends.count(o.backend) == 0) {
      e.child("backend").problem(fmt::format("unknown backend '{}'", o.backend));
    }
    o.bytes = e.natural64("bytes");
    o.source = e.source();
    out.push_back(std::move(o));
  }
  return out;
}

RuntimeProfile read_profile(const JsonReader& r, std::string_view name) {
  RuntimeProfile p;
  p.name = name;
  if (!r.expect_object()) return p;
  p.version = read_choice(r, "version", nullptr);
  p.first_version = read_choice(r, "first_version", nullptr);
  if (p.first_version.value.find_first_not_of("0123456789.") != std::string_view::npos) {
    r.child("first_version").child("value").problem(
        fmt::format("expected a version such as \"0.30.0\", got \"{}\"", p.first_version.value));
  }
  p.placement = read_choice(r, "placement", &k_placements);
  p.kv_padding_tokens = read_figure(r, "kv_padding_tokens", true);
  p.default_batch_tokens = read_figure(r, "default_batch_tokens", true);
  p.default_ubatch_tokens = read_figure(r, "default_ubatch_tokens", true);
  p.default_context = read_context_defaults(r);
  p.default_parallel_sequences = read_versioned(r, "default_parallel_sequences");
  p.v_less_mla_cache = read_flag(r, "v_less_mla_cache");
  p.output_layer_offload = read_choice(r, "output_layer_offload", &k_output_layer_offload);
  p.quantized_v_without_flash_attention =
      read_choice(r, "quantized_v_without_flash_attention", &k_quantized_v_without_fa);
  p.kv_cache_type_needs_equal_key_value_length = read_flag(r, "kv_cache_type_needs_equal_key_value_length");
  p.clamps_context_to_trained = read_flag(r, "clamps_context_to_trained");
  p.gpu_overhead = read_overheads(r);
  p.host_prompt_cache_bytes = read_figure(r, "host_prompt_cache_bytes", false);
  p.pipeline_parallel_copies = read_figure(r, "pipeline_parallel_copies", true);
  p.kq_mask_bytes_with_flash_attention = read_versioned(r, "kq_mask_bytes_with_flash_attention");
  return p;
}

}  // namespace

std::vector<RuntimeProfile> read_runtimes(const JsonReader& r) {
  std::vector<RuntimeProfile> out;
  if (!r.expect_object()) return out;
  for (const std::string_view name : r.keys()) out.push_back(read_profile(r.child(name), name));
  if (!out.empty() && out.front().name != "llama.cpp") {
    r.problem("the first profile must be \"llama.cpp\", the default runtime");
  }
  return out;
}

}  // namespace r1tag::detail
