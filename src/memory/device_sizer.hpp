// The numbers behind estimate_memory, for the placement search (internal to memory_estimator and
// placement): one variant and request, asked for many layer counts and context lengths.
#pragma once

#include <r1tag/tables/catalog.hpp>
#include <r1tag/memory/memory_estimator.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace r1tag::detail {

// The tensor split (request.placement.tensor_split, equal shares when empty) as cumulative points ending
// at 1, as llama.cpp normalises it; `problem` says why it cannot be used, empty if it can.
struct SplitPoints {
  std::vector<double> points;
  std::string problem;
};

// One device of a memory estimate: its figures, without its name and labels.
struct DeviceFigures {
  bool gpu = false;
  std::uint32_t layer_count = 0;  // repeating + output layers whose weights live here
  std::uint64_t weights_bytes = 0;
  std::uint64_t kv_cache_bytes = 0;
  std::uint64_t compute_bytes = 0;
  std::uint64_t output_bytes = 0;
  std::uint64_t overhead_bytes = 0;

  std::uint64_t total_bytes() const {
    return weights_bytes + kv_cache_bytes + compute_bytes + output_bytes + overhead_bytes;
  }
};

// Layers [begin, end) of 0..L (L = the output layer) on one device: a GPU index, or -1 for the CPU.
struct LayerRun {
  int device = -1;
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
};

// estimate_memory's figures for any layer count and context of one request. The placement search asks
// for them dozens of times per variant, so what depends on neither (the KV types the runtime really uses,
// the tensor split, each GPU's overhead, the weights per layer) is worked out once, and nothing is
// allocated per question. estimate_memory itself is built on it, so the two cannot disagree.
class DeviceSizer {
 public:
  // Keeps references to its arguments. Throws what estimate_memory throws for `request` (usage: no KV
  // type; a quantized V cache without flash attention where the runtime refuses it).
  DeviceSizer(const Model& model, const LayerWeights& weights, const RuntimeProfile& runtime,
              const MemoryRequest& request, const Catalog& catalog);

  // The GPUs in request order, then the CPU, with `gpu_layers` layers offloaded (request.placement
  // otherwise) at `context_tokens`; valid until the next call. Throws Error (usage) for a tensor split
  // that does not match the GPUs when layers are offloaded.
  const std::vector<DeviceFigures>& figures(std::uint32_t gpu_layers, std::uint64_t context_tokens);

  const GgmlType& kv_type_k() const { return *m_kv_k; }
  const GgmlType& kv_type_v() const { return *m_kv_v; }
  const std::vector<std::string>& notes() const { return m_notes; }  // runtime behaviour that changed the request

 private:
  // The compute buffers of every device that runs part of the graph, the GPUs' overheads, and the
  // logits, once the layers are placed in m_devices.
  void add_buffers(std::uint64_t kv_cells);

  const Model& m_model;
  const LayerWeights& m_weights;
  const RuntimeProfile& m_runtime;
  const MemoryRequest& m_request;
  const GgmlType* m_kv_k = nullptr;
  const GgmlType* m_kv_v = nullptr;
  std::vector<std::string> m_notes;
  SplitPoints m_split;
  std::vector<std::optional<std::uint64_t>> m_gpu_overhead;  // per GPU, if the runtime or --headroom says
  std::vector<std::uint64_t> m_block_prefix;   // bytes of blocks 0..b-1, routed experts excluded
  std::vector<std::uint64_t> m_expert_prefix;  // bytes of the routed experts of blocks 0..b-1
  std::vector<LayerRun> m_runs;                // reused by every figures() call
  std::vector<DeviceFigures> m_devices;
};

}  // namespace r1tag::detail
