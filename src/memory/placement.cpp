// The placement search of memory_estimator.hpp: most GPU layers first, then the longest context.
#include <r1tag/memory/memory_estimator.hpp>

#include "memory/device_sizer.hpp"

#include <algorithm>
#include <optional>

namespace r1tag {

namespace {

bool gpus_fit(const std::vector<detail::DeviceFigures>& devices, const MemoryBudget& budget) {
  for (std::size_t i = 0; i + 1 < devices.size(); ++i) {
    const std::uint64_t gpu_budget = i < budget.gpu_bytes.size() ? budget.gpu_bytes[i] : 0;
    if (devices[i].total_bytes() > gpu_budget) return false;
  }
  return true;
}

bool fits(const std::vector<detail::DeviceFigures>& devices, const MemoryBudget& budget) {
  return gpus_fit(devices, budget) && devices.back().total_bytes() <= budget.ram_bytes;
}

// The most of `most` layers that fit on the GPUs and in RAM at `context_tokens`, or nullopt.
// With one GPU, every layer offloaded adds to the GPU and takes from RAM, so the answer is the largest
// count whose GPU part fits, found by bisection, provided RAM holds the rest then. Across several GPUs
// the split can move a layer from one GPU to another as the count grows, so every count below a bound is
// tried.
std::optional<std::uint32_t> most_layers(detail::DeviceSizer& sizer, std::uint32_t most, std::size_t gpu_count,
                                         std::uint64_t context_tokens, const MemoryBudget& budget) {
  if (gpu_count <= 1) {
    std::uint32_t low = 0;  // zero layers put nothing on the GPU
    std::uint32_t high = most;
    while (low < high) {
      const std::uint32_t mid = low + (high - low + 1) / 2;
      if (gpus_fit(sizer.figures(mid, context_tokens), budget)) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    if (fits(sizer.figures(low, context_tokens), budget)) return low;
    return std::nullopt;
  }
  if (fits(sizer.figures(most, context_tokens), budget)) return most;
  // Each added layer only adds weights and KV cache to the GPUs as a whole, so the most layers whose weights
  // and KV alone fit all the GPUs together, found by bisection, bound the search from above.
  std::uint64_t total_budget = 0;
  for (const std::uint64_t b : budget.gpu_bytes) total_budget += b;
  const auto layers_fit_together = [&](std::uint32_t n) {
    const std::vector<detail::DeviceFigures>& devices = sizer.figures(n, context_tokens);
    std::uint64_t bytes = 0;
    for (std::size_t i = 0; i + 1 < devices.size(); ++i) bytes += devices[i].weights_bytes + devices[i].kv_cache_bytes;
    return bytes <= total_budget;
  };
  std::uint32_t low = 0;
  std::uint32_t high = most;
  while (low < high) {
    const std::uint32_t mid = low + (high - low + 1) / 2;
    if (layers_fit_together(mid)) {
      low = mid;
    } else {
      high = mid - 1;
    }
  }
  for (std::uint32_t n = low + 1; n-- > 0;)
    if (fits(sizer.figures(n, context_tokens), budget)) return n;
  return std::nullopt;
}

// The largest context, in whole padding steps up to the trained context, that still fits `gpu_layers`
// layers on the GPUs. Memory grows with the context, so a binary search over padding steps finds it.
std::uint64_t max_context(const Model& model, const RuntimeProfile& runtime, std::uint32_t gpu_layers,
                          detail::DeviceSizer& sizer, const MemoryBudget& budget) {
  const std::uint64_t step = std::max<std::uint64_t>(runtime.kv_padding_tokens.value, 1);
  std::uint64_t low = 0;  // steps known to fit
  std::uint64_t high = model.hparams.context_length / step;
  while (low < high) {
    const std::uint64_t mid = low + (high - low + 1) / 2;
    if (fits(sizer.figures(gpu_layers, mid * step), budget)) {
      low = mid;
    } else {
      high = mid - 1;
    }
  }
  return low * step;
}

}  // namespace

std::optional<PlacementFit> fit_placement(const Model& model, const std::vector<PlannedTensor>& tensors,
                                          const RuntimeProfile& runtime, const MemoryRequest& request,
                                          const MemoryBudget& budget, const Catalog& catalog) {
  return fit_placement(model, layer_weights(model, tensors), runtime, request, budget, catalog);
}

std::optional<PlacementFit> fit_placement(const Model& model, const LayerWeights& weights,
                                          const RuntimeProfile& runtime, const MemoryRequest& request,
                                          const MemoryBudget& budget, const Catalog& catalog) {
  MemoryRequest trial = request;
  // llama.cpp's default split is proportional to each GPU's free memory.
  if (trial.placement.tensor_split.empty() && !budget.gpu_bytes.empty()) {
    for (const std::uint64_t bytes : budget.gpu_bytes) trial.placement.tensor_split.push_back(static_cast<double>(bytes));
  }
  // The search compares bare figures; the labelled estimate is made once, for the placement chosen.
  detail::DeviceSizer sizer(model, weights, runtime, trial, catalog);
  const std::uint32_t all_layers = model.hparams.block_count + 1;
  const std::uint32_t most = trial.gpus.empty() ? 0 : all_layers;
  const std::optional<std::uint32_t> n = most_layers(sizer, most, trial.gpus.size(), trial.context_tokens, budget);
  if (!n) return std::nullopt;
  trial.placement.gpu_layers = *n;
  PlacementFit fit{trial.placement, estimate_memory(model, weights, runtime, trial, catalog), 0};
  fit.max_context_tokens = max_context(model, runtime, *n, sizer, budget);
  return fit;
}

std::optional<PlacementFit> fit_moe_offload(const Model& model, const std::vector<PlannedTensor>& tensors,
                                            const RuntimeProfile& runtime, const MemoryRequest& request,
                                            const MemoryBudget& budget, const Catalog& catalog) {
  return fit_moe_offload(model, layer_weights(model, tensors), runtime, request, budget, catalog);
}

std::optional<PlacementFit> fit_moe_offload(const Model& model, const LayerWeights& weights,
                                            const RuntimeProfile& runtime, const MemoryRequest& request,
                                            const MemoryBudget& budget, const Catalog& catalog) {
  MemoryRequest moe = request;
  moe.placement.cpu_moe_layers = model.hparams.block_count;  // -ot "exps=CPU": every block's routed experts
  return fit_placement(model, weights, runtime, moe, budget, catalog);
}

}  // namespace r1tag
