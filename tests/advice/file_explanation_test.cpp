#include <r1tag/advice/file_explanation.hpp>

#include <r1tag/advice/context_memory.hpp>
#include <r1tag/common/error.hpp>
#include <r1tag/gguf/file_size.hpp>
#include <r1tag/gguf/tensor_inventory.hpp>
#include <r1tag/names/resolver.hpp>
#include <r1tag/names/tag_parser.hpp>
#include <r1tag/sources/local_gguf.hpp>
#include <r1tag/sources/split_set.hpp>

#include "support/gguf_builder.hpp"
#include "support/model_fixtures.hpp"
#include "support/plan_gguf.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

using r1tag::Catalog;
using r1tag::Explanation;
using r1tag::test::PlanFileOptions;
using r1tag::test::TempDir;
using r1tag::test::llama_3_2_3b;
using r1tag::test::write_foreign;
using r1tag::test::write_variant;

const Catalog& catalog() { return r1tag::embedded_catalog(); }

Explanation explain_name(const std::string& name) {
  return r1tag::explain_variant(r1tag::resolve(r1tag::parse_tag(name), catalog()), catalog());
}

Explanation explain_path(const std::string& path) { return r1tag::explain_file(r1tag::read_local_gguf(path, catalog()), catalog()); }

r1tag::MemoryQuestion default_question() {
  r1tag::MemoryQuestion q;
  q.context_tokens = {8192};
  return q;
}

void check_same_memory(const Explanation& tag, const Explanation& file) {
  const auto a = r1tag::memory_by_context(tag, default_question(), catalog());
  const auto b = r1tag::memory_by_context(file, default_question(), catalog());
  REQUIRE(a.size() == 1);
  REQUIRE(b.size() == 1);
  CHECK(b[0].memory.weights_bytes == a[0].memory.weights_bytes);
  CHECK(b[0].memory.kv_cache_bytes == a[0].memory.kv_cache_bytes);
  CHECK(b[0].memory.compute_bytes == a[0].memory.compute_bytes);
  CHECK(b[0].memory.output_bytes == a[0].memory.output_bytes);
  CHECK(b[0].memory.total_bytes == a[0].memory.total_bytes);
}

// Every name of the catalogue whose file r1tag plans: ollama tags and Hugging Face files.
std::vector<std::string> planned_names() {
  std::vector<std::string> names;
  for (const r1tag::OllamaTag& t : catalog().ollama_tags) names.push_back(fmt::format("{}:{}", catalog().ollama_library, t.tag));
  for (const r1tag::HfRepo& r : catalog().hf_repos)
    for (const r1tag::HfFile& f : r.files) names.push_back(fmt::format("hf.co/{}:{}", r.repo, f.scheme));
  return names;
}

}  // namespace

TEST_CASE("a file written for every catalogue variant explains as its tag does", "[file_explanation]") {
  TempDir dir;
  std::size_t files = 0;
  for (const std::string& name : planned_names()) {
    const Explanation tag = explain_name(name);
    if (!tag.computed || tag.variant.scheme == nullptr) continue;
    CAPTURE(name);
    const auto paths = write_variant(tag, dir.file("v"));
    const Explanation file = explain_path(paths.front());
    REQUIRE(file.file);
    CHECK(file.variant.model == tag.variant.model);
    CHECK(file.variant.scheme->name == (tag.variant.scheme->base_scheme.empty() ? tag.variant.scheme->name
                                                                                 : tag.variant.scheme->base_scheme));
    CHECK(file.file->recognised_by == "general.name");
    CHECK(r1tag::best_size(file).basis == "header");
    CHECK(file.file->bytes == tag.computed->total_bytes);
    CHECK(file.file->bytes == std::filesystem::file_size(paths.front()));
    CHECK(file.parameters == tag.parameters);
    CHECK(file.kv_layout == tag.kv_layout);
    // llama-quantize's own schemes match the rules; publisher variants (_L) differ where they force types.
    CHECK(file.file->differences.empty() == (tag.variant.scheme->kind != "publisher-variant"));
    check_same_memory(tag, file);
    std::filesystem::remove(paths.front());
    ++files;
  }
  CHECK(files >= 40);
}

TEST_CASE("a renamed file and an ollama blob are recognised by their header", "[file_explanation]") {
  TempDir dir;
  const Explanation tag = explain_name("deepseek-r1:7b");
  SECTION("model.gguf") {
    const auto paths = write_variant(tag, dir.file("model"));
    const Explanation file = explain_path(paths.front());
    CHECK(file.variant.model->id == "DeepSeek-R1-Distill-Qwen-7B");
    CHECK(file.variant.scheme->name == "Q4_K_M");
    CHECK(file.variant.ollama_tag != nullptr);
  }
  SECTION("an ollama blob, no extension") {
    const auto paths = write_variant(tag, dir.file("m"));
    const std::string blob = dir.file("sha256-6e9f90f02bb3b39b59e81916e8cfce9deb45aeaeb9a54a5be4414486b907dc1e");
    std::filesystem::rename(paths.front(), blob);
    CHECK(r1tag::is_local_model_path(blob));
    const Explanation file = explain_path(blob);
    CHECK(file.variant.model->id == "DeepSeek-R1-Distill-Qwen-7B");
    CHECK(file.file->origin.kind == "ollama_blob");
  }
  SECTION("no names in the header: recognised by its shapes") {
    PlanFileOptions options;
    options.write_names = false;
    const auto paths = write_variant(tag, dir.file("model"), options);
    const Explanation file = explain_path(paths.front());
    CHECK(file.variant.model->id == "DeepSeek-R1-Distill-Qwen-7B");
    CHECK_THAT(file.file->recognised_by, Catch::StartsWith("shapes"));
  }
}

TEST_CASE("models outside the catalogue are explained from their header, never as DeepSeek models", "[file_explanation]") {
  TempDir dir;
  SECTION("Llama-3.2-3B-Instruct") {
    const std::string path = write_foreign(llama_3_2_3b(), "Llama 3.2 3B Instruct", dir.file("llama"));
    const Explanation file = explain_path(path);
    CHECK(file.variant.model->id == "Llama 3.2 3B Instruct");
    CHECK(file.file->recognised_by.empty());
    CHECK(file.file->bytes == std::filesystem::file_size(path));
    CHECK(file.variant.ollama_tag == nullptr);
    const auto memory = r1tag::memory_by_context(file, default_question(), catalog());
    REQUIRE(memory.size() == 1);
    // llama.cpp prints "KV self size = 896.00 MiB" for Llama 3.2 3B at 8192 tokens (28 x 2 x 8 x 128 x 8192 x 2 bytes).
    CHECK(memory[0].memory.kv_cache_bytes == 896ull << 20);
  }
  SECTION("Qwen2.5-7B-Instruct, the 7B distill's shapes") {
    r1tag::Model qwen = *catalog().find_model("DeepSeek-R1-Distill-Qwen-7B");
    const std::string path = write_foreign(qwen, "Qwen2.5 7B Instruct", dir.file("qwen"));
    const Explanation file = explain_path(path);
    CHECK(file.variant.model->id == "Qwen2.5 7B Instruct");
    CHECK(file.variant.model->family.empty());
    CHECK(file.file->bytes == std::filesystem::file_size(path));
    const auto memory = r1tag::memory_by_context(file, default_question(), catalog());
    REQUIRE(memory.size() == 1);
    // 28 layers x 2 (K, V) x 4 KV heads x 128 x 8192 tokens x 2 bytes = 448 MiB, llama.cpp's "KV self size".
    CHECK(memory[0].memory.kv_cache_bytes == 448ull << 20);
  }
}

TEST_CASE("an architecture the memory engine does not model: exact weights, memory unknown", "[file_explanation]") {
  TempDir dir;
  r1tag::test::GgufBuilder b;
  b.add_string("general.architecture", "gemma3");
  b.add_string("general.name", "Gemma 3 Tiny");
  b.add_u32("gemma3.block_count", 1);
  b.add_u32("gemma3.embedding_length", 256);
  b.add_tensor("token_embd.weight", {256, 1000}, 1, 256 * 1000 * 2);  // F16
  b.add_tensor("blk.0.attn_q.weight", {256, 256}, 1, 256 * 256 * 2);
  REQUIRE(b.write(dir.file("g.gguf")));
  const Explanation file = explain_path(dir.file("g.gguf"));
  CHECK(file.variant.model->id == "Gemma 3 Tiny");
  CHECK_FALSE(file.file->memory_modelled);
  CHECK(file.computed->tensor_bytes == 512000 + 131072);
  CHECK(file.file->bytes == b.file_bytes());
  CHECK(r1tag::memory_by_context(file, default_question(), catalog()).empty());
  REQUIRE(file.file->unknown.size() == 1);
}

TEST_CASE("a custom per-tensor mix: exact bytes from its tensors, differences named", "[file_explanation]") {
  TempDir dir;
  const Explanation tag = explain_name("deepseek-r1:7b");
  r1tag::FileSize mix = *tag.computed;
  const r1tag::GgmlType* q8 = catalog().find_type("Q8_0");
  std::uint64_t data = 0;
  for (r1tag::PlannedTensor& t : mix.tensors) {
    if (t.tensor.name.find("ffn_down") != std::string::npos) {
      t.type = q8;
      t.bytes = t.tensor.elements() / 32 * 34;  // Q8_0: 34 bytes per 32 weights
    }
    data += t.bytes;
  }
  PlanFileOptions options;
  options.file_type = 15;
  options.match_metadata = false;
  const std::string path = r1tag::test::write_plan_gguf(*tag.variant.model, mix, dir.file("mix"), options).front();
  const Explanation file = explain_path(path);
  CHECK(file.variant.model->id == "DeepSeek-R1-Distill-Qwen-7B");
  CHECK(file.computed->tensor_bytes == data);
  CHECK(file.file->bytes == std::filesystem::file_size(path));
  REQUIRE_FALSE(file.file->differences.empty());
  CHECK_THAT(file.file->differences.front(), Catch::Contains("28 of 339 tensors have another type"));
  const auto memory = r1tag::memory_by_context(file, default_question(), catalog());
  REQUIRE(memory.size() == 1);
  CHECK(memory[0].memory.weights_bytes > r1tag::memory_by_context(tag, default_question(), catalog())[0].memory.weights_bytes);
}

TEST_CASE("a three-part 671B split set: any part gives the set's exact answer", "[file_explanation]") {
  TempDir dir;
  const Explanation tag = explain_name("deepseek-r1:671b-q4_K_M");
  PlanFileOptions options;
  options.parts = 3;
  options.match_metadata = false;
  const auto paths = write_variant(tag, dir.file("DeepSeek-R1-Q4_K_M"), options);
  REQUIRE(paths.size() == 3);
  std::uint64_t on_disk = 0;
  for (const std::string& p : paths) on_disk += std::filesystem::file_size(p);
  for (const std::string& p : paths) {
    CAPTURE(p);
    const Explanation file = explain_path(p);
    CHECK(file.file->bytes == on_disk);
    CHECK(file.file->part_bytes.size() == 3);
    CHECK(file.file->origin.kind == "split_set");
    CHECK(file.variant.model->id == "DeepSeek-R1");
    CHECK(file.computed->tensor_bytes == tag.computed->tensor_bytes);
    check_same_memory(tag, file);
  }
  SECTION("a missing part is named") {
    std::filesystem::remove(paths[1]);
    try {
      explain_path(paths[0]);
      FAIL("a missing part was not noticed");
    } catch (const r1tag::Error& e) {
      CHECK(e.code() == r1tag::ExitCode::bad_file);
      CHECK_THAT(e.what(), Catch::Contains("DeepSeek-R1-Q4_K_M-00002-of-00003.gguf: part 2 of 3 of the split set is missing"));
    }
  }
}

TEST_CASE("split-set names", "[file_explanation]") {
  const auto s = r1tag::parse_split_name("dir/DeepSeek-R1-UD-IQ1_S-00002-of-00003.gguf");
  REQUIRE(s);
  CHECK(s->stem == "dir/DeepSeek-R1-UD-IQ1_S");
  CHECK(s->part == 2);
  CHECK(s->count == 3);
  CHECK(r1tag::split_part_path(*s, 3) == "dir/DeepSeek-R1-UD-IQ1_S-00003-of-00003.gguf");
  CHECK_FALSE(r1tag::parse_split_name("a-00004-of-00003.gguf"));
  CHECK_FALSE(r1tag::parse_split_name("a-0001-of-00003.gguf"));
  CHECK_FALSE(r1tag::parse_split_name("model.gguf"));
  CHECK_FALSE(r1tag::is_local_model_path("DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf"));
  CHECK_FALSE(r1tag::is_local_model_path("deepseek-r1:7b"));
  CHECK(r1tag::is_local_model_path("./missing.gguf"));
}

TEST_CASE("a directory named x.gguf and a missing file are bad_file errors", "[file_explanation]") {
  TempDir dir;
  std::filesystem::create_directory(dir.file("x.gguf"));
  CHECK(r1tag::is_local_model_path(dir.file("x.gguf")));
  for (const std::string& path : {dir.file("x.gguf"), dir.file("missing.gguf")}) {
    try {
      explain_path(path);
      FAIL("no error");
    } catch (const r1tag::Error& e) {
      CHECK(e.code() == r1tag::ExitCode::bad_file);
      CHECK_THAT(e.what(), Catch::Contains(path));
    }
  }
}

// Not run by default: writes the sparse fixtures of the goldens, for the bench and for trying
// `explain PATH` by hand:  R1TAG_FIXTURE_DIR=/tmp/fx build/dev/tests/r1tag_tests "[.write_fixtures]"
TEST_CASE("write fixtures into $R1TAG_FIXTURE_DIR", "[.write_fixtures]") {
  const char* dir = std::getenv("R1TAG_FIXTURE_DIR");
  REQUIRE(dir != nullptr);
  r1tag::test::write_explain_fixtures(dir);
}

// Not run by default: the seeds of fuzz/run.sh's gguf target, into $R1TAG_FIXTURE_DIR: the first
// 128 KiB of each golden fixture (whole headers, or a truncated one), a tiny complete file, and the 7B
// and 671B headers without padded metadata.
TEST_CASE("write fuzz seeds into $R1TAG_FIXTURE_DIR", "[.fuzz_seeds]") {
  const char* out = std::getenv("R1TAG_FIXTURE_DIR");
  REQUIRE(out != nullptr);
  std::filesystem::create_directories(out);
  TempDir dir;
  r1tag::test::write_explain_fixtures(dir.path());
  PlanFileOptions plain;
  plain.match_metadata = false;
  write_variant(explain_name("deepseek-r1:7b"), dir.file("plain-7b"), plain);
  write_variant(explain_name("deepseek-r1:671b-q4_K_M"), dir.file("plain-671b"), plain);
  r1tag::test::GgufBuilder tiny;
  tiny.add_string("general.architecture", "llama");
  tiny.add_u32("llama.block_count", 1);
  tiny.add_u32("llama.embedding_length", 64);
  tiny.add_u32("llama.attention.head_count", 4);
  tiny.add_u32("llama.context_length", 4096);
  tiny.add_tensor("token_embd.weight", {64, 16}, 0, 64 * 16 * 4);
  tiny.add_tensor("blk.0.attn_q.weight", {64, 64}, 0, 64 * 64 * 4);
  REQUIRE(tiny.write(dir.file("tiny.gguf")));
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::string bytes(128 * 1024, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    std::ofstream(std::string(out) + "/seed-" + entry.path().filename().string(), std::ios::binary) << bytes;
  }
}
