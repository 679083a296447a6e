// Plans (compute_file_size results) kept for one command. `explain` of several aliases of one file, or
// several questions about one variant, would otherwise plan the same file tensor by tensor again. Seeded
// with the plans computed at build time for the embedded catalogue (plan_table.hpp), it plans nothing at
// run time for a variant the catalogue lists. The caller owns the cache for the length of one command; it
// is not shared between threads.
#pragma once

#include <r1tag/tables/catalog.hpp>
#include <r1tag/gguf/file_size.hpp>
#include <r1tag/gguf/plan_table.hpp>
#include <r1tag/gguf/quant_rules.hpp>
#include <r1tag/gguf/tensor_inventory.hpp>

#include <memory>
#include <span>
#include <vector>

namespace r1tag {

class PlanCache {
 public:
  // Plans everything itself: every plan has its tensor list.
  PlanCache() = default;
  // Takes `precomputed` (plans of `catalog`, keyed by its model and scheme indices) where they apply; those
  // plans have no tensor list (FileSize::tensor_count still counts the tensors).
  PlanCache(const Catalog& catalog, std::span<const PlanRecord> precomputed);

  // compute_file_size(model, scheme, catalog, options, layout), computed on first use; nullptr where that
  // gives nullopt (custom mixes). Entries are told apart by the identity of `model` and `scheme`, so one
  // cache serves one catalogue.
  std::shared_ptr<const FileSize> file_size(const Model& model, const QuantScheme& scheme, const Catalog& catalog,
                                            const QuantOptions& options, KvLayout layout);

  // estimate_custom_mix_plan(model, published_bytes, catalog, layout) for the custom mix `scheme`.
  std::shared_ptr<const FileSize> custom_mix(const Model& model, const QuantScheme& scheme,
                                             std::uint64_t published_bytes, const Catalog& catalog, KvLayout layout);

 private:
  struct Key {
    const Model* model;
    const QuantScheme* scheme;
    QuantOptions options;
    KvLayout layout;
    std::uint64_t custom_mix_bytes;
  };
  struct Entry {
    Key key;
    std::shared_ptr<const FileSize> plan;
  };
  const Entry* find(const Key& key) const;
  const PlanRecord* precomputed(const Key& key, const Catalog& catalog) const;
  template <typename Plan>
  std::shared_ptr<const FileSize> get(const Key& key, const Catalog& catalog, Plan&& plan);

  const Catalog* m_precomputed_catalog = nullptr;
  std::span<const PlanRecord> m_precomputed;
  std::vector<Entry> m_entries;
};

}  // namespace r1tag
