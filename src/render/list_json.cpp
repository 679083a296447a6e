#include "render/list_render.hpp"

#include "render/fit_render.hpp"
#include "render/json_writer.hpp"

namespace r1tag {

namespace {

void write_header_facts(JsonWriter& w, const InstalledModel& m) {
  w.field("readable", m.explanation.has_value());
  w.field("error", null_if_empty(m.unreadable));
  if (!m.explanation) {
    for (const JsonKey key : {JsonKey("architecture"), JsonKey("parameters"), JsonKey("quant"), JsonKey("file_type"),
                              JsonKey("general_name"), JsonKey("model_id"), JsonKey("recognised_by")})
      w.key(key).null();
    return;
  }
  const Explanation& e = *m.explanation;
  const bool known = e.file && !e.file->recognised_by.empty();
  w.field("architecture", e.file ? e.file->architecture : std::string(e.variant.model->architecture));
  w.field("parameters", e.parameters);
  w.field("quant", e.variant.scheme != nullptr ? std::optional<std::string_view>(e.variant.scheme->name) : std::nullopt);
  w.field("file_type", e.file ? e.file->file_type : std::nullopt);
  w.field("general_name", e.file ? null_if_empty(e.file->general_name) : std::nullopt);
  w.field("model_id", known ? std::optional<std::string_view>(e.variant.model->id) : std::nullopt);
  w.field("recognised_by", e.file ? null_if_empty(e.file->recognised_by) : std::nullopt);
}

void write_fit(JsonWriter& w, const InstalledModel& m, const std::optional<Candidate>& fit) {
  w.key("fit").begin_object();
  if (!fit) {
    const bool unknown = !m.explanation || (m.explanation->file && !m.explanation->file->memory_modelled);
    w.key("fits");
    if (unknown) w.null();
    else w.value(false);
    w.end_object();
    return;
  }
  w.field("fits", true);
  w.field("placement", to_string(fit->placement));
  w.field("gpu_layers", fit->fit.estimate.gpu_layers);
  w.field("layer_count", fit->fit.estimate.layer_count);
  w.field("experts_on_cpu", fit->experts_on_cpu);
  w.key("memory");
  write_memory_json(w, fit->fit.estimate);
  w.field("max_context_tokens", fit->fit.max_context_tokens);
  w.end_object();
}

}  // namespace

std::string render_list_json(const ListView& view) {
  JsonWriter w(1024 + view.models.size() * (view.request ? 2048 : 768));
  w.begin_object();
  w.field("schema_version", 1);
  w.key("context_tokens");
  if (view.request) w.value(view.request->context_tokens);
  else w.null();
  w.key("models").begin_array();
  for (std::size_t i = 0; i < view.models.size(); ++i) {
    const InstalledModel& m = view.models[i];
    const InstalledFile& f = m.file;
    w.begin_object();
    w.field("name", f.name);
    w.field("other_names", f.other_names);
    w.field("store", to_string(f.store));
    w.field("store_root", f.store_root);
    w.field("bytes", f.bytes);
    w.field("paths", f.paths);
    w.field("split_count", f.split_count);
    w.field("missing_parts", f.missing_parts);
    write_header_facts(w, m);
    if (view.request) write_fit(w, m, view.fits[i]);
    else w.key("fit").null();
    w.end_object();
  }
  w.end_array();
  w.key("stores").begin_array();
  for (const StoreRoot& r : view.roots) {
    w.begin_object();
    w.field("store", to_string(r.store));
    w.field("path", r.path);
    w.end_object();
  }
  w.end_array();
  w.field("warnings", view.warnings);
  w.end_object();
  return std::move(w).finish();
}

}  // namespace r1tag
