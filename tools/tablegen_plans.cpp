// The plans of the catalogue's variants, computed at build time with the engine so that the binary
// plans no catalogue file at start-up (plan_table.hpp).
#include "tablegen.hpp"

#include <r1tag/gguf/custom_mix.hpp>
#include <r1tag/gguf/file_size.hpp>
#include <r1tag/gguf/plan_table.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <vector>

namespace r1tag::tablegen {

std::string lit(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u >= 0x7f) {
      out += fmt::format("\\{:03o}", u);  // octal escapes stop after three digits, unlike \x
    } else {
      out += c;
    }
  }
  return out + "\"sv";
}

std::string num(double d) { return fmt::format("{:.17g}", d); }
std::string boolean(bool b) { return b ? "true" : "false"; }

namespace {

// A variant the commands plan: what `fit` and `explain` ask PlanCache for. A variant left out here is
// still planned at run time; only its start-up cost differs.
struct PlanKey {
  std::size_t model_index = 0;
  std::size_t scheme_index = 0;
  bool imatrix = false;
  KvLayout layout = KvLayout::standard;
  std::uint64_t custom_mix_bytes = 0;

  bool operator==(const PlanKey&) const = default;
};

std::vector<PlanKey> plan_keys(const Catalog& c) {
  std::vector<PlanKey> keys;
  const auto add = [&](std::string_view model_id, std::string_view scheme_name, bool imatrix,
                       std::string_view layout_text, const std::optional<PublishedSize>& published) {
    const Model* model = c.find_model(model_id);
    const QuantScheme* scheme = c.find_scheme(scheme_name);
    if (model == nullptr || scheme == nullptr) return;
    PlanKey key{static_cast<std::size_t>(model - c.models.data()), static_cast<std::size_t>(scheme - c.schemes.data()),
                imatrix, kv_layout_from(layout_text), 0};
    std::vector<PlanKey> wanted;
    if (scheme->custom_mix) {
      if (!published) return;
      key.imatrix = false;
      key.custom_mix_bytes = published->bytes;
      wanted.push_back(key);
    } else {
      wanted.push_back(key);
      // explain notes what the MLA layout would weigh when the catalogue does not say which a file has.
      if (model->architecture == "deepseek2" && key.layout == KvLayout::standard) {
        wanted.push_back(key);
        wanted.back().layout = KvLayout::deepseek_mla;
      }
    }
    for (const PlanKey& k : wanted)
      if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
  };
  for (const OllamaTag& t : c.ollama_tags) add(t.model_id, t.scheme, false, t.kv_layout, t.published);
  for (const HfRepo& r : c.hf_repos)
    for (const HfFile& f : r.files) add(r.model_id, f.scheme, r.imatrix, r.kv_layout, f.published);
  return keys;
}

std::optional<FileSize> plan_for(const PlanKey& k, const Catalog& c) {
  const Model& model = c.models[k.model_index];
  if (k.custom_mix_bytes != 0) return estimate_custom_mix_plan(model, k.custom_mix_bytes, c, k.layout);
  QuantOptions options;
  options.imatrix = k.imatrix;
  return compute_file_size(model, c.schemes[k.scheme_index], c, options, k.layout);
}

std::string numbers(const std::vector<std::uint64_t>& values) {
  std::string out;
  for (const std::uint64_t v : values) out += fmt::format("{}ULL,", v);
  return out;
}

const char* layout_name(KvLayout layout) {
  switch (layout) {
    case KvLayout::standard: return "KvLayout::standard";
    case KvLayout::deepseek_legacy: return "KvLayout::deepseek_legacy";
    case KvLayout::deepseek_mla: return "KvLayout::deepseek_mla";
  }
  return "KvLayout::standard";
}

// The arrays a record points to, and the record.
struct PlanCode {
  std::string arrays;
  std::string record;
};

PlanCode plan_code(std::size_t i, const PlanKey& k, const FileSize& f) {
  const LayerWeights& w = f.layers;
  std::string arrays = fmt::format("constexpr std::uint64_t k_plan{}_blocks[] = {{{}}};\n", i, numbers(w.block_bytes));
  arrays += fmt::format("constexpr std::uint64_t k_plan{}_experts[] = {{{}}};\n", i, numbers(w.block_expert_bytes));
  arrays += fmt::format("constexpr std::uint64_t k_plan{}_block_parameters[] = {{{}}};\n", i, numbers(w.block_parameters));
  arrays += fmt::format("constexpr std::uint64_t k_plan{}_expert_parameters[] = {{{}}};\n", i,
                        numbers(w.block_expert_parameters));
  std::string histogram;
  for (const TypeTotal& t : f.histogram)
    histogram += fmt::format("TypeTotalRecord{{{}, {}, {}ULL, {}ULL}},", lit(t.type), t.tensor_count, t.elements, t.bytes);
  arrays += fmt::format("constexpr TypeTotalRecord k_plan{}_histogram[] = {{{}}};\n", i, histogram);
  const std::string record = fmt::format(
      "PlanRecord{{.model_index = {}, .scheme_index = {}, .imatrix = {}, .rules = RuleSet::llama_cpp_2025, .layout = {}, "
      ".custom_mix_bytes = {}ULL, .tensor_count = {}ULL, .tensor_bytes = {}ULL, .padding_bytes = {}ULL, "
      ".header_bytes = {}ULL, .kv_bytes = {}ULL, .tensor_info_bytes = {}ULL, .metadata_bytes = {}ULL, "
      ".total_bytes = {}ULL, .parameters = {}ULL, .bits_per_weight = {}, .histogram = k_plan{}_histogram, "
      ".metadata_basis = {}, .block_bytes = k_plan{}_blocks, .block_expert_bytes = k_plan{}_experts, "
      ".block_parameters = k_plan{}_block_parameters, .block_expert_parameters = k_plan{}_expert_parameters, "
      ".input_bytes = {}ULL, .input_parameters = {}ULL, .output_layer_bytes = {}ULL, .output_layer_parameters = {}ULL, "
      ".first_block_bytes = {}ULL, .first_block_parameters = {}ULL, .output_is_token_embd = {}}},\n",
      k.model_index, k.scheme_index, boolean(k.imatrix), layout_name(k.layout), k.custom_mix_bytes, f.tensor_count,
      f.tensor_bytes, f.padding_bytes, f.header_bytes, f.kv_bytes, f.tensor_info_bytes, f.metadata_bytes,
      f.total_bytes, f.parameters, num(f.bits_per_weight), i, lit(f.metadata_basis), i, i, i, i, w.input_bytes,
      w.input_parameters, w.output_layer_bytes, w.output_layer_parameters, w.first_block_bytes,
      w.first_block_parameters, boolean(w.output_is_token_embd));
  return {arrays, record};
}

}  // namespace

std::string generate_plans(const Catalog& c) {
  std::string arrays;
  std::string records;
  std::size_t i = 0;
  for (const PlanKey& k : plan_keys(c)) {
    const std::optional<FileSize> f = plan_for(k, c);
    if (!f) continue;
    const PlanCode code = plan_code(i++, k, *f);
    arrays += code.arrays;
    records += code.record;
  }
  return fmt::format(
      "// Plans of the variants above, computed by r1tag_tablegen with the engine (plan_table.hpp).\n{}"
      "constexpr PlanRecord k_plans[] = {{\n{}}};\n\n",
      arrays, records);
}

}  // namespace r1tag::tablegen
