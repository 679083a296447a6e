// How fast a placed variant runs: decode tokens per second from the bytes each token reads on each device
// and that device's memory bandwidth (decode is memory-bound), and a rough compute-bound prompt speed where
// the catalogue knows the GPUs' fp16 TFLOPS. Always a range, with its basis, calibrated on the published
// measurements in data/speed_measurements.json (efficiencies in data/speed_calibration.json).
#pragma once

#include <r1tag/tables/catalog.hpp>
#include <r1tag/gguf/file_size.hpp>
#include <r1tag/memory/memory_estimator.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace r1tag {

// The hardware behind a MemoryRequest: the catalogue device of each of request.gpus (same order; an
// Apple chip for Metal), and the CPU platform whose RAM holds what no GPU holds (nullptr: the
// catalogue's default host, named in the basis). With an Apple chip, "RAM" is the same unified memory.
struct SpeedHardware {
  std::vector<const Device*> gpus;
  const Device* host = nullptr;
};

// How a run was made, beyond its hardware and placement. The defaults are what r1tag's own estimates
// assume: llama.cpp's default thread count (all cores, so the RAM part is bandwidth-bound) and current
// llama.cpp. The bench sets them from a published measurement.
struct SpeedConditions {
  std::optional<std::uint32_t> cpu_threads;  // --threads; nullopt: all cores, not modelled as compute-bound
  std::string cpu_weight_type;               // ggml type of most weights (the scheme's default_type)
  std::string llama_cpp_date;                // "YYYY-MM[-DD]" of the llama.cpp code; "": current
};

// What one device reads per decoded token.
struct DeviceRead {
  std::string name;  // the catalogue device ("NVIDIA GeForce RTX 3090"), or the host platform
  std::string kind;  // the efficiency applied: "gpu", "apple", "cpu"
  double bandwidth_gbps = 0;
  std::uint32_t layer_count = 0;            // layers (blocks, output) with weights read here
  std::uint64_t weights_read_bytes = 0;     // per token
  std::uint64_t kv_cache_read_bytes = 0;    // per token, at the context fill of the low end
};

struct SpeedEstimate {
  double decode_low_tokens_per_second = 0;   // low efficiency, context half full
  double decode_high_tokens_per_second = 0;  // high efficiency, context nearly empty
  std::optional<double> prompt_low_tokens_per_second;  // nullopt: no compute figure, or not all on GPUs
  std::optional<double> prompt_high_tokens_per_second;
  std::uint64_t weights_read_bytes = 0;   // per decoded token, all devices
  std::uint64_t kv_cache_read_bytes = 0;  // per decoded token at kv_fill_tokens
  std::uint64_t bytes_per_token = 0;      // weights + KV cache, at the low end
  std::uint64_t kv_fill_tokens = 0;       // tokens in the context assumed for the low end
  std::uint64_t active_parameters = 0;    // weights multiplied per token (MoE: 8 of 256 routed experts)
  // Per-token seconds not spent reading memory at the low and high end: per-layer latency, plus an older
  // llama.cpp's GPU MoE cost and the CPU threads' compute bound when SpeedConditions call for them.
  double fixed_seconds_low = 0;
  double fixed_seconds_high = 0;
  std::vector<DeviceRead> devices;        // devices that read anything, GPUs first
  // "bandwidth-bound: 8.5 GB read per token at 1008 GB/s (NVIDIA GeForce RTX 4090) x 0.50-0.85
  // + 49 layers x 0.01-0.05 ms; ..."
  std::string basis;
  std::string prompt_basis;  // the compute basis, or why there is no prompt figure
};

// The speed of `weights` (the plan of `model`, FileSize::layers) placed by `request` on `runtime` (the same request
// estimate_memory takes: its placement, GPUs, KV layout and types, and request.context_tokens as the
// context the user runs), on `hardware`, calibrated by catalog.speed_calibration.
// Decode: every token reads the weights active for it once (dense: every block and the output matrix,
// not token_embd, which is a row lookup; MoE: expert_used_count of expert_count routed experts), plus the
// KV cache of the tokens in the context; time per token adds up over the devices that hold them, each at
// its bandwidth times its kind's efficiency. The high end assumes an almost
// empty context (the published measurements' condition); the low end half of request.context_tokens,
// which is the average over a generation that fills the context (R1 writes long reasoning).
// Each device also adds a fixed latency per layer it holds (kernel dispatch, synchronisation, the runtime's
// per-token work; data/speed_calibration.json layer_latency_ms), which dominates small models on wide GPUs.
// With conditions.cpu_threads, the RAM part takes at least its parameters / (threads x the per-thread rate
// of conditions.cpu_weight_type) when that type has one (grid-based i-quants). With a
// conditions.llama_cpp_date before legacy_gpu_moe.before_date, each MoE layer on a CUDA/ROCm GPU adds
// expert_used_count x legacy_gpu_moe's cost (llama.cpp's MoE path before ggml-org/llama.cpp#13014).
// Prompt: 2 x active parameters FLOPs per token at fp16_tflops x efficiency, only when every layer is on
// GPUs whose kind of fp16 figure (shader or tensor) has a calibration.
// Throws Error (usage) when hardware.gpus does not match request.gpus, Error (bad_data) when the
// calibration lacks a device kind or the default host.
SpeedEstimate estimate_speed(const Model& model, const LayerWeights& weights, const RuntimeProfile& runtime,
                             const MemoryRequest& request, const SpeedHardware& hardware, const Catalog& catalog,
                             const SpeedConditions& conditions = {});

}  // namespace r1tag
