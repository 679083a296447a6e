#include "cli/explain_command.hpp"

#include <r1tag/advice/installed_model.hpp>
#include <r1tag/sources/ollama_store.hpp>
#include <r1tag/sources/store_locations.hpp>

#include "cli/list_command.hpp"

#include <r1tag/common/error.hpp>
#include <r1tag/memory/context_length.hpp>
#include <r1tag/advice/explanation.hpp>
#include <r1tag/advice/file_explanation.hpp>
#include <r1tag/sources/local_gguf.hpp>
#include <r1tag/sources/split_set.hpp>
#include <r1tag/names/resolver.hpp>
#include <r1tag/names/tag_parser.hpp>

#include "cli/app.hpp"
#include "cli/diagnostics.hpp"
#include "cli/options.hpp"
#include "cli/progress_note.hpp"
#include "cli/system_command.hpp"
#include "cli/remote_command.hpp"
#include "render/explain_render.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>

namespace r1tag::cli {

void add_explain_command(CLI::App& app, ExplainOptions& options) {
  CLI::App* cmd = app.add_subcommand("explain", "Explain what model names mean: size, architecture, quant, file");
  cmd->add_option("tag", options.tags,
                  "ollama tags, Hugging Face GGUF file or repository names, hf.co references, or GGUF files on disk "
                  "(any part of a split set, an ollama blob)")
      ->required();
  cmd->add_flag("--json", options.json, "Print one JSON document (schema: docs/json-schema.md)");
  cmd->add_option("--ctx", options.ctx,
                  "Context length(s) for the memory figures: 8192 (default), or a list such as 4K,32K,128K for a table")
      ->option_text("TOKENS[,TOKENS…]");
  cmd->add_option("--kv-type", options.kv_type, "KV cache type for the memory figures: f16 (default), q8_0, q4_0, …");
  cmd->add_option("--flash-attn", options.flash_attn, "Flash attention for the memory figures: on (default) or off");
  cmd->add_option("--runtime", options.runtime,
                  "Runtime to model: llama.cpp (default; llama-server b10488), ollama (0.30+, on llama-server), "
                  "ollama@0.29 or ollama@VERSION for older releases")
      ->option_text("NAME[@VERSION]");
  add_hardware_flags(*cmd, options.hardware);
  add_remote_flags(*cmd, options.remote_flags,
                   "Read the names' GGUF headers online (Hugging Face, ollama registry) with range requests: exact figures for any upload");
  cmd->add_flag("--tensors", options.tensors,
                "List every tensor with its shape, ggml type and bytes, as llama-quantize --dry-run would");
  cmd->footer(
      "Examples:\n"
      "  r1tag explain deepseek-r1:7b\n"
      "  r1tag explain 70b-llama-distill-fp16 DeepSeek-R1-Distill-Qwen-14B-Q5_K_M.gguf\n"
      "  r1tag explain DeepSeek-R1-UD-IQ1_S-00001-of-00003.gguf\n"
      "  r1tag explain 14b --ctx 4K,32K,128K --kv-type q8_0\n"
      "  r1tag explain --tensors 671b\n"
      "  r1tag explain ./model.gguf --gpu 4090       # a file on disk: read from its header\n"
      "  r1tag explain 32b --gpu 4090 --ram 64GB     # placement and speed on your hardware\n"
      "  r1tag explain hf.co/unsloth/DeepSeek-R1-GGUF:UD-Q2_K_XL --json | jq '.results[0].file'\n"
      "  r1tag explain --remote hf.co/unsloth/DeepSeek-R1-GGUF:UD-IQ1_S   # reads the headers online");
}

namespace {

// What --ctx, --kv-type, --flash-attn, --runtime and the hardware flags ask of every name.
MemoryQuestion memory_question(const ExplainOptions& options, const Catalog& catalog, const Hardware& hardware) {
  MemoryQuestion question;
  for (const std::uint32_t t : parse_context_list(options.ctx)) question.context_tokens.push_back(t);
  question.kv_cache_type = checked_kv_type(options.kv_type);
  question.flash_attention = checked_on_off("--flash-attn", options.flash_attn);
  question.runtime = options.runtime;
  for (const std::uint64_t context : question.context_tokens) check_trained_context(context, catalog);
  if (hardware.given()) {
    question.gpus = hardware.gpus;
    question.budget = hardware.budget;
    question.ram_known = hardware.ram_known;
    // Speed needs every device's bandwidth: named GPUs, or CPU only (the host platform or its default).
    if (const auto devices = hardware.speed_devices()) {
      SpeedHardware speed;
      speed.gpus = *devices;
      speed.host = hardware.host;
      question.speed_hardware = speed;
    }
  }
  return question;
}

// The models of the ollama store, scanned once and only when an input may name one.
class InstalledOllama {
 public:
  explicit InstalledOllama(const Environment& env) : m_variables(store_variables(env)) {}

  const std::vector<InstalledFile>& files() const {
    if (!m_files) {
      m_files.emplace();
      for (const StoreRoot& root : store_roots(m_variables))
        if (root.store == StoreKind::ollama) *m_files = scan_ollama_store(root.path).files;
    }
    return *m_files;
  }

 private:
  StoreVariables m_variables;
  mutable std::optional<std::vector<InstalledFile>> m_files;
};

// `explain deepseek-r1:7b` when that model is installed: its own file's header, and a note saying so.
// nullopt when the name is not installed or its file cannot be read: the catalogue answers then.
std::optional<Explanation> explain_installed_ollama(const std::string& input, const InstalledOllama& ollama, const Catalog& catalog) {
  if (!ollama_name_as_shown(input)) return std::nullopt;
  const InstalledFile* file = find_ollama_model(ollama.files(), input);
  if (file == nullptr) return std::nullopt;
  InstalledModel model = explain_installed(*file, catalog);
  if (!model.explanation) return std::nullopt;
  model.explanation->variant.notes.push_back(fmt::format("read from the installed file: ollama's {} is {} ({} bytes)",
                                                         file->name, file->paths.front(), file->bytes));
  return std::move(model.explanation);
}

}  // namespace

CommandResult run_explain(const ExplainOptions& options, const Catalog& catalog, const TextStyle& style, const Environment& env) {
  if (options.remote_flags.offline && !options.remote_flags.remote)
    throw Error::usage("--offline goes with --remote", "r1tag explain --remote --offline NAME");
  const Hardware hardware = effective_hardware(options.hardware, catalog, env);
  const MemoryQuestion question = memory_question(options, catalog, hardware);
  const InstalledOllama ollama(env);
  // The note on a terminal while the network is slow; erased when this returns, before anything is written.
  ProgressNote progress(progress_terminal(env));
  // Only --remote makes an HTTP client: without it r1tag opens no connection.
  std::optional<RemoteExplainer> remote;
  if (options.remote_flags.remote) remote.emplace(options.remote_flags, env, progress.sink());
  std::vector<ExplainOutcome> outcomes;
  CommandResult result;
  result.err = warning_lines(hardware.warnings);
  // Aliases of one file (deepseek-r1:7b, …:7b-qwen-distill-q4_K_M) share one plan.
  PlanCache plans = plan_cache_for(catalog, options.tensors);
  for (const std::string& input : options.tags) {
    ExplainOutcome o;
    o.input = input;
    try {
      // --remote reads the header online; a file on disk is read (its header says what it is); so is an
      // installed ollama model named as ollama names it; anything else is a name for the catalogue.
      std::optional<Explanation> read;
      if (remote) {
        read = remote->explain(o, catalog);
      } else if (is_local_model_path(input)) {
        read = explain_file(read_local_gguf(input, catalog), catalog);
      } else {
        read = explain_installed_ollama(input, ollama, catalog);
        if (!read) read = explain_variant(resolve(parse_tag(input), catalog), catalog, plans);
      }
      if (!read) {  // a repository's listing: nothing to size
        outcomes.push_back(std::move(o));
        continue;
      }
      Explanation explanation = std::move(*read);
      o.memory = memory_by_context(explanation, question, catalog);
      const std::uint32_t trained = explanation.variant.model->hparams.context_length;
      for (const std::uint64_t context : question.context_tokens) {
        if (context > trained)
          explanation.variant.notes.push_back(fmt::format(
              "no memory figure at {} tokens: above the model's trained context ({} tokens)", context, trained));
      }
      o.explanation = std::move(explanation);
    } catch (const Error& e) {
      // A flag the runtime refuses is wrong for every name: one error, no partial output.
      if (e.code() == ExitCode::usage) throw;
      o.error = e;
      // The first failure decides the exit code; the other names are still explained.
      if (result.exit_code == 0) result.exit_code = static_cast<int>(e.code());
      result.err += error_line(e);
    }
    outcomes.push_back(std::move(o));
  }
  const ExplainRenderOptions render{options.tensors, question, hardware.detected ? &*hardware.detected : nullptr};
  result.out = options.json ? render_explain_json(outcomes, catalog, render)
                            : render_explain_text(outcomes, catalog, render, style);
  return result;
}

}  // namespace r1tag::cli
