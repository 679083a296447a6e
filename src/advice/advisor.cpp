#include <r1tag/advice/advisor.hpp>

#include <r1tag/advice/installed_model.hpp>

#include <r1tag/gguf/custom_mix.hpp>
#include <r1tag/common/byte_size.hpp>
#include <r1tag/common/error.hpp>
#include <r1tag/common/suggest.hpp>

#include "common/ascii.hpp"
#include "advice/fit_ranking.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string_view>
#include <cmath>
#include <limits>

namespace r1tag {

const char* to_string(PlacementKind kind) {
  switch (kind) {
    case PlacementKind::gpu: return "gpu";
    case PlacementKind::partial: return "partial";
    case PlacementKind::cpu: return "cpu";
  }
  return "cpu";
}

std::optional<double> capability_score(const Model& model, const RankingPolicy& policy) {
  // data/ranking.json names the scores every card of the family reports.
  const auto& names = policy.capability_benchmarks;
  if (names.empty()) return std::nullopt;
  double sum = 0;
  for (const std::string_view name : names) {
    const auto it = std::find_if(model.benchmarks.begin(), model.benchmarks.end(),
                                 [&](const Benchmark& b) { return b.name == name; });
    if (it == model.benchmarks.end()) return std::nullopt;
    sum += it->value;
  }
  return sum / static_cast<double>(names.size());
}

namespace {

// One published variant: a model at a scheme, and where it can be pulled from.
struct Source {
  const Model* model = nullptr;
  const QuantScheme* scheme = nullptr;
  const OllamaTag* ollama_tag = nullptr;
  const HfRepo* repo = nullptr;
  const HfFile* file = nullptr;
};

bool wanted(const Model& m, const FitRequest& r) {
  if (!r.family_filter.empty() && m.family != r.family_filter) return false;
  if (r.model_filter.empty()) return true;
  return detail::iequals(m.size_label, r.model_filter) || detail::iequals(m.id, r.model_filter);
}

// Hugging Face repositories in the order llama-server commands should prefer: a publisher that
// uses an importance matrix first, since its low-bit files lose less.
const HfRepo* preferred_repo(const Catalog& c, const Model& m, const QuantScheme& s) {
  const HfRepo* best = nullptr;
  for (const HfRepo* repo : c.repos_for(m.id)) {
    if (repo->find_file(s.name) == nullptr) continue;
    if (best == nullptr || (repo->imatrix && !best->imatrix)) best = repo;
  }
  return best;
}

std::vector<Source> published_variants(const Catalog& c, const FitRequest& r) {
  std::vector<Source> out;
  const auto add = [&](const Model& m, const QuantScheme& s) {
    const bool seen = std::any_of(out.begin(), out.end(), [&](const Source& x) { return x.model == &m && x.scheme == &s; });
    if (seen) return;
    Source src{&m, &s, c.find_ollama_tag_for(m.id, s.name), preferred_repo(c, m, s), nullptr};
    if (src.repo != nullptr) src.file = src.repo->find_file(s.name);
    out.push_back(src);
  };
  for (const Model& m : c.models) {
    if (!wanted(m, r)) continue;
    for (const OllamaTag& t : c.ollama_tags)
      if (t.model_id == m.id) add(m, *c.find_scheme(t.scheme));
    for (const HfRepo* repo : c.repos_for(m.id))
      for (const HfFile& f : repo->files) add(m, *c.find_scheme(f.scheme));
  }
  return out;
}

KvLayout layout_of(const Source& s) {
  if (s.ollama_tag != nullptr) return kv_layout_from(s.ollama_tag->kv_layout);
  if (s.repo != nullptr) return kv_layout_from(s.repo->kv_layout);
  return KvLayout::standard;
}

std::optional<PublishedSize> published_size(const Source& s) {
  if (s.file != nullptr && s.file->published) return s.file->published;
  if (s.ollama_tag != nullptr && s.ollama_tag->published) return s.ollama_tag->published;
  return std::nullopt;
}

// The context a variant runs at: --ctx as given, or the runtime's default, which it clamps to the model's
// trained context (ollama's 262144 from 47 GiB of VRAM is 131072 for a distill). 0 = does not apply.
std::uint64_t context_for(const Model& m, const FitRequest& r, const RuntimeProfile& runtime) {
  const std::uint64_t trained = m.hparams.context_length;
  if (r.context_tokens <= trained) return r.context_tokens;
  return r.context_is_runtime_default && runtime.clamps_context_to_trained.value ? trained : 0;
}

MemoryRequest memory_request(const FitRequest& r, const Catalog& c, const RuntimeProfile& runtime, KvLayout layout,
                             const Model& model) {
  MemoryRequest m = default_memory_request(c, runtime, context_for(model, r, runtime));
  m.kv_layout = layout;
  m.kv_cache_type_k = c.find_type(r.kv_cache_type);
  m.kv_cache_type_v = m.kv_cache_type_k;
  m.flash_attention = r.flash_attention;
  m.gpus = r.gpus;
  m.placement.tensor_split = r.tensor_split;
  m.headroom_bytes = r.headroom_bytes;
  return m;
}

// ollama >= 0.30: llama-server places the layers and `ollama ps` adds up its logged buffers.
bool reports_llama_server_buffers(const RuntimeProfile& runtime) {
  return runtime.name.substr(0, runtime.name.find('@')) == "ollama" && runtime.placement.value == "llama_server_fit";
}

// One line on who places the layers, for the runtimes whose placement changed in 2026.
std::string placement_note(const RuntimeProfile& runtime) {
  if (runtime.name.substr(0, runtime.name.find('@')) != "ollama") return {};
  if (runtime.placement.value == "llama_server_fit")
    return "ollama 0.30 and later run GGUF models in llama-server: its --fit places the layers, keeping 1 GiB free "
           "per GPU, and `ollama ps` shows the buffers llama-server logs (use --runtime ollama@0.29 for older versions)";
  return "ollama before 0.30 places layers with its own estimator (457 MiB kept per CUDA/ROCm GPU, 512 MiB on Metal)";
}

// Routed experts in RAM make a placement partial even with every layer offloaded.
PlacementKind kind_of(const PlacementFit& fit, bool experts_on_cpu) {
  if (fit.estimate.gpu_layers == 0) return PlacementKind::cpu;
  const bool all_layers = fit.estimate.gpu_layers >= fit.estimate.layer_count;
  return all_layers && !experts_on_cpu ? PlacementKind::gpu : PlacementKind::partial;
}

// The plan of a variant: computed from llama.cpp's rules, or for a custom mix (unsloth UD-*), which
// publishes only its total, estimated from that total (custom_mix.hpp) and labelled so.
std::shared_ptr<const FileSize> plan_of(const Source& s, const Catalog& c, KvLayout layout, PlanCache& plans) {
  if (s.scheme->custom_mix) {
    const auto published = published_size(s);
    return published ? plans.custom_mix(*s.model, *s.scheme, published->bytes, c, layout) : nullptr;
  }
  QuantOptions options;
  options.imatrix = s.ollama_tag == nullptr && s.repo != nullptr && s.repo->imatrix;
  return plans.file_size(*s.model, *s.scheme, c, options, layout);
}

// Decode speed needs the devices' bandwidth: known with --gpu NAME, or for a CPU-only budget (the host
// platform, given with --cpu or the documented default). With --vram alone it is unknown.
void attach_speed(Candidate& cand, const LayerWeights& weights, MemoryRequest request,
                  const FitRequest& r, const Catalog& c, const RuntimeProfile& runtime) {
  SpeedHardware hardware;
  hardware.host = r.host;
  if (r.hardware) {
    hardware.gpus.assign(r.hardware->count, r.hardware->device);
  } else if (!r.gpus.empty() && r.gpu_devices.size() == r.gpus.size()) {
    hardware.gpus = r.gpu_devices;
  } else if (r.detected && !r.gpus.empty()) {
    cand.speed_unknown_reason = "no speed estimate: a detected GPU is not in the catalogue, so its bandwidth is unknown "
                                "(give it by name with --gpu)";
    return;
  } else if (!r.gpus.empty()) {
    cand.speed_unknown_reason = "no speed estimate: give the GPU by name (--gpu) so its bandwidth is known";
    return;
  }
  request.placement = cand.fit.placement;
  cand.speed = estimate_speed(*cand.model, weights, runtime, request, hardware, c);
}

// False when the weights alone exceed the memory a placement may use, so no search is needed: without
// --ram only an all-GPU placement counts, and it holds every weight but token_embd (always in RAM).
bool could_fit(const LayerWeights& w, const FitRequest& r) {
  std::uint64_t weights = w.input_bytes + w.output_layer_bytes + w.first_block_bytes;
  for (std::size_t b = 0; b < w.block_bytes.size(); ++b) weights += w.block_bytes[b] + w.block_expert_bytes[b];
  std::uint64_t gpu_bytes = 0;
  for (const std::uint64_t g : r.budget.gpu_bytes) gpu_bytes += g;
  if (!r.ram_known) return r.gpus.empty() || weights - w.input_bytes <= gpu_bytes;
  return weights <= gpu_bytes + r.budget.ram_bytes;
}

// Places `weights` on the budget: all on the GPUs if possible; for a MoE model that does not fit, the
// routed experts in RAM with the rest on the GPUs, if that offloads more; else whatever fits. Fills the
// candidate's placement, fit, quality and speed; false when nothing fits.
bool place_weights(Candidate& cand, const LayerWeights& weights, const FitRequest& r, const Catalog& c,
                   const RuntimeProfile& runtime) {
  if (!could_fit(weights, r)) return false;
  const MemoryRequest request = memory_request(r, c, runtime, cand.kv_layout, *cand.model);
  auto fit = fit_placement(*cand.model, weights, runtime, request, r.budget, c);
  const bool full = fit && kind_of(*fit, false) == PlacementKind::gpu;
  if (!full && cand.model->hparams.expert_count > 0 && !r.gpus.empty()) {
    auto moe = fit_moe_offload(*cand.model, weights, runtime, request, r.budget, c);
    if (moe && (!fit || moe->estimate.gpu_layers > fit->estimate.gpu_layers)) {
      fit = std::move(moe);
      cand.experts_on_cpu = true;
    }
  }
  if (!fit) return false;
  cand.placement = kind_of(*fit, cand.experts_on_cpu);
  if (!r.ram_known && cand.placement != PlacementKind::gpu) return false;
  cand.fit = std::move(*fit);
  if (reports_llama_server_buffers(runtime)) cand.ollama_ps = ollama_ps(cand.fit.estimate, cand.experts_on_cpu);
  cand.capability = capability_score(*cand.model, c.ranking).value_or(0);
  if (cand.scheme != nullptr) cand.quality = quality_verdict(*cand.scheme, c);
  attach_speed(cand, weights, request, r, c, runtime);
  return true;
}

// The best placement of one published variant (place_weights on its plan).
std::optional<Candidate> place(const Source& s, const FitRequest& r, const Catalog& c, const RuntimeProfile& runtime,
                               PlanCache& plans) {
  Candidate cand;
  cand.model = s.model;
  cand.scheme = s.scheme;
  cand.ollama_tag = s.ollama_tag;
  cand.repo = s.repo;
  cand.kv_layout = layout_of(s);
  if (context_for(*s.model, r, runtime) == 0) return std::nullopt;
  const std::shared_ptr<const FileSize> plan = plan_of(s, c, cand.kv_layout, plans);
  cand.file_basis = s.scheme->custom_mix ? "published" : "computed";
  cand.tensor_split_estimated = s.scheme->custom_mix;
  if (!plan) return std::nullopt;
  cand.file_bytes = plan->total_bytes;
  if (!place_weights(cand, plan->layers, r, c, runtime)) return std::nullopt;
  return cand;
}

std::string kv_flags(const FitRequest& r) {
  if (detail::iequals(r.kv_cache_type, "F16")) return "";
  const std::string t = detail::lower(r.kv_cache_type);
  return fmt::format(" -ctk {} -ctv {}", t, t);
}

// -ts as llama-server takes it: the user's --tensor-split shares as given, or else the default split by
// each GPU's memory, in GiB (the placement holds bytes then).
std::string tensor_split_flag(const Candidate& cand, const FitRequest& r) {
  const auto& split = cand.fit.placement.tensor_split;
  if (split.size() < 2) return "";
  std::string out = " -ts ";
  for (std::size_t i = 0; i < split.size(); ++i) {
    const std::string share = r.tensor_split.empty() ? fmt::format("{:g}", split[i] / (1ULL << 30)) : fmt::format("{}", split[i]);
    out += (i == 0 ? "" : ",") + share;
  }
  return out;
}

// Run commands with today's flags and every default that matters spelled out: -c (llama-server's own
// default, 0, is the trained context, which --fit may shrink), -np 1 (its default, auto, is 4 slots
// sharing the context) and --n-cpu-moe for experts in RAM (common/arg.cpp; it replaces -ot exps=CPU).
void attach_commands(Candidate& cand, const FitRequest& r, const Catalog& c, std::uint64_t context_tokens) {
  if (cand.ollama_tag != nullptr) {
    cand.ollama_command = fmt::format("OLLAMA_CONTEXT_LENGTH={} ollama run {}:{}", context_tokens, c.ollama_library,
                                      cand.ollama_tag->tag);
  } else if (cand.repo != nullptr) {
    // ollama pulls GGUF repositories from Hugging Face by name (huggingface/hub-docs docs/hub/ollama.md).
    cand.ollama_command = fmt::format("OLLAMA_CONTEXT_LENGTH={} ollama run hf.co/{}:{}", context_tokens, cand.repo->repo,
                                      cand.scheme->name);
  }
  if (cand.repo != nullptr) {
    std::string cmd =
        fmt::format("llama-server -hf {}:{} -c {} -np 1", cand.repo->repo, cand.scheme->name, context_tokens);
    if (cand.placement != PlacementKind::cpu) cmd += fmt::format(" -ngl {}", cand.fit.estimate.gpu_layers);
    if (cand.placement == PlacementKind::cpu) cmd += " -ngl 0";
    if (cand.experts_on_cpu) cmd += fmt::format(" --n-cpu-moe {}", cand.model->hparams.block_count);
    cmd += r.flash_attention ? " -fa on" : " -fa off";
    cmd += kv_flags(r) + tensor_split_flag(cand, r);
    cand.llama_server_command = cmd;
  }
}

std::string gib(std::uint64_t bytes) { return fmt::format("{:.1f} GiB", static_cast<double>(bytes) / (1ULL << 30)); }

// What the smallest variant needs with everything on one GPU (or, for a CPU-only budget, in RAM).
struct Need {
  const Source* source = nullptr;
  std::uint64_t bytes = std::numeric_limits<std::uint64_t>::max();
};

// A variant's weights by layer, gathered once for every question about it.
struct Planned {
  const Source* source = nullptr;
  KvLayout layout = KvLayout::standard;
  LayerWeights weights;
};

std::vector<Planned> planned_weights(const std::vector<Source>& sources, const Catalog& c, PlanCache& plans) {
  std::vector<Planned> out;
  for (const Source& s : sources) {
    const KvLayout layout = layout_of(s);
    if (const auto plan = plan_of(s, c, layout, plans)) out.push_back({&s, layout, plan->layers});
  }
  return out;
}

Need smallest_need(const std::vector<Planned>& planned, const FitRequest& r, const Catalog& c,
                   const RuntimeProfile& runtime, std::uint64_t context_tokens) {
  Need best;
  FitRequest one = r;
  one.context_tokens = context_tokens;
  for (const Planned& p : planned) {
    const Model& model = *p.source->model;
    if (context_for(model, one, runtime) == 0) continue;
    MemoryRequest m = memory_request(one, c, runtime, p.layout, model);
    if (!r.gpus.empty()) {
      m.gpus = {r.gpus.front()};
      m.placement.tensor_split.clear();
      m.placement.gpu_layers = model.hparams.block_count + 1;
    }
    const MemoryEstimate e = estimate_memory(model, p.weights, runtime, m, c);
    const std::uint64_t need = r.gpus.empty() ? e.devices.back().total_bytes : e.devices.front().total_bytes;
    if (need < best.bytes) best = {p.source, need};
  }
  return best;
}

std::string variant_name(const Source& s, const Catalog& c) {
  if (s.ollama_tag != nullptr) return fmt::format("{}:{}", c.ollama_library, s.ollama_tag->tag);
  return fmt::format("{} {}", s.model->id, s.scheme->name);
}

// Nothing fits: say what the smallest variant needs, at this context and at a short one.
Error nothing_fits(const std::vector<Source>& sources, const FitRequest& r, const Catalog& c, const RuntimeProfile& runtime,
                   PlanCache& plans) {
  std::string budget;
  for (std::size_t i = 0; i < r.budget.gpu_bytes.size(); ++i) budget += fmt::format("{}{}", i == 0 ? "" : " + ", gib(r.budget.gpu_bytes[i]));
  budget = budget.empty() ? gib(r.budget.ram_bytes) + " of RAM" : budget + " of VRAM";
  const std::string message =
      fmt::format("no DeepSeek-R1 variant fits in {} at {} tokens of context", budget, r.context_tokens);
  const std::vector<Planned> planned = planned_weights(sources, c, plans);
  const Need need = smallest_need(planned, r, c, runtime, r.context_tokens);
  if (need.source == nullptr) return Error(ExitCode::nothing_fits, message);
  const char* where = r.gpus.empty() ? "of RAM" : "on one GPU";
  std::string hint = fmt::format("the smallest, {}, needs {} {} at {} tokens", variant_name(*need.source, c), gib(need.bytes),
                                 where, r.context_tokens);
  const std::uint64_t k_short_context = c.ranking.short_context_tokens;  // a short chat; R1's reasoning needs more
  if (r.context_tokens > k_short_context) {
    const Need short_need = smallest_need(planned, r, c, runtime, k_short_context);
    if (short_need.source != nullptr)
      hint += fmt::format(" ({} at --ctx {}, too short for long reasoning)", gib(short_need.bytes), k_short_context);
  }
  if (!r.ram_known && !r.gpus.empty()) hint += "; --ram SIZE allows partial offload";
  return Error(ExitCode::nothing_fits, message, hint);
}

// A path as one shell word: as it is when it holds only safe characters, else in single quotes.
std::string shell_word(const std::string& text) {
  const bool safe = !text.empty() && std::all_of(text.begin(), text.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) != 0 || std::string_view("/._-+:=@%,~").find(ch) != std::string_view::npos;
  });
  if (safe) return text;
  std::string quoted = "'";
  for (const char ch : text) quoted += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return quoted + "'";
}

// llama-server's options for a placed file, after the flags that say which file it loads.
std::string llama_server_options(const Candidate& cand, const FitRequest& r, std::uint64_t context_tokens) {
  std::string cmd = fmt::format(" -c {} -np 1", context_tokens);
  cmd += fmt::format(" -ngl {}", cand.placement == PlacementKind::cpu ? 0 : cand.fit.estimate.gpu_layers);
  if (cand.experts_on_cpu) cmd += fmt::format(" --n-cpu-moe {}", cand.model->hparams.block_count);
  cmd += r.flash_attention ? " -fa on" : " -fa off";
  return cmd + kv_flags(r) + tensor_split_flag(cand, r);
}

// Run commands that use the local copy: ollama runs its own model by name; llama-server loads the file
// (an ollama blob is a GGUF too), part 1 of a split set finding the others.
void attach_installed_commands(Candidate& cand, const FitRequest& r, std::uint64_t context_tokens) {
  const InstalledCopy& copy = *cand.installed;
  if (copy.store == StoreKind::ollama)
    cand.ollama_command = fmt::format("OLLAMA_CONTEXT_LENGTH={} ollama run {}", context_tokens, copy.name);
  cand.llama_server_command = fmt::format("llama-server -m {}{}", shell_word(copy.paths.front()), llama_server_options(cand, r, context_tokens));
}

// Run commands that fetch the remote file: `ollama run` pulls a registry name, llama-server's -hf a Hub file.
void attach_remote_commands(Candidate& cand, const FitRequest& r, std::uint64_t context_tokens, const RemoteModel& remote) {
  if (!remote.ollama_name.empty())
    cand.ollama_command = fmt::format("OLLAMA_CONTEXT_LENGTH={} ollama run {}", context_tokens, shell_word(remote.ollama_name));
  if (remote.llama_server_source.empty()) return;
  std::string cmd = "llama-server";
  for (const std::string& word : remote.llama_server_source) cmd += " " + shell_word(word);
  cand.llama_server_command = cmd + llama_server_options(cand, r, context_tokens);
}

}  // namespace

std::shared_ptr<const RuntimeProfile> runtime_for(const FitRequest& request, const Catalog& catalog) {
  auto profile = select_runtime(catalog, request.runtime);
  if (!profile)
    throw Error::usage(fmt::format("unknown runtime '{}'", request.runtime),
                       "use llama.cpp, ollama (the current releases) or ollama@VERSION, e.g. ollama@0.29");
  profile->selected_because = request.runtime_note;
  return std::make_shared<const RuntimeProfile>(std::move(*profile));
}

FitAdvice advise(const FitRequest& request, const Catalog& catalog) {
  PlanCache plans;
  return advise(request, catalog, plans);
}

namespace {

// What every ranking starts from: the runtime profile, the checked KV type, and the notes on the hardware
// and the runtime.
FitAdvice advice_for(const FitRequest& request, const Catalog& catalog) {
  FitAdvice advice;
  advice.runtime = runtime_for(request, catalog);
  if (catalog.find_type(request.kv_cache_type) == nullptr)
    throw Error::usage(fmt::format("unknown KV cache type '{}'", request.kv_cache_type));
  advice.context_tokens = request.context_tokens;
  advice.ollama_library = catalog.ollama_library;
  if (request.hardware && !request.hardware->note.empty()) advice.notes.push_back(request.hardware->note);
  if (!request.runtime_note.empty()) advice.notes.push_back(request.runtime_note);
  if (const std::string note = placement_note(*advice.runtime); !note.empty()) advice.notes.push_back(note);
  return advice;
}

}  // namespace

FitAdvice advise(const FitRequest& request, const Catalog& catalog, PlanCache& plans) {
  FitAdvice advice = advice_for(request, catalog);
  const std::vector<Source> sources = published_variants(catalog, request);
  std::vector<Candidate> fitting;
  for (const Source& s : sources) {
    if (auto cand = place(s, request, catalog, *advice.runtime, plans)) fitting.push_back(std::move(*cand));
  }
  if (fitting.empty()) throw nothing_fits(sources, request, catalog, *advice.runtime, plans);
  detail::rank(fitting, request.prefer, catalog.ranking);
  const std::size_t described =
      request.described_candidates == 0 ? fitting.size() : std::min(request.described_candidates, fitting.size());
  for (std::size_t i = 0; i < described; ++i) {
    fitting[i].why = detail::why(fitting[i], i == 0 ? nullptr : &fitting[i - 1], request, catalog.ranking);
    attach_commands(fitting[i], request, catalog, context_for(*fitting[i].model, request, *advice.runtime));
  }
  advice.candidates = std::move(fitting);
  return advice;
}

namespace {

// A file explained from its headers placed from its real tensors; nullopt when it does not fit or cannot be
// placed (no tensors, an architecture the memory engine does not model, a context above its trained one).
std::optional<Candidate> place_file(const Explanation& e, std::uint64_t bytes, const FitRequest& request, const Catalog& catalog,
                                    const RuntimeProfile& runtime) {
  if (!e.computed) return std::nullopt;
  if (e.file && !e.file->memory_modelled) return std::nullopt;
  if (context_for(*e.variant.model, request, runtime) == 0) return std::nullopt;
  Candidate cand;
  cand.model = e.variant.model;
  cand.scheme = e.variant.scheme;
  cand.ollama_tag = e.variant.ollama_tag;
  cand.kv_layout = e.kv_layout;
  cand.file_bytes = bytes;
  cand.file_basis = "header";
  if (!place_weights(cand, e.computed->layers, request, catalog, runtime)) return std::nullopt;
  return cand;
}

// Why a remote file is no candidate, as one error with what to try.
Error remote_does_not_fit(const RemoteModel& remote, const FitRequest& request, const RuntimeProfile& runtime) {
  const Explanation& e = *remote.explanation;
  const std::string& name = remote.summary.name;
  if (!e.computed || (e.file && !e.file->memory_modelled))
    return Error(ExitCode::nothing_fits,
                 fmt::format("{}: r1tag does not model the memory of its architecture ({})", name,
                             e.file ? e.file->architecture : std::string("unknown")),
                 "r1tag explain --remote NAME still shows its exact size");
  if (context_for(*e.variant.model, request, runtime) == 0)
    return Error(ExitCode::nothing_fits,
                 fmt::format("{}: {} tokens of context are above the model's trained context ({} tokens)", name,
                             request.context_tokens, e.variant.model->hparams.context_length),
                 "ask for less with --ctx");
  return Error(ExitCode::nothing_fits,
               fmt::format("{} ({}) does not fit this budget at {} tokens of context", name, format_gib(remote.bytes),
                           request.context_tokens),
               std::string("r1tag explain --remote NAME with the same hardware flags shows its memory per device; a smaller "
                           "quant or --ctx may fit") +
                   (!request.ram_known && !request.gpus.empty() ? "; --ram SIZE allows partial offload" : ""));
}

}  // namespace

std::optional<Candidate> place_installed(const InstalledModel& installed, const FitRequest& request, const Catalog& catalog,
                                         const RuntimeProfile& runtime) {
  if (!installed.explanation) return std::nullopt;
  std::optional<Candidate> cand = place_file(*installed.explanation, installed.file.bytes, request, catalog, runtime);
  if (cand) cand->installed = InstalledCopy{installed.file.name, installed.file.store, installed.file.paths};
  return cand;
}

FitAdvice advise_remote(const FitRequest& request, const Catalog& catalog, const RemoteModel& remote) {
  FitAdvice advice = advice_for(request, catalog);
  std::optional<Candidate> cand = place_file(*remote.explanation, remote.bytes, request, catalog, *advice.runtime);
  if (!cand) throw remote_does_not_fit(remote, request, *advice.runtime);
  cand->remote = remote.summary;
  cand->why = detail::why(*cand, nullptr, request, catalog.ranking);
  attach_remote_commands(*cand, request, context_for(*cand->model, request, *advice.runtime), remote);
  advice.candidates.push_back(std::move(*cand));
  return advice;
}

FitAdvice advise_installed(const FitRequest& request, const Catalog& catalog, const std::vector<InstalledModel>& installed) {
  FitAdvice advice = advice_for(request, catalog);
  if (installed.empty())
    throw Error(ExitCode::nothing_fits, "no installed models found",
                "r1tag list shows where it looked; without --installed, fit ranks every published variant");
  std::vector<Candidate> fitting;
  for (const InstalledModel& m : installed)
    if (auto cand = place_installed(m, request, catalog, *advice.runtime)) fitting.push_back(std::move(*cand));
  if (fitting.empty())
    throw Error(ExitCode::nothing_fits,
                fmt::format("none of the {} installed model{} fits at {} tokens of context", installed.size(),
                            installed.size() == 1 ? "" : "s", request.context_tokens),
                "without --installed, fit ranks every published variant, including ones to download");
  detail::rank(fitting, request.prefer, catalog.ranking);
  const std::size_t described =
      request.described_candidates == 0 ? fitting.size() : std::min(request.described_candidates, fitting.size());
  for (std::size_t i = 0; i < described; ++i) {
    fitting[i].why = detail::why(fitting[i], i == 0 ? nullptr : &fitting[i - 1], request, catalog.ranking);
    attach_installed_commands(fitting[i], request, context_for(*fitting[i].model, request, *advice.runtime));
  }
  advice.candidates = std::move(fitting);
  return advice;
}

}  // namespace r1tag
