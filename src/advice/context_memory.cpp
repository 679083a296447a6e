#include <r1tag/advice/context_memory.hpp>

#include <r1tag/common/error.hpp>

#include <fmt/format.h>

namespace r1tag {

namespace {

// The most GPU layers that fit; for a MoE model that does not fit whole, routed experts in RAM if that
// offloads more (llama.cpp's -ot exps=CPU). Without --ram only a full-GPU placement counts.
std::optional<PlacementFit> place(const Model& model, const LayerWeights& weights,
                                  const RuntimeProfile& runtime, const MemoryRequest& request,
                                  const MemoryQuestion& q, const Catalog& catalog, bool& experts_on_cpu) {
  auto fit = fit_placement(model, weights, runtime, request, *q.budget, catalog);
  const auto all_layers = [](const PlacementFit& f) { return f.estimate.gpu_layers >= f.estimate.layer_count; };
  if ((!fit || !all_layers(*fit)) && model.hparams.expert_count > 0 && !q.gpus.empty()) {
    auto moe = fit_moe_offload(model, weights, runtime, request, *q.budget, catalog);
    if (moe && (!fit || moe->estimate.gpu_layers > fit->estimate.gpu_layers)) {
      experts_on_cpu = true;
      fit = std::move(moe);
    }
  }
  const bool spills = fit && (experts_on_cpu || !all_layers(*fit));
  if (fit && spills && !q.ram_known && !q.gpus.empty()) return std::nullopt;
  return fit;
}

}  // namespace

std::vector<ContextMemory> memory_by_context(const Explanation& e, const MemoryQuestion& q, const Catalog& catalog) {
  std::vector<ContextMemory> out;
  if (!e.computed || (e.file && !e.file->memory_modelled)) return out;
  const RuntimeProfile* runtime = find_runtime(catalog, q.runtime);
  if (runtime == nullptr) throw Error::usage(fmt::format("unknown runtime '{}'", q.runtime), "use llama.cpp or ollama");
  const GgmlType* kv_type = catalog.find_type(q.kv_cache_type);
  if (kv_type == nullptr) throw Error::usage(fmt::format("unknown KV cache type '{}'", q.kv_cache_type));
  const Model& model = *e.variant.model;
  for (const std::uint64_t context : q.context_tokens) {
    if (context > model.hparams.context_length) continue;
    MemoryRequest request = default_memory_request(catalog, *runtime, context);
    request.kv_layout = e.kv_layout;
    request.kv_cache_type_k = kv_type;
    request.kv_cache_type_v = kv_type;
    request.flash_attention = q.flash_attention;
    if (!q.budget) {
      request.gpus = {GpuDevice{"GPU0", "cuda"}};
      request.placement.gpu_layers = model.hparams.block_count + 1;
      ContextMemory row;
      row.context_tokens = context;
      row.memory = estimate_memory(model, e.computed->layers, *runtime, request, catalog);
      out.push_back(std::move(row));
      continue;
    }
    request.gpus = q.gpus;
    ContextMemory row;
    row.context_tokens = context;
    const auto fit = place(model, e.computed->layers, *runtime, request, q, catalog, row.experts_on_cpu);
    if (!fit) {
      // Show what it would need with every layer on the GPUs, and say it does not fit.
      request.placement.gpu_layers = model.hparams.block_count + 1;
      row.memory = estimate_memory(model, e.computed->layers, *runtime, request, catalog);
      row.fits = false;
      out.push_back(std::move(row));
      continue;
    }
    row.memory = fit->estimate;
    if (q.speed_hardware) {
      request.placement = fit->placement;
      row.speed = estimate_speed(model, e.computed->layers, *runtime, request, *q.speed_hardware, catalog);
    }
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace r1tag
