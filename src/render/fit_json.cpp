#include "render/fit_render.hpp"

#include "render/json_writer.hpp"
#include "render/remote_render.hpp"
#include "render/system_render.hpp"

#include <fmt/format.h>

namespace r1tag {

namespace {

// Room for the budget and one candidate; a candidate with two GPUs and a speed estimate is ~3 KB.
constexpr std::size_t k_document_bytes = 4096;
constexpr std::size_t k_candidate_bytes = 4096;

void write_budget(JsonWriter& w, const FitAdvice& advice, const FitRequest& r) {
  w.begin_object();
  w.key("gpus").begin_array();
  for (std::size_t i = 0; i < r.gpus.size(); ++i)
    w.begin_object().field("name", r.gpus[i].name).field("bytes", r.budget.gpu_bytes[i]).end_object();
  w.end_array();
  w.key("ram_bytes");
  if (r.ram_known) w.value(r.budget.ram_bytes);
  else w.null();
  w.field("context_tokens", r.context_tokens);
  w.key("context_source");
  if (r.context_source.empty()) w.null();
  else w.value(r.context_source);
  w.field("kv_cache_type", r.kv_cache_type);
  w.field("flash_attention", r.flash_attention);
  w.field("runtime", advice.runtime->name);
  w.field("runtime_version", advice.runtime->version.value);
  w.key("device");
  if (r.hardware) w.value(r.hardware->device->name);
  else w.null();
  w.field("prefer", r.prefer == Preference::quality ? "quality" : r.prefer == Preference::speed ? "speed" : "balanced");
  if (r.detected) {
    w.key("detected");
    write_detected_json(w, *r.detected);
  }
  w.end_object();
}

void write_speed(JsonWriter& w, const Candidate& c) {
  w.begin_object();
  if (!c.speed) {
    w.key("decode_low").null();
    w.key("decode_high").null();
    w.key("prompt_low").null();
    w.key("prompt_high").null();
    w.field("basis", c.speed_unknown_reason);
    w.end_object();
    return;
  }
  const SpeedEstimate& s = *c.speed;
  w.field("decode_low", s.decode_low_tokens_per_second);
  w.field("decode_high", s.decode_high_tokens_per_second);
  w.field("prompt_low", s.prompt_low_tokens_per_second);
  w.field("prompt_high", s.prompt_high_tokens_per_second);
  w.field("basis", s.basis);
  w.field("prompt_basis", s.prompt_basis);
  w.field("bytes_per_token", s.bytes_per_token);
  w.field("estimated", true);
  w.end_object();
}

void write_candidate(JsonWriter& w, const Candidate& c, std::size_t rank, const std::string& library) {
  w.begin_object();
  w.field("rank", rank);
  w.key("model").begin_object().field("id", c.model->id).field("capability", c.capability).end_object();
  w.key("quant")
      .begin_object()
      .field("scheme", c.scheme != nullptr ? std::optional<std::string_view>(c.scheme->name) : std::nullopt)
      .field("loss", to_string(c.quality.loss))
      .field("loss_basis", c.quality.basis)
      .end_object();
  w.key("ollama_tag");
  if (c.ollama_tag) w.value(fmt::format("{}:{}", library, c.ollama_tag->tag));
  else w.null();
  w.key("huggingface_repo");
  if (c.repo) w.value(c.repo->repo);
  else w.null();
  if (c.installed) {
    // Only in `fit --installed` documents: the local copy this candidate is.
    w.key("installed")
        .begin_object()
        .field("name", c.installed->name)
        .field("store", to_string(c.installed->store))
        .field("paths", c.installed->paths)
        .end_object();
  }
  // Only in `fit --remote` documents: where the file's headers were read and what that cost.
  if (c.remote) write_remote_summary(w, *c.remote);
  w.key("file")
      .begin_object()
      .field("bytes", c.file_bytes)
      .field("basis", c.file_basis)
      .field("tensor_split_estimated", c.tensor_split_estimated)
      .end_object();
  w.field("placement", to_string(c.placement));
  w.field("gpu_layers", c.fit.estimate.gpu_layers);
  w.field("layer_count", c.fit.estimate.layer_count);
  w.field("experts_on_cpu", c.experts_on_cpu);
  w.key("memory");
  write_memory_json(w, c.fit.estimate);
  w.field("max_context_tokens", c.fit.max_context_tokens);
  w.key("tokens_per_second");
  write_speed(w, c);
  w.field("why", c.why);
  w.key("ollama_ps");
  if (c.ollama_ps) {
    w.begin_object()
        .field("size", c.ollama_ps->size)
        .field("processor", c.ollama_ps->processor)
        .field("size_bytes", c.ollama_ps->size_bytes)
        .field("vram_bytes", c.ollama_ps->vram_bytes)
        .end_object();
  } else {
    w.null();
  }
  w.key("run")
      .begin_object()
      .field("ollama", null_if_empty(c.ollama_command))
      .field("llama_server", null_if_empty(c.llama_server_command))
      .end_object();
  w.end_object();
}

}  // namespace

void write_memory_json(JsonWriter& w, const MemoryEstimate& m) {
  w.begin_object();
  w.field("weights_bytes", m.weights_bytes);
  w.field("kv_cache_bytes", m.kv_cache_bytes);
  w.field("compute_bytes", m.compute_bytes);
  w.field("output_bytes", m.output_bytes);
  w.field("overhead_bytes", m.overhead_bytes);
  w.field("total_bytes", m.total_bytes);
  w.key("devices").begin_array();
  for (const DeviceMemory& d : m.devices) {
    w.begin_object();
    w.field("name", d.name);
    w.field("bytes", d.total_bytes);
    w.field("gpu", d.gpu);
    w.field("layers", d.layer_count);
    w.field("weights_bytes", d.weights_bytes);
    w.field("kv_cache_bytes", d.kv_cache_bytes);
    w.field("compute_bytes", d.compute_bytes);
    w.field("output_bytes", d.output_bytes);
    w.field("overhead_bytes", d.overhead_bytes);
    w.end_object();
  }
  w.end_array();
  w.key("basis").begin_object();
  w.field("weights", basis_label(m.basis.weights));
  w.field("kv_cache", basis_label(m.basis.kv_cache));
  w.field("compute", basis_label(m.basis.compute));
  w.field("output", basis_label(m.basis.output));
  w.field("overhead", basis_label(m.basis.overhead));
  w.field("compute_note", m.basis.compute_note);
  w.field("overhead_note", m.basis.overhead_note);
  w.end_object();
  w.field("kv_cache_cells", m.kv_cache_cells);
  w.field("kv_cache_type_k", m.kv_cache_type_k);
  w.field("kv_cache_type_v", m.kv_cache_type_v);
  w.field("notes", m.notes);
  w.end_object();
}

void write_error_json(JsonWriter& w, const Error& error) {
  w.begin_object()
      .field("message", error.what())
      .field("hint", null_if_empty(error.hint()))
      .field("exit_code", static_cast<int>(error.code()))
      .end_object();
}

std::string render_fit_json(const FitAdvice& advice, const FitRequest& request, std::size_t total) {
  JsonWriter w(k_document_bytes + advice.candidates.size() * k_candidate_bytes);
  w.begin_object();
  w.field("schema_version", 1);
  w.key("budget");
  write_budget(w, advice, request);
  w.field("candidates_fitting", total);
  w.key("candidates").begin_array();
  for (std::size_t i = 0; i < advice.candidates.size(); ++i) write_candidate(w, advice.candidates[i], i + 1, advice.ollama_library);
  w.end_array();
  w.field("notes", advice.notes);
  w.end_object();
  return std::move(w).finish();
}

std::string render_fit_json_error(const FitAdvice& advice, const FitRequest& request, const Error& error) {
  JsonWriter w(k_document_bytes);
  w.begin_object();
  w.field("schema_version", 1);
  w.key("budget");
  write_budget(w, advice, request);
  w.field("candidates_fitting", 0);
  w.key("candidates").begin_array().end_array();
  w.key("error");
  write_error_json(w, error);
  w.end_object();
  return std::move(w).finish();
}

}  // namespace r1tag
