#include <r1tag/gguf/plan_cache.hpp>

#include <r1tag/tables/catalog.hpp>
#include <r1tag/gguf/custom_mix.hpp>
#include <r1tag/gguf/plan_table.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

// The build-time plans are a cache of the engine's own results for the embedded tables; these tests pin
// that the cache is complete for the catalogue's names and never differs from planning at run time.
// The plans' figures themselves are pinned against published sizes in file_size_test.cpp.
namespace {

using r1tag::Catalog;
using r1tag::FileSize;
using r1tag::PlanRecord;

std::optional<FileSize> plan_at_run_time(const PlanRecord& r, const Catalog& c) {
  const r1tag::Model& model = c.models.at(r.model_index);
  if (r.custom_mix_bytes != 0) return r1tag::estimate_custom_mix_plan(model, r.custom_mix_bytes, c, r.layout);
  r1tag::QuantOptions options;
  options.imatrix = r.imatrix;
  options.rules = r.rules;
  return r1tag::compute_file_size(model, c.schemes.at(r.scheme_index), c, options, r.layout);
}

}  // namespace

TEST_CASE("every build-time plan equals the plan computed at run time from the same tables", "[plan_cache]") {
  const Catalog& c = r1tag::embedded_catalog();
  REQUIRE_FALSE(r1tag::embedded_plans().empty());
  for (const PlanRecord& r : r1tag::embedded_plans()) {
    const FileSize stored = r1tag::file_size_of(r);
    const std::optional<FileSize> computed = plan_at_run_time(r, c);
    INFO(fmt::format("{} {} imatrix={} custom_mix_bytes={}", c.models.at(r.model_index).id,
                     c.schemes.at(r.scheme_index).name, r.imatrix, r.custom_mix_bytes));
    REQUIRE(computed);
    CHECK(stored.tensors.empty());
    CHECK(stored.tensor_count == computed->tensors.size());
    CHECK(stored.total_bytes == computed->total_bytes);
    CHECK(stored.tensor_bytes == computed->tensor_bytes);
    CHECK(stored.padding_bytes == computed->padding_bytes);
    CHECK(stored.metadata_bytes == computed->metadata_bytes);
    CHECK(stored.tensor_info_bytes == computed->tensor_info_bytes);
    CHECK(stored.parameters == computed->parameters);
    CHECK(stored.bits_per_weight == computed->bits_per_weight);
    CHECK(stored.metadata_basis == computed->metadata_basis);
    CHECK(stored.layers == computed->layers);
    REQUIRE(stored.histogram.size() == computed->histogram.size());
    for (std::size_t i = 0; i < stored.histogram.size(); ++i) {
      CHECK(stored.histogram[i].type == computed->histogram[i].type);
      CHECK(stored.histogram[i].bytes == computed->histogram[i].bytes);
      CHECK(stored.histogram[i].tensor_count == computed->histogram[i].tensor_count);
    }
  }
}

TEST_CASE("a seeded plan cache serves every ollama tag and Hugging Face file from the build-time plans",
          "[plan_cache]") {
  const Catalog& c = r1tag::embedded_catalog();
  r1tag::PlanCache plans(c, r1tag::embedded_plans());
  for (const r1tag::OllamaTag& t : c.ollama_tags) {
    const r1tag::QuantScheme& scheme = *c.find_scheme(t.scheme);
    if (scheme.custom_mix) continue;
    INFO(t.tag);
    const auto plan = plans.file_size(*c.find_model(t.model_id), scheme, c, {}, r1tag::kv_layout_from(t.kv_layout));
    REQUIRE(plan);
    CHECK(plan->tensors.empty());  // from the table, not planned tensor by tensor
  }
  for (const r1tag::HfRepo& repo : c.hf_repos) {
    for (const r1tag::HfFile& f : repo.files) {
      const r1tag::QuantScheme& scheme = *c.find_scheme(f.scheme);
      const r1tag::Model& model = *c.find_model(repo.model_id);
      const r1tag::KvLayout layout = r1tag::kv_layout_from(repo.kv_layout);
      INFO(repo.repo << " " << f.path);
      r1tag::QuantOptions options;
      options.imatrix = repo.imatrix;
      const auto plan = scheme.custom_mix && f.published
                            ? plans.custom_mix(model, scheme, f.published->bytes, c, layout)
                            : plans.file_size(model, scheme, c, options, layout);
      if (scheme.custom_mix && !f.published) continue;
      REQUIRE(plan);
      CHECK(plan->tensors.empty());
    }
  }
}

TEST_CASE("deepseek-r1:7b from the build-time table and from the engine: 339 tensors, one total", "[plan_cache]") {
  // 339 tensors: llama.cpp's load log of DeepSeek-R1-Distill-Qwen-7B (see tensor_inventory_test.cpp).
  const Catalog& c = r1tag::embedded_catalog();
  const r1tag::Model& model = *c.find_model("DeepSeek-R1-Distill-Qwen-7B");
  const r1tag::QuantScheme& q4_k_m = *c.find_scheme("Q4_K_M");
  r1tag::PlanCache seeded(c, r1tag::embedded_plans());
  r1tag::PlanCache unseeded;
  const auto stored = seeded.file_size(model, q4_k_m, c, {}, r1tag::KvLayout::standard);
  const auto planned = unseeded.file_size(model, q4_k_m, c, {}, r1tag::KvLayout::standard);
  REQUIRE(stored);
  REQUIRE(planned);
  CHECK(stored->tensor_count == 339);
  CHECK(planned->tensors.size() == 339);
  CHECK(stored->total_bytes == planned->total_bytes);
  // A second question about the same file is answered from the cache.
  CHECK(seeded.file_size(model, q4_k_m, c, {}, r1tag::KvLayout::standard) == stored);
}

TEST_CASE("a plan cache ignores build-time plans for tables it was not seeded for", "[plan_cache]") {
  const Catalog copy = r1tag::embedded_catalog();  // as --data would load: another catalogue object
  r1tag::PlanCache plans(r1tag::embedded_catalog(), r1tag::embedded_plans());
  const auto plan = plans.file_size(*copy.find_model("DeepSeek-R1-Distill-Qwen-7B"), *copy.find_scheme("Q4_K_M"), copy,
                                    {}, r1tag::KvLayout::standard);
  REQUIRE(plan);
  CHECK(plan->tensors.size() == 339);
}
