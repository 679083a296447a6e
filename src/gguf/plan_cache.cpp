#include <r1tag/gguf/plan_cache.hpp>

#include <r1tag/gguf/custom_mix.hpp>

#include <algorithm>

namespace r1tag {

namespace {

bool same(const QuantOptions& a, const QuantOptions& b) { return a.imatrix == b.imatrix && a.rules == b.rules; }

std::vector<std::uint64_t> to_vector(std::span<const std::uint64_t> values) { return {values.begin(), values.end()}; }

}  // namespace

FileSize file_size_of(const PlanRecord& r) {
  FileSize f;
  f.tensor_count = r.tensor_count;
  f.tensor_bytes = r.tensor_bytes;
  f.padding_bytes = r.padding_bytes;
  f.header_bytes = r.header_bytes;
  f.kv_bytes = r.kv_bytes;
  f.tensor_info_bytes = r.tensor_info_bytes;
  f.metadata_bytes = r.metadata_bytes;
  f.total_bytes = r.total_bytes;
  f.parameters = r.parameters;
  f.bits_per_weight = r.bits_per_weight;
  for (const TypeTotalRecord& t : r.histogram) f.histogram.push_back({std::string(t.type), t.tensor_count, t.elements, t.bytes});
  f.rules = r.rules;
  f.metadata_basis = r.metadata_basis;
  LayerWeights& w = f.layers;
  w.block_bytes = to_vector(r.block_bytes);
  w.block_expert_bytes = to_vector(r.block_expert_bytes);
  w.block_parameters = to_vector(r.block_parameters);
  w.block_expert_parameters = to_vector(r.block_expert_parameters);
  w.input_bytes = r.input_bytes;
  w.input_parameters = r.input_parameters;
  w.output_layer_bytes = r.output_layer_bytes;
  w.output_layer_parameters = r.output_layer_parameters;
  w.first_block_bytes = r.first_block_bytes;
  w.first_block_parameters = r.first_block_parameters;
  w.output_is_token_embd = r.output_is_token_embd;
  return f;
}

PlanCache::PlanCache(const Catalog& catalog, std::span<const PlanRecord> precomputed)
    : m_precomputed_catalog(&catalog), m_precomputed(precomputed) {}

const PlanCache::Entry* PlanCache::find(const Key& key) const {
  const auto it = std::find_if(m_entries.begin(), m_entries.end(), [&](const Entry& e) {
    return e.key.model == key.model && e.key.scheme == key.scheme && same(e.key.options, key.options) &&
           e.key.layout == key.layout && e.key.custom_mix_bytes == key.custom_mix_bytes;
  });
  return it == m_entries.end() ? nullptr : &*it;
}

const PlanRecord* PlanCache::precomputed(const Key& key, const Catalog& catalog) const {
  if (&catalog != m_precomputed_catalog) return nullptr;
  // Indices are only meaningful for models and schemes of this catalogue.
  const auto model_index = key.model - catalog.models.data();
  const auto scheme_index = key.scheme - catalog.schemes.data();
  if (model_index < 0 || model_index >= std::ssize(catalog.models)) return nullptr;
  if (scheme_index < 0 || scheme_index >= std::ssize(catalog.schemes)) return nullptr;
  const auto it = std::find_if(m_precomputed.begin(), m_precomputed.end(), [&](const PlanRecord& r) {
    return r.model_index == model_index && r.scheme_index == scheme_index && r.imatrix == key.options.imatrix &&
           r.rules == key.options.rules && r.layout == key.layout && r.custom_mix_bytes == key.custom_mix_bytes;
  });
  return it == m_precomputed.end() ? nullptr : &*it;
}

template <typename Plan>
std::shared_ptr<const FileSize> PlanCache::get(const Key& key, const Catalog& catalog, Plan&& plan) {
  if (const Entry* e = find(key)) return e->plan;
  std::shared_ptr<const FileSize> shared;
  if (const PlanRecord* r = precomputed(key, catalog)) {
    shared = std::make_shared<const FileSize>(file_size_of(*r));
  } else if (std::optional<FileSize> computed = plan()) {
    shared = std::make_shared<const FileSize>(std::move(*computed));
  }
  m_entries.push_back({key, shared});
  return shared;
}

std::shared_ptr<const FileSize> PlanCache::file_size(const Model& model, const QuantScheme& scheme,
                                                     const Catalog& catalog, const QuantOptions& options,
                                                     KvLayout layout) {
  const Key key{&model, &scheme, options, layout, 0};
  return get(key, catalog, [&] { return compute_file_size(model, scheme, catalog, options, layout); });
}

std::shared_ptr<const FileSize> PlanCache::custom_mix(const Model& model, const QuantScheme& scheme,
                                                      std::uint64_t published_bytes, const Catalog& catalog,
                                                      KvLayout layout) {
  const Key key{&model, &scheme, QuantOptions{}, layout, published_bytes};
  return get(key, catalog, [&] { return estimate_custom_mix_plan(model, published_bytes, catalog, layout); });
}

}  // namespace r1tag
