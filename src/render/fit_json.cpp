#include "render/fit_render.hpp"

namespace r1tag {

namespace {

using json = nlohmann::ordered_json;

json budget_json(const FitAdvice& advice, const FitRequest& r) {
  json gpus = json::array();
  for (std::size_t i = 0; i < r.gpus.size(); ++i) gpus.push_back(json{{"name", r.gpus[i].name}, {"bytes", r.budget.gpu_bytes[i]}});
  json b;
  b["gpus"] = gpus;
  b["ram_bytes"] = r.ram_known ? json(r.budget.ram_bytes) : json(nullptr);
  b["context_tokens"] = r.context_tokens;
  b["kv_cache_type"] = r.kv_cache_type;
  b["flash_attention"] = r.flash_attention;
  b["runtime"] = advice.runtime->name;
  b["runtime_version"] = advice.runtime->version.value;
  b["device"] = r.hardware ? json(r.hardware->device->name) : json(nullptr);
  b["prefer"] = r.prefer == Preference::quality ? "quality" : r.prefer == Preference::speed ? "speed" : "balanced";
  return b;
}

json optional_number(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json speed_json(const Candidate& c) {
  if (!c.speed) return json{{"decode_low", nullptr}, {"decode_high", nullptr}, {"prompt_low", nullptr},
                            {"prompt_high", nullptr}, {"basis", c.speed_unknown_reason}};
  const SpeedEstimate& s = *c.speed;
  return json{{"decode_low", s.decode_low_tokens_per_second},
              {"decode_high", s.decode_high_tokens_per_second},
              {"prompt_low", optional_number(s.prompt_low_tokens_per_second)},
              {"prompt_high", optional_number(s.prompt_high_tokens_per_second)},
              {"basis", s.basis},
              {"prompt_basis", s.prompt_basis},
              {"bytes_per_token", s.bytes_per_token},
              {"estimated", true}};
}

json candidate_json(const Candidate& c, std::size_t rank, const std::string& library) {
  json j;
  j["rank"] = rank;
  j["model"] = json{{"id", c.model->id}, {"capability", c.capability}};
  j["quant"] = json{{"scheme", c.scheme->name}, {"loss", to_string(c.quality.loss)}, {"loss_basis", c.quality.basis}};
  j["ollama_tag"] = c.ollama_tag ? json(library + ":" + c.ollama_tag->tag) : json(nullptr);
  j["huggingface_repo"] = c.repo ? json(c.repo->repo) : json(nullptr);
  j["file"] = json{{"bytes", c.file_bytes}, {"basis", c.file_basis}, {"tensor_split_estimated", c.tensor_split_estimated}};
  j["placement"] = to_string(c.placement);
  j["gpu_layers"] = c.fit.estimate.gpu_layers;
  j["layer_count"] = c.fit.estimate.layer_count;
  j["experts_on_cpu"] = c.experts_on_cpu;
  j["memory"] = memory_json(c.fit.estimate);
  j["max_context_tokens"] = c.fit.max_context_tokens;
  j["tokens_per_second"] = speed_json(c);
  j["why"] = c.why;
  j["run"] = json{{"ollama", c.ollama_command.empty() ? json(nullptr) : json(c.ollama_command)},
                  {"llama_server", c.llama_server_command.empty() ? json(nullptr) : json(c.llama_server_command)}};
  return j;
}

}  // namespace

json memory_json(const MemoryEstimate& m) {
  json j;
  j["weights_bytes"] = m.weights_bytes;
  j["kv_cache_bytes"] = m.kv_cache_bytes;
  j["compute_bytes"] = m.compute_bytes;
  j["output_bytes"] = m.output_bytes;
  j["overhead_bytes"] = m.overhead_bytes;
  j["total_bytes"] = m.total_bytes;
  json devices = json::array();
  for (const DeviceMemory& d : m.devices) {
    devices.push_back(json{{"name", d.name},
                           {"bytes", d.total_bytes},
                           {"gpu", d.gpu},
                           {"layers", d.layer_count},
                           {"weights_bytes", d.weights_bytes},
                           {"kv_cache_bytes", d.kv_cache_bytes},
                           {"compute_bytes", d.compute_bytes},
                           {"output_bytes", d.output_bytes},
                           {"overhead_bytes", d.overhead_bytes}});
  }
  j["devices"] = devices;
  j["basis"] = json{{"weights", basis_label(m.basis.weights)},
                    {"kv_cache", basis_label(m.basis.kv_cache)},
                    {"compute", basis_label(m.basis.compute)},
                    {"output", basis_label(m.basis.output)},
                    {"overhead", basis_label(m.basis.overhead)},
                    {"compute_note", m.basis.compute_note},
                    {"overhead_note", m.basis.overhead_note}};
  j["kv_cache_cells"] = m.kv_cache_cells;
  j["kv_cache_type_k"] = m.kv_cache_type_k;
  j["kv_cache_type_v"] = m.kv_cache_type_v;
  j["notes"] = m.notes;
  return j;
}

std::string render_fit_json(const FitAdvice& advice, const FitRequest& request, std::size_t total) {
  json doc;
  doc["schema_version"] = 1;
  doc["budget"] = budget_json(advice, request);
  doc["candidates_fitting"] = total;
  doc["candidates"] = json::array();
  for (std::size_t i = 0; i < advice.candidates.size(); ++i)
    doc["candidates"].push_back(candidate_json(advice.candidates[i], i + 1, advice.ollama_library));
  doc["notes"] = advice.notes;
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string render_fit_json_error(const FitAdvice& advice, const FitRequest& request, const Error& error) {
  json doc;
  doc["schema_version"] = 1;
  doc["budget"] = budget_json(advice, request);
  doc["candidates_fitting"] = 0;
  doc["candidates"] = json::array();
  doc["error"] = json{{"message", error.what()},
                      {"hint", error.hint().empty() ? json(nullptr) : json(error.hint())},
                      {"exit_code", static_cast<int>(error.code())}};
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace r1tag
