#include <r1tag/gguf/file_size.hpp>

#include <r1tag/common/byte_size.hpp>
#include <r1tag/tables/catalog.hpp>
#include <r1tag/common/error.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cstdint>
#include <string>

// Tolerances.
// - Exact byte counts (Git LFS pointers, ollama /api/tags): within 8 KiB. Everything but the GGUF key/value
//   metadata is computed exactly; the metadata is an estimate per tokenizer (data/architectures.json
//   gguf_metadata) and differs between publishers of one tokenizer by a few KB: llama.cpp versions and
//   imatrix runs add or drop keys, and ollama's /api/tags total includes ~2 KB of template, license and
//   params layers beside the GGUF.
// - Sizes shown with a unit: within max(0.1 %, half a unit of the last shown digit).
namespace {

using r1tag::KvLayout;
using r1tag::QuantOptions;

constexpr std::uint64_t k_exact_tolerance_bytes = 8192;

std::uint64_t total_bytes(const char* model_id, const char* scheme_name, bool imatrix = false,
                          KvLayout layout = KvLayout::standard) {
  const r1tag::Catalog& c = r1tag::embedded_catalog();
  const auto size = r1tag::compute_file_size(*c.find_model(model_id), *c.find_scheme(scheme_name), c,
                                             QuantOptions{.imatrix = imatrix}, layout);
  REQUIRE(size.has_value());
  return size->total_bytes;
}

std::uint64_t difference(std::uint64_t a, std::uint64_t b) { return a > b ? a - b : b - a; }

bool within_shown(std::uint64_t computed, const char* shown) {
  const auto published = r1tag::parse_shown_size(shown);
  REQUIRE(published.has_value());
  const std::uint64_t tolerance = std::max<std::uint64_t>(published->precision_bytes, published->bytes / 1000);
  return difference(computed, published->bytes) <= tolerance;
}

}  // namespace

TEST_CASE("file_size counts tensor bytes from the ggml block layout", "[file_size]") {
  const r1tag::Catalog& c = r1tag::embedded_catalog();
  r1tag::TensorInfo t;
  t.name = "blk.0.attn_q.weight";
  t.ne = {4096, 4096, 1, 1};
  t.n_dims = 2;
  // ggml-common.h: a Q4_K block is 256 weights in 144 bytes, Q8_0 32 in 34, Q6_K 256 in 210.
  CHECK(r1tag::tensor_data_bytes(t, *c.find_type("Q4_K")) == 9'437'184);
  CHECK(r1tag::tensor_data_bytes(t, *c.find_type("Q8_0")) == 17'825'792);
  CHECK(r1tag::tensor_data_bytes(t, *c.find_type("Q6_K")) == 13'762'560);
  t.ne = {128, 512, 128, 1};  // MLA attn_k_b: no 256-block fits a 128-wide row
  REQUIRE_THROWS_AS(r1tag::tensor_data_bytes(t, *c.find_type("Q4_K")), r1tag::Error);
  CHECK(r1tag::tensor_data_bytes(t, *c.find_type("Q5_0")) == 5'767'168);
}

TEST_CASE("file_size matches exact published byte counts within the metadata estimate", "[file_size]") {
  const auto [model_id, scheme, imatrix, published, where] =
      GENERATE(table<const char*, const char*, bool, std::uint64_t, const char*>({
          // ollama /api/tags totals quoted in public files (catalogue.json sources).
          {"DeepSeek-R1-Distill-Qwen-1.5B", "Q4_K_M", false, 1'117'322'599, "ollama deepseek-r1:1.5b"},
          {"DeepSeek-R1-Distill-Qwen-7B", "Q4_K_M", false, 4'683'075'271, "ollama deepseek-r1:7b"},
          {"DeepSeek-R1-Distill-Qwen-14B", "Q4_K_M", false, 8'988'112'040, "ollama deepseek-r1:14b"},
          {"DeepSeek-R1-Distill-Qwen-32B", "Q4_K_M", false, 19'851'337'809, "ollama deepseek-r1:32b"},
          // The one exact Llama-3-tokenizer size; its metadata estimate was derived from it (not independent).
          {"DeepSeek-R1-Distill-Llama-8B", "Q4_K_M", false, 4'920'738'407, "ollama 8b-llama-distill-q4_K_M"},
          // Hugging Face LFS pointers. The 1.5B Q8_0 and 14B Q4_K_M calibrated the Qwen2 metadata estimates.
          {"DeepSeek-R1-Distill-Qwen-1.5B", "Q8_0", false, 1'894'531'968, "unsloth 1.5B Q8_0"},
          {"DeepSeek-R1-Distill-Qwen-14B", "Q4_K_M", false, 8'988'109'984, "unsloth 14B Q4_K_M"},
          {"DeepSeek-R1-0528-Qwen3-8B", "Q4_K_M", true, 5'027'783'040, "bartowski 0528 Qwen3-8B Q4_K_M"},
      }));
  CAPTURE(where);
  CHECK(difference(total_bytes(model_id, scheme, imatrix), published) <= k_exact_tolerance_bytes);
}

TEST_CASE("file_size matches sizes the hubs show within their rounding", "[file_size]") {
  const auto [model_id, scheme, imatrix, shown, layout] =
      GENERATE(table<const char*, const char*, bool, const char*, KvLayout>({
          // bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF tree (imatrix), §1.10.
          {"DeepSeek-R1-Distill-Qwen-7B", "IQ3_M", true, "3.57 GB", KvLayout::standard},
          {"DeepSeek-R1-Distill-Qwen-7B", "IQ4_XS", true, "4.22 GB", KvLayout::standard},
          {"DeepSeek-R1-Distill-Qwen-7B", "Q3_K_M", true, "3.81 GB", KvLayout::standard},
          {"DeepSeek-R1-Distill-Qwen-7B", "Q5_K_S", true, "5.32 GB", KvLayout::standard},
          {"DeepSeek-R1-Distill-Qwen-7B", "F16", true, "15.2 GB", KvLayout::standard},
          // bartowski/DeepSeek-R1-Distill-Qwen-14B-GGUF: Q4_0 with an imatrix is 8.54, not 8.52.
          {"DeepSeek-R1-Distill-Qwen-14B", "Q4_0", true, "8.54 GB", KvLayout::standard},
          {"DeepSeek-R1-Distill-Qwen-14B", "IQ3_XS", true, "6.38 GB", KvLayout::standard},
          // IQ4_XS / IQ4_NL with an imatrix keep ffn_down of the first eighth at the ftype's type (Q5_K without
          // one: 7B IQ4_XS would be 4.25 GB, 14B 8.19 GB): bartowski's 7B and 14B trees, 32B README table.
          {"DeepSeek-R1-Distill-Qwen-7B", "IQ4_NL", true, "4.44 GB", KvLayout::standard},
          {"DeepSeek-R1-Distill-Qwen-14B", "IQ4_XS", true, "8.12 GB", KvLayout::standard},
          {"DeepSeek-R1-Distill-Qwen-14B", "IQ4_NL", true, "8.55 GB", KvLayout::standard},
          {"DeepSeek-R1-Distill-Qwen-32B", "IQ4_XS", true, "17.69 GB", KvLayout::standard},
          {"DeepSeek-R1-Distill-Qwen-32B", "IQ4_NL", true, "18.68 GB", KvLayout::standard},
          {"DeepSeek-R1-Distill-Qwen-32B", "Q4_0", true, "18.71 GB", KvLayout::standard},
          // bartowski/DeepSeek-R1-Distill-Qwen-32B-GGUF: publisher variants and very-low-bit files.
          {"DeepSeek-R1-Distill-Qwen-32B", "Q4_K_L", true, "20.43 GB", KvLayout::standard},
          {"DeepSeek-R1-Distill-Qwen-32B", "Q3_K_XL", true, "17.93 GB", KvLayout::standard},
          {"DeepSeek-R1-Distill-Qwen-32B", "IQ2_XXS", true, "9.03 GB", KvLayout::standard},
          {"DeepSeek-R1-Distill-Qwen-32B", "IQ2_M", true, "11.26 GB", KvLayout::standard},
          // ollama library tags page (no imatrix).
          {"DeepSeek-R1-Distill-Llama-70B", "Q4_K_M", false, "43 GB", KvLayout::standard},
          {"DeepSeek-R1-Distill-Llama-70B", "Q8_0", false, "75 GB", KvLayout::standard},
          {"DeepSeek-R1", "Q4_K_M", false, "404 GB", KvLayout::deepseek_legacy},
          {"DeepSeek-R1", "Q8_0", false, "713 GB", KvLayout::deepseek_legacy},
          {"DeepSeek-R1", "F16", false, "1.3 TB", KvLayout::deepseek_legacy},
      }));
  CAPTURE(model_id, scheme, shown);
  CHECK(within_shown(total_bytes(model_id, scheme, imatrix, layout), shown));
}

TEST_CASE("file_size matches bartowski's Llama-70B-shaped imatrix files to the shown digit", "[file_size]") {
  // bartowski's quant table for a Llama-3.1-70B model (all files made with an imatrix), as reproduced at
  // https://ozeki.chat/p_8590-understanding-ai-model-files.html. DeepSeek-R1-Distill-Llama-70B has the same
  // tensor shapes (Llama-3.3-70B: 80 layers, 8192 x 28672, 64/8 heads, 128256 tokens); its own table was not
  // found. Only the key/value metadata differs (kilobytes), so each figure must hold to half its last digit
  // (5 MB), not the 0.1 % of the hub test above. Without the imatrix branches Q4_0 is 39.97 GB (-0.37 %, the
  // miss issue 15 reported) and IQ4_XS 38.27 GB (+0.97 %).
  const auto [scheme, shown] = GENERATE(table<const char*, const char*>({
      {"Q8_0", "74.98 GB"}, {"Q6_K", "57.89 GB"}, {"Q5_K_L", "50.60 GB"}, {"Q5_K_M", "49.95 GB"},
      {"Q5_K_S", "48.66 GB"}, {"Q4_K_L", "43.30 GB"}, {"Q4_K_M", "42.52 GB"}, {"Q4_K_S", "40.35 GB"},
      {"Q4_0", "40.12 GB"}, {"Q3_K_XL", "38.06 GB"}, {"IQ4_XS", "37.90 GB"}, {"Q3_K_L", "37.14 GB"},
      {"Q3_K_M", "34.27 GB"}, {"IQ3_M", "31.94 GB"}, {"Q3_K_S", "30.91 GB"},
  }));
  CAPTURE(scheme, shown);
  const auto published = r1tag::parse_shown_size(shown);
  REQUIRE(published.has_value());
  CHECK(difference(total_bytes("DeepSeek-R1-Distill-Llama-70B", scheme, true), published->bytes) <=
        published->precision_bytes);
}

TEST_CASE("file_size reports what llama.cpp prints for file size and bits per weight", "[file_size]") {
  const r1tag::Catalog& c = r1tag::embedded_catalog();
  SECTION("0528 Qwen3-8B Q8_0: 'file size = 8.11 GiB (8.50 BPW)' (LM Studio's llama.cpp load log)") {
    const auto size = r1tag::compute_file_size(*c.find_model("DeepSeek-R1-0528-Qwen3-8B"), *c.find_scheme("Q8_0"), c,
                                               {}, KvLayout::standard);
    CHECK(r1tag::format_gib(size->tensor_bytes) == "8.11 GiB");
    CHECK(fmt::format("{:.2f}", size->bits_per_weight) == "8.50");
    CHECK(size->parameters == 8'190'735'360);
  }
  SECTION("Llama-70B-shaped Q4_K_M: llama-bench '39.59 GiB | 70.55 B' (eliranwong/AMD_iGPU_AI_Setup)") {
    const auto size = r1tag::compute_file_size(*c.find_model("DeepSeek-R1-Distill-Llama-70B"),
                                               *c.find_scheme("Q4_K_M"), c, {}, KvLayout::standard);
    CHECK(r1tag::format_gib(size->tensor_bytes) == "39.59 GiB");
  }
}

TEST_CASE("file_size lists a type histogram and labels the metadata as estimated", "[file_size]") {
  const r1tag::Catalog& c = r1tag::embedded_catalog();
  const auto size = r1tag::compute_file_size(*c.find_model("DeepSeek-R1-Distill-Qwen-7B"), *c.find_scheme("Q4_K_M"),
                                             c, {}, KvLayout::standard);
  REQUIRE(size->histogram.size() == 3);
  // Largest byte count first; counts as llama.cpp's loader census prints them (141 / 169 / 29).
  CHECK(size->histogram[0].type == "Q4_K");
  CHECK(size->histogram[0].tensor_count == 169);
  CHECK(size->histogram[2].type == "F32");
  CHECK(size->histogram[2].tensor_count == 141);
  CHECK(size->header_bytes == 24);
  CHECK(size->metadata_basis.rfind("estimated: ", 0) == 0);
  CHECK(size->rules == r1tag::RuleSet::llama_cpp_2025);
  CHECK(size->total_bytes == size->metadata_bytes + size->padding_bytes + size->tensor_bytes);
}

TEST_CASE("file_size gives no size for custom mixes", "[file_size]") {
  const r1tag::Catalog& c = r1tag::embedded_catalog();
  CHECK_FALSE(r1tag::compute_file_size(*c.find_model("DeepSeek-R1"), *c.find_scheme("UD-IQ1_S"), c, {},
                                       KvLayout::deepseek_legacy));
}

TEST_CASE("file_size issue 4 – deepseek-r1:8b is larger than any rule-following Q4_K_M", "[file_size]") {
  // The rules reproduce bartowski's file (above) but not ollama's GGUF blob e6a7edc1a4d7, 5225373760 bytes
  // (re-hashed copy in a public GitHub note). The catalogue records the gap instead of a computed size.
  const r1tag::Catalog& c = r1tag::embedded_catalog();
  const r1tag::OllamaTag* tag = c.find_ollama_tag("8b-0528-qwen3-q4_K_M");
  REQUIRE(tag != nullptr);
  CHECK_FALSE(tag->size_follows_rules);
  CHECK(tag->size_note.find("5225373760") != std::string::npos);
  const std::uint64_t computed = total_bytes("DeepSeek-R1-0528-Qwen3-8B", "Q4_K_M");
  CHECK(5'225'373'760ULL - computed > 190'000'000ULL);
  // Every other ollama tag with a published size follows the rules.
  for (const r1tag::OllamaTag& t : c.ollama_tags) {
    if (t.model_id != "DeepSeek-R1-0528-Qwen3-8B" || t.scheme == "F16") CHECK(t.size_follows_rules);
  }
}
