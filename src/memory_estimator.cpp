#include <r1tag/memory_estimator.hpp>

#include <r1tag/compute_buffer.hpp>
#include <r1tag/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace r1tag {

namespace {

constexpr std::uint64_t k_logit_bytes = sizeof(float);  // llama.cpp's output buffer holds f32 logits
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

// The version number at the start of a profile's version text, "0.15.5" from "ollama v0.15.5 - …";
// empty when it names none (llama.cpp profiles use a single era).
std::string modelled_version(const RuntimeProfile& runtime) {
  const std::string& text = runtime.version.value;
  const std::size_t v = text.find(" v");
  if (v == std::string::npos) return {};
  const std::size_t start = v + 2;
  std::size_t end = start;
  while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) != 0 || text[end] == '.')) ++end;
  return text.substr(start, end - start);
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

// Device of every layer 0..L (L = the output layer): llama-model.cpp load_tensors.
std::vector<int> layer_devices(std::uint32_t block_count, const MemoryRequest& request, const RuntimeProfile& runtime) {
  const std::int64_t layers_all = std::int64_t{block_count} + 1;
  const std::int64_t n = std::min<std::int64_t>(request.placement.gpu_layers, layers_all);
  std::vector<int> devices(static_cast<std::size_t>(layers_all), k_cpu);
  if (request.gpus.empty() || n == 0) return devices;
  // "first": i_gpu_start = L + 1 - N, so the output layer is the first one offloaded (2026 builds);
  // "with_last_layer": i_gpu_start = L - N and the output layer only with N = L + 1 (2025 builds).
  const bool output_first = runtime.output_layer_offload.value == "first";
  const std::int64_t start = std::max<std::int64_t>((output_first ? layers_all : block_count) - n, 0);
  std::vector<double> split = request.placement.tensor_split;
  if (split.empty()) split.assign(request.gpus.size(), 1.0);
  if (split.size() != request.gpus.size()) {
    throw Error::usage(fmt::format("the tensor split has {} values for {} GPUs", split.size(), request.gpus.size()));
  }
  double sum = 0;
  for (double& s : split) s = (sum += std::max(s, 0.0));
  if (sum <= 0) throw Error::usage("the tensor split must have a positive value");
  for (double& s : split) s /= sum;
  for (std::int64_t il = start; il < start + n && il < layers_all; ++il) {
    // upper_bound over the cumulative split points, as llama.cpp does with float(il - start) / act.
    const double at = static_cast<double>(il - start) / static_cast<double>(n);
    const auto gpu = std::upper_bound(split.begin(), split.end(), at) - split.begin();
    devices[static_cast<std::size_t>(il)] = static_cast<int>(std::min<std::ptrdiff_t>(gpu, std::ssize(split) - 1));
  }
  return devices;
}

bool is_routed_expert(const std::string& name) {
  return name.rfind("_exps.", std::string::npos) != std::string::npos && name.find("ffn_") != std::string::npos;
}

int tensor_device(const PlannedTensor& t, const std::vector<int>& layers, const MemoryRequest& request) {
  const std::string& name = t.tensor.name;
  // llama.cpp keeps the input layer on the CPU ("very little benefit to offloading the input layer").
  if (name.rfind("token_embd.", 0) == 0) return k_cpu;
  if (t.tensor.layer >= 0) {
    const auto il = static_cast<std::uint32_t>(t.tensor.layer);
    if (il < request.placement.cpu_moe_layers && is_routed_expert(name)) return k_cpu;
    return layers[il];
  }
  if (name.rfind("output", 0) == 0) return layers.back();
  return layers.front();  // rope_freqs: created with block 0 (TENSOR_DUPLICATED for the others)
}

void add_overheads(MemoryEstimate& e, const RuntimeProfile& runtime, const MemoryRequest& request) {
  for (std::size_t g = 0; g < request.gpus.size(); ++g) {
    DeviceMemory& d = e.devices[g];
    if (d.layer_count == 0 && d.weights_bytes == 0) continue;  // an unused GPU gets no context
    if (request.headroom_bytes) {
      d.overhead_bytes = *request.headroom_bytes;
      e.basis.overhead_note = fmt::format("{} bytes per GPU (--headroom)", *request.headroom_bytes);
    } else if (const RuntimeGpuOverhead* o = gpu_overhead_for(runtime, request.gpus[g].backend)) {
      d.overhead_bytes = o->bytes;
      e.basis.overhead_note = fmt::format("{} bytes per {} GPU: {}", o->bytes, o->backend, o->source);
    }
  }
}

}  // namespace

std::string_view basis_label(Basis basis) { return basis == Basis::exact ? "exact" : "estimated"; }

const RuntimeProfile* find_runtime(const Catalog& catalog, std::string_view name) {
  for (const RuntimeProfile& r : catalog.runtimes)
    if (r.name == name) return &r;
  return nullptr;
}

const RuntimeGpuOverhead* gpu_overhead_for(const RuntimeProfile& runtime, std::string_view backend) {
  const RuntimeGpuOverhead* any = nullptr;
  for (const RuntimeGpuOverhead& o : runtime.gpu_overhead) {
    if (o.backend == backend) return &o;
    if (o.backend == "any") any = &o;
  }
  return any;
}

std::uint32_t default_parallel_sequences(const RuntimeProfile& runtime) {
  const std::string version = modelled_version(runtime);
  std::uint64_t value = 1;
  for (const RuntimeVersionedFigure& f : runtime.default_parallel_sequences)
    if (version.empty() || version_at_least(version, f.since_version)) value = f.value;
  return static_cast<std::uint32_t>(value);
}

std::uint64_t default_context_tokens(const RuntimeProfile& runtime, const Model& model, std::uint64_t total_vram_bytes) {
  const std::string version = modelled_version(runtime);
  const RuntimeContextDefault* era = nullptr;
  for (const RuntimeContextDefault& d : runtime.default_context)
    if (version.empty() || version_at_least(version, d.since_version)) era = &d;
  std::uint64_t tokens = 0;
  if (era != nullptr)
    for (const RuntimeContextTier& t : era->tiers)
      if (total_vram_bytes >= t.min_total_vram_bytes) tokens = t.context_tokens;
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
  MemoryEstimate e;
  const KvTypes kv = effective_kv_types(model, request, runtime, catalog, e.notes);
  e.kv_cache_type_k = kv.k->name;
  e.kv_cache_type_v = kv.v->name;
  const std::uint32_t block_count = model.hparams.block_count;
  e.layer_count = block_count + 1;
  for (const GpuDevice& g : request.gpus) e.devices.push_back({.name = g.name, .gpu = true});
  e.devices.push_back({.name = "CPU"});
  DeviceMemory& cpu = e.devices.back();
  const auto device = [&](int index) -> DeviceMemory& {
    return index == k_cpu ? cpu : e.devices[static_cast<std::size_t>(index)];
  };

  const std::vector<int> layers = layer_devices(block_count, request, runtime);
  for (const int d : layers) {
    device(d).layer_count += 1;
    if (d != k_cpu) e.gpu_layers += 1;
  }
  for (const PlannedTensor& t : tensors) device(tensor_device(t, layers, request)).weights_bytes += t.bytes;

  // KV: one K and one V tensor per block, on the block's device (KV offload is llama.cpp's default).
  e.kv_cache_cells = kv_cache_cells(request.context_tokens, request.parallel_sequences, runtime);
  const KvCacheShape shape = kv_cache_shape(model, request.kv_layout, runtime);
  const std::uint64_t kv_layer_bytes = kv_cache_layer_bytes(shape, e.kv_cache_cells, *kv.k, *kv.v);
  for (std::uint32_t il = 0; il < block_count; ++il) device(layers[il]).kv_cache_bytes += kv_layer_bytes;

  // Logits for one output per sequence, in host memory (the output device's pinned host buffer).
  cpu.output_bytes = std::uint64_t{model.hparams.vocab_size} * std::max<std::uint32_t>(request.parallel_sequences, 1) *
                     k_logit_bytes;

  const std::uint64_t compute =
      compute_buffer_bytes(model, request.kv_layout,
                           {.kv_cells = e.kv_cache_cells,
                            .ubatch_tokens = request.ubatch_tokens,
                            .flash_attention = request.flash_attention});
  // Every backend that runs part of the graph reserves its worst case; with everything offloaded the
  // CPU still embeds the input tokens (token_embd stays in RAM), a buffer of n_embd x ubatch floats.
  const bool cpu_runs_layers = std::any_of(layers.begin(), layers.end(), [](int d) { return d == k_cpu; }) ||
                               request.placement.cpu_moe_layers > 0;
  for (DeviceMemory& d : e.devices) {
    if (d.gpu && d.layer_count > 0) d.compute_bytes = compute;
  }
  cpu.compute_bytes = cpu_runs_layers ? compute
                                      : std::uint64_t{model.hparams.embedding_length} * request.ubatch_tokens * k_logit_bytes;
  e.basis.compute_note =
      "estimated: the CPU backend's compute buffer, calibrated within 10 % against llama.cpp v0.5.0's no_alloc dry run "
      "(scripts/llama_dry_run); GPU backends plan their graphs differently";

  add_overheads(e, runtime, request);
  for (DeviceMemory& d : e.devices) {
    d.total_bytes = d.weights_bytes + d.kv_cache_bytes + d.compute_bytes + d.output_bytes + d.overhead_bytes;
    e.weights_bytes += d.weights_bytes;
    e.kv_cache_bytes += d.kv_cache_bytes;
    e.compute_bytes += d.compute_bytes;
    e.output_bytes += d.output_bytes;
    e.overhead_bytes += d.overhead_bytes;
    e.total_bytes += d.total_bytes;
  }
  if (request.headroom_bytes) e.basis.overhead = Basis::exact;
  return e;
}

}  // namespace r1tag
