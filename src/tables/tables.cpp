#include <r1tag/tables/tables.hpp>

#include <r1tag/common/error.hpp>
#include <r1tag/common/bounded_file.hpp>
#include <r1tag/common/byte_size.hpp>

#include "tables/hardware_table.hpp"
#include "tables/json_reader.hpp"
#include "tables/runtime_table.hpp"

#include <fmt/format.h>

#include <limits>
#include <set>

namespace r1tag {

using detail::JsonReader;
using detail::TableProblem;

const std::vector<std::string>& table_file_names() {
  static const std::vector<std::string> names = {"quant_types.json", "quant_schemes.json", "architectures.json",
                                                 "catalogue.json", "runtimes.json", "gpus.json",
                                                 "speed_measurements.json", "ranking.json", "speed_calibration.json"};
  return names;
}

RawTables read_tables_from(const std::string& dir) {
  RawTables tables;
  for (const std::string& name : table_file_names()) {
    const std::string path = dir + "/" + name;
    BoundedRead read = read_bounded_file(path, k_table_max_bytes);
    if (read.failure == BoundedRead::Failure::cannot_open) {
      throw Error(ExitCode::bad_data, fmt::format("cannot read data table '{}'", path),
                  "--data must name a directory holding " + name);
    }
    if (!read.problem.empty()) {
      throw Error(ExitCode::bad_data, fmt::format("cannot read data table '{}': {}", path, read.problem),
                  fmt::format("a table is a regular JSON file of at most {} MiB", k_table_max_bytes >> 20));
    }
    tables.emplace(name, std::move(read.text));
  }
  return tables;
}

namespace {

const std::set<std::string, std::less<>> k_quality_metrics = {"ppl_delta", "ppl", "kld_mean", "kld_p99", "same_top_p"};

const std::set<std::string, std::less<>> k_scheme_kinds = {"float",   "legacy", "k-quant", "i-quant", "ternary",
                                              "mxfp",    "publisher-variant", "dynamic"};

GgmlType read_type(const JsonReader& r, std::string_view name) {
  GgmlType t;
  t.name = name;
  if (!r.expect_object()) return t;
  t.type_id = r.natural("type_id");
  t.block_size = r.positive("block_size");
  t.type_size_bytes = r.positive("type_size_bytes");
  t.description = r.string("description");
  t.deprecated = r.boolean("deprecated", false);
  t.source = r.source();
  return t;
}

QualityFigure read_quality(const JsonReader& r) {
  QualityFigure q;
  if (!r.expect_object()) return q;
  q.metric = r.string("metric");
  if (!q.metric.empty() && k_quality_metrics.count(q.metric) == 0)
    r.child("metric").problem(fmt::format("unknown metric '{}'; expected ppl_delta, ppl, kld_mean, kld_p99 or same_top_p", q.metric));
  q.value = r.number("value");
  // A perplexity is positive, a divergence never negative, a share of tokens a percentage; a delta may be
  // either sign (a quant can measure marginally better).
  if (q.metric == "ppl" && !(q.value > 0)) r.child("value").problem("expected a positive perplexity");
  if (q.metric.starts_with("kld") && q.value < 0) r.child("value").problem("expected a divergence >= 0");
  if (q.metric == "same_top_p" && !(q.value >= 0 && q.value <= 100)) r.child("value").problem("expected a percentage from 0 to 100");
  q.model = r.string("model");
  q.by = r.optional_string("by");
  q.dataset = r.optional_string("dataset");
  q.note = r.optional_string("note");
  q.source = r.source();
  return q;
}

QuantScheme read_scheme(const JsonReader& r, std::string_view name) {
  QuantScheme s;
  s.name = name;
  if (!r.expect_object()) return s;
  s.kind = r.string("kind");
  if (!s.kind.empty() && k_scheme_kinds.count(s.kind) == 0) r.child("kind").problem(fmt::format("unknown kind '{}'", s.kind));
  s.ftype_id = r.optional_natural("ftype_id");
  s.default_type = r.string("default_type");
  s.aliases = r.strings("aliases");
  s.meaning = r.string("meaning");
  s.nominal_bits_per_weight = r.optional_number("nominal_bits_per_weight");
  // ggml's widest type is 64 bits (F64); bits per weight outside (0, 64] is a typo.
  if (s.nominal_bits_per_weight && !(*s.nominal_bits_per_weight > 0 && *s.nominal_bits_per_weight <= 64))
    r.child("nominal_bits_per_weight").problem("expected bits per weight above 0 and at most 64");
  s.base_scheme = r.optional_string("base_scheme");
  s.token_embd_type = r.optional_string("token_embd_type");
  s.output_type = r.optional_string("output_type");
  s.publisher = r.optional_string("publisher");
  s.custom_mix = r.boolean("custom_mix", false);
  s.imatrix = r.optional_string("imatrix");
  const JsonReader quality = r.child("quality");
  if (quality.value().is_array()) {
    for (std::size_t i = 0; i < quality.value().size(); ++i) s.quality.push_back(read_quality(quality.element(i)));
  } else if (r.has("quality")) {
    quality.problem("expected an array");
  }
  s.source = r.source();
  return s;
}

Hyperparameters read_hparams(const JsonReader& r) {
  Hyperparameters h;
  if (!r.expect_object()) return h;
  h.block_count = r.positive("block_count");
  h.context_length = r.positive("context_length");
  h.embedding_length = r.positive("embedding_length");
  h.feed_forward_length = r.positive("feed_forward_length");
  h.head_count = r.positive("head_count");
  h.head_count_kv = r.positive("head_count_kv");
  h.key_length = r.positive("key_length");
  h.value_length = r.positive("value_length");
  h.vocab_size = r.positive("vocab_size");
  h.tied_embeddings = r.boolean("tied_embeddings");
  h.attention_bias = r.boolean("attention_bias", false);
  h.qk_norm = r.boolean("qk_norm", false);
  h.rope_freqs_tensor = r.boolean("rope_freqs_tensor", false);
  const auto opt = [&](const char* key) { return r.optional_natural(key).value_or(0); };
  h.expert_count = opt("expert_count");
  h.expert_used_count = opt("expert_used_count");
  h.expert_shared_count = opt("expert_shared_count");
  h.expert_feed_forward_length = opt("expert_feed_forward_length");
  h.leading_dense_block_count = opt("leading_dense_block_count");
  h.q_lora_rank = opt("q_lora_rank");
  h.kv_lora_rank = opt("kv_lora_rank");
  h.rope_dimension_count = opt("rope_dimension_count");
  h.key_length_mla = opt("key_length_mla");
  h.value_length_mla = opt("value_length_mla");
  return h;
}

// Optional: a table without it still loads, and the size engine then reports no metadata estimate.
GgufMetadataEstimate read_gguf_metadata(const JsonReader& parent) {
  GgufMetadataEstimate g;
  if (!parent.has("gguf_metadata")) return g;
  const JsonReader r = parent.child("gguf_metadata");
  if (!r.expect_object()) return g;
  g.tokenizer = r.string("tokenizer");
  g.kv_bytes = r.natural64("kv_bytes");
  g.source = r.source();
  return g;
}

// A published score: never negative; pass rates and percentiles at most 100 (ratings such as Codeforces'
// have no upper bound).
double read_score(const JsonReader& b) {
  const std::string_view name = b.value().is_object() && b.value().contains("name") && b.value()["name"].is_string()
                                    ? std::string_view(b.value()["name"].get_ref<const std::string&>())
                                    : std::string_view();
  const bool percentage = name.find("pass@") != std::string_view::npos || name.find("cons@") != std::string_view::npos ||
                          name.find("percentile") != std::string_view::npos;
  return percentage ? b.number_within("value", 0, 100, "a percentage from 0 to 100")
                    : b.number_within("value", 0, std::numeric_limits<double>::max(), "a score >= 0");
}

Model read_model(const JsonReader& r, std::string_view id) {
  Model m;
  m.id = id;
  if (!r.expect_object()) return m;
  m.architecture = r.string("architecture");
  m.size_label = r.string("size_label");
  m.family = r.string("family");
  if (!m.family.empty() && m.family != "distill" && m.family != "original") {
    r.child("family").problem("expected \"distill\" or \"original\"");
  }
  m.hf_repo = r.string("hf_repo");
  m.base_model = r.string("base_model");
  m.teacher = r.optional_string("teacher");
  m.license = r.string("license");
  m.license_source = r.optional_string("license_source");
  m.released = r.optional_string("released");
  m.parameters_printed = r.string("parameters_printed");
  m.active_parameters_printed = r.optional_string("active_parameters_printed");
  m.hparams = read_hparams(r.child("hyperparameters"));
  m.gguf_metadata = read_gguf_metadata(r);
  const JsonReader benchmarks = r.child("benchmarks");
  if (benchmarks.value().is_array()) {
    for (std::size_t i = 0; i < benchmarks.value().size(); ++i) {
      const JsonReader b = benchmarks.element(i);
      if (!b.expect_object()) continue;
      m.benchmarks.push_back({b.string("name"), read_score(b), b.source()});
    }
  } else if (r.has("benchmarks")) {
    benchmarks.problem("expected an array of scores");
  }
  m.source = r.source();
  return m;
}

std::optional<PublishedSize> read_published(const JsonReader& parent) {
  if (!parent.has("published")) return std::nullopt;
  const JsonReader r = parent.child("published");
  if (!r.expect_object()) return std::nullopt;
  PublishedSize p;
  if (r.has("bytes")) {
    p.bytes = r.natural64("bytes");
    p.exact = true;
  } else {
    p.shown = r.string("shown");
    if (const auto parsed = parse_shown_size(p.shown)) {
      p.bytes = parsed->bytes;
      p.precision_bytes = parsed->precision_bytes;
    } else if (!p.shown.empty()) {
      r.child("shown").problem(fmt::format("expected a size such as \"4.68 GB\" or \"131 GiB\", got \"{}\"", p.shown));
    }
  }
  p.source = r.source();
  return p;
}

OllamaTag read_ollama_tag(const JsonReader& r, std::string_view tag) {
  OllamaTag t;
  t.tag = tag;
  if (!r.expect_object()) return t;
  t.model_id = r.string("model");
  t.scheme = r.string("scheme");
  t.aliases = r.strings("aliases");
  t.digest = r.optional_string("digest");
  t.kv_layout = r.optional_string("kv_layout");
  t.published = read_published(r);
  t.source = r.has("source") ? r.source() : std::string_view();
  t.size_follows_rules = r.boolean("size_follows_rules", true);
  t.size_note = r.optional_string("size_note");
  t.size_summary = r.optional_string("size_summary");
  if (!t.size_follows_rules && t.size_summary.empty()) r.child("size_summary").problem("a tag whose size does not follow the rules needs a one-sentence summary");
  return t;
}

HfRepo read_repo(const JsonReader& r, std::string_view name) {
  HfRepo repo;
  repo.repo = name;
  if (!r.expect_object()) return repo;
  repo.model_id = r.string("model");
  repo.publisher = r.string("publisher");
  repo.imatrix = r.boolean("imatrix", false);
  repo.kv_layout = r.optional_string("kv_layout");
  const JsonReader files = r.child("files");
  if (files.expect_object()) {
    for (const std::string_view scheme : files.keys()) {
      const JsonReader f = files.child(scheme);
      if (!f.expect_object()) continue;
      HfFile file;
      file.scheme = scheme;
      file.path = f.string("file");
      file.shards = f.optional_natural("shards").value_or(1);
      file.published = read_published(f);
      repo.files.push_back(std::move(file));
    }
  }
  repo.source = r.source();
  return repo;
}

nlohmann::ordered_json parse_json(const RawTables& tables, const std::string& file) {
  const auto it = tables.find(file);
  if (it == tables.end()) throw Error(ExitCode::bad_data, "missing data table '" + file + "'");
  return detail::parse_table(it->second, file);
}

RankingPolicy read_ranking(const JsonReader& r) {
  RankingPolicy p;
  if (!r.expect_object()) return p;
  const JsonReader loss = r.child("loss_classes");
  p.negligible_max_ppl_delta = loss.number("negligible_max_ppl_delta");
  p.very_small_max_ppl_delta = loss.number("very_small_max_ppl_delta");
  p.small_max_ppl_delta = loss.number("small_max_ppl_delta");
  p.noticeable_max_ppl_delta = loss.number("noticeable_max_ppl_delta");
  if (!(p.negligible_max_ppl_delta < p.very_small_max_ppl_delta && p.very_small_max_ppl_delta < p.small_max_ppl_delta &&
        p.small_max_ppl_delta < p.noticeable_max_ppl_delta)) {
    loss.problem("class limits must increase from negligible to noticeable");
  }
  p.large_below_bits_per_weight = loss.positive_number("large_below_bits_per_weight");
  const JsonReader capability = r.child("capability");
  p.capability_benchmarks = capability.strings("benchmarks");
  if (p.capability_benchmarks.empty()) capability.child("benchmarks").problem("expected a non-empty array of benchmark names");
  const JsonReader share = r.child("speed_capability_share");
  p.speed_capability_share = share.number("value");
  if (p.speed_capability_share <= 0 || p.speed_capability_share > 1) share.child("value").problem("expected a share between 0 and 1");
  p.short_context_tokens = r.child("short_context_tokens").positive("value");
  p.source = r.keep(fmt::format("{}; {}; {}; {}", loss.source(), capability.source(), share.source(),
                                 r.child("short_context_tokens").source()));
  return p;
}

// Names that one table uses and another defines must agree; checked after everything is read.
void check_references(const Catalog& c, std::vector<TableProblem>& problems) {
  const auto add = [&](const std::string& file, const std::string& pointer, const std::string& what) {
    problems.push_back({file, pointer, what});
  };
  using detail::pointer_token;
  for (const QuantScheme& s : c.schemes) {
    const std::string at = pointer_token(s.name);
    if (!s.default_type.empty() && c.find_type(s.default_type) == nullptr)
      add("quant_schemes.json", at + "/default_type", fmt::format("unknown ggml type '{}'", s.default_type));
    if (!s.token_embd_type.empty() && c.find_type(s.token_embd_type) == nullptr)
      add("quant_schemes.json", at + "/token_embd_type", fmt::format("unknown ggml type '{}'", s.token_embd_type));
    if (!s.output_type.empty() && c.find_type(s.output_type) == nullptr)
      add("quant_schemes.json", at + "/output_type", fmt::format("unknown ggml type '{}'", s.output_type));
    if (!s.base_scheme.empty() && c.find_scheme(s.base_scheme) == nullptr)
      add("quant_schemes.json", at + "/base_scheme", fmt::format("unknown scheme '{}'", s.base_scheme));
  }
  for (const OllamaTag& t : c.ollama_tags) {
    const std::string at = "/ollama/tags" + pointer_token(t.tag);
    if (c.find_model(t.model_id) == nullptr) add("catalogue.json", at + "/model", fmt::format("unknown model '{}'", t.model_id));
    if (c.find_scheme(t.scheme) == nullptr) add("catalogue.json", at + "/scheme", fmt::format("unknown scheme '{}'", t.scheme));
  }
  for (std::size_t i = 0; i < c.speed_measurements.size(); ++i) {
    const SpeedMeasurement& m = c.speed_measurements[i];
    const std::string at = fmt::format("/{}", i);
    if (c.find_model(m.model_id) == nullptr) add("speed_measurements.json", at + "/model", fmt::format("unknown model '{}'", m.model_id));
    if (c.find_scheme(m.scheme) == nullptr) add("speed_measurements.json", at + "/scheme", fmt::format("unknown scheme '{}'", m.scheme));
    if (c.find_device(m.device) == nullptr) add("speed_measurements.json", at + "/device", fmt::format("unknown device '{}'", m.device));
    if (!m.host_device.empty() && c.find_device(m.host_device) == nullptr)
      add("speed_measurements.json", at + "/host_device", fmt::format("unknown device '{}'", m.host_device));
  }
  // Every spelling of a device must lead back to it: an alias that resolves elsewhere is shadowed or ambiguous.
  for (const Device& d : c.devices) {
    const std::string at = pointer_token(d.name);
    for (std::size_t k = 0; k < d.aliases.size(); ++k) {
      const Device* found = c.find_device(d.aliases[k]);
      if (found != &d)
        add("gpus.json", at + "/aliases/" + std::to_string(k),
            fmt::format("alias '{}' resolves to {}", d.aliases[k], found == nullptr ? "nothing" : found->name));
    }
    if (c.find_device(d.name) != &d) add("gpus.json", at, "the name resolves to another device");
    if (!d.kind.empty() && c.speed_calibration.find_decode(d.kind) == nullptr)
      add("gpus.json", at + "/kind", fmt::format("speed_calibration.json has no decode efficiency for '{}'", d.kind));
  }
  const SpeedCalibration& cal = c.speed_calibration;
  if (!cal.default_host_device.empty() && c.find_device(cal.default_host_device) == nullptr)
    add("speed_calibration.json", "/default_host_device/value", fmt::format("unknown device '{}'", cal.default_host_device));
  for (std::size_t i = 0; i < cal.cpu_thread_rates.size(); ++i) {
    const auto& types = cal.cpu_thread_rates[i].ggml_types;
    for (std::size_t k = 0; k < types.size(); ++k)
      if (c.find_type(types[k]) == nullptr)
        add("speed_calibration.json", "/cpu_thread_rates/" + std::to_string(i) + "/ggml_types/" + std::to_string(k),
            fmt::format("unknown ggml type '{}'", types[k]));
  }
  for (const HfRepo& r : c.hf_repos) {
    const std::string at = "/huggingface" + pointer_token(r.repo);
    if (c.find_model(r.model_id) == nullptr) add("catalogue.json", at + "/model", fmt::format("unknown model '{}'", r.model_id));
    for (const HfFile& f : r.files) {
      if (c.find_scheme(f.scheme) == nullptr)
        add("catalogue.json", at + "/files" + pointer_token(f.scheme), fmt::format("unknown scheme '{}'", f.scheme));
    }
  }
}

// The members of the object `table`, each read by `read(member, key)`, in file order.
template <typename T, typename Read>
std::vector<T> read_members(const JsonReader& table, const Read& read) {
  std::vector<T> out;
  if (table.expect_object())
    for (const std::string_view key : table.keys()) out.push_back(read(table.child(key), key));
  return out;
}

// catalogue.json: the ollama library (tags, alias history) and the Hugging Face repositories.
void read_catalogue(const JsonReader& catalogue, Catalog& c) {
  const JsonReader ollama = catalogue.child("ollama");
  if (ollama.expect_object()) {
    c.ollama_library = ollama.string("library");
    c.ollama_tags = read_members<OllamaTag>(ollama.child("tags"), read_ollama_tag);
    const JsonReader history = ollama.child("alias_history");
    if (ollama.has("alias_history") && !history.value().is_array()) history.problem("expected an array");
    for (std::size_t i = 0; history.value().is_array() && i < history.value().size(); ++i) {
      const JsonReader h = history.element(i);
      if (!h.expect_object()) continue;
      c.ollama_alias_history.push_back({h.string("alias"), h.string("tag"), h.optional_string("until"), h.source()});
    }
  }
  c.hf_repos = read_members<HfRepo>(catalogue.child("huggingface"), read_repo);
}

}  // namespace

Catalog parse_catalog(const RawTables& tables) {
  std::vector<TableProblem> problems;
  Catalog c;
  const auto store = std::make_shared<TextStore>();
  // Each table is parsed, read and dropped in turn; the text read from it stays in `store`.
  const auto read = [&](const char* file, const auto& read_table) {
    const nlohmann::ordered_json json = parse_json(tables, file);
    read_table(JsonReader(json, file, "", problems, *store));
  };
  read("quant_types.json", [&](const JsonReader& r) { c.ggml_types = read_members<GgmlType>(r, read_type); });
  read("quant_schemes.json", [&](const JsonReader& r) { c.schemes = read_members<QuantScheme>(r, read_scheme); });
  read("architectures.json", [&](const JsonReader& r) { c.models = read_members<Model>(r, read_model); });
  read("catalogue.json", [&](const JsonReader& r) { read_catalogue(r, c); });
  read("runtimes.json", [&](const JsonReader& r) { c.runtimes = detail::read_runtimes(r); });
  read("gpus.json", [&](const JsonReader& r) { c.devices = detail::read_devices(r); });
  read("speed_measurements.json", [&](const JsonReader& r) { c.speed_measurements = detail::read_speed_measurements(r); });
  read("speed_calibration.json", [&](const JsonReader& r) { c.speed_calibration = detail::read_speed_calibration(r); });
  read("ranking.json", [&](const JsonReader& r) { c.ranking = read_ranking(r); });
  c.text_store = store;
  check_references(c, problems);
  if (!problems.empty()) {
    const TableProblem& first = problems.front();
    std::string hint;
    if (problems.size() > 1) hint = fmt::format("{} more problem(s) in the tables", problems.size() - 1);
    throw Error(ExitCode::bad_data, first.file + ": " + first.pointer + ": " + first.what, hint);
  }
  return c;
}

}  // namespace r1tag
