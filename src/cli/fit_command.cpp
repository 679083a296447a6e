#include "cli/fit_command.hpp"

#include <r1tag/advice/advisor.hpp>
#include <r1tag/advice/installed_model.hpp>
#include <r1tag/sources/installed_models.hpp>
#include <r1tag/common/byte_size.hpp>
#include <r1tag/memory/context_length.hpp>
#include <r1tag/common/error.hpp>
#include <r1tag/hardware/hardware.hpp>
#include <r1tag/common/suggest.hpp>

#include "cli/app.hpp"
#include "cli/diagnostics.hpp"
#include "cli/hardware_flags.hpp"
#include "cli/installed_runtime.hpp"
#include "cli/list_command.hpp"
#include "cli/options.hpp"
#include "cli/progress_note.hpp"
#include "cli/remote_command.hpp"
#include "cli/system_command.hpp"
#include "render/fit_render.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace r1tag::cli {

namespace {

// One GPU's share in --tensor-split: a finite number of zero or more that fits a float, as llama.cpp's
// -ts takes it (std::stof in common/arg.cpp); so the run command r1tag prints stays runnable, and the
// sum of at most 16 shares cannot overflow.
double checked_share(const std::string& part) {
  const auto bad = [&] {
    return Error::usage(fmt::format("bad --tensor-split value '{}'", part), "give one share per GPU, e.g. --tensor-split 3,1");
  };
  std::size_t used = 0;
  double share = 0;
  try {
    share = std::stod(part, &used);
  } catch (const std::exception&) {
    throw bad();
  }
  if (used != part.size() || !std::isfinite(share) || share < 0 || share > std::numeric_limits<float>::max()) throw bad();
  return share;
}

// The context to fit: --ctx, else the runtime's own default when it has one for this much VRAM
// (ollama's tiers), else r1tag's default (R1's reasoning needs thousands of tokens; llama.cpp's own
// default, the trained context, is what --fit shrinks when memory is short).
void choose_context(FitRequest& r, const FitOptions& o, const Catalog& catalog) {
  if (!o.ctx.empty()) {
    r.context_tokens = parse_context_tokens(o.ctx);
    check_trained_context(r.context_tokens, catalog);
    return;
  }
  const std::shared_ptr<const RuntimeProfile> runtime = runtime_for(r, catalog);
  std::uint64_t vram_bytes = 0;
  for (const std::uint64_t g : r.budget.gpu_bytes) vram_bytes += g;
  const std::uint64_t runtime_default = runtime_default_context_tokens(*runtime, vram_bytes);
  if (runtime_default == 0) {
    r.context_tokens = parse_context_tokens(std::string(k_fit_default_context));
    return;
  }
  const std::string_view name = runtime->name.substr(0, runtime->name.find('@'));
  r.context_tokens = runtime_default;
  r.context_is_runtime_default = true;
  r.context_source = fmt::format("{}'s default for {} of VRAM", name, format_gib(vram_bytes));
}

}  // namespace

FitRequest build_fit_request(const FitOptions& o, const Catalog& catalog, const Hardware& h, const Environment& env) {
  FitRequest r;
  if (!h.given() && h.detected)
    throw Error::usage("no GPU and no system RAM were detected ('r1tag system' shows what was read)",
                       "say what hardware to fit: --vram SIZE, --gpus SIZE,SIZE, --gpu NAME or --ram SIZE");
  if (!h.given())
    throw Error::usage("say what hardware to fit: --vram SIZE, --gpus SIZE,SIZE, --gpu NAME or --ram SIZE",
                       "e.g. r1tag fit --vram 8GB");
  r.gpus = h.gpus;
  r.detected = h.detected;
  if (h.detected && h.detected->speed_known()) r.gpu_devices = h.detected->speed_devices();
  r.budget = h.budget;
  r.ram_known = h.ram_known;
  r.described_candidates = o.all ? 0 : static_cast<std::size_t>(o.top);
  r.hardware = h.named;
  r.host = h.host;
  r.kv_cache_type = checked_kv_type(o.kv_type);
  r.flash_attention = checked_on_off("--flash-attn", o.flash_attn);
  const RuntimeSelection runtime = choose_runtime(o.runtime, env);
  r.runtime = runtime.spec;
  r.runtime_note = runtime.because;
  choose_context(r, o, catalog);
  r.prefer = o.prefer == "quality" ? Preference::quality : o.prefer == "speed" ? Preference::speed : Preference::balanced;
  r.model_filter = o.remote_flags.remote ? std::string() : o.model;  // with --remote, the name of the file to fit
  r.family_filter = o.family;
  for (const std::string& part : o.tensor_split) r.tensor_split.push_back(checked_share(part));

  if (!r.tensor_split.empty() && r.tensor_split.size() != r.gpus.size())
    throw Error::usage("--tensor-split needs one share per GPU");
  if (!o.headroom.empty()) r.headroom_bytes = parse_memory_size(o.headroom);
  if (!o.model.empty() && !o.remote_flags.remote && std::none_of(catalog.models.begin(), catalog.models.end(), [&](const Model& m) {
        return m.size_label == o.model || m.id == o.model;
      })) {
    std::vector<std::string_view> names;
    for (const Model& m : catalog.models) names.push_back(m.size_label);
    const auto best = closest_match(o.model, names);
    throw Error::usage(fmt::format("unknown model '{}'", o.model), best ? fmt::format("did you mean {}?", *best) : "");
  }
  return r;
}

void add_fit_command(CLI::App& app, FitOptions& o) {
  CLI::App* cmd = app.add_subcommand("fit", "Rank the DeepSeek-R1 variants that fit your hardware, best first");
  add_hardware_flags(*cmd, o.hardware);
  cmd->add_option("--prefer", o.prefer,
                  "Ranking: balanced (default: placement, then quality, then speed), quality (best model first, even "
                  "partly in RAM), speed (fastest with acceptable quality loss)")
      ->check(CLI::IsMember({"balanced", "quality", "speed"}));
  cmd->add_option("--ctx", o.ctx,
                  "Context length in tokens (default: ollama's own default for the VRAM with --runtime ollama, 4096 / "
                  "32768 from 23 GiB / 262144 from 47 GiB; else 8192, since R1's reasoning traces run to thousands of "
                  "tokens)")
      ->option_text("TOKENS");
  cmd->add_option("--kv-type", o.kv_type, "KV cache type: f16 (default), q8_0, q4_0, … (quantized V needs flash attention)");
  cmd->add_option("--flash-attn", o.flash_attn, "Flash attention: on (default) or off");
  cmd->add_option("--runtime", o.runtime,
                  "Runtime to model: llama.cpp (default; llama-server b10488, --fit placement) or ollama (0.30+, on "
                  "llama-server); ollama@0.29 or ollama@VERSION for older releases. Without a version, the one "
                  "installed on PATH if it answers --version")
      ->option_text("NAME[@VERSION]");
  cmd->add_option("--model", o.model,
                  "Only this model: a size such as 14b, or a model id; with --remote, one file by its Hugging Face or ollama "
                  "registry name (as explain --remote takes it)")
      ->option_text("NAME");
  cmd->add_option("--family", o.family, "Only distills or the original 671B: distill | original")
      ->check(CLI::IsMember({"distill", "original"}));
  cmd->add_option("--tensor-split", o.tensor_split, "Share of the layers per GPU, e.g. 3,1 (default: by memory)")
      ->delimiter(',');
  cmd->add_option("--headroom", o.headroom, "Memory to keep free on each GPU instead of the runtime's own overhead figure")
      ->option_text("SIZE");
  cmd->add_option("--top", o.top, "How many candidates to show (default 5)")->option_text("N");
  cmd->add_flag("--all", o.all, "Show every candidate that fits");
  cmd->add_flag("--json", o.json, "Print one JSON document (schema: docs/json-schema.md)");
  cmd->add_flag("--installed", o.installed,
                "Rank the models installed on this machine (ollama, Hugging Face cache, llama.cpp cache, LM Studio; see "
                "'r1tag list') instead of every published variant");
  add_remote_flags(*cmd, o.remote_flags,
                   "With --model NAME: read that file's GGUF headers online (Hugging Face, ollama registry; range requests "
                   "only) and fit that exact file");
  cmd->footer(
      "Sizes: GB, G and GiB all mean 2^30 bytes (GPUs and RAM come in binary sizes); MiB and TB work too.\n"
      "Without --vram, --gpus, --gpu or --ram: the machine r1tag runs on ('r1tag system' shows what it detects).\n"
      "Examples:\n"
      "  r1tag fit\n"
      "  r1tag fit --vram 8GB\n"
      "  r1tag fit --gpu \"RTX 4060\"\n"
      "  r1tag fit --gpu \"M2 Max 32GB\"\n"
      "  r1tag fit --gpu 2x3090 --ram 128GB\n"
      "  r1tag fit --vram 24GB --ctx 32K --kv-type q8_0\n"
      "  r1tag fit --vram 24GB --runtime ollama      # ollama's 32768-token default on 24 GB\n"
      "  r1tag fit --gpus 24GB,24GB --ram 64GB\n"
      "  r1tag fit --vram 24GB --ram 192GB --family original\n"
      "  r1tag fit --ram 32GB                      # CPU only\n"
      "  r1tag fit --vram 12GB --json | jq '.candidates[0].run'\n"
      "  r1tag fit --installed --vram 8GB          # only what is already downloaded\n"
      "  r1tag fit --remote --model hf.co/unsloth/DeepSeek-R1-GGUF:UD-IQ1_S --vram 24GB --ram 192GB\n"
      "                                            # that exact file, its headers read online");
}

namespace {

void check_remote_flags(const FitOptions& options) {
  const RemoteFlags& remote = options.remote_flags;
  if (remote.offline && !remote.remote)
    throw Error::usage("--offline goes with --remote", "r1tag fit --remote --offline --model NAME");
  if (!remote.remote) return;
  if (options.model.empty())
    throw Error::usage("--remote needs --model NAME: the file to read online and fit",
                       "e.g. r1tag fit --remote --model hf.co/unsloth/DeepSeek-R1-GGUF:UD-IQ1_S --vram 24GB --ram 192GB");
  if (options.installed || !options.family.empty())
    throw Error::usage("--remote fits the one file --model names; --installed and --family choose among others",
                       "drop --installed/--family, or --remote");
}

// A repository alone names no file to fit: its quants, as the hint.
Error repository_alone(const RemoteListing& listing) {
  std::string quants;
  for (const RemoteQuant& q : listing.quants) quants += (quants.empty() ? "" : ", ") + q.label;
  const std::string name = describe(listing.name);
  return Error::usage(fmt::format("{} is a repository: fit needs one of its files", name),
                      listing.quants.empty() ? std::string("name a quant: --model NAME:QUANT")
                                             : fmt::format("name a quant, e.g. --model {}:{} (it has {})", name,
                                                           listing.quants.front().label, quants));
}

// `fit --remote --model NAME`: the file's headers read online (a note on a terminal while that is slow),
// then placed from its real tensors. `read` outlives the advice, whose candidate points into it.
FitAdvice advise_remote_file(const FitOptions& options, const FitRequest& request, const Catalog& catalog,
                             const Environment& env, RemoteRead& read) {
  {
    ProgressNote progress(progress_terminal(env));  // erased at the end of this block, before any output
    RemoteExplainer remote(options.remote_flags, env, progress.sink());
    read = remote.read(options.model, catalog);
  }
  if (!read.explanation) throw repository_alone(read.listing);
  const RemoteModel model{&*read.explanation, read.bytes, read.summary, llama_server_source(read.listing.name),
                          ollama_run_name(read.listing.name)};
  FitAdvice advice = advise_remote(request, catalog, model);
  if (!read.listing.note.empty()) advice.notes.push_back(read.listing.note);
  return advice;
}

CommandResult fit_on(const FitOptions& options, const Catalog& catalog, const TextStyle& style, const Hardware& hardware,
                     const Environment& env) {
  if (options.installed && !options.remote_flags.remote && (!options.model.empty() || !options.family.empty()))
    throw Error::usage("--model and --family choose among published variants; --installed ranks what is installed",
                       "drop --model/--family, or --installed");
  check_remote_flags(options);
  const FitRequest request = build_fit_request(options, catalog, hardware, env);
  FitAdvice advice;
  std::vector<InstalledModel> installed;  // outlives `advice`, whose candidates point into it
  RemoteRead remote;                      // likewise
  std::string warnings;
  try {
    if (options.remote_flags.remote) {
      advice = advise_remote_file(options, request, catalog, env, remote);
    } else if (options.installed) {
      ProgressNote progress(progress_terminal(env));  // a store on a slow disk
      StoreScan scan = installed_models(store_variables(env), progress.sink());
      for (const std::string& w : scan.warnings) warnings += warning_line(w);
      installed = explain_installed(std::move(scan.files), catalog, progress.sink());
      progress.erase();
      for (const InstalledModel& m : installed)
        if (!m.unreadable.empty()) warnings += warning_line(m.unreadable);
      advice = advise_installed(request, catalog, installed);
    } else {
      PlanCache plans = plan_cache_for(catalog, false);
      advice = advise(request, catalog, plans);
    }
  } catch (const Error& e) {
    if (e.code() != ExitCode::nothing_fits) throw;
    advice.runtime = runtime_for(request, catalog);
    CommandResult result;
    if (options.json) result.out = render_fit_json_error(advice, request, e);
    result.err = warnings + error_line(e);
    result.exit_code = static_cast<int>(e.code());
    return result;
  }
  if (request.detected)
    advice.notes.insert(advice.notes.begin(), request.detected->notes.begin(), request.detected->notes.end());
  const std::size_t shown = options.all ? advice.candidates.size() : std::min(static_cast<std::size_t>(options.top), advice.candidates.size());
  const std::size_t total = advice.candidates.size();
  advice.candidates.resize(shown);
  CommandResult result;
  result.err = warnings;
  result.out = options.json ? render_fit_json(advice, request, total) : render_fit_text(advice, request, total, style);
  return result;
}

}  // namespace

CommandResult run_fit(const FitOptions& options, const Catalog& catalog, const TextStyle& style, const Environment& env) {
  if (options.top < 1) throw Error::usage("--top must be at least 1", "--all shows every candidate");
  const Hardware hardware = effective_hardware(options.hardware, catalog, env);
  // Detection's warnings come first, also when the command then fails.
  const std::string warnings = warning_lines(hardware.warnings);
  try {
    CommandResult result = fit_on(options, catalog, style, hardware, env);
    result.err = warnings + result.err;
    return result;
  } catch (const Error& e) {
    return {"", warnings + error_line(e), static_cast<int>(e.code())};
  }
}

}  // namespace r1tag::cli
