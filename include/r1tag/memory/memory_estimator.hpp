// Memory per device for a variant at a context length: weights placed as llama.cpp places layers, KV
// cache per layer on that layer's device, output and compute buffers, and per-GPU runtime overhead,
// each component labelled exact or estimated. Plus the search for the largest GPU placement and context
// that fit a budget. Figures follow quant-rules-and-memory.md §2 and data/runtimes.json.
#pragma once

#include <r1tag/tables/catalog.hpp>
#include <r1tag/gguf/file_size.hpp>
#include <r1tag/memory/kv_cache.hpp>
#include <r1tag/gguf/layer_weights.hpp>
#include <r1tag/gguf/tensor_inventory.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace r1tag {

enum class Basis { exact, estimated };
std::string_view basis_label(Basis basis);  // "exact" / "estimated"

struct GpuDevice {
  std::string name;              // "GPU0"
  std::string backend = "cuda";  // "cuda", "rocm", "metal": picks the runtime's per-GPU overhead
};

// Where the weights go, as llama-server flags say it.
struct Placement {
  // -ngl: how many of the L + 1 layers (L repeating blocks + the output layer) go to the GPUs; values
  // above L + 1 mean all. Which layers they are depends on the runtime (output_layer_offload).
  std::uint32_t gpu_layers = 0;
  // -ts: share of the offloaded layers per GPU (any positive weights, one per GPU); empty = equal.
  std::vector<double> tensor_split;
  // --n-cpu-moe N: routed experts (ffn_*_exps) of blocks 0..N-1 stay in RAM; >= L is `-ot exps=CPU`.
  std::uint32_t cpu_moe_layers = 0;
};

struct MemoryRequest {
  KvLayout kv_layout = KvLayout::standard;
  std::uint64_t context_tokens = 0;         // per sequence, before padding
  std::uint32_t parallel_sequences = 1;     // -np / num_parallel
  const GgmlType* kv_cache_type_k = nullptr;  // from the catalogue; required
  const GgmlType* kv_cache_type_v = nullptr;
  bool flash_attention = false;
  std::uint32_t batch_tokens = 0;   // -b (recorded; the compute graph depends on the ubatch)
  std::uint32_t ubatch_tokens = 0;  // -ub
  std::vector<GpuDevice> gpus;      // in order; empty = CPU only
  Placement placement;
  std::optional<std::uint64_t> headroom_bytes;  // per-GPU overhead override (--headroom)
};

// A request with `runtime`'s defaults: f16 KV cache, its batch and ubatch, its parallel sequences for
// its modelled version, no GPU. Throws Error (bad_data) if the catalogue has no F16 type.
MemoryRequest default_memory_request(const Catalog& catalog, const RuntimeProfile& runtime,
                                     std::uint64_t context_tokens);

struct DeviceMemory {
  std::string name;  // GPU name, or "CPU" for system RAM (always last)
  bool gpu = false;
  std::uint32_t layer_count = 0;  // repeating + output layers whose weights live here
  std::uint64_t weights_bytes = 0;
  std::uint64_t kv_cache_bytes = 0;
  std::uint64_t compute_bytes = 0;
  std::uint64_t output_bytes = 0;
  std::uint64_t overhead_bytes = 0;
  std::uint64_t total_bytes = 0;
};

struct MemoryBasis {
  Basis weights = Basis::exact;    // tensor bytes from the quant rules (a custom mix would not be)
  Basis kv_cache = Basis::exact;   // llama.cpp's allocation, to the byte
  Basis compute = Basis::estimated;
  Basis output = Basis::exact;
  Basis overhead = Basis::estimated;
  std::string compute_note;   // what the compute figure is calibrated on
  std::string overhead_note;  // the figure per GPU and its source, or "--headroom"
};

struct MemoryEstimate {
  std::uint64_t weights_bytes = 0;
  std::uint64_t kv_cache_bytes = 0;
  std::uint64_t compute_bytes = 0;
  std::uint64_t output_bytes = 0;
  std::uint64_t overhead_bytes = 0;
  std::uint64_t total_bytes = 0;
  std::vector<DeviceMemory> devices;  // GPUs in order, then "CPU"
  MemoryBasis basis;
  std::uint64_t kv_cache_cells = 0;          // after padding, all sequences
  std::uint32_t gpu_layers = 0;              // layers actually offloaded (of layer_count)
  std::uint32_t layer_count = 0;             // L + 1
  std::string kv_cache_type_k;               // as used: ollama may force f16
  std::string kv_cache_type_v;
  std::vector<std::string> notes;            // runtime behaviour that changed the request
};

// The memory `tensors` (the planned tensors of `model`, from compute_file_size) need on each device with
// `request` on `runtime`. Throws Error (usage) when the runtime refuses the request: a quantized V cache
// without flash attention on llama.cpp, a tensor split that does not match the GPUs, no KV type.
// `catalog` supplies the f16 type a runtime falls back to.
MemoryEstimate estimate_memory(const Model& model, const std::vector<PlannedTensor>& tensors,
                               const RuntimeProfile& runtime, const MemoryRequest& request, const Catalog& catalog);
// The same from the weights gathered once by layer_weights, for callers that estimate one plan many times.
MemoryEstimate estimate_memory(const Model& model, const LayerWeights& weights, const RuntimeProfile& runtime,
                               const MemoryRequest& request, const Catalog& catalog);

// Where llama.cpp puts each layer under `request` on `runtime`: an index into request.gpus, or
// `layer_in_ram` for system RAM; L + 1 entries, the last for the output layer. Throws Error (usage) for a
// tensor split that does not match the GPUs.
inline constexpr int layer_in_ram = -1;
std::vector<int> layer_devices(const Model& model, const RuntimeProfile& runtime, const MemoryRequest& request);

// The overhead `runtime` keeps on each GPU of `backend`, and its source (data/runtimes.json).
const RuntimeGpuOverhead* gpu_overhead_for(const RuntimeProfile& runtime, std::string_view backend);

// `runtime`'s default context for `model` given the total VRAM of all GPUs (ollama's VRAM tiers; 0 for
// llama.cpp means the trained context), clamped as the runtime clamps it.
// Example: ollama, 24 GiB of VRAM -> 32768.
std::uint64_t default_context_tokens(const RuntimeProfile& runtime, const Model& model, std::uint64_t total_vram_bytes);

// The parallel sequences `runtime` defaults to in its modelled version (the last entry).
std::uint32_t default_parallel_sequences(const RuntimeProfile& runtime);

// Bytes per element of the KQ mask `runtime` builds as a graph input: f32 without flash attention; with it,
// f32 (cast to f16 on the device) before llama.cpp b9410 and f16 since (PR #23764). A profile asked for at
// no particular version models its newest release. The host holds this input, and each GPU of a pipeline
// holds pipeline_parallel_copies of it.
// Example: llama.cpp (b10488), flash attention -> 2; llama.cpp@b4700 or ollama@0.29 -> 4.
std::uint64_t kq_mask_bytes(const RuntimeProfile& runtime, bool flash_attention);

// A runtime profile by name ("llama.cpp", "ollama", "ollama@0.29"); nullptr when absent.
const RuntimeProfile* find_runtime(const Catalog& catalog, std::string_view name);

// The profile `spec` asks for: a profile's own name ("ollama" is the current release, "ollama@0.29" the
// older one), or NAME@VERSION ("ollama@0.6.7", "ollama@v0.32.1"): the newest profile of NAME whose
// first_version is at most VERSION, modelling VERSION's eras of defaults. nullopt when none matches.
std::optional<RuntimeProfile> select_runtime(const Catalog& catalog, std::string_view spec);

// `runtime`'s default context for `total_vram_bytes` of VRAM before any clamping: ollama's VRAM tiers
// (4096, 32768 from 23 GiB, 262144 from 47 GiB since v0.15.5), 0 = the model's trained context (llama.cpp -c 0).
std::uint64_t runtime_default_context_tokens(const RuntimeProfile& runtime, std::uint64_t total_vram_bytes);

// How much memory each device has: the GPUs in the order of request.gpus, then system RAM.
struct MemoryBudget {
  std::vector<std::uint64_t> gpu_bytes;
  std::uint64_t ram_bytes = 0;
};

struct PlacementFit {
  Placement placement;
  MemoryEstimate estimate;              // at request.context_tokens
  std::uint64_t max_context_tokens = 0;  // the largest context (padding multiple, up to the trained
                                         // context) that fits the same placement
};

// The placement with the most GPU layers that fits `budget` at request.context_tokens: every layer whole
// on one device, layers split over the GPUs by request.placement.tensor_split or else by each GPU's
// budget (llama.cpp's default split by free memory), request.placement.cpu_moe_layers kept. nullopt when
// not even the CPU-only placement fits.
std::optional<PlacementFit> fit_placement(const Model& model, const std::vector<PlannedTensor>& tensors,
                                          const RuntimeProfile& runtime, const MemoryRequest& request,
                                          const MemoryBudget& budget, const Catalog& catalog);
std::optional<PlacementFit> fit_placement(const Model& model, const LayerWeights& weights,
                                          const RuntimeProfile& runtime, const MemoryRequest& request,
                                          const MemoryBudget& budget, const Catalog& catalog);

// For MoE models (DeepSeek-R1 671B): routed experts of every block in RAM (`-ot exps=CPU`), attention,
// shared experts, dense blocks and the output layer on the GPUs, as many layers as fit.
std::optional<PlacementFit> fit_moe_offload(const Model& model, const std::vector<PlannedTensor>& tensors,
                                            const RuntimeProfile& runtime, const MemoryRequest& request,
                                            const MemoryBudget& budget, const Catalog& catalog);
std::optional<PlacementFit> fit_moe_offload(const Model& model, const LayerWeights& weights,
                                            const RuntimeProfile& runtime, const MemoryRequest& request,
                                            const MemoryBudget& budget, const Catalog& catalog);

}  // namespace r1tag
