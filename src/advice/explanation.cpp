#include <r1tag/advice/explanation.hpp>

#include <fmt/format.h>

namespace r1tag {

KvLayout kv_layout_of(const Variant& v) {
  if (v.ollama_tag != nullptr && v.tag.dialect == Dialect::ollama) return kv_layout_from(v.ollama_tag->kv_layout);
  if (v.repo != nullptr) return kv_layout_from(v.repo->kv_layout);
  // R1 GGUFs converted before llama.cpp PR #12801 (April 2025) are all legacy.
  return KvLayout::standard;
}

namespace {

// Whether the catalogue says which attention layout this file has (deepseek2 only matters).
bool layout_known(const Variant& v) {
  if (v.ollama_tag != nullptr && v.tag.dialect == Dialect::ollama) return !v.ollama_tag->kv_layout.empty();
  return v.repo != nullptr && !v.repo->kv_layout.empty();
}

// A deepseek2 file the catalogue does not place is computed in the legacy layout; say so, and what the
// MLA layout (llama.cpp PR #12801, April 2025) would weigh instead, since its K/V tensors differ.
void note_assumed_layout(Explanation& e, const Catalog& catalog, PlanCache& plans, const QuantOptions& options) {
  const Variant& v = e.variant;
  if (v.model->architecture != "deepseek2" || layout_known(v) || !e.computed) return;
  const auto mla = plans.file_size(*v.model, *v.scheme, catalog, options, KvLayout::deepseek_mla);
  if (!mla) return;
  const auto diff = static_cast<std::int64_t>(mla->total_bytes) - static_cast<std::int64_t>(e.computed->total_bytes);
  e.variant.notes.push_back(fmt::format(
      "computed in the legacy attention layout (attn_kv_b), as every R1 GGUF converted before llama.cpp PR #12801 "
      "(April 2025); a file converted since, with MLA tensors (attn_k_b, attn_v_b), is {:+.2f} GB ({} bytes in all)",
      static_cast<double>(diff) / 1e9, mla->total_bytes));
}

}  // namespace

Explanation explain_variant(const Variant& variant, const Catalog& catalog, PlanCache& plans) {
  Explanation e;
  e.variant = variant;
  e.kv_layout = kv_layout_of(variant);
  if (variant.scheme != nullptr && !variant.scheme->custom_mix) {
    QuantOptions options;
    options.imatrix = variant.imatrix;
    e.computed = plans.file_size(*variant.model, *variant.scheme, catalog, options, e.kv_layout);
    note_assumed_layout(e, catalog, plans, options);
  }
  // The plan already counted every weight of the same inventory.
  e.parameters = e.computed ? e.computed->parameters : parameter_count(tensor_inventory(*variant.model, e.kv_layout));
  if (variant.ollama_tag != nullptr && variant.tag.dialect == Dialect::ollama && !variant.ollama_tag->size_follows_rules) {
    e.computed_caveat = variant.ollama_tag->size_summary;
    e.computed_caveat_detail = variant.ollama_tag->size_note;
  }
  return e;
}

Explanation explain_variant(const Variant& variant, const Catalog& catalog) {
  PlanCache plans;
  return explain_variant(variant, catalog, plans);
}

BestSize best_size(const Explanation& e) {
  // A file that was read is its own size.
  if (e.file) return {e.file->bytes, "header"};
  const auto& published = e.variant.published;
  // An exact published count is the file itself; otherwise the computed size is finer than a hub's
  // rounded "4.7 GB", unless the file is known not to follow the rules.
  if (published && published->size.exact) return {published->size.bytes, "published"};
  if (e.computed && e.computed_caveat.empty()) return {e.computed->total_bytes, "computed"};
  if (published) return {published->size.bytes, "published"};
  return {};
}

}  // namespace r1tag
