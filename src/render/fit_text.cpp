#include "render/fit_render.hpp"
#include "render/system_render.hpp"

#include "common/ascii.hpp"

#include <r1tag/common/byte_size.hpp>

#include <fmt/format.h>


namespace r1tag {

namespace {

std::string gib(std::uint64_t bytes) { return fmt::format("{:.2f}", static_cast<double>(bytes) / (1ULL << 30)); }


std::string paint(const TextStyle& style, const char* code, const std::string& text) {
  return style.color ? fmt::format("\033[{}m{}\033[0m", code, text) : text;
}

// The runtime as its version text names it ("llama.cpp b10488 (…)", "ollama v0.32.15 (…)"); the profile's
// name too when it is an older one chosen by name ("ollama@0.29 ollama v0.15.5 - v0.29.x") or the version
// text does not name it.
std::string runtime_text(const RuntimeProfile& runtime) {
  const std::string_view base = std::string_view(runtime.name).substr(0, runtime.name.find('@'));
  const std::string_view version = runtime.version.value;
  if (base == runtime.name && version.substr(0, base.size()) == base) return std::string(version);
  return fmt::format("{} {}", runtime.name, version);
}

std::string budget_line(const FitAdvice& advice, const FitRequest& r, std::size_t total) {
  const bool installed = !advice.candidates.empty() && advice.candidates.front().installed.has_value();
  const bool remote = !advice.candidates.empty() && advice.candidates.front().remote.has_value();
  std::string hardware;
  for (std::size_t i = 0; i < r.gpus.size(); ++i)
    hardware += fmt::format("{}{} GiB", i == 0 ? "" : " + ", gib(r.budget.gpu_bytes[i]));
  if (!hardware.empty()) hardware = fmt::format("{} GPU{} with {}", r.gpus.size(), r.gpus.size() > 1 ? "s" : "", hardware);
  if (r.ram_known) hardware += fmt::format("{}{} GiB RAM", hardware.empty() ? "" : ", ", gib(r.budget.ram_bytes));
  return fmt::format(
      "{}; context {} tokens{}, KV cache {}, flash attention {}, {}\n{} {}{} fit{}{}\n",
      hardware, r.context_tokens, r.context_source.empty() ? "" : fmt::format(" ({})", r.context_source),
      detail::lower(r.kv_cache_type), r.flash_attention ? "on" : "off", runtime_text(*advice.runtime), total, installed ? "installed model" : remote ? "remote file" : "variant", total == 1 ? "" : "s", total == 1 ? "s" : "",
      total > advice.candidates.size() ? fmt::format("; the best {} (--all shows every one)", advice.candidates.size()) : "");
}

std::string device_line(const DeviceMemory& d, const MemoryBasis& basis) {
  std::string parts = fmt::format("weights {}", gib(d.weights_bytes));
  if (d.kv_cache_bytes > 0) parts += fmt::format(" + KV {}", gib(d.kv_cache_bytes));
  if (d.compute_bytes > 0)
    parts += fmt::format(" + compute {}{}", gib(d.compute_bytes), basis.compute == Basis::estimated ? " (est.)" : "");
  if (d.output_bytes > 0) parts += fmt::format(" + output {}", gib(d.output_bytes));
  if (d.overhead_bytes > 0)
    parts += fmt::format(" + overhead {}{}", gib(d.overhead_bytes), basis.overhead == Basis::estimated ? " (est.)" : "");
  return fmt::format("{} {} GiB = {}", d.name, gib(d.total_bytes), parts);
}

std::string where_line(const Candidate& c) {
  const MemoryEstimate& e = c.fit.estimate;
  switch (c.placement) {
    case PlacementKind::gpu: return fmt::format("all {} layers on the GPU", e.layer_count);
    case PlacementKind::partial:
      return fmt::format("{} of {} layers on the GPU{}, the rest in RAM: much slower than all on the GPU", e.gpu_layers,
                         e.layer_count, c.experts_on_cpu ? fmt::format(", routed experts in RAM (--n-cpu-moe {})", c.model->hparams.block_count) : "");
    case PlacementKind::cpu: return "CPU only, from RAM: slow";
  }
  return {};
}

void candidate_text(std::string& out, const Candidate& c, std::size_t rank, const std::string& library, const TextStyle& style) {
  const std::string scheme = c.scheme != nullptr ? std::string(c.scheme->name) : "an unnamed quant";
  const std::string name = c.installed         ? c.installed->name
                           : c.remote            ? c.remote->name
                           : c.ollama_tag != nullptr ? fmt::format("{}:{}", library, c.ollama_tag->tag)
                                                     : fmt::format("{}:{}", c.repo != nullptr ? c.repo->repo : c.model->id, scheme);
  out += fmt::format("\n{} {}  {} at {}, {} file ({})\n", paint(style, "1;36", fmt::format("#{}", rank)), paint(style, "1", name),
                     c.model->id, scheme, format_decimal_gb(c.file_bytes),
                     c.tensor_split_estimated ? "published; per-layer split estimated" : c.file_basis);
  const auto row = [&](const char* label, const std::string& text) {
    out += fmt::format("    {:<8}{}\n", label, text);
  };
  if (c.installed) {
    const std::size_t parts = c.installed->paths.size();
    row("file", fmt::format("{}{} ({})", c.installed->paths.front(), parts > 1 ? fmt::format(" and {} more parts", parts - 1) : "",
                            to_string(c.installed->store)));
  }
  if (c.remote) {
    const std::size_t parts = c.remote->urls.size();
    row("file", fmt::format("{}{}", c.remote->urls.empty() ? c.remote->name : c.remote->urls.front(),
                            parts > 1 ? fmt::format(" and {} more parts", parts - 1) : ""));
    row("read", fmt::format("headers only: {} request{}, {} bytes{}", c.remote->requests, c.remote->requests == 1 ? "" : "s",
                            c.remote->bytes_fetched, c.remote->from_cache ? ", from the cache" : ""));
  }
  row("where", where_line(c));
  bool first = true;
  for (const DeviceMemory& d : c.fit.estimate.devices) {
    row(first ? "memory" : "", device_line(d, c.fit.estimate.basis));
    first = false;
  }
  row("context", fmt::format("up to {} tokens with this placement", c.fit.max_context_tokens));
  if (c.ollama_ps)
    row("ollama", fmt::format("`ollama ps` will show SIZE {}, PROCESSOR {} (estimate)", c.ollama_ps->size, c.ollama_ps->processor));
  if (c.speed) {
    std::string prompt;
    if (c.speed->prompt_low_tokens_per_second)
      prompt = fmt::format("; prompt {:.0f}-{:.0f} tokens/s", *c.speed->prompt_low_tokens_per_second,
                           *c.speed->prompt_high_tokens_per_second);
    row("speed", fmt::format("about {:.0f}-{:.0f} tokens/s generated{} (estimate)", c.speed->decode_low_tokens_per_second,
                             c.speed->decode_high_tokens_per_second, prompt));
    row("", c.speed->basis);
  }
  row("why", c.why);
  first = true;
  for (const std::string* cmd : {&c.ollama_command, &c.llama_server_command}) {
    if (cmd->empty()) continue;
    row(first ? "run" : "", *cmd);
    first = false;
  }
}

}  // namespace

std::string render_fit_text(const FitAdvice& advice, const FitRequest& request, std::size_t total, const TextStyle& style) {
  std::string out = request.detected ? detected_line(*request.detected) : std::string();
  out += budget_line(advice, request, total);
  for (std::size_t i = 0; i < advice.candidates.size(); ++i)
    candidate_text(out, advice.candidates[i], i + 1, advice.ollama_library, style);
  for (const std::string& note : advice.notes) out += "note: " + note + "\n";
  return out;
}

}  // namespace r1tag
