// Plans (compute_file_size results) kept for one command. `explain` of several aliases of one file, or
// several questions about one variant, would otherwise plan the same file tensor by tensor again. The
// caller owns the cache for the length of one command; it is not shared between threads.
#pragma once

#include <r1tag/catalog.hpp>
#include <r1tag/file_size.hpp>
#include <r1tag/quant_rules.hpp>
#include <r1tag/tensor_inventory.hpp>

#include <memory>
#include <vector>

namespace r1tag {

class PlanCache {
 public:
  // compute_file_size(model, scheme, catalog, options, layout), computed on first use; nullptr where that
  // gives nullopt (custom mixes). Entries are told apart by the identity of `model` and `scheme`, so one
  // cache serves one catalogue.
  std::shared_ptr<const FileSize> file_size(const Model& model, const QuantScheme& scheme, const Catalog& catalog,
                                            const QuantOptions& options, KvLayout layout);

 private:
  struct Entry {
    const Model* model;
    const QuantScheme* scheme;
    QuantOptions options;
    KvLayout layout;
    std::shared_ptr<const FileSize> plan;
  };
  std::vector<Entry> m_entries;
};

}  // namespace r1tag
