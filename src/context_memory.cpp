#include <r1tag/context_memory.hpp>

#include <r1tag/error.hpp>

#include <fmt/format.h>

namespace r1tag {

std::vector<ContextMemory> memory_by_context(const Explanation& e, const MemoryQuestion& q, const Catalog& catalog) {
  std::vector<ContextMemory> out;
  if (!e.computed) return out;
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
    request.gpus = {GpuDevice{"GPU0", "cuda"}};
    request.placement.gpu_layers = model.hparams.block_count + 1;
    out.push_back({context, estimate_memory(model, e.computed->tensors, *runtime, request, catalog)});
  }
  return out;
}

}  // namespace r1tag
