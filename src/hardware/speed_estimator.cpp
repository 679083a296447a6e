#include <r1tag/hardware/speed_estimator.hpp>

#include <r1tag/common/byte_size.hpp>
#include <r1tag/common/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace r1tag {

namespace {

constexpr double k_bytes_per_gb = 1e9;            // bandwidths are decimal GB/s
constexpr double k_flops_per_tflop = 1e12;
constexpr double k_ms_per_second = 1e3;
constexpr double k_flops_per_weight = 2;          // one multiply and one add per weight and token
constexpr double k_weights_per_giga = 1e9;        // cpu_thread_rates are in G weights/s

// Which of the layers 0..L a device reads: a flag per layer and their count (a std::set cost more than
// the rest of the estimate).
class LayerSet {
 public:
  void insert(int layer) {
    const auto i = static_cast<std::size_t>(layer);
    if (i >= m_seen.size()) m_seen.resize(i + 1, false);
    if (!m_seen[i]) ++m_count;
    m_seen[i] = true;
  }
  std::size_t size() const { return m_count; }
  bool empty() const { return m_count == 0; }

 private:
  std::vector<bool> m_seen;
  std::size_t m_count = 0;
};

// One device that reads weights or KV cache during decode: a GPU of the request, or the host's RAM.
struct Reader {
  const Device* device = nullptr;
  std::string_view kind;  // efficiency kind: the device's, or "cpu" for RAM (also on Apple's unified memory)
  DeviceRead read;
  LayerSet layers;                  // layers with weights read here (L = the output layer)
  LayerSet moe_layers;              // blocks whose routed experts are read here
  std::uint64_t parameters = 0;     // weights multiplied per token here
  std::uint64_t kv_bytes_per_cell = 0;
  bool ram = false;  // the host's memory, read by the CPU
};

const Device& host_device(const SpeedHardware& hw, const Catalog& c, bool& defaulted) {
  // Unified memory (Apple silicon, APUs, Jetson): what llama.cpp keeps "on the CPU" is in the same memory.
  for (const Device* g : hw.gpus)
    if (g != nullptr && g->unified_memory) return *g;
  if (hw.host != nullptr) return *hw.host;
  defaulted = true;
  const Device* d = c.find_device(c.speed_calibration.default_host_device);
  if (d == nullptr) {
    throw Error(ExitCode::bad_data, "speed_calibration.json names no known default host device");
  }
  return *d;
}

std::vector<Reader> make_readers(const MemoryRequest& request, const SpeedHardware& hw, const Catalog& c,
                                 bool& host_defaulted) {
  if (hw.gpus.size() != request.gpus.size()) {
    throw Error::usage(fmt::format("{} GPU devices given for {} GPUs", hw.gpus.size(), request.gpus.size()));
  }
  std::vector<Reader> readers;
  for (const Device* g : hw.gpus) {
    if (g == nullptr) throw Error::usage("a GPU has no catalogue device");
    readers.push_back({.device = g, .kind = g->kind, .read = {}, .layers = {}, .moe_layers = {}, .parameters = 0,
                       .kv_bytes_per_cell = 0, .ram = false});
  }
  const Device& host = host_device(hw, c, host_defaulted);
  readers.push_back({.device = &host, .kind = "cpu", .read = {}, .layers = {}, .moe_layers = {}, .parameters = 0,
                     .kv_bytes_per_cell = 0, .ram = true});
  for (Reader& r : readers) {
    r.read.name = r.device->name;
    r.read.kind = r.kind;
    r.read.bandwidth_gbps = r.device->memory_bandwidth_gbps;
  }
  return readers;
}

Reader& reader_of(std::vector<Reader>& readers, int device) {
  return device == layer_in_ram ? readers.back() : readers[static_cast<std::size_t>(device)];
}

// `bytes` and `parameters` read per token on `device`, for layer `layer`.
void read_on(std::vector<Reader>& readers, int device, int layer, std::uint64_t bytes, std::uint64_t parameters) {
  if (bytes == 0) return;
  Reader& r = reader_of(readers, device);
  r.read.weights_read_bytes += bytes;
  r.parameters += parameters;
  r.layers.insert(layer);
}

// Weights read per token on each device, and the layers and parameters behind them. A MoE token visits
// expert_used_count of expert_count routed experts; token_embd is a lookup of one row, not read, except
// when it doubles as the output matrix. Routed experts are stacked per block, so a token's share of them
// is a whole number of expert slices: the products below are exact.
void add_weights(std::vector<Reader>& readers, const Model& model, const LayerWeights& w, const std::vector<int>& layers,
                 const MemoryRequest& request) {
  const Hyperparameters& h = model.hparams;
  const int output_layer = static_cast<int>(h.block_count);
  const auto expert_share = [&](std::uint64_t n) {
    return h.expert_count == 0 ? n : n / h.expert_count * h.expert_used_count;
  };
  for (std::uint32_t b = 0; b < h.block_count; ++b) {
    const int device = layers[b];
    const int block = static_cast<int>(b);
    read_on(readers, device, block, w.block_bytes[b], w.block_parameters[b]);
    // --n-cpu-moe / -ot exps=CPU keep the routed experts of the first blocks in RAM.
    const int expert_device = b < request.placement.cpu_moe_layers ? layer_in_ram : device;
    read_on(readers, expert_device, block, expert_share(w.block_expert_bytes[b]),
            expert_share(w.block_expert_parameters[b]));
    if (h.expert_count > 0 && expert_share(w.block_expert_bytes[b]) > 0)
      reader_of(readers, expert_device).moe_layers.insert(block);
  }
  // Tensors outside the blocks count as the output layer's, wherever they live; rope_freqs lives with
  // block 0. Tied embeddings: llama.cpp duplicates token_embd as the output matrix on the output layer.
  read_on(readers, layers.front(), output_layer, w.first_block_bytes, w.first_block_parameters);
  read_on(readers, layers.back(), output_layer, w.output_layer_bytes, w.output_layer_parameters);
  if (w.output_is_token_embd) read_on(readers, layers.back(), output_layer, w.input_bytes, w.input_parameters);
}

// KV cache bytes per cell on each device, from the memory estimate (types as the runtime really uses them).
void add_kv(std::vector<Reader>& readers, const MemoryEstimate& memory) {
  if (memory.kv_cache_cells == 0) return;
  for (std::size_t d = 0; d < memory.devices.size() && d < readers.size(); ++d)
    readers[d].kv_bytes_per_cell = memory.devices[d].kv_cache_bytes / memory.kv_cache_cells;
}

const DecodeEfficiency& decode_efficiency(const Catalog& c, std::string_view kind) {
  const DecodeEfficiency* e = c.speed_calibration.find_decode(kind);
  if (e == nullptr) {
    throw Error(ExitCode::bad_data, fmt::format("speed_calibration.json has no decode efficiency for '{}'", kind));
  }
  return *e;
}

// The per-thread rate of `type` (a grid-based i-quant), or nullptr.
const SpeedCalibration::CpuThreadRate* thread_rate(const Catalog& c, const std::string& type) {
  for (const SpeedCalibration::CpuThreadRate& t : c.speed_calibration.cpu_thread_rates)
    if (std::find(t.ggml_types.begin(), t.ggml_types.end(), type) != t.ggml_types.end()) return &t;
  return nullptr;
}

// The older llama.cpp GPU MoE cost, when it applies to `r`.
const SpeedCalibration::LegacyMoeCost* legacy_moe(const Reader& r, const Model& model, const Catalog& c,
                                                 const SpeedConditions& cond) {
  const auto& legacy = c.speed_calibration.legacy_gpu_moe;
  if (!legacy || r.ram || r.moe_layers.empty() || model.hparams.expert_count == 0) return nullptr;
  if (cond.llama_cpp_date.empty() || !(cond.llama_cpp_date < legacy->before_date)) return nullptr;
  const auto& b = legacy->backends;
  return std::find(b.begin(), b.end(), r.device->backend) != b.end() ? &*legacy : nullptr;
}

// One device's seconds per token at one end of the range: its bytes at bandwidth x efficiency (at least
// its parameters at the CPU threads' rate, when that bound applies), plus its layers' fixed latency and
// an older llama.cpp's MoE cost. `fixed` gets the part that is not the bandwidth time.
double reader_seconds(const Reader& r, const Model& model, const Catalog& c, const SpeedConditions& cond,
                      bool low_end, double& fixed) {
  const DecodeEfficiency& e = decode_efficiency(c, r.kind);
  const double efficiency = low_end ? e.efficiency_low : e.efficiency_high;
  const std::uint64_t bytes = r.read.weights_read_bytes + (low_end ? r.read.kv_cache_read_bytes : 0);
  const double memory = static_cast<double>(bytes) / (r.read.bandwidth_gbps * k_bytes_per_gb * efficiency);
  double extra = static_cast<double>(r.layers.size()) * (low_end ? e.layer_latency_ms_high : e.layer_latency_ms_low) /
                 k_ms_per_second;
  if (const auto* legacy = legacy_moe(r, model, c, cond))
    extra += static_cast<double>(r.moe_layers.size() * model.hparams.expert_used_count) *
             legacy->ms_per_used_expert_per_layer / k_ms_per_second;
  double compute = 0;
  if (r.ram && cond.cpu_threads && *cond.cpu_threads > 0) {
    if (const auto* rate = thread_rate(c, cond.cpu_weight_type)) {
      const double per_thread = low_end ? rate->giga_weights_per_second_low : rate->giga_weights_per_second_high;
      compute = static_cast<double>(r.parameters) / (*cond.cpu_threads * per_thread * k_weights_per_giga);
    }
  }
  fixed += extra + std::max(0.0, compute - memory);
  return std::max(memory, compute) + extra;
}

// Seconds per token over all devices. The devices work one after the other on a token (llama.cpp splits by
// layer, not inside a layer), so the times add up.
double seconds_per_token(const std::vector<Reader>& readers, const Model& model, const Catalog& c,
                         const SpeedConditions& cond, bool low_end, double& fixed) {
  double seconds = 0;
  for (const Reader& r : readers) seconds += reader_seconds(r, model, c, cond, low_end, fixed);
  return seconds;
}

std::string gb(std::uint64_t bytes) { return fmt::format("{:.1f} GB", static_cast<double>(bytes) / k_bytes_per_gb); }

std::string decode_basis(const std::vector<Reader>& readers, const SpeedEstimate& s, const Model& model,
                         const Catalog& c, const SpeedConditions& cond, bool host_defaulted,
                         std::uint64_t context_tokens) {
  std::string out = fmt::format("bandwidth-bound: {} read per token", gb(s.weights_read_bytes));
  const char* sep = readers.size() > 1 ? ": " : " ";
  for (const Reader& r : readers) {
    const DecodeEfficiency& e = decode_efficiency(c, r.kind);
    std::string where = r.read.name;
    if (r.ram) {
      where = (r.device->unified_memory ? "CPU share of " : "RAM, ") + where;
      if (host_defaulted) where += ", assumed: no CPU platform given";
    }
    out += fmt::format("{}{}at {:g} GB/s ({}) x {:.2f}-{:.2f}", sep, readers.size() > 1 ? gb(r.read.weights_read_bytes) + " " : "",
                       r.read.bandwidth_gbps, where, e.efficiency_low, e.efficiency_high);
    if (e.layer_latency_ms_high > 0 && !r.layers.empty())
      out += fmt::format(" + {} layers x {:g}-{:g} ms latency", r.layers.size(), e.layer_latency_ms_low,
                         e.layer_latency_ms_high);
    if (const auto* legacy = legacy_moe(r, model, c, cond))
      out += fmt::format(" + {} MoE layers x {} experts x {:g} ms (llama.cpp before {})", r.moe_layers.size(),
                         model.hparams.expert_used_count, legacy->ms_per_used_expert_per_layer, legacy->before_date);
    if (r.ram && cond.cpu_threads) {
      if (const auto* rate = thread_rate(c, cond.cpu_weight_type))
        out += fmt::format(", no faster than {} threads x {:g}-{:g} G {} weights/s", *cond.cpu_threads,
                           rate->giga_weights_per_second_low, rate->giga_weights_per_second_high, cond.cpu_weight_type);
    }
    sep = "; ";
  }
  out += fmt::format("; low end adds the KV cache at {} of {} context tokens ({} per token)", s.kv_fill_tokens,
                     context_tokens, gb(s.kv_cache_read_bytes));
  return out;
}

// Which figure a device's fp16_tflops is: gpus.json states it in fp16_tflops_basis. Shader (non-tensor)
// figures and tensor-core figures differ several-fold, so each needs its own calibration.
std::string compute_basis(const Device& d) {
  return d.fp16_tflops_basis.rfind("shader", 0) == 0 ? "shader" : "tensor";
}

// Compute-bound prompt processing, only when GPUs with a calibrated fp16 figure hold every layer.
void add_prompt(SpeedEstimate& s, const std::vector<Reader>& readers, const Model& model, const Catalog& c) {
  const std::string model_kind = model.hparams.expert_count > 0 ? "moe" : "dense";
  double seconds_low = 0;
  double seconds_high = 0;
  std::string figures;
  for (const Reader& r : readers) {
    if (r.parameters == 0) continue;
    if (r.ram) {
      s.prompt_basis = "no prompt estimate: part of the model runs from system RAM (bound by the PCIe copy, not modelled)";
      return;
    }
    const PromptEfficiency* e =
        c.speed_calibration.find_prompt(r.kind, model_kind, compute_basis(*r.device));
    if (!r.device->fp16_tflops || e == nullptr) {
      s.prompt_basis = fmt::format("no prompt estimate: no calibrated fp16 compute figure for {} ({} model)",
                                   r.read.name, model_kind);
      return;
    }
    const double flops = k_flops_per_weight * static_cast<double>(r.parameters);
    seconds_low += flops / (*r.device->fp16_tflops * k_flops_per_tflop * e->efficiency_low);
    seconds_high += flops / (*r.device->fp16_tflops * k_flops_per_tflop * e->efficiency_high);
    if (figures.empty())
      figures = fmt::format("{:g} TFLOPS ({}) x {:.2f}-{:.2f}", *r.device->fp16_tflops, r.read.name, e->efficiency_low,
                            e->efficiency_high);
  }
  if (seconds_high <= 0) return;
  s.prompt_low_tokens_per_second = 1.0 / seconds_low;
  s.prompt_high_tokens_per_second = 1.0 / seconds_high;
  s.prompt_basis = fmt::format("compute-bound (rough): {:.1f} GFLOP per token (2 x {:.1f} B active parameters) at {}",
                               k_flops_per_weight * static_cast<double>(s.active_parameters) / 1e9,
                               static_cast<double>(s.active_parameters) / 1e9, figures);
}

}  // namespace

SpeedEstimate estimate_speed(const Model& model, const LayerWeights& weights, const RuntimeProfile& runtime,
                             const MemoryRequest& request, const SpeedHardware& hardware, const Catalog& catalog,
                             const SpeedConditions& conditions) {
  bool host_defaulted = false;
  std::vector<Reader> readers = make_readers(request, hardware, catalog, host_defaulted);
  add_weights(readers, model, weights, layer_devices(model, runtime, request), request);
  add_kv(readers, estimate_memory(model, weights, runtime, request, catalog));

  SpeedEstimate s;
  s.kv_fill_tokens = request.context_tokens / 2;
  for (Reader& r : readers) {
    r.read.layer_count = static_cast<std::uint32_t>(r.layers.size());
    r.read.kv_cache_read_bytes = r.kv_bytes_per_cell * s.kv_fill_tokens;
    s.weights_read_bytes += r.read.weights_read_bytes;
    s.kv_cache_read_bytes += r.read.kv_cache_read_bytes;
    s.active_parameters += r.parameters;
  }
  s.bytes_per_token = s.weights_read_bytes + s.kv_cache_read_bytes;
  std::erase_if(readers, [](const Reader& r) { return r.read.weights_read_bytes + r.read.kv_cache_read_bytes == 0; });
  s.decode_low_tokens_per_second = 1.0 / seconds_per_token(readers, model, catalog, conditions, true, s.fixed_seconds_low);
  s.decode_high_tokens_per_second =
      1.0 / seconds_per_token(readers, model, catalog, conditions, false, s.fixed_seconds_high);
  for (const Reader& r : readers) s.devices.push_back(r.read);
  s.basis = decode_basis(readers, s, model, catalog, conditions, host_defaulted, request.context_tokens);
  add_prompt(s, readers, model, catalog);
  return s;
}

}  // namespace r1tag
