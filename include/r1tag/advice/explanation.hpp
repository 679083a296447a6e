// Everything `explain` says about one resolved name, computed before anything is rendered: the
// variant, the model's exact parameter count, and the file size computed tensor by tensor from
// llama.cpp's rules (when the scheme follows them) next to the published one.
#pragma once

#include <r1tag/tables/catalog.hpp>
#include <r1tag/gguf/file_size.hpp>
#include <r1tag/gguf/plan_cache.hpp>
#include <r1tag/names/resolver.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace r1tag {

struct Explanation {
  Variant variant;
  std::uint64_t parameters = 0;  // exact, from the tensor shapes
  KvLayout kv_layout = KvLayout::standard;
  // Null for custom mixes and names without a quant. Shared: aliases of one file share one plan.
  std::shared_ptr<const FileSize> computed;
  std::string computed_caveat;         // one sentence: why the published file differs from the rules, if known
  std::string computed_caveat_detail;  // the investigation behind it, with sources
};

// The deepseek2 attention layout a variant's GGUF has, from the catalogue entry it was found in.
KvLayout kv_layout_of(const Variant& variant);

// Plans come from `plans`, so explaining several names for one file plans it once.
Explanation explain_variant(const Variant& variant, const Catalog& catalog, PlanCache& plans);
Explanation explain_variant(const Variant& variant, const Catalog& catalog);

// The size to show first and where it came from: an exact published byte count (it is the file), else
// the computed size, else a rounded published one. Returns {0, ""} when neither is known.
struct BestSize {
  std::uint64_t bytes = 0;
  std::string basis;  // "published" or "computed"
};
BestSize best_size(const Explanation& e);

}  // namespace r1tag
