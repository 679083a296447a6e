// The advisor behind `r1tag fit`: every published variant of the R1 family, placed on a hardware
// budget as llama.cpp would place it, ranked best first by the policy in README.md ("How fit ranks"),
// each with the reason for its rank and the command that runs it.
#pragma once

#include <r1tag/tables/catalog.hpp>
#include <r1tag/gguf/file_size.hpp>
#include <r1tag/hardware/detected_hardware.hpp>
#include <r1tag/hardware/hardware.hpp>
#include <r1tag/memory/memory_estimator.hpp>
#include <r1tag/memory/ollama_ps.hpp>
#include <r1tag/gguf/plan_cache.hpp>
#include <r1tag/advice/quant_quality.hpp>
#include <r1tag/hardware/speed_estimator.hpp>
#include <r1tag/sources/installed_file.hpp>
#include <r1tag/sources/remote_session.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace r1tag {

// What `fit` puts first after placement: the documented balance, the model's quality, or speed above a
// quality floor (README.md, "How fit ranks").
enum class Preference { balanced, quality, speed };

struct FitRequest {
  std::optional<HardwareChoice> hardware;  // --gpu NAME: the device, for speed and notes
  // No hardware flags: the machine as detected, and the catalogue device of each of `gpus` when every one
  // is known (so speed is estimated as with --gpu).
  std::optional<DetectedHardware> detected;
  std::vector<const Device*> gpu_devices;
  const Device* host = nullptr;            // --cpu NAME: the CPU platform holding RAM layers
  Preference prefer = Preference::balanced;
  std::vector<GpuDevice> gpus;  // in order; empty = CPU only
  MemoryBudget budget;          // bytes per GPU, and system RAM
  bool ram_known = false;       // without --ram only full-GPU placements are offered
  std::vector<double> tensor_split;
  std::uint64_t context_tokens = 0;
  std::string kv_cache_type = "F16";  // ggml type name
  bool flash_attention = true;
  std::string runtime = "llama.cpp";  // a profile name or NAME@VERSION (select_runtime)
  std::string runtime_note;          // why this runtime version (found installed), for the notes
  // The context is the runtime's own default (ollama's by VRAM), not --ctx: then it is clamped to each
  // model's trained context as the runtime clamps it, and `context_source` says where it came from.
  bool context_is_runtime_default = false;
  std::string context_source;
  std::string model_filter;   // a size word ("14b") or a model id; empty = all
  std::string family_filter;  // "distill", "original" or empty
  std::optional<std::uint64_t> headroom_bytes;
  // How many candidates, best first, get their `why` line and run commands (the ones shown); 0 = all.
  std::size_t described_candidates = 0;
};

enum class PlacementKind { gpu, partial, cpu };
const char* to_string(PlacementKind kind);

// `fit --installed`: the local copy a candidate is.
struct InstalledCopy {
  std::string name;  // the store's name: `deepseek-r1:7b`, `owner/repo/file.gguf`
  StoreKind store = StoreKind::ollama;
  std::vector<std::string> paths;
};

struct Candidate {
  const Model* model = nullptr;
  const QuantScheme* scheme = nullptr;    // null for an installed file whose general.file_type names no scheme
  const OllamaTag* ollama_tag = nullptr;  // the library tag, if ollama publishes this variant
  const HfRepo* repo = nullptr;           // the Hugging Face repository llama-server would pull from
  KvLayout kv_layout = KvLayout::standard;
  std::uint64_t file_bytes = 0;
  std::string file_basis;       // "computed", "published" for custom mixes, "header" for an installed file
  std::optional<InstalledCopy> installed;  // set by the installed-model functions below
  std::optional<RemoteSummary> remote;     // `fit --remote`: where the file's headers were read, what it cost
  bool tensor_split_estimated = false;  // custom mix: per-tensor bytes estimated from the published total
  PlacementKind placement = PlacementKind::cpu;
  bool experts_on_cpu = false;  // MoE: routed experts kept in RAM (--n-cpu-moe)
  PlacementFit fit;
  double capability = 0;  // mean of the ranking benchmarks, see capability_score
  QualityVerdict quality;
  std::optional<SpeedEstimate> speed;  // only when the devices are known (--gpu, or RAM-only)
  std::string speed_unknown_reason;    // why there is no speed figure
  std::string why;
  std::optional<OllamaPs> ollama_ps;  // what `ollama ps` will show, for ollama >= 0.30 (llama-server's buffers)
  std::string ollama_command;        // empty when ollama does not publish the variant
  std::string llama_server_command;  // empty when no Hugging Face repository is known
};

struct FitAdvice {
  std::shared_ptr<const RuntimeProfile> runtime;  // the profile modelled (a copy: it may carry a version)
  std::string ollama_library;  // "deepseek-r1"
  std::uint64_t context_tokens = 0;
  std::vector<Candidate> candidates;  // best first
  std::vector<std::string> notes;
};

// The published capability the ranking uses: the mean of the benchmark scores `policy` names (every model
// card of the family reports AIME 2024 pass@1 and GPQA Diamond pass@1). nullopt when a model lacks one.
std::optional<double> capability_score(const Model& model, const RankingPolicy& policy);

// Every variant that fits `request`, best first. Throws Error (usage) for a request the runtime
// refuses (unknown KV type, quantized V cache without flash attention) and Error (nothing_fits) when
// no variant fits, saying what would.
// The runtime profile `request.runtime` names (select_runtime), or Error (usage) naming the choices.
std::shared_ptr<const RuntimeProfile> runtime_for(const FitRequest& request, const Catalog& catalog);

FitAdvice advise(const FitRequest& request, const Catalog& catalog);
// The same with plans from `plans` (seeded with the embedded catalogue's build-time plans, fit over the whole
// catalogue plans nothing at run time).
FitAdvice advise(const FitRequest& request, const Catalog& catalog, PlanCache& plans);

struct InstalledModel;

// One installed model (installed_model.hpp) placed on the request's budget exactly as `fit` places a
// catalogue variant, from the file's real tensors: nullopt when it does not fit, its context is above
// the model's trained context, its header could not be read, or the memory engine does not model its
// architecture. The candidate points into `installed`, which must outlive it. No `why` or commands.
std::optional<Candidate> place_installed(const InstalledModel& installed, const FitRequest& request, const Catalog& catalog,
                                         const RuntimeProfile& runtime);

// `fit --installed`: the installed models that fit, ranked as `fit` ranks the catalogue, the shown ones
// with their reason and run commands that use the local copy (`ollama run NAME` for an ollama model,
// `llama-server -m PATH` for every file). Throws Error (nothing_fits) when none fits or none is installed.
FitAdvice advise_installed(const FitRequest& request, const Catalog& catalog, const std::vector<InstalledModel>& installed);

struct Explanation;

// `fit --remote --model NAME`: one file whose headers were read online, explained by explain_file.
struct RemoteModel {
  const Explanation* explanation = nullptr;  // must outlive the advice, whose candidate points into it
  std::uint64_t bytes = 0;                   // every part
  RemoteSummary summary;                     // the candidate's `remote`
  // How llama-server fetches the same file ({"-hf", "owner/repo:Q4_K_M"}), and the name `ollama run`
  // pulls ("deepseek-r1:7b"); empty when there is none.
  std::vector<std::string> llama_server_source;
  std::string ollama_name;
};

// That file placed on the request's budget exactly as an installed file is (its real tensors), with its
// reason and run commands that fetch it. Throws Error (nothing_fits) saying why when it does not fit.
FitAdvice advise_remote(const FitRequest& request, const Catalog& catalog, const RemoteModel& remote);

}  // namespace r1tag
