#include "render/explain_render.hpp"

#include <fmt/format.h>

#include <r1tag/advice/quant_quality.hpp>

#include "render/fit_render.hpp"
#include "render/json_writer.hpp"
#include "render/system_render.hpp"
#include "render/remote_render.hpp"

#include <algorithm>

namespace r1tag {

namespace {

// One result without --tensors is ~12 KB (most of it the memory objects); a tensor ~190 bytes.
constexpr std::size_t k_result_bytes = 16 * 1024;
constexpr std::size_t k_tensor_bytes = 192;

void write_published(JsonWriter& w, const PublishedFile& p) {
  w.begin_object();
  w.field("bytes", p.size.bytes);
  w.field("exact", p.size.exact);
  w.key("shown");
  if (p.size.exact) w.null();
  else w.value(p.size.shown);
  w.field("where", p.where);
  w.field("source", p.size.source);
  w.end_object();
}

void write_model(JsonWriter& w, const Model& m, std::uint64_t parameters) {
  w.begin_object();
  w.field("id", m.id);
  w.field("parameters", parameters);
  w.field("parameters_printed", m.parameters_printed);
  w.field("active_parameters_printed", null_if_empty(m.active_parameters_printed));
  w.field("architecture", m.architecture);
  w.field("base_model", null_if_empty(m.base_model));
  w.field("distilled", m.distilled());
  w.field("teacher", null_if_empty(m.teacher));
  w.field("context_length", m.hparams.context_length);
  w.field("block_count", m.hparams.block_count);
  w.field("license", null_if_empty(m.license));
  w.key("benchmarks").begin_array();
  for (const Benchmark& s : m.benchmarks)
    w.begin_object().field("name", s.name).field("value", s.value).field("source", s.source).end_object();
  w.end_array();
  w.field("hf_repo", null_if_empty(m.hf_repo));
  w.field("source", m.source);
  w.end_object();
}

void write_quality(JsonWriter& w, const QualityFigure& q) {
  w.begin_object();
  w.field("metric", q.metric);
  w.field("value", q.value);
  w.field("model", q.model);
  w.field("by", q.by);
  w.field("dataset", q.dataset);
  w.field("note", q.note);
  w.field("source", q.source);
  w.end_object();
}

// The blocks that repeat across the results of one command (35 ollama names hold 9 models and 12
// schemes): a model's description, a scheme's published quality figures. Each is written once, at the
// depth it has in every result, and copied after that.
class RepeatedBlocks {
 public:
  void model(JsonWriter& w, const Model& m, std::uint64_t parameters) {
    const auto same = [&](const ModelBlock& b) { return b.model == &m && b.parameters == parameters; };
    auto it = std::find_if(m_models.begin(), m_models.end(), same);
    if (it == m_models.end()) {
      JsonWriter block = JsonWriter::for_member_of(w);
      write_model(block, m, parameters);
      it = m_models.insert(m_models.end(), {&m, parameters, std::move(block).value_text()});
    }
    w.raw(it->text);
  }

  void quality(JsonWriter& w, const QuantScheme& s) {
    auto it = std::find_if(m_quality.begin(), m_quality.end(), [&](const QualityBlock& b) { return b.scheme == &s; });
    if (it == m_quality.end()) {
      JsonWriter block = JsonWriter::for_member_of(w);
      block.begin_array();
      for (const QualityFigure& q : s.quality) write_quality(block, q);
      block.end_array();
      it = m_quality.insert(m_quality.end(), {&s, std::move(block).value_text()});
    }
    w.raw(it->text);
  }

 private:
  struct ModelBlock {
    const Model* model;
    std::uint64_t parameters;
    std::string text;
  };
  struct QualityBlock {
    const QuantScheme* scheme;
    std::string text;
  };
  std::vector<ModelBlock> m_models;
  std::vector<QualityBlock> m_quality;
};

void write_quant(JsonWriter& w, const QuantScheme& s, const Catalog& c, const Explanation& e,
                 RepeatedBlocks& blocks) {
  w.begin_object();
  w.field("scheme", s.name);
  w.field("kind", s.kind);
  w.field("ftype_id", s.ftype_id);
  w.field("default_type", s.default_type);
  if (const GgmlType* t = c.find_type(s.default_type)) {
    w.field("block_size", t->block_size);
    w.field("block_bytes", t->type_size_bytes);
  }
  w.field("custom_mix", s.custom_mix);
  w.field("publisher", null_if_empty(s.publisher));
  w.field("meaning", s.meaning);
  const QualityVerdict verdict = quality_verdict(s, c);
  w.field("loss", to_string(verdict.loss));
  w.field("loss_basis", verdict.basis);
  w.key("quality");
  blocks.quality(w, s);
  w.key("bits_per_weight");
  if (e.computed) w.value(e.computed->bits_per_weight);
  else w.null();
  w.end_object();
}

// The hyperparameters read from a header, named like the GGUF keys (Hyperparameters).
void write_hyperparameters(JsonWriter& w, const Hyperparameters& h) {
  w.begin_object();
  w.field("block_count", h.block_count);
  w.field("context_length", h.context_length);
  w.field("embedding_length", h.embedding_length);
  w.field("feed_forward_length", h.feed_forward_length);
  w.field("head_count", h.head_count);
  w.field("head_count_kv", h.head_count_kv);
  w.field("key_length", h.key_length);
  w.field("value_length", h.value_length);
  w.field("vocab_size", h.vocab_size);
  w.field("expert_count", h.expert_count);
  w.field("expert_used_count", h.expert_used_count);
  w.end_object();
}

// What was read from the file: where it came from, its parts and what its header names.
void write_header_facts(JsonWriter& w, const FileFacts& f, const Model& model) {
  w.begin_object();
  w.field("origin", f.origin.kind);
  w.key("parts").begin_array();
  for (std::size_t i = 0; i < f.part_bytes.size(); ++i) {
    w.begin_object();
    w.field("path", i < f.origin.paths.size() ? f.origin.paths[i] : f.origin.display_name);
    w.field("bytes", f.part_bytes[i]);
    w.end_object();
  }
  w.end_array();
  w.field("gguf_version", f.version);
  w.field("general_name", null_if_empty(f.general_name));
  w.field("basename", null_if_empty(f.basename));
  w.field("size_label", null_if_empty(f.size_label));
  w.field("architecture", f.architecture);
  w.key("file_type");
  if (f.file_type) w.value(*f.file_type);
  else w.null();
  w.field("file_type_scheme", null_if_empty(f.file_type_scheme));
  w.field("catalogue_model", null_if_empty(f.recognised_by.empty() ? std::string_view() : model.id));
  w.field("recognised_by", null_if_empty(f.recognised_by));
  w.key("hyperparameters");
  write_hyperparameters(w, model.hparams);
  w.field("memory_modelled", f.memory_modelled);
  w.field("differences", f.differences);
  w.field("unknown", f.unknown);
  w.end_object();
}

void write_file(JsonWriter& w, const Explanation& e) {
  const Variant& v = e.variant;
  const BestSize best = best_size(e);
  w.begin_object();
  w.key("bytes");
  if (best.basis.empty()) w.null();
  else w.value(best.bytes);
  w.field("basis", null_if_empty(best.basis));
  w.key("computed_bytes");
  if (e.computed) w.value(e.computed->total_bytes);
  else w.null();
  w.key("published_bytes");
  if (v.published) w.value(v.published->size.bytes);
  else w.null();
  w.key("published");
  if (v.published) write_published(w, *v.published);
  else w.null();
  w.key("computed");
  if (e.computed) {
    const FileSize& f = *e.computed;
    w.begin_object();
    w.field("tensor_bytes", f.tensor_bytes);
    w.field("metadata_bytes", f.metadata_bytes);
    w.field("metadata_estimated_bytes", f.kv_bytes);
    w.field("padding_bytes", f.padding_bytes);
    w.field("tensor_count", f.tensor_count);
    // A file that was read follows no rule set r1tag applied: its types are its own.
    w.key("rules");
    if (e.file) w.null();
    else w.value(rule_set_label(f.rules));
    w.field("metadata_basis", f.metadata_basis);
    w.key("types").begin_array();
    for (const TypeTotal& t : f.histogram) {
      w.begin_object();
      w.field("type", t.type);
      w.field("tensors", t.tensor_count);
      w.field("elements", t.elements);
      w.field("bytes", t.bytes);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  } else {
    w.null();
  }
  w.field("computed_caveat", null_if_empty(e.computed_caveat));
  w.field("computed_caveat_detail", null_if_empty(e.computed_caveat_detail));
  w.key("header");
  if (e.file) write_header_facts(w, *e.file, *v.model);
  else w.null();
  w.end_object();
}

void write_tensors(JsonWriter& w, const FileSize& f) {
  w.begin_array();
  for (const PlannedTensor& t : f.tensors) {
    w.begin_object();
    w.field("name", t.tensor.name);
    w.key("shape").begin_array();
    for (std::uint32_t d = 0; d < t.tensor.n_dims; ++d) w.value(t.tensor.ne[d]);
    w.end_array();
    w.field("type", t.type->name);
    w.field("bytes", t.bytes);
    w.end_object();
  }
  w.end_array();
}

void write_speed(JsonWriter& w, const std::optional<SpeedEstimate>& s) {
  w.begin_object();
  // Same shape as fit's: the numbers are null and `basis` says why when the bandwidth is unknown.
  if (!s) {
    w.key("decode_low").null();
    w.key("decode_high").null();
    w.key("prompt_low").null();
    w.key("prompt_high").null();
    w.field("basis", "no speed estimate: give the GPU by name (--gpu) so its bandwidth is known");
    w.end_object();
    return;
  }
  w.field("decode_low", s->decode_low_tokens_per_second);
  w.field("decode_high", s->decode_high_tokens_per_second);
  w.field("prompt_low", s->prompt_low_tokens_per_second);
  w.field("prompt_high", s->prompt_high_tokens_per_second);
  w.field("basis", s->basis);
  w.field("estimated", true);
  w.end_object();
}

void write_shard(JsonWriter& w, const std::optional<Shard>& shard) {
  if (!shard) {
    w.null();
    return;
  }
  w.begin_object();
  w.field("index", shard->index);
  w.field("count", shard->count);
  w.field("kind", shard->kind == ShardKind::gguf_split ? "gguf_split" : "byte_part");
  w.end_object();
}

void write_huggingface(JsonWriter& w, const Variant& v) {
  if (v.repo == nullptr) {
    w.null();
    return;
  }
  w.begin_object();
  w.field("repo", v.repo->repo);
  w.key("file");
  if (v.file) w.value(v.file->path);
  else w.null();
  w.key("shards");
  if (v.file) w.value(v.file->shards);
  else w.null();
  w.end_object();
}

// "memory" (at the first context), what it assumes, "memory_by_context" and, on given hardware, the speed.
void write_memory_members(JsonWriter& w, const ExplainOutcome& o, const MemoryQuestion& question) {
  w.key("memory");
  if (o.memory.empty()) w.null();
  else write_memory_json(w, o.memory.front().memory);
  w.key("memory_assumes").begin_object();
  w.field("placement", question.budget ? "placed on the given hardware" : "all layers on one GPU");
  w.field("kv_cache_type", question.kv_cache_type);
  w.field("flash_attention", question.flash_attention);
  w.field("runtime", question.runtime);
  w.end_object();
  w.key("memory_by_context").begin_array();
  for (const ContextMemory& m : o.memory) {
    w.begin_object();
    w.field("context_tokens", m.context_tokens);
    w.field("fits", m.fits);
    w.field("gpu_layers", m.memory.gpu_layers);
    w.field("layer_count", m.memory.layer_count);
    w.field("experts_on_cpu", m.experts_on_cpu);
    w.key("memory");
    write_memory_json(w, m.memory);
    w.key("tokens_per_second");
    write_speed(w, m.speed);
    w.end_object();
  }
  w.end_array();
  if (question.budget) {
    w.key("tokens_per_second");
    if (o.memory.empty()) write_speed(w, std::nullopt);
    else write_speed(w, o.memory.front().speed);
  }
}

void write_result(JsonWriter& w, const ExplainOutcome& o, const Catalog& c, const ExplainRenderOptions& options,
                  RepeatedBlocks& blocks) {
  w.begin_object();
  w.field("input", o.input);
  w.field("ok", o.explanation.has_value() || o.listing.has_value());
  if (o.listing) {
    write_remote_listing(w, *o.listing);
    w.end_object();
    return;
  }
  if (!o.explanation) {
    w.key("error");
    write_error_json(w, *o.error);
    w.end_object();
    return;
  }
  const Explanation& e = *o.explanation;
  const Variant& v = e.variant;
  w.field("dialect", to_string(v.tag.dialect));
  w.key("model");
  blocks.model(w, *v.model, e.parameters);
  w.key("quant");
  if (v.scheme) write_quant(w, *v.scheme, c, e, blocks);
  else w.null();
  w.key("shard");
  write_shard(w, v.tag.shard);
  w.key("ollama_tag");
  if (v.ollama_tag) w.value(fmt::format("{}:{}", c.ollama_library, v.ollama_tag->tag));
  else w.null();
  w.key("huggingface");
  write_huggingface(w, v);
  w.key("file");
  write_file(w, e);
  w.field("imatrix", v.imatrix);
  w.field("notes", v.notes);
  w.field("unplaced", v.tag.unplaced);
  write_memory_members(w, o, options.memory_question);
  if (options.tensors) {
    w.key("tensors");
    if (e.computed) write_tensors(w, *e.computed);
    else w.begin_array().end_array();
  }
  if (o.remote) write_remote_summary(w, *o.remote);
  w.end_object();
}

std::size_t expected_bytes(const std::vector<ExplainOutcome>& outcomes, const ExplainRenderOptions& options) {
  std::size_t bytes = 0;
  for (const ExplainOutcome& o : outcomes) {
    bytes += k_result_bytes;
    if (options.tensors && o.explanation && o.explanation->computed)
      bytes += o.explanation->computed->tensors.size() * k_tensor_bytes;
  }
  return bytes;
}

}  // namespace

std::string render_explain_json(const std::vector<ExplainOutcome>& outcomes, const Catalog& catalog,
                                const ExplainRenderOptions& options) {
  JsonWriter w(expected_bytes(outcomes, options));
  w.begin_object();
  w.field("schema_version", 1);
  w.key("results").begin_array();
  RepeatedBlocks blocks;
  for (const ExplainOutcome& o : outcomes) write_result(w, o, catalog, options, blocks);
  w.end_array();
  if (options.detected != nullptr) {
    w.key("detected");
    write_detected_json(w, *options.detected);
  }
  w.end_object();
  // Inputs come from the command line and may hold invalid UTF-8: the writer replaces it rather than fail.
  return std::move(w).finish();
}

}  // namespace r1tag
