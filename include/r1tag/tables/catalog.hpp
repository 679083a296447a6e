// The validated, typed form of the data tables (data/*.json): ggml types, quant schemes, the
// models of the R1 family with their hyperparameters, and where each variant is published.
// A Catalog is a plain value; it comes from the embedded tables (its text then lives in the binary) or
// from parse_catalog(--data) (its text then lives in the shared TextStore).
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace r1tag {

// One ggml tensor type (data/quant_types.json).
struct GgmlType {
  std::string_view name;  // "Q4_K"
  std::uint32_t type_id = 0;
  std::uint32_t block_size = 1;       // weights per block
  std::uint32_t type_size_bytes = 0;  // bytes per block
  std::string_view description;
  bool deprecated = false;
  std::string_view source;
};

// A published quality measurement of a quant scheme.
struct QualityFigure {
  std::string_view metric;  // "ppl_delta", "ppl", "kld_mean", "kld_p99", "same_top_p"
  double value = 0;
  std::string_view model;    // what was quantized and measured
  std::string_view by;       // who measured it, and on what kind of mix ("llama-quantize's own table")
  std::string_view dataset;  // the text it was measured on
  std::string_view note;
  std::string_view source;
};

// A quant name as it appears in a file or tag (data/quant_schemes.json).
struct QuantScheme {
  std::string_view name;  // canonical: "Q4_K_M", "Q4_K_L", "UD-IQ1_S"
  std::string_view kind;  // "float", "legacy", "k-quant", "i-quant", "ternary", "mxfp", "publisher-variant", "dynamic"
  std::optional<std::uint32_t> ftype_id;
  std::string_view default_type;  // ggml type name
  std::vector<std::string_view> aliases;
  std::string_view meaning;
  std::optional<double> nominal_bits_per_weight;
  std::string_view base_scheme;      // publisher variants: the llama-quantize scheme underneath
  std::string_view token_embd_type;  // forced type of token_embd.weight, or empty
  std::string_view output_type;      // forced type of output.weight, or empty
  std::string_view publisher;
  bool custom_mix = false;
  std::string_view imatrix;  // "optional", "required", "none"
  std::vector<QualityFigure> quality;
  std::string_view source;
};

// GGUF hyperparameters of a model, named like the GGUF keys (`<arch>.block_count`, …).
// MoE and MLA fields are 0 for dense models.
struct Hyperparameters {
  std::uint32_t block_count = 0;
  std::uint32_t context_length = 0;  // trained context, tokens
  std::uint32_t embedding_length = 0;
  std::uint32_t feed_forward_length = 0;
  std::uint32_t head_count = 0;
  std::uint32_t head_count_kv = 0;
  std::uint32_t key_length = 0;
  std::uint32_t value_length = 0;
  std::uint32_t vocab_size = 0;
  bool tied_embeddings = false;
  bool attention_bias = false;  // q/k/v biases (qwen2)
  bool qk_norm = false;         // per-head q/k RMS norms (qwen3)
  bool rope_freqs_tensor = false;  // Llama-3.1-style rope scaling: the converter writes rope_freqs.weight
  std::uint32_t expert_count = 0;
  std::uint32_t expert_used_count = 0;
  std::uint32_t expert_shared_count = 0;
  std::uint32_t expert_feed_forward_length = 0;
  std::uint32_t leading_dense_block_count = 0;
  std::uint32_t q_lora_rank = 0;
  std::uint32_t kv_lora_rank = 0;
  std::uint32_t rope_dimension_count = 0;
  std::uint32_t key_length_mla = 0;
  std::uint32_t value_length_mla = 0;
};

// What r1tag needs to estimate the GGUF key/value metadata of a model's files: the tokenizer arrays
// (tokens, token types, merges) are almost all of it (data/architectures.json `gguf_metadata`).
struct GgufMetadataEstimate {
  std::string_view tokenizer;      // which vocabulary, in words
  std::uint64_t kv_bytes = 0;  // estimated bytes of all key/value pairs; 0 when unknown
  std::string_view source;
};

struct Benchmark {
  std::string_view name;  // "AIME 2024 pass@1"
  double value = 0;
  std::string_view source;
};

// One model of the R1 family (data/architectures.json), keyed by its deepseek-ai repository name.
struct Model {
  std::string_view id;            // "DeepSeek-R1-Distill-Qwen-7B"
  std::string_view architecture;  // GGUF general.architecture: "qwen2", "llama", "qwen3", "deepseek2"
  std::string_view size_label;    // ollama's size word: "7b"
  std::string_view family;        // "distill" or "original"
  std::string_view hf_repo;
  std::string_view base_model;
  std::string_view teacher;  // empty for R1 itself
  std::string_view license;
  std::string_view license_source;
  std::string_view released;
  std::string_view parameters_printed;         // as llama.cpp prints it: "7.62 B"
  std::string_view active_parameters_printed;  // MoE only: "37B"
  Hyperparameters hparams;
  GgufMetadataEstimate gguf_metadata;
  std::vector<Benchmark> benchmarks;
  std::string_view source;

  bool distilled() const { return family == "distill"; }
};

// A file size as a hub publishes it: exact bytes, or a figure shown with a unit and rounding.
struct PublishedSize {
  std::uint64_t bytes = 0;      // exact, or the shown value converted to bytes
  bool exact = false;           // true for LFS pointers and ollama /api/tags
  std::string_view shown;            // "4.68 GB" as the hub shows it; empty when exact
  std::uint64_t precision_bytes = 0;  // half a unit of the last shown digit (0 when exact)
  std::string_view source;
};

struct OllamaTag {
  std::string_view tag;  // "7b-qwen-distill-q4_K_M"
  std::string_view model_id;
  std::string_view scheme;  // canonical scheme name
  std::vector<std::string_view> aliases;  // "7b"
  std::string_view digest;
  std::string_view kv_layout;  // deepseek2: "legacy" or "mla"; empty otherwise
  std::optional<PublishedSize> published;
  std::string_view source;
  // false when the published size is known not to follow llama.cpp's per-tensor rules;
  // `size_note` then says what is known about why.
  bool size_follows_rules = true;
  std::string_view size_note;
  std::string_view size_summary;  // one sentence of size_note, for the text output
};

struct AliasChange {
  std::string_view alias;  // "latest"
  std::string_view tag;    // what it pointed to before
  std::string_view until;  // when it was re-pointed
  std::string_view source;
};

struct HfFile {
  std::string_view scheme;  // canonical scheme name
  std::string_view path;    // path in the repository; the first shard for split files
  std::uint32_t shards = 1;
  std::optional<PublishedSize> published;
};

struct HfRepo {
  std::string_view repo;  // "bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF"
  std::string_view model_id;
  std::string_view publisher;
  bool imatrix = false;
  std::string_view kv_layout;
  std::vector<HfFile> files;
  std::string_view source;

  const HfFile* find_file(std::string_view scheme) const;
};

// A runtime figure with where it comes from (data/runtimes.json).
struct RuntimeFigure {
  std::uint64_t value = 0;
  std::string_view source;
};
struct RuntimeFlag {
  bool value = false;
  std::string_view source;
};
struct RuntimeChoice {
  std::string_view value;
  std::string_view source;
};
// A default that changed over versions: applies from `since_version` ("0.6.7") on.
struct RuntimeVersionedFigure {
  std::string_view since_version;
  std::uint64_t value = 0;
  std::string_view source;
};
// The default context of one era, by total VRAM: the last tier whose minimum is met applies.
// `context_tokens` 0 means "the model's trained context".
struct RuntimeContextTier {
  std::uint64_t min_total_vram_bytes = 0;
  std::uint32_t context_tokens = 0;
};
struct RuntimeContextDefault {
  std::string_view since_version;
  std::vector<RuntimeContextTier> tiers;
  std::string_view source;
};
// Memory a runtime keeps free (or reserves) on each GPU of a backend ("cuda", "rocm", "metal", "any").
struct RuntimeGpuOverhead {
  std::string_view backend;
  std::uint64_t bytes = 0;
  std::string_view source;
};

// The defaults and version-dependent behaviour of a runtime (data/runtimes.json), keyed "llama.cpp", "ollama"
// (the current releases) and "NAME@VERSION" for older releases ("ollama@0.29").
struct RuntimeProfile {
  std::string_view name;
  RuntimeChoice version;        // the version modelled
  RuntimeChoice first_version;  // the oldest version this profile models ("0.30.0"; "0" = any older)
  RuntimeChoice placement;      // who places the layers: "llama_server_fit" or "ollama_estimator"
  RuntimeFigure kv_padding_tokens;
  RuntimeFigure default_batch_tokens;
  RuntimeFigure default_ubatch_tokens;
  std::vector<RuntimeContextDefault> default_context;              // oldest era first
  std::vector<RuntimeVersionedFigure> default_parallel_sequences;  // oldest first
  RuntimeFlag v_less_mla_cache;                                    // MLA caches K only (llama.cpp PR #19067)
  RuntimeChoice output_layer_offload;                 // "first" or "with_last_layer"
  RuntimeChoice quantized_v_without_flash_attention;  // "error" or "f16"
  RuntimeFlag kv_cache_type_needs_equal_key_value_length;
  RuntimeFlag clamps_context_to_trained;
  std::vector<RuntimeGpuOverhead> gpu_overhead;
  RuntimeFigure host_prompt_cache_bytes;  // llama-server's --cache-ram ceiling (0: none)
  RuntimeFigure pipeline_parallel_copies;  // graph input copies per backend on several GPUs, all layers offloaded
  // Bytes per element of the KQ mask graph input with flash attention, by version (oldest first): llama.cpp
  // built it f32 and cast it to f16 on the device until b9410 (PR #23764), f16 since. Without flash
  // attention it is always f32.
  std::vector<RuntimeVersionedFigure> kq_mask_bytes_with_flash_attention;
  // Set when a version was asked for (--runtime ollama@0.6.7, or the one found installed): the eras of
  // the default context and parallel sequences follow it instead of the version text.
  std::string modelled_version;
  std::string selected_because;  // why this profile and version, for the user ("ollama 0.32.15 on PATH")
};

// A GPU, Apple chip or CPU platform users own (data/gpus.json).
struct Device {
  std::string_view name;  // "NVIDIA GeForce RTX 4090"
  std::string_view kind;  // "gpu" (discrete), "igpu" (integrated, shares the system's memory), "apple", "cpu"
  std::string_view vendor;
  std::vector<std::uint64_t> memory_bytes_options;  // sizes sold
  double memory_bandwidth_gbps = 0;                 // GB/s, decimal
  std::optional<double> fp16_tflops;
  std::string_view fp16_tflops_basis;  // which figure: "shader FP16 (non-tensor) …", "tensor FP16, dense …"
  std::vector<std::string_view> aliases;  // "4090", "RTX 4090"
  std::string_view backend;               // "cuda", "rocm", "metal", "vulkan", "sycl", "cpu"
  // One memory for CPU and GPU (Apple, Jetson, DGX Spark, APUs): memory_bytes_options is the system's.
  bool unified_memory = false;
  // Apple: the share of unified memory Metal lets the GPU use by default, up to 32 GiB and from 64 GiB.
  double gpu_memory_fraction_small = 0;
  double gpu_memory_fraction_large = 0;
  std::string_view source;
};

// A published decode speed of an R1-family model on named hardware (data/speed_measurements.json).
struct SpeedMeasurement {
  std::string_view model_id;
  std::string_view scheme;
  std::string_view device;       // a Device name
  std::string_view host_device;  // the CPU platform, for partial offload
  std::uint32_t device_count = 1;
  std::string_view runtime;
  double decode_tokens_per_second = 0;
  std::optional<double> prompt_tokens_per_second;
  std::optional<std::uint32_t> gpu_layers;  // nullopt = all
  std::optional<std::uint32_t> threads;     // CPU threads the run used (--threads), when stated
  std::string_view llama_cpp_date;               // "YYYY-MM[-DD]": when the llama.cpp code it ran was current; "" = current
  std::string_view note;
  std::string_view source;
};

// How much of a device's memory bandwidth decode reaches, as a range calibrated on published
// measurements (data/speed_calibration.json `decode`).
struct DecodeEfficiency {
  std::string_view device_kind;  // "gpu", "apple", "cpu" (Device::kind)
  double efficiency_low = 0;
  double efficiency_high = 0;
  std::string_view calibrated_on;  // which measurements, in words
  std::string_view source;
  // Fixed time per layer and token on this kind of device (kernel dispatch, synchronisation, the runtime's
  // per-token work), added to the bandwidth time: the low end of the speed takes the high latency. 0: none.
  double layer_latency_ms_low = 0;
  double layer_latency_ms_high = 0;
  std::string_view latency_calibrated_on;
  std::string_view latency_source;
};

// How much of a device's fp16_tflops prompt processing reaches, by device kind, model kind and which
// figure fp16_tflops is (data/speed_calibration.json `prompt`).
struct PromptEfficiency {
  std::string_view device_kind;    // "gpu"
  std::string_view model_kind;     // "dense" or "moe"
  std::string_view compute_basis;  // "shader" (non-tensor FP16, as TechPowerUp lists GeForce cards) or "tensor"
  double efficiency_low = 0;
  double efficiency_high = 0;
  std::string_view calibrated_on;
  std::string_view source;
};

// The speed estimator's calibration (data/speed_calibration.json).
struct SpeedCalibration {
  // Weights a single CPU thread multiplies per second for a class of ggml types whose decode is
  // compute-bound per thread (grid-based i-quants): with a known thread count, the RAM part of a token
  // takes at least its parameters / (threads x this rate).
  struct CpuThreadRate {
    std::vector<std::string_view> ggml_types;  // "IQ1_S", "IQ2_XXS", ...
    double giga_weights_per_second_low = 0;
    double giga_weights_per_second_high = 0;
    std::string_view calibrated_on;
    std::string_view source;
  };
  // A GPU MoE path of older llama.cpp builds: a fixed cost per used expert and MoE layer on GPUs of
  // `backends`, for runs whose llama_cpp_date is before `before_date` (r1tag's own estimates are current).
  struct LegacyMoeCost {
    std::string_view before_date;            // "YYYY-MM-DD"
    std::vector<std::string_view> backends;  // Device::backend values: "cuda", "rocm"
    double ms_per_used_expert_per_layer = 0;
    std::string_view calibrated_on;
    std::string_view source;
  };

  std::vector<DecodeEfficiency> decode;
  std::vector<PromptEfficiency> prompt;
  std::string_view default_host_device;  // a Device name: system RAM when the user names no CPU platform
  std::string_view default_host_device_source;
  std::vector<CpuThreadRate> cpu_thread_rates;
  std::optional<LegacyMoeCost> legacy_gpu_moe;

  const DecodeEfficiency* find_decode(std::string_view device_kind) const;
  const PromptEfficiency* find_prompt(std::string_view device_kind, std::string_view model_kind,
                                      std::string_view compute_basis) const;
};

// The ranking and quality-class policy (data/ranking.json).
struct RankingPolicy {
  // Upper limits of llama-quantize's perplexity increase for each loss class, best first.
  double negligible_max_ppl_delta = 0;
  double very_small_max_ppl_delta = 0;
  double small_max_ppl_delta = 0;
  double noticeable_max_ppl_delta = 0;
  double large_below_bits_per_weight = 0;  // without a perplexity figure
  std::vector<std::string_view> capability_benchmarks;  // averaged into a model's capability
  double speed_capability_share = 0;       // --prefer speed's quality floor
  std::uint64_t short_context_tokens = 0;  // quoted by the nothing-fits hint
  std::string_view source;
};

// Owns the text of tables read at run time (--data), which the catalogue's string_views point into;
// the embedded tables' views point into the binary instead. Keeping more text never moves earlier text.
class TextStore {
 public:
  std::string_view keep(std::string text) { return m_texts.emplace_back(std::move(text)); }

 private:
  std::deque<std::string> m_texts;
};

struct Catalog {
  std::vector<GgmlType> ggml_types;
  std::vector<QuantScheme> schemes;
  std::vector<Model> models;
  std::string_view ollama_library;  // "deepseek-r1"
  std::vector<OllamaTag> ollama_tags;
  std::vector<AliasChange> ollama_alias_history;
  std::vector<HfRepo> hf_repos;
  std::vector<RuntimeProfile> runtimes;  // data/runtimes.json, "llama.cpp" first
  std::vector<Device> devices;           // data/gpus.json
  RankingPolicy ranking;                 // data/ranking.json
  std::vector<SpeedMeasurement> speed_measurements;  // data/speed_measurements.json
  SpeedCalibration speed_calibration;                // data/speed_calibration.json
  // Text of tables read with --data (null for the embedded tables); shared, so copies stay valid.
  std::shared_ptr<const TextStore> text_store;

  // Exact-name lookups; nullptr when absent.
  const GgmlType* find_type(std::string_view name) const;
  const Model* find_model(std::string_view id) const;
  // Case-insensitive, aliases included ("q4_k" -> Q4_K_M, "fp16" -> F16).
  const QuantScheme* find_scheme(std::string_view name) const;
  // Full tag or alias ("7b" -> 7b-qwen-distill-q4_K_M); case-insensitive.
  const OllamaTag* find_ollama_tag(std::string_view tag) const;
  // Case-insensitive "owner/name".
  const HfRepo* find_repo(std::string_view repo) const;
  // The ollama tag for a model at a scheme, if the library has one.
  const OllamaTag* find_ollama_tag_for(std::string_view model_id, std::string_view scheme) const;
  // Repositories publishing `model_id`, in catalogue order.
  std::vector<const HfRepo*> repos_for(std::string_view model_id) const;
  // A device by name or alias, ignoring case, spaces and dashes ("rtx4090", "4090"); nullptr if none.
  const Device* find_device(std::string_view name) const;
  // Every spelling a user may type for a scheme (names and aliases), for suggestions.
  std::vector<std::string_view> scheme_spellings() const;
};

// The tables compiled into the binary (generated at build time from data/*.json).
const Catalog& embedded_catalog();

}  // namespace r1tag
