#include "render/explain_render.hpp"

#include <r1tag/quant_quality.hpp>

#include "render/fit_render.hpp"

#include <nlohmann/json.hpp>

namespace r1tag {

namespace {

using json = nlohmann::ordered_json;

json published_json(const PublishedFile& p) {
  json j;
  j["bytes"] = p.size.bytes;
  j["exact"] = p.size.exact;
  j["shown"] = p.size.exact ? json(nullptr) : json(p.size.shown);
  j["where"] = p.where;
  j["source"] = p.size.source;
  return j;
}

json model_json(const Model& m, std::uint64_t parameters) {
  json j;
  j["id"] = m.id;
  j["parameters"] = parameters;
  j["parameters_printed"] = m.parameters_printed;
  j["active_parameters_printed"] = m.active_parameters_printed.empty() ? json(nullptr) : json(m.active_parameters_printed);
  j["architecture"] = m.architecture;
  j["base_model"] = m.base_model;
  j["distilled"] = m.distilled();
  j["teacher"] = m.teacher.empty() ? json(nullptr) : json(m.teacher);
  j["context_length"] = m.hparams.context_length;
  j["block_count"] = m.hparams.block_count;
  j["license"] = m.license;
  j["benchmarks"] = json::array();
  for (const Benchmark& s : m.benchmarks) j["benchmarks"].push_back(json{{"name", s.name}, {"value", s.value}, {"source", s.source}});
  j["hf_repo"] = m.hf_repo;
  j["source"] = m.source;
  return j;
}

json quality_json(const QualityFigure& q) {
  return json{{"metric", q.metric}, {"value", q.value},  {"model", q.model}, {"by", q.by},
              {"dataset", q.dataset}, {"note", q.note}, {"source", q.source}};
}

json quant_json(const QuantScheme& s, const Catalog& c) {
  json j;
  j["scheme"] = s.name;
  j["kind"] = s.kind;
  j["ftype_id"] = s.ftype_id ? json(*s.ftype_id) : json(nullptr);
  j["default_type"] = s.default_type;
  if (const GgmlType* t = c.find_type(s.default_type)) {
    j["block_size"] = t->block_size;
    j["block_bytes"] = t->type_size_bytes;
  }
  j["custom_mix"] = s.custom_mix;
  j["publisher"] = s.publisher.empty() ? json(nullptr) : json(s.publisher);
  j["meaning"] = s.meaning;
  const QualityVerdict verdict = quality_verdict(s, c);
  j["loss"] = to_string(verdict.loss);
  j["loss_basis"] = verdict.basis;
  j["quality"] = json::array();
  for (const QualityFigure& q : s.quality) j["quality"].push_back(quality_json(q));
  return j;
}

json shape_json(const TensorInfo& t) {
  json shape = json::array();
  for (std::uint32_t d = 0; d < t.n_dims; ++d) shape.push_back(t.ne[d]);
  return shape;
}

json file_json(const Explanation& e) {
  const Variant& v = e.variant;
  const BestSize best = best_size(e);
  json file;
  file["bytes"] = best.basis.empty() ? json(nullptr) : json(best.bytes);
  file["basis"] = best.basis.empty() ? json(nullptr) : json(best.basis);
  file["computed_bytes"] = e.computed ? json(e.computed->total_bytes) : json(nullptr);
  file["published_bytes"] = v.published ? json(v.published->size.bytes) : json(nullptr);
  file["published"] = v.published ? published_json(*v.published) : json(nullptr);
  if (e.computed) {
    const FileSize& f = *e.computed;
    file["computed"] = json{{"tensor_bytes", f.tensor_bytes},
                            {"metadata_bytes", f.metadata_bytes},
                            {"metadata_estimated_bytes", f.kv_bytes},
                            {"padding_bytes", f.padding_bytes},
                            {"tensor_count", f.tensor_count},
                            {"rules", std::string(rule_set_label(f.rules))},
                            {"metadata_basis", f.metadata_basis}};
    json histogram = json::array();
    for (const TypeTotal& t : f.histogram)
      histogram.push_back(json{{"type", t.type}, {"tensors", t.tensor_count}, {"elements", t.elements}, {"bytes", t.bytes}});
    file["computed"]["types"] = histogram;
  } else {
    file["computed"] = nullptr;
  }
  file["computed_caveat"] = e.computed_caveat.empty() ? json(nullptr) : json(e.computed_caveat);
  file["computed_caveat_detail"] = e.computed_caveat_detail.empty() ? json(nullptr) : json(e.computed_caveat_detail);
  return file;
}

json tensors_json(const FileSize& f) {
  json list = json::array();
  for (const PlannedTensor& t : f.tensors)
    list.push_back(json{{"name", t.tensor.name}, {"shape", shape_json(t.tensor)}, {"type", t.type->name}, {"bytes", t.bytes}});
  return list;
}

json speed_json(const std::optional<SpeedEstimate>& s) {
  // Same shape as fit's: the numbers are null and `basis` says why when the bandwidth is unknown.
  if (!s) return json{{"decode_low", nullptr}, {"decode_high", nullptr}, {"prompt_low", nullptr}, {"prompt_high", nullptr},
                      {"basis", "no speed estimate: give the GPU by name (--gpu) so its bandwidth is known"}};
  return json{{"decode_low", s->decode_low_tokens_per_second},
              {"decode_high", s->decode_high_tokens_per_second},
              {"prompt_low", s->prompt_low_tokens_per_second ? json(*s->prompt_low_tokens_per_second) : json(nullptr)},
              {"prompt_high", s->prompt_high_tokens_per_second ? json(*s->prompt_high_tokens_per_second) : json(nullptr)},
              {"basis", s->basis},
              {"estimated", true}};
}

json result_json(const ExplainOutcome& o, const Catalog& c, const ExplainRenderOptions& options) {
  json j;
  j["input"] = o.input;
  j["ok"] = o.explanation.has_value();
  if (!o.explanation) {
    j["error"] = json{{"message", o.error->what()},
                      {"hint", o.error->hint().empty() ? json(nullptr) : json(o.error->hint())},
                      {"exit_code", static_cast<int>(o.error->code())}};
    return j;
  }
  const Explanation& e = *o.explanation;
  const Variant& v = e.variant;
  j["dialect"] = to_string(v.tag.dialect);
  j["model"] = model_json(*v.model, e.parameters);
  j["quant"] = v.scheme ? quant_json(*v.scheme, c) : json(nullptr);
  if (v.scheme) j["quant"]["bits_per_weight"] = e.computed ? json(e.computed->bits_per_weight) : json(nullptr);
  if (v.tag.shard) {
    j["shard"] = json{{"index", v.tag.shard->index},
                      {"count", v.tag.shard->count},
                      {"kind", v.tag.shard->kind == ShardKind::gguf_split ? "gguf_split" : "byte_part"}};
  } else {
    j["shard"] = nullptr;
  }
  j["ollama_tag"] = v.ollama_tag ? json(c.ollama_library + ":" + v.ollama_tag->tag) : json(nullptr);
  if (v.repo != nullptr) {
    j["huggingface"] = json{{"repo", v.repo->repo},
                            {"file", v.file ? json(v.file->path) : json(nullptr)},
                            {"shards", v.file ? json(v.file->shards) : json(nullptr)}};
  } else {
    j["huggingface"] = nullptr;
  }
  j["file"] = file_json(e);
  j["imatrix"] = v.imatrix;
  j["notes"] = v.notes;
  j["unplaced"] = v.tag.unplaced;
  j["memory"] = o.memory.empty() ? json(nullptr) : memory_json(o.memory.front().memory);
  j["memory_assumes"] = json{{"placement", options.memory_question.budget ? "placed on the given hardware" : "all layers on one GPU"},
                             {"kv_cache_type", options.memory_question.kv_cache_type},
                             {"flash_attention", options.memory_question.flash_attention},
                             {"runtime", options.memory_question.runtime}};
  j["memory_by_context"] = json::array();
  for (const ContextMemory& m : o.memory)
    j["memory_by_context"].push_back(json{{"context_tokens", m.context_tokens},
                                          {"fits", m.fits},
                                          {"gpu_layers", m.memory.gpu_layers},
                                          {"layer_count", m.memory.layer_count},
                                          {"experts_on_cpu", m.experts_on_cpu},
                                          {"memory", memory_json(m.memory)},
                                          {"tokens_per_second", speed_json(m.speed)}});
  if (options.memory_question.budget) {
    j["tokens_per_second"] = o.memory.empty() ? speed_json(std::nullopt) : speed_json(o.memory.front().speed);
  }
  if (options.tensors) j["tensors"] = e.computed ? tensors_json(*e.computed) : json::array();
  return j;
}

}  // namespace

std::string render_explain_json(const std::vector<ExplainOutcome>& outcomes, const Catalog& catalog,
                                const ExplainRenderOptions& options) {
  json doc;
  doc["schema_version"] = 1;
  doc["results"] = json::array();
  for (const ExplainOutcome& o : outcomes) doc["results"].push_back(result_json(o, catalog, options));
  // Inputs come from the command line and may hold invalid UTF-8; replace it rather than fail.
  return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace r1tag
