#include <r1tag/gguf/custom_mix.hpp>

#include <cmath>
#include <string>

namespace r1tag {

std::optional<FileSize> estimate_custom_mix_plan(const Model& model, std::uint64_t published_bytes,
                                                 const Catalog& catalog, KvLayout layout) {
  const QuantScheme* base = catalog.find_scheme("Q4_K_M");
  if (base == nullptr) return std::nullopt;
  auto plan = compute_file_size(model, *base, catalog, QuantOptions{}, layout);
  if (!plan) return std::nullopt;
  const bool moe = model.hparams.expert_count > 0;
  // What the mix lowers: the routed experts of a MoE model, every weight matrix of a dense one.
  const auto scaled = [&](const PlannedTensor& t) {
    return moe ? t.tensor.name.find("_exps") != std::string::npos : t.tensor.n_dims >= 2;
  };
  std::uint64_t fixed = plan->metadata_bytes + plan->padding_bytes;
  std::uint64_t scalable = 0;
  for (const PlannedTensor& t : plan->tensors) (scaled(t) ? scalable : fixed) += t.bytes;
  if (published_bytes <= fixed || scalable == 0) return std::nullopt;
  const double factor = static_cast<double>(published_bytes - fixed) / static_cast<double>(scalable);
  std::uint64_t tensor_bytes = 0;
  for (PlannedTensor& t : plan->tensors) {
    if (scaled(t)) t.bytes = static_cast<std::uint64_t>(std::llround(static_cast<double>(t.bytes) * factor));
    tensor_bytes += t.bytes;
  }
  plan->tensor_bytes = tensor_bytes;
  plan->total_bytes = published_bytes;
  plan->layers = layer_weights(model, plan->tensors);
  return plan;
}

}  // namespace r1tag
