#include "cli/list_command.hpp"

#include <r1tag/sources/installed_models.hpp>

#include "render/list_render.hpp"

#include <CLI/CLI.hpp>

namespace r1tag::cli {

void add_list_command(CLI::App& app, ListOptions& o) {
  CLI::App* cmd = app.add_subcommand("list", "List the models installed on this machine: ollama, Hugging Face cache, llama.cpp cache, LM Studio");
  cmd->add_flag("--json", o.json, "Print one JSON document (schema: docs/json-schema.md)");
  cmd->footer(
      "Stores: $OLLAMA_MODELS or ~/.ollama/models (or /usr/share/ollama/.ollama/models); $HF_HUB_CACHE, $HF_HOME/hub or\n"
      "~/.cache/huggingface/hub; $LLAMA_CACHE or ~/.cache/llama.cpp; ~/.lmstudio/models and ~/.cache/lm-studio/models.\n"
      "Examples:\n"
      "  r1tag list\n"
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

CommandResult run_list(const ListOptions& options, const Environment& env) {
  const StoreVariables variables = store_variables(env);
  StoreScan scan = installed_models(variables);
  ListView view{std::move(scan.files), store_roots(variables), std::move(scan.warnings), variables.home};
  CommandResult result;
  for (const std::string& w : view.warnings) result.err += "r1tag: warning: " + w + "\n";
  result.out = options.json ? render_list_json(view) : render_list_text(view);
  return result;
}

}  // namespace r1tag::cli
