#include <r1tag/plan_cache.hpp>

#include <algorithm>

namespace r1tag {

std::shared_ptr<const FileSize> PlanCache::file_size(const Model& model, const QuantScheme& scheme,
                                                     const Catalog& catalog, const QuantOptions& options,
                                                     KvLayout layout) {
  const auto same = [&](const Entry& e) {
    return e.model == &model && e.scheme == &scheme && e.options.imatrix == options.imatrix &&
           e.options.rules == options.rules && e.layout == layout;
  };
  const auto it = std::find_if(m_entries.begin(), m_entries.end(), same);
  if (it != m_entries.end()) return it->plan;
  std::optional<FileSize> plan = compute_file_size(model, scheme, catalog, options, layout);
  std::shared_ptr<const FileSize> shared = plan ? std::make_shared<const FileSize>(std::move(*plan)) : nullptr;
  m_entries.push_back({&model, &scheme, options, layout, shared});
  return shared;
}

}  // namespace r1tag
