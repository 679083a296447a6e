// r1tag_tablegen DATA_DIR OUT.cpp
// Build step: loads data/*.json with the same validating loader that `--data` uses (a broken table
// fails the build with its file and JSON pointer) and writes C++ that constructs the Catalog
// directly, so the binary starts without parsing any JSON.
#include <r1tag/common/error.hpp>
#include <r1tag/tables/tables.hpp>

#include "tablegen.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace r1tag;
using r1tag::tablegen::boolean;
using r1tag::tablegen::generate_plans;
using r1tag::tablegen::lit;
using r1tag::tablegen::num;

// `vec<Element>(a, b, …)`: see k_prelude for why not a braced list.
template <typename T, typename F>
std::string list(std::string_view element, const std::vector<T>& items, F&& emit) {
  std::string out = fmt::format("vec<{}>(", element);
  for (std::size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "" : ",\n") + emit(items[i]);
  return out + ")";
}

std::string strings(const std::vector<std::string_view>& items) { return list("std::string_view", items, lit); }

std::string type(const GgmlType& t) {
  return fmt::format("GgmlType{{.name = {}, .type_id = {}, .block_size = {}, .type_size_bytes = {}, .description = {}, "
                     ".deprecated = {}, .source = {}}}",
                     lit(t.name), t.type_id, t.block_size, t.type_size_bytes, lit(t.description), boolean(t.deprecated),
                     lit(t.source));
}

std::string quality(const QualityFigure& q) {
  return fmt::format("QualityFigure{{.metric = {}, .value = {}, .model = {}, .by = {}, .dataset = {}, .note = {}, .source = {}}}",
                     lit(q.metric), num(q.value), lit(q.model), lit(q.by), lit(q.dataset), lit(q.note), lit(q.source));
}

template <typename T>
std::string optional_number(const std::optional<T>& v) {
  return v ? fmt::format("{}", *v) : std::string("std::nullopt");
}

std::string scheme(const QuantScheme& s) {
  return fmt::format(
      "QuantScheme{{.name = {}, .kind = {}, .ftype_id = {}, .default_type = {}, .aliases = {}, .meaning = {}, "
      ".nominal_bits_per_weight = {}, .base_scheme = {}, .token_embd_type = {}, .output_type = {}, .publisher = {}, "
      ".custom_mix = {}, .imatrix = {}, .quality = {}, .source = {}}}",
      lit(s.name), lit(s.kind), optional_number(s.ftype_id), lit(s.default_type), strings(s.aliases), lit(s.meaning),
      s.nominal_bits_per_weight ? num(*s.nominal_bits_per_weight) : "std::nullopt", lit(s.base_scheme),
      lit(s.token_embd_type), lit(s.output_type), lit(s.publisher), boolean(s.custom_mix), lit(s.imatrix),
      list("QualityFigure", s.quality, quality), lit(s.source));
}

std::string hparams(const Hyperparameters& h) {
  return fmt::format(
      "Hyperparameters{{.block_count = {}, .context_length = {}, .embedding_length = {}, .feed_forward_length = {}, "
      ".head_count = {}, .head_count_kv = {}, .key_length = {}, .value_length = {}, .vocab_size = {}, "
      ".tied_embeddings = {}, .attention_bias = {}, .qk_norm = {}, .rope_freqs_tensor = {}, .expert_count = {}, "
      ".expert_used_count = {}, .expert_shared_count = {}, .expert_feed_forward_length = {}, "
      ".leading_dense_block_count = {}, .q_lora_rank = {}, .kv_lora_rank = {}, .rope_dimension_count = {}, "
      ".key_length_mla = {}, .value_length_mla = {}}}",
      h.block_count, h.context_length, h.embedding_length, h.feed_forward_length, h.head_count, h.head_count_kv,
      h.key_length, h.value_length, h.vocab_size, boolean(h.tied_embeddings), boolean(h.attention_bias),
      boolean(h.qk_norm), boolean(h.rope_freqs_tensor), h.expert_count, h.expert_used_count, h.expert_shared_count,
      h.expert_feed_forward_length, h.leading_dense_block_count, h.q_lora_rank, h.kv_lora_rank,
      h.rope_dimension_count, h.key_length_mla, h.value_length_mla);
}

std::string gguf_metadata(const GgufMetadataEstimate& g) {
  return fmt::format("GgufMetadataEstimate{{.tokenizer = {}, .kv_bytes = {}ULL, .source = {}}}", lit(g.tokenizer),
                     g.kv_bytes, lit(g.source));
}

std::string benchmark(const Benchmark& b) {
  return fmt::format("Benchmark{{.name = {}, .value = {}, .source = {}}}", lit(b.name), num(b.value), lit(b.source));
}

std::string model(const Model& m) {
  return fmt::format(
      "Model{{.id = {}, .architecture = {}, .size_label = {}, .family = {}, .hf_repo = {}, .base_model = {}, "
      ".teacher = {}, .license = {}, .license_source = {}, .released = {}, .parameters_printed = {}, .active_parameters_printed = {}, "
      ".hparams = {}, .gguf_metadata = {}, .benchmarks = {}, .source = {}}}",
      lit(m.id), lit(m.architecture), lit(m.size_label), lit(m.family), lit(m.hf_repo), lit(m.base_model),
      lit(m.teacher), lit(m.license), lit(m.license_source), lit(m.released), lit(m.parameters_printed), lit(m.active_parameters_printed),
      hparams(m.hparams), gguf_metadata(m.gguf_metadata), list("Benchmark", m.benchmarks, benchmark), lit(m.source));
}

std::string published(const std::optional<PublishedSize>& p) {
  if (!p) return "std::nullopt";
  return fmt::format("PublishedSize{{.bytes = {}ULL, .exact = {}, .shown = {}, .precision_bytes = {}ULL, .source = {}}}",
                     p->bytes, boolean(p->exact), lit(p->shown), p->precision_bytes, lit(p->source));
}

std::string ollama_tag(const OllamaTag& t) {
  return fmt::format(
      "OllamaTag{{.tag = {}, .model_id = {}, .scheme = {}, .aliases = {}, .digest = {}, .kv_layout = {}, "
      ".published = {}, .source = {}, .size_follows_rules = {}, .size_note = {}, .size_summary = {}}}",
      lit(t.tag), lit(t.model_id), lit(t.scheme), strings(t.aliases), lit(t.digest), lit(t.kv_layout),
      published(t.published), lit(t.source), boolean(t.size_follows_rules), lit(t.size_note), lit(t.size_summary));
}

std::string alias_change(const AliasChange& a) {
  return fmt::format("AliasChange{{.alias = {}, .tag = {}, .until = {}, .source = {}}}", lit(a.alias), lit(a.tag),
                     lit(a.until), lit(a.source));
}

std::string hf_file(const HfFile& f) {
  return fmt::format("HfFile{{.scheme = {}, .path = {}, .shards = {}, .published = {}}}", lit(f.scheme), lit(f.path),
                     f.shards, published(f.published));
}

std::string hf_repo(const HfRepo& r) {
  return fmt::format(
      "HfRepo{{.repo = {}, .model_id = {}, .publisher = {}, .imatrix = {}, .kv_layout = {}, .files = {}, .source = {}}}",
      lit(r.repo), lit(r.model_id), lit(r.publisher), boolean(r.imatrix), lit(r.kv_layout), list("HfFile", r.files, hf_file),
      lit(r.source));
}

std::string runtime_figure(const RuntimeFigure& f) {
  return fmt::format("RuntimeFigure{{.value = {}ULL, .source = {}}}", f.value, lit(f.source));
}

std::string runtime_flag(const RuntimeFlag& f) {
  return fmt::format("RuntimeFlag{{.value = {}, .source = {}}}", boolean(f.value), lit(f.source));
}

std::string runtime_choice(const RuntimeChoice& c) {
  return fmt::format("RuntimeChoice{{.value = {}, .source = {}}}", lit(c.value), lit(c.source));
}

std::string runtime_context_tier(const RuntimeContextTier& t) {
  return fmt::format("RuntimeContextTier{{.min_total_vram_bytes = {}ULL, .context_tokens = {}}}", t.min_total_vram_bytes,
                     t.context_tokens);
}

std::string runtime_context_default(const RuntimeContextDefault& d) {
  return fmt::format("RuntimeContextDefault{{.since_version = {}, .tiers = {}, .source = {}}}", lit(d.since_version),
                     list("RuntimeContextTier", d.tiers, runtime_context_tier), lit(d.source));
}

std::string runtime_versioned(const RuntimeVersionedFigure& f) {
  return fmt::format("RuntimeVersionedFigure{{.since_version = {}, .value = {}ULL, .source = {}}}", lit(f.since_version),
                     f.value, lit(f.source));
}

std::string runtime_overhead(const RuntimeGpuOverhead& o) {
  return fmt::format("RuntimeGpuOverhead{{.backend = {}, .bytes = {}ULL, .source = {}}}", lit(o.backend), o.bytes,
                     lit(o.source));
}

std::string runtime(const RuntimeProfile& p) {
  return fmt::format(
      "RuntimeProfile{{.name = {}, .version = {}, .first_version = {}, .placement = {}, .kv_padding_tokens = {}, "
      ".default_batch_tokens = {}, "
      ".default_ubatch_tokens = {}, .default_context = {}, .default_parallel_sequences = {}, .v_less_mla_cache = {}, "
      ".output_layer_offload = {}, .quantized_v_without_flash_attention = {}, "
      ".kv_cache_type_needs_equal_key_value_length = {}, .clamps_context_to_trained = {}, .gpu_overhead = {}, "
      ".host_prompt_cache_bytes = {}, .pipeline_parallel_copies = {}, .kq_mask_bytes_with_flash_attention = {}, .modelled_version = {{}}, .selected_because = {{}}}}",
      lit(p.name), runtime_choice(p.version), runtime_choice(p.first_version), runtime_choice(p.placement), runtime_figure(p.kv_padding_tokens), runtime_figure(p.default_batch_tokens),
      runtime_figure(p.default_ubatch_tokens), list("RuntimeContextDefault", p.default_context, runtime_context_default),
      list("RuntimeVersionedFigure", p.default_parallel_sequences, runtime_versioned), runtime_flag(p.v_less_mla_cache),
      runtime_choice(p.output_layer_offload), runtime_choice(p.quantized_v_without_flash_attention),
      runtime_flag(p.kv_cache_type_needs_equal_key_value_length), runtime_flag(p.clamps_context_to_trained),
      list("RuntimeGpuOverhead", p.gpu_overhead, runtime_overhead), runtime_figure(p.host_prompt_cache_bytes),
      runtime_figure(p.pipeline_parallel_copies),
      list("RuntimeVersionedFigure", p.kq_mask_bytes_with_flash_attention, runtime_versioned));
}

std::string device(const Device& d) {
  std::string sizes = "{";
  for (const std::uint64_t b : d.memory_bytes_options) sizes += fmt::format("{}ULL,", b);
  sizes += "}";
  return fmt::format(
      "Device{{.name = {}, .kind = {}, .vendor = {}, .memory_bytes_options = {}, .memory_bandwidth_gbps = {}, "
      ".fp16_tflops = {}, .fp16_tflops_basis = {}, .aliases = {}, .backend = {}, .unified_memory = {}, "
      ".gpu_memory_fraction_small = {}, "
      ".gpu_memory_fraction_large = {}, .source = {}}}",
      lit(d.name), lit(d.kind), lit(d.vendor), sizes, num(d.memory_bandwidth_gbps),
      d.fp16_tflops ? num(*d.fp16_tflops) : "std::nullopt", lit(d.fp16_tflops_basis), strings(d.aliases), lit(d.backend),
      d.unified_memory ? "true" : "false", num(d.gpu_memory_fraction_small), num(d.gpu_memory_fraction_large), lit(d.source));
}

std::string speed(const SpeedMeasurement& m) {
  return fmt::format(
      "SpeedMeasurement{{.model_id = {}, .scheme = {}, .device = {}, .host_device = {}, .device_count = {}, "
      ".runtime = {}, .decode_tokens_per_second = {}, .prompt_tokens_per_second = {}, .gpu_layers = {}, "
      ".threads = {}, .llama_cpp_date = {}, .note = {}, .source = {}}}",
      lit(m.model_id), lit(m.scheme), lit(m.device), lit(m.host_device), m.device_count, lit(m.runtime),
      num(m.decode_tokens_per_second), m.prompt_tokens_per_second ? num(*m.prompt_tokens_per_second) : "std::nullopt",
      optional_number(m.gpu_layers), optional_number(m.threads), lit(m.llama_cpp_date), lit(m.note), lit(m.source));
}

std::string decode_efficiency(const DecodeEfficiency& e) {
  return fmt::format(
      "DecodeEfficiency{{.device_kind = {}, .efficiency_low = {}, .efficiency_high = {}, .calibrated_on = {}, "
      ".source = {}, .layer_latency_ms_low = {}, .layer_latency_ms_high = {}, .latency_calibrated_on = {}, "
      ".latency_source = {}}}",
      lit(e.device_kind), num(e.efficiency_low), num(e.efficiency_high), lit(e.calibrated_on), lit(e.source),
      num(e.layer_latency_ms_low), num(e.layer_latency_ms_high), lit(e.latency_calibrated_on), lit(e.latency_source));
}

std::string prompt_efficiency(const PromptEfficiency& e) {
  return fmt::format(
      "PromptEfficiency{{.device_kind = {}, .model_kind = {}, .compute_basis = {}, .efficiency_low = {}, "
      ".efficiency_high = {}, .calibrated_on = {}, .source = {}}}",
      lit(e.device_kind), lit(e.model_kind), lit(e.compute_basis), num(e.efficiency_low), num(e.efficiency_high), lit(e.calibrated_on),
      lit(e.source));
}

std::string cpu_thread_rate(const SpeedCalibration::CpuThreadRate& t) {
  return fmt::format(
      "SpeedCalibration::CpuThreadRate{{.ggml_types = {}, .giga_weights_per_second_low = {}, "
      ".giga_weights_per_second_high = {}, .calibrated_on = {}, .source = {}}}",
      strings(t.ggml_types), num(t.giga_weights_per_second_low), num(t.giga_weights_per_second_high),
      lit(t.calibrated_on), lit(t.source));
}

std::string legacy_moe(const std::optional<SpeedCalibration::LegacyMoeCost>& m) {
  if (!m) return "std::nullopt";
  return fmt::format(
      "SpeedCalibration::LegacyMoeCost{{.before_date = {}, .backends = {}, .ms_per_used_expert_per_layer = {}, "
      ".calibrated_on = {}, .source = {}}}",
      lit(m->before_date), strings(m->backends), num(m->ms_per_used_expert_per_layer), lit(m->calibrated_on),
      lit(m->source));
}

std::string speed_calibration(const SpeedCalibration& c) {
  return fmt::format(
      "SpeedCalibration{{.decode = {}, .prompt = {}, .default_host_device = {}, .default_host_device_source = {}, "
      ".cpu_thread_rates = {}, .legacy_gpu_moe = {}}}",
      list("DecodeEfficiency", c.decode, decode_efficiency), list("PromptEfficiency", c.prompt, prompt_efficiency), lit(c.default_host_device),
      lit(c.default_host_device_source), list("SpeedCalibration::CpuThreadRate", c.cpu_thread_rates, cpu_thread_rate),
      legacy_moe(c.legacy_gpu_moe));
}

std::string ranking(const RankingPolicy& p) {
  return fmt::format(
      "RankingPolicy{{.negligible_max_ppl_delta = {}, .very_small_max_ppl_delta = {}, .small_max_ppl_delta = {}, "
      ".noticeable_max_ppl_delta = {}, .large_below_bits_per_weight = {}, .capability_benchmarks = {}, "
      ".speed_capability_share = {}, .short_context_tokens = {}ULL, .source = {}}}",
      num(p.negligible_max_ppl_delta), num(p.very_small_max_ppl_delta), num(p.small_max_ppl_delta),
      num(p.noticeable_max_ppl_delta), num(p.large_below_bits_per_weight), strings(p.capability_benchmarks),
      num(p.speed_capability_share), p.short_context_tokens, lit(p.source));
}

std::string generate(const Catalog& c) {
  std::string out =
      "// Generated by r1tag_tablegen from data/*.json at build time. Do not edit; edit the tables.\n"
      "#include <r1tag/tables/catalog.hpp>\n#include <r1tag/gguf/plan_table.hpp>\n\n#include <string_view>\n#include <utility>\n\n"
      "namespace r1tag {\nnamespace {\n\nusing namespace std::string_view_literals;\n\n"
      // A braced list would copy every element out of its initializer_list; built in place and moved,
      // each element is constructed once at start-up. Text is not copied at all: views into the binary.
      "template <typename T, typename... A>\nstd::vector<T> vec(A&&... items) {\n  std::vector<T> v;\n"
      "  v.reserve(sizeof...(A));\n  (v.emplace_back(std::forward<A>(items)), ...);\n  return v;\n}\n\n"
      "Catalog build() {\n  Catalog c;\n";
  out += fmt::format("  c.ggml_types = {};\n", list("GgmlType", c.ggml_types, type));
  out += fmt::format("  c.schemes = {};\n", list("QuantScheme", c.schemes, scheme));
  out += fmt::format("  c.models = {};\n", list("Model", c.models, model));
  out += fmt::format("  c.ollama_library = {};\n", lit(c.ollama_library));
  out += fmt::format("  c.ollama_tags = {};\n", list("OllamaTag", c.ollama_tags, ollama_tag));
  out += fmt::format("  c.ollama_alias_history = {};\n", list("AliasChange", c.ollama_alias_history, alias_change));
  out += fmt::format("  c.hf_repos = {};\n", list("HfRepo", c.hf_repos, hf_repo));
  out += fmt::format("  c.runtimes = {};\n", list("RuntimeProfile", c.runtimes, runtime));
  out += fmt::format("  c.devices = {};\n", list("Device", c.devices, device));
  out += fmt::format("  c.ranking = {};\n", ranking(c.ranking));
  out += fmt::format("  c.speed_measurements = {};\n", list("SpeedMeasurement", c.speed_measurements, speed));
  out += fmt::format("  c.speed_calibration = {};\n", speed_calibration(c.speed_calibration));
  out +=
      "  return c;\n}\n\n";
  out += generate_plans(c);
  out +=
      "}  // namespace\n\n"
      // Never destroyed: freeing hundreds of vectors at exit only delays the exit.
      "const Catalog& embedded_catalog() {\n  static const Catalog& catalog = *new Catalog(build());\n  return catalog;\n}\n\n"
      "std::span<const PlanRecord> embedded_plans() { return k_plans; }\n\n"
      "}  // namespace r1tag\n";
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: r1tag_tablegen DATA_DIR OUT.cpp\n";
    return 2;
  }
  try {
    const Catalog catalog = parse_catalog(read_tables_from(argv[1]));
    const std::string text = generate(catalog);
    const std::string tmp = std::string(argv[2]) + ".tmp";
    {
      std::ofstream out(tmp, std::ios::binary);
      out << text;
      if (!out) throw Error(ExitCode::bad_data, "cannot write " + tmp);
    }
    std::rename(tmp.c_str(), argv[2]);
  } catch (const Error& e) {
    std::cerr << "r1tag_tablegen: error: " << e.what() << (e.hint().empty() ? "" : "; " + e.hint()) << "\n";
    return static_cast<int>(e.code());
  }
  return 0;
}
