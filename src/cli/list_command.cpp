#include "cli/diagnostics.hpp"
#include "cli/list_command.hpp"

#include <r1tag/advice/installed_model.hpp>
#include <r1tag/sources/installed_models.hpp>

#include <r1tag/advice/advisor.hpp>

#include "cli/fit_command.hpp"
#include "cli/hardware_flags.hpp"
#include "cli/progress_note.hpp"
#include "render/list_render.hpp"

#include <CLI/CLI.hpp>

namespace r1tag::cli {

namespace {

bool hardware_given(const HardwareFlags& h) {
  return !h.vram.empty() || !h.gpus.empty() || !h.gpu.empty() || !h.ram.empty() || !h.cpu.empty();
}

}  // namespace

void add_list_command(CLI::App& app, ListOptions& o) {
  CLI::App* cmd = app.add_subcommand("list", "List the models installed on this machine: ollama, Hugging Face cache, llama.cpp cache, LM Studio");
  add_hardware_flags(*cmd, o.hardware);
  cmd->add_option("--ctx", o.ctx, "With hardware flags: the context each model is placed at (default 8192)")->option_text("TOKENS");
  cmd->add_option("--kv-type", o.kv_type, "With hardware flags: KV cache type (default f16)");
  cmd->add_option("--flash-attn", o.flash_attn, "With hardware flags: flash attention on (default) or off");
  cmd->add_option("--runtime", o.runtime, "With hardware flags: runtime to model, llama.cpp (default) or ollama");
  cmd->add_flag("--json", o.json, "Print one JSON document (schema: docs/json-schema.md)");
  cmd->footer(
      "Stores: $OLLAMA_MODELS or ~/.ollama/models (or /usr/share/ollama/.ollama/models); $HF_HUB_CACHE, $HF_HOME/hub or\n"
      "~/.cache/huggingface/hub; $LLAMA_CACHE or ~/.cache/llama.cpp; ~/.lmstudio/models and ~/.cache/lm-studio/models.\n"
      "Each file's GGUF header is read (never its tensor data) for its parameters, quant and architecture.\n"
      "Examples:\n"
      "  r1tag list\n"
      "  r1tag list --vram 8GB                      # which of them fit, and how\n"
      "  OLLAMA_MODELS=/data/ollama r1tag list\n"
      "  r1tag list --json | jq '.models[] | {name, bytes}'");
}

StoreVariables store_variables(const Environment& env) {
  StoreVariables v;
  v.home = env.variable("HOME");
  v.ollama_models = env.variable("OLLAMA_MODELS");
  v.hf_hub_cache = env.variable("HF_HUB_CACHE");
  v.hf_home = env.variable("HF_HOME");
  v.xdg_cache_home = env.variable("XDG_CACHE_HOME");
  v.llama_cache = env.variable("LLAMA_CACHE");
  v.sysroot = env.variable("R1TAG_SYSROOT");
  return v;
}

CommandResult run_list(const ListOptions& options, const Catalog& catalog, const Environment& env) {
  const StoreVariables variables = store_variables(env);
  std::optional<FitRequest> request;
  if (hardware_given(options.hardware)) {
    FitOptions fit;
    fit.hardware = options.hardware;
    fit.ctx = options.ctx;
    fit.kv_type = options.kv_type;
    fit.flash_attn = options.flash_attn;
    fit.runtime = options.runtime;
    request = build_fit_request(fit, catalog, effective_hardware(options.hardware, catalog, env), env);
  }
  ListView view;
  StoreScan scan;
  {
    ProgressNote progress(progress_terminal(env));  // a store on a slow disk; erased before any output
    scan = installed_models(variables, progress.sink());
    view.models = explain_installed(std::move(scan.files), catalog, progress.sink());
  }
  view.roots = store_roots(variables);
  view.warnings = std::move(scan.warnings);
  for (const InstalledModel& m : view.models)
    if (!m.unreadable.empty()) view.warnings.push_back(m.unreadable);
  view.home = variables.home;
  view.request = request;
  if (request) {
    const std::shared_ptr<const RuntimeProfile> runtime = runtime_for(*request, catalog);
    for (const InstalledModel& m : view.models) view.fits.push_back(place_installed(m, *request, catalog, *runtime));
  }
  CommandResult result;
  for (const std::string& w : view.warnings) result.err += warning_line(w);
  result.out = options.json ? render_list_json(view) : render_list_text(view);
  return result;
}

}  // namespace r1tag::cli
