#include <r1tag/memory/memory_estimator.hpp>

#include <r1tag/memory/compute_buffer.hpp>
#include <r1tag/common/error.hpp>

#include "memory/device_sizer.hpp"
#include "memory/ggml_element_bytes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cctype>
#include <charconv>

namespace r1tag {

namespace {

constexpr std::uint64_t k_logit_bytes = ggml_element_bytes::f32;  // llama.cpp's output buffer holds f32 logits
constexpr int k_cpu = -1;                               // device index of system RAM

bool quantized(const GgmlType& type) { return type.block_size > 1; }

// Dotted version compare ("0.15.5" < "0.6.7" is false): numbers, not strings.
std::vector<std::uint32_t> version_parts(std::string_view v) {
  std::vector<std::uint32_t> parts;
  std::size_t i = 0;
  while (i <= v.size()) {
    const std::size_t dot = std::min(v.find('.', i), v.size());
    std::uint32_t n = 0;
    std::from_chars(v.data() + i, v.data() + dot, n);
    parts.push_back(n);
    i = dot + 1;
  }
  return parts;
}

bool version_at_least(std::string_view version, std::string_view since) {
  return version_parts(version) >= version_parts(since);
}

// The era in force at `version` among a profile's entries ordered by since_version; with no version, the
// newest. Null before the first era.
template <typename Eras>
const typename Eras::value_type* era_at(const Eras& eras, std::string_view version) {
  const typename Eras::value_type* found = nullptr;
  for (const auto& era : eras)
    if (version.empty() || version_at_least(version, era.since_version)) found = &era;
  return found;
}

// The version number at the start of a profile's version text, "0.15.5" from "ollama v0.15.5 - …";
// empty when it names none (llama.cpp profiles use a single era).
std::string modelled_version(const RuntimeProfile& runtime) {
  if (!runtime.modelled_version.empty()) return runtime.modelled_version;
  const std::string_view text = runtime.version.value;
  const std::size_t v = text.find(" v");
  if (v == std::string::npos) return {};
  const std::size_t start = v + 2;
  std::size_t end = start;
  while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) != 0 || text[end] == '.')) ++end;
  return std::string(text.substr(start, end - start));
}

struct KvTypes {
  const GgmlType* k = nullptr;
  const GgmlType* v = nullptr;
};

// The cache types the runtime really uses, or an Error when it refuses the request.
KvTypes effective_kv_types(const Model& model, const MemoryRequest& request, const RuntimeProfile& runtime,
                           const Catalog& catalog, std::vector<std::string>& notes) {
  if (request.kv_cache_type_k == nullptr || request.kv_cache_type_v == nullptr) {
    throw Error::usage("no KV cache type given");
  }
  KvTypes types{request.kv_cache_type_k, request.kv_cache_type_v};
  const GgmlType* f16 = catalog.find_type("F16");
  const bool any_quantized = quantized(*types.k) || quantized(*types.v);
  if (!any_quantized || f16 == nullptr) return types;
  const Hyperparameters& h = model.hparams;
  if (runtime.kv_cache_type_needs_equal_key_value_length.value && h.key_length != h.value_length) {
    notes.push_back(fmt::format("{} ignores the {} KV cache type for this model (key_length {} != value_length {}) "
                                "and caches f16",
                                runtime.name, types.k->name, h.key_length, h.value_length));
    return {f16, f16};
  }
  if (!request.flash_attention && quantized(*types.v)) {
    if (runtime.quantized_v_without_flash_attention.value == "error") {
      throw Error::usage(fmt::format("a quantized V cache ({}) needs flash attention on {}", types.v->name, runtime.name),
                         "turn flash attention on, or use an f16 KV cache");
    }
    notes.push_back(fmt::format("{} uses an f16 KV cache without flash attention", runtime.name));
    return {f16, f16};
  }
  return types;
}

using detail::SplitPoints;

SplitPoints split_points(const MemoryRequest& request) {
  SplitPoints out;
  out.points = request.placement.tensor_split;
  if (out.points.empty()) out.points.assign(request.gpus.size(), 1.0);
  if (out.points.size() != request.gpus.size()) {
    out.problem = fmt::format("the tensor split has {} values for {} GPUs", out.points.size(), request.gpus.size());
    return out;
  }
  // Scaled by the largest share first, so that shares near the top of double's range cannot overflow the sum.
  double largest = 0;
  for (const double s : out.points) largest = std::max(largest, s);
  if (std::isfinite(largest) && largest > 0)
    for (double& s : out.points) s /= largest;
  double sum = 0;
  for (double& s : out.points) s = (sum += std::max(s, 0.0));
  if (sum <= 0) {
    out.problem = "the tensor split must have a positive value";
    return out;
  }
  for (double& s : out.points) s /= sum;
  return out;
}

// Where llama.cpp puts layers 0..L (L = the output layer), llama-model.cpp load_tensors, as runs of layers
// in layer order, one device each. The GPU index never decreases with the layer, so each GPU's last layer
// is found by bisection instead of layer by layer.
const std::vector<detail::LayerRun>& layer_runs(std::uint32_t block_count, std::uint32_t gpu_layers,
                                                std::size_t gpu_count, const SplitPoints& split,
                                                const RuntimeProfile& runtime, std::vector<detail::LayerRun>& runs) {
  runs.clear();
  const std::int64_t layers_all = std::int64_t{block_count} + 1;
  const std::int64_t n = std::min<std::int64_t>(gpu_layers, layers_all);
  if (gpu_count == 0 || n == 0) {
    runs.push_back({k_cpu, 0, static_cast<std::uint64_t>(layers_all)});
    return runs;
  }
  // "first": i_gpu_start = L + 1 - N, so the output layer is the first one offloaded (2026 builds);
  // "with_last_layer": i_gpu_start = L - N and the output layer only with N = L + 1 (2025 builds).
  const bool output_first = runtime.output_layer_offload.value == "first";
  const std::int64_t start = std::max<std::int64_t>((output_first ? layers_all : block_count) - n, 0);
  if (!split.problem.empty()) throw Error::usage(split.problem);
  const std::int64_t end = std::min(start + n, layers_all);
  const std::vector<double>& points = split.points;
  // upper_bound over the cumulative split points, as llama.cpp does with float(il - start) / act.
  const auto gpu_of = [&](std::int64_t il) {
    const double at = static_cast<double>(il - start) / static_cast<double>(n);
    const auto gpu = std::upper_bound(points.begin(), points.end(), at) - points.begin();
    return std::min<std::ptrdiff_t>(gpu, std::ssize(points) - 1);
  };
  runs.push_back({k_cpu, 0, static_cast<std::uint64_t>(start)});
  std::int64_t begin = start;
  for (std::ptrdiff_t g = 0; g < std::ssize(points) && begin < end; ++g) {
    // The first layer past GPU g.
    std::int64_t low = begin;
    std::int64_t high = end;
    while (low < high) {
      const std::int64_t mid = low + (high - low) / 2;
      if (gpu_of(mid) <= g) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    runs.push_back({static_cast<int>(g), static_cast<std::uint64_t>(begin), static_cast<std::uint64_t>(low)});
    begin = low;
  }
  runs.push_back({k_cpu, static_cast<std::uint64_t>(end), static_cast<std::uint64_t>(layers_all)});
  return runs;
}

// The overhead the runtime (or --headroom) keeps on a used GPU, and its label.
std::optional<std::uint64_t> gpu_overhead_bytes(const RuntimeProfile& runtime, const MemoryRequest& request,
                                                const GpuDevice& gpu) {
  if (request.headroom_bytes) return request.headroom_bytes;
  if (const RuntimeGpuOverhead* o = gpu_overhead_for(runtime, gpu.backend)) return o->bytes;
  return std::nullopt;
}

void add_overhead_note(MemoryEstimate& e, const RuntimeProfile& runtime, const MemoryRequest& request) {
  for (std::size_t g = 0; g < request.gpus.size(); ++g) {
    const DeviceMemory& d = e.devices[g];
    if (d.layer_count == 0 && d.weights_bytes == 0) continue;  // an unused GPU gets no context
    if (request.headroom_bytes) {
      e.basis.overhead_note = fmt::format("{} bytes per GPU (--headroom)", *request.headroom_bytes);
    } else if (const RuntimeGpuOverhead* o = gpu_overhead_for(runtime, request.gpus[g].backend)) {
      e.basis.overhead_note = fmt::format("{} bytes per {} GPU: {}", o->bytes, o->backend, o->source);
    }
  }
}

}  // namespace

namespace detail {

DeviceSizer::DeviceSizer(const Model& model, const LayerWeights& weights, const RuntimeProfile& runtime,
                         const MemoryRequest& request, const Catalog& catalog)
    : m_model(model), m_weights(weights), m_runtime(runtime), m_request(request) {
  const KvTypes kv = effective_kv_types(model, request, runtime, catalog, m_notes);
  m_kv_k = kv.k;
  m_kv_v = kv.v;
  m_split = split_points(request);
  for (const GpuDevice& g : request.gpus) m_gpu_overhead.push_back(gpu_overhead_bytes(runtime, request, g));
  m_devices.resize(request.gpus.size() + 1);
  m_block_prefix.reserve(model.hparams.block_count + 1);
  m_expert_prefix.reserve(model.hparams.block_count + 1);
  m_block_prefix.assign(1, 0);
  m_expert_prefix.assign(1, 0);
  for (std::uint32_t b = 0; b < model.hparams.block_count; ++b) {
    m_block_prefix.push_back(m_block_prefix.back() + weights.block_bytes.at(b));
    m_expert_prefix.push_back(m_expert_prefix.back() + weights.block_expert_bytes.at(b));
  }
}

const std::vector<DeviceFigures>& DeviceSizer::figures(std::uint32_t gpu_layers, std::uint64_t context_tokens) {
  const Hyperparameters& h = m_model.hparams;
  const std::uint32_t block_count = h.block_count;
  std::fill(m_devices.begin(), m_devices.end(), DeviceFigures{});
  for (std::size_t g = 0; g + 1 < m_devices.size(); ++g) m_devices[g].gpu = true;
  DeviceFigures& cpu = m_devices.back();
  const auto device = [&](int index) -> DeviceFigures& {
    return index == k_cpu ? cpu : m_devices[static_cast<std::size_t>(index)];
  };
  const std::uint64_t cells = kv_cache_cells(context_tokens, m_request.parallel_sequences, m_runtime);
  const KvCacheShape shape = kv_cache_shape(m_model, m_request.kv_layout, m_runtime);
  const std::uint64_t kv_layer_bytes = kv_cache_layer_bytes(shape, cells, *m_kv_k, *m_kv_v);
  const std::uint64_t cpu_moe = std::min<std::uint64_t>(m_request.placement.cpu_moe_layers, block_count);

  // Weights, gathered per layer by layer_weights: token_embd in RAM, routed experts of the first
  // cpu_moe_layers blocks in RAM, everything else on its layer's device; KV: one K and one V tensor per
  // block, on the block's device (KV offload is llama.cpp's default). Every device holds a contiguous run
  // of layers, so each run is summed from prefix sums instead of layer by layer.
  cpu.weights_bytes += m_weights.input_bytes;
  const auto add_run = [&](int index, std::uint64_t begin, std::uint64_t end) {
    if (begin >= end) return;
    DeviceFigures& d = device(index);
    d.layer_count += static_cast<std::uint32_t>(end - begin);
    const std::uint64_t blocks_end = std::min<std::uint64_t>(end, block_count);
    if (begin < blocks_end) {
      d.weights_bytes += m_block_prefix[blocks_end] - m_block_prefix[begin];
      const std::uint64_t split = std::clamp(cpu_moe, begin, blocks_end);
      cpu.weights_bytes += m_expert_prefix[split] - m_expert_prefix[begin];
      d.weights_bytes += m_expert_prefix[blocks_end] - m_expert_prefix[split];
      d.kv_cache_bytes += (blocks_end - begin) * kv_layer_bytes;
    }
    if (begin == 0) d.weights_bytes += m_weights.first_block_bytes;
    if (end > block_count) d.weights_bytes += m_weights.output_layer_bytes;
  };
  for (const LayerRun& run : layer_runs(block_count, gpu_layers, m_request.gpus.size(), m_split, m_runtime, m_runs))
    add_run(run.device, run.begin, run.end);
  // llama-server with an explicit -np N gives each sequence its own stream of cells (kv_unified off) and
  // attends per stream, so the graph's KQ and mask span one stream's cells: -c 32768 -np 4 reserves the
  // compute buffer of 8192 cells (dry run, scripts/llama_dry_run README). Streams came with
  // ggml-org/llama.cpp#14363 (July 2025); kv_cache_cells assumes them for every build too. ollama before v0.30 (placement
  // by its own estimator) is left as calibrated on its published logs.
  const std::uint64_t streams = std::max<std::uint32_t>(m_request.parallel_sequences, 1);
  add_buffers(m_runtime.placement.value == "llama_server_fit" ? cells / streams : cells);
  return m_devices;
}

void DeviceSizer::add_buffers(std::uint64_t kv_cells) {
  const Hyperparameters& h = m_model.hparams;
  DeviceFigures& cpu = m_devices.back();
  // Logits for one output per sequence, in host memory (the output device's pinned host buffer).
  cpu.output_bytes = std::uint64_t{h.vocab_size} * std::max<std::uint32_t>(m_request.parallel_sequences, 1) * k_logit_bytes;

  const std::uint64_t compute = compute_buffer_bytes(
      m_model, m_request.kv_layout,
      {.kv_cells = kv_cells, .ubatch_tokens = m_request.ubatch_tokens, .flash_attention = m_request.flash_attention});
  // Every backend that runs part of the graph reserves its worst case. With every layer offloaded the CPU
  // still embeds the input tokens (token_embd stays in RAM), n_embd x ubatch f32 values, and holds the graph
  // inputs the GPUs copy from, chiefly the KQ mask, n_kv x ubatch values of kq_mask_bytes each: 42.01 MiB =
  // 10 + 32 MiB for the 32B at 16384 cells on a February 2025 build (llama.cpp#11861, f32 mask).
  // Split over several GPUs with every layer offloaded (and no tensor overrides such as --n-cpu-moe),
  // llama.cpp runs the GPUs as a pipeline (src/llama-context.cpp) and the scheduler keeps
  // pipeline_parallel_copies of every graph input on each backend: the host holds that many masks and each
  // GPU that many copies of its split input, one of which the single-copy compute estimate already holds.
  // 78.02 MiB = 14 + 4 x 16 MiB on the host and 2322 MiB per GPU for the 671B over eight GPUs at 8192 cells
  // (uv-genai/llm-setonix; tests/memory/memory_estimator_test.cpp). The other split inputs (a hidden state
  // row per token) are also copied but not modelled: 3 x n_embd x ubatch x 4 bytes, 2 % of that GPU figure.
  // Every GPU gets the single-copy estimate, the largest stage of the whole graph. llama.cpp reserves the
  // logits stage only on the GPU holding the output layer, so where that stage is the largest (flash
  // attention) the GPUs before it are over-estimated; no published multi-GPU log with flash attention was
  // found to size their own stage, so that stays a known, conservative gap.
  const bool cpu_runs_layers = cpu.layer_count > 0 || m_request.placement.cpu_moe_layers > 0;
  std::size_t gpus_with_layers = 0;
  for (std::size_t g = 0; g + 1 < m_devices.size(); ++g) gpus_with_layers += m_devices[g].layer_count > 0 ? 1 : 0;
  const bool pipeline = !cpu_runs_layers && gpus_with_layers > 1;
  const std::uint64_t copies = pipeline ? m_runtime.pipeline_parallel_copies.value : 1;
  const std::uint64_t tokens = std::min<std::uint64_t>(kv_cells, m_request.ubatch_tokens);
  const std::uint64_t mask_bytes = kv_cells * tokens * kq_mask_bytes(m_runtime, m_request.flash_attention);
  for (std::size_t g = 0; g + 1 < m_devices.size(); ++g) {
    DeviceFigures& d = m_devices[g];
    if (d.layer_count > 0) d.compute_bytes = compute + (copies - 1) * mask_bytes;
    // An unused GPU gets no context, so no overhead either.
    if ((d.layer_count > 0 || d.weights_bytes > 0) && m_gpu_overhead[g]) d.overhead_bytes = *m_gpu_overhead[g];
  }
  const std::uint64_t input_rows = std::uint64_t{h.embedding_length} * m_request.ubatch_tokens * ggml_element_bytes::f32;
  if (cpu_runs_layers) {
    cpu.compute_bytes = compute;
  } else if (gpus_with_layers > 0) {
    cpu.compute_bytes = input_rows + copies * mask_bytes;
  } else {
    cpu.compute_bytes = input_rows;
  }
}

}  // namespace detail

std::vector<int> layer_devices(const Model& model, const RuntimeProfile& runtime, const MemoryRequest& request) {
  static_assert(layer_in_ram == k_cpu);
  std::vector<detail::LayerRun> runs;
  std::vector<int> devices(std::size_t{model.hparams.block_count} + 1, k_cpu);
  for (const detail::LayerRun& run : layer_runs(model.hparams.block_count, request.placement.gpu_layers,
                                                request.gpus.size(), split_points(request), runtime, runs))
    std::fill(devices.begin() + static_cast<std::ptrdiff_t>(run.begin), devices.begin() + static_cast<std::ptrdiff_t>(run.end),
              run.device);
  return devices;
}

std::string_view basis_label(Basis basis) { return basis == Basis::exact ? "exact" : "estimated"; }

const RuntimeProfile* find_runtime(const Catalog& catalog, std::string_view name) {
  for (const RuntimeProfile& r : catalog.runtimes)
    if (r.name == name) return &r;
  return nullptr;
}

std::optional<RuntimeProfile> select_runtime(const Catalog& catalog, std::string_view spec) {
  if (const RuntimeProfile* exact = find_runtime(catalog, spec)) return *exact;
  const std::size_t at = spec.find('@');
  if (at == std::string_view::npos) return std::nullopt;
  const std::string_view base = spec.substr(0, at);
  std::string_view version = spec.substr(at + 1);
  if (!version.empty() && (version.front() == 'v' || version.front() == 'b')) version.remove_prefix(1);
  if (version.empty() || version.find_first_not_of("0123456789.") != std::string_view::npos) return std::nullopt;
  const RuntimeProfile* best = nullptr;
  for (const RuntimeProfile& r : catalog.runtimes) {
    const bool family = r.name == base || (r.name.size() > base.size() && r.name.substr(0, base.size()) == base &&
                                           r.name[base.size()] == '@');
    if (!family || !version_at_least(version, r.first_version.value)) continue;
    if (best == nullptr || version_at_least(r.first_version.value, best->first_version.value)) best = &r;
  }
  if (best == nullptr) return std::nullopt;
  RuntimeProfile chosen = *best;
  chosen.modelled_version = std::string(version);
  return chosen;
}

std::uint64_t runtime_default_context_tokens(const RuntimeProfile& runtime, std::uint64_t total_vram_bytes) {
  const RuntimeContextDefault* era = era_at(runtime.default_context, modelled_version(runtime));
  std::uint64_t tokens = 0;
  if (era != nullptr)
    for (const RuntimeContextTier& t : era->tiers)
      if (total_vram_bytes >= t.min_total_vram_bytes) tokens = t.context_tokens;
  return tokens;
}

const RuntimeGpuOverhead* gpu_overhead_for(const RuntimeProfile& runtime, std::string_view backend) {
  const RuntimeGpuOverhead* any = nullptr;
  for (const RuntimeGpuOverhead& o : runtime.gpu_overhead) {
    if (o.backend == backend) return &o;
    if (o.backend == "any") any = &o;
  }
  return any;
}

std::uint64_t kq_mask_bytes(const RuntimeProfile& runtime, bool flash_attention) {
  if (!flash_attention) return ggml_element_bytes::f32;
  // The profile's own version text can name other software's versions ("the llama-server ollama v0.32.15
  // ships"), so without a chosen version the newest era, the one the profile is named for, applies.
  const RuntimeVersionedFigure* era = era_at(runtime.kq_mask_bytes_with_flash_attention, runtime.modelled_version);
  return era != nullptr ? era->value : ggml_element_bytes::f32;
}

std::uint32_t default_parallel_sequences(const RuntimeProfile& runtime) {
  const RuntimeVersionedFigure* era = era_at(runtime.default_parallel_sequences, modelled_version(runtime));
  return era != nullptr ? static_cast<std::uint32_t>(era->value) : 1;
}

std::uint64_t default_context_tokens(const RuntimeProfile& runtime, const Model& model, std::uint64_t total_vram_bytes) {
  const std::uint64_t tokens = runtime_default_context_tokens(runtime, total_vram_bytes);
  const std::uint64_t trained = model.hparams.context_length;
  if (tokens == 0) return trained;
  return runtime.clamps_context_to_trained.value ? std::min(tokens, trained) : tokens;
}

MemoryRequest default_memory_request(const Catalog& catalog, const RuntimeProfile& runtime,
                                     std::uint64_t context_tokens) {
  MemoryRequest r;
  r.context_tokens = context_tokens;
  r.parallel_sequences = default_parallel_sequences(runtime);
  r.kv_cache_type_k = r.kv_cache_type_v = catalog.find_type("F16");
  if (r.kv_cache_type_k == nullptr) throw Error(ExitCode::bad_data, "quant_types.json has no F16 type");
  r.batch_tokens = static_cast<std::uint32_t>(runtime.default_batch_tokens.value);
  r.ubatch_tokens = static_cast<std::uint32_t>(runtime.default_ubatch_tokens.value);
  return r;
}

MemoryEstimate estimate_memory(const Model& model, const std::vector<PlannedTensor>& tensors,
                               const RuntimeProfile& runtime, const MemoryRequest& request, const Catalog& catalog) {
  return estimate_memory(model, layer_weights(model, tensors), runtime, request, catalog);
}

MemoryEstimate estimate_memory(const Model& model, const LayerWeights& weights, const RuntimeProfile& runtime,
                               const MemoryRequest& request, const Catalog& catalog) {
  detail::DeviceSizer sizer(model, weights, runtime, request, catalog);
  const std::vector<detail::DeviceFigures>& figures =
      sizer.figures(request.placement.gpu_layers, request.context_tokens);
  MemoryEstimate e;
  e.notes = sizer.notes();
  e.kv_cache_type_k = sizer.kv_type_k().name;
  e.kv_cache_type_v = sizer.kv_type_v().name;
  e.layer_count = model.hparams.block_count + 1;
  e.kv_cache_cells = kv_cache_cells(request.context_tokens, request.parallel_sequences, runtime);
  for (std::size_t i = 0; i < figures.size(); ++i) {
    const detail::DeviceFigures& f = figures[i];
    DeviceMemory d;
    d.name = f.gpu ? request.gpus[i].name : "CPU";
    d.gpu = f.gpu;
    d.layer_count = f.layer_count;
    d.weights_bytes = f.weights_bytes;
    d.kv_cache_bytes = f.kv_cache_bytes;
    d.compute_bytes = f.compute_bytes;
    d.output_bytes = f.output_bytes;
    d.overhead_bytes = f.overhead_bytes;
    d.total_bytes = f.total_bytes();
    if (f.gpu) e.gpu_layers += f.layer_count;
    e.weights_bytes += d.weights_bytes;
    e.kv_cache_bytes += d.kv_cache_bytes;
    e.compute_bytes += d.compute_bytes;
    e.output_bytes += d.output_bytes;
    e.overhead_bytes += d.overhead_bytes;
    e.total_bytes += d.total_bytes;
    e.devices.push_back(std::move(d));
  }
  e.basis.compute_note =
      "estimated: the CPU backend's compute buffer, calibrated within 10 % against llama.cpp v0.5.0's no_alloc dry run "
      "(scripts/llama_dry_run); GPU backends plan their graphs differently";
  add_overhead_note(e, runtime, request);
  if (request.headroom_bytes) e.basis.overhead = Basis::exact;
  return e;
}

}  // namespace r1tag
