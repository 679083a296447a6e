// The placement search of memory_estimator.hpp: most GPU layers first, then the longest context.
#include <r1tag/memory_estimator.hpp>

#include <algorithm>

namespace r1tag {

namespace {

bool fits(const MemoryEstimate& e, const MemoryBudget& budget) {
  for (std::size_t i = 0; i + 1 < e.devices.size(); ++i) {
    const std::uint64_t gpu_budget = i < budget.gpu_bytes.size() ? budget.gpu_bytes[i] : 0;
    if (e.devices[i].total_bytes > gpu_budget) return false;
  }
  return e.devices.back().total_bytes <= budget.ram_bytes;
}

// The largest context, in whole padding steps up to the trained context, that still fits `request`'s
// placement. Memory grows with the context, so a binary search over padding steps finds it.
std::uint64_t max_context(const Model& model, const std::vector<PlannedTensor>& tensors, const RuntimeProfile& runtime,
                          MemoryRequest request, const MemoryBudget& budget, const Catalog& catalog) {
  const std::uint64_t step = std::max<std::uint64_t>(runtime.kv_padding_tokens.value, 1);
  std::uint64_t low = 0;  // steps known to fit
  std::uint64_t high = model.hparams.context_length / step;
  while (low < high) {
    const std::uint64_t mid = low + (high - low + 1) / 2;
    request.context_tokens = mid * step;
    if (fits(estimate_memory(model, tensors, runtime, request, catalog), budget)) {
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
  MemoryRequest trial = request;
  // llama.cpp's default split is proportional to each GPU's free memory.
  if (trial.placement.tensor_split.empty() && !budget.gpu_bytes.empty()) {
    for (const std::uint64_t bytes : budget.gpu_bytes) trial.placement.tensor_split.push_back(static_cast<double>(bytes));
  }
  const std::uint32_t all_layers = model.hparams.block_count + 1;
  const std::uint32_t most = trial.gpus.empty() ? 0 : all_layers;
  for (std::uint32_t n = most + 1; n-- > 0;) {
    trial.placement.gpu_layers = n;
    MemoryEstimate e = estimate_memory(model, tensors, runtime, trial, catalog);
    if (!fits(e, budget)) continue;
    PlacementFit fit{trial.placement, std::move(e), 0};
    fit.max_context_tokens = max_context(model, tensors, runtime, trial, budget, catalog);
    return fit;
  }
  return std::nullopt;
}

std::optional<PlacementFit> fit_moe_offload(const Model& model, const std::vector<PlannedTensor>& tensors,
                                            const RuntimeProfile& runtime, const MemoryRequest& request,
                                            const MemoryBudget& budget, const Catalog& catalog) {
  MemoryRequest moe = request;
  moe.placement.cpu_moe_layers = model.hparams.block_count;  // -ot "exps=CPU": every block's routed experts
  return fit_placement(model, tensors, runtime, moe, budget, catalog);
}

}  // namespace r1tag
