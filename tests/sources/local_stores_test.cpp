// The local store scanners against a fake HOME the test builds (tests/support/fake_home.hpp): names as
// each store's own tool shows them, exact byte counts, one row per file, broken entries as warnings.
#include <r1tag/advice/installed_model.hpp>
#include <r1tag/sources/gguf_directory_store.hpp>
#include <r1tag/sources/hf_cache_store.hpp>
#include <r1tag/sources/installed_models.hpp>
#include <r1tag/sources/ollama_store.hpp>
#include <r1tag/sources/split_grouping.hpp>
#include <r1tag/sources/store_locations.hpp>

#include "support/fake_home.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <algorithm>

using namespace r1tag;
using r1tag::test::FakeHome;
using r1tag::test::ScratchDir;

namespace {

const InstalledFile* find_named(const std::vector<InstalledFile>& files, const std::string& name) {
  const auto found = std::find_if(files.begin(), files.end(), [&](const InstalledFile& f) { return f.name == name; });
  return found == files.end() ? nullptr : &*found;
}

bool any_warning_contains(const std::vector<std::string>& warnings, const std::string& text) {
  return std::any_of(warnings.begin(), warnings.end(), [&](const std::string& w) { return w.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("ollama names are shown as `ollama list` shows them", "[sources]") {
  // ollama/ollama types/model/name.go DisplayShortest: default host and namespace dropped, tag always kept.
  CHECK(ollama_display_name("registry.ollama.ai", "library", "deepseek-r1", "7b") == "deepseek-r1:7b");
  CHECK(ollama_display_name("registry.ollama.ai", "library", "deepseek-r1", "latest") == "deepseek-r1:latest");
  CHECK(ollama_display_name("registry.ollama.ai", "huihui_ai", "deepseek-r1-abliterated", "14b") ==
        "huihui_ai/deepseek-r1-abliterated:14b");
  CHECK(ollama_display_name("hf.co", "bartowski", "DeepSeek-R1-Distill-Qwen-7B-GGUF", "Q8_0") ==
        "hf.co/bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF:Q8_0");
}

TEST_CASE("an ollama store lists each blob once, with the names of every tag that uses it", "[sources]") {
  const auto& home = r1tag::test::shared_fake_home().dir;
  const FakeHome& sizes = r1tag::test::shared_fake_home().sizes;
  const StoreScan scan = scan_ollama_store((home.path() / ".ollama/models").string());
  REQUIRE(scan.files.size() == 3);
  const InstalledFile* r1 = find_named(scan.files, "deepseek-r1:7b");
  REQUIRE(r1 != nullptr);
  CHECK(r1->other_names == std::vector<std::string>{"deepseek-r1:latest"});
  CHECK(r1->bytes == sizes.r1_7b);
  CHECK(r1->paths == std::vector<std::string>{(home.path() / ".ollama/models/blobs" / ("sha256-" + std::string(64, '1'))).string()});
  CHECK(r1->store == StoreKind::ollama);
  REQUIRE(find_named(scan.files, "huihui_ai/deepseek-r1-abliterated:14b") != nullptr);
  CHECK(find_named(scan.files, "huihui_ai/deepseek-r1-abliterated:14b")->bytes == sizes.abliterated_14b);
  REQUIRE(find_named(scan.files, "hf.co/bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF:Q8_0") != nullptr);
  // The truncated manifest is a warning naming the model, not a failure.
  REQUIRE(scan.warnings.size() == 1);
  CHECK(any_warning_contains(scan.warnings, "ollama model broken:1b skipped"));
  CHECK(any_warning_contains(scan.warnings, "is not a JSON manifest"));
}

TEST_CASE("ollama manifests that are not small regular files, or name a missing blob, are skipped with a warning", "[sources]") {
  const ScratchDir dir;
  const auto root = dir.path() / "models";
  r1tag::test::add_ollama_model(root, "registry.ollama.ai", "library", "good", "1b", std::string(64, 'a'), 1234);
  const auto tag_dir = root / "manifests/registry.ollama.ai/library/odd";
  std::filesystem::create_directories(tag_dir);
  REQUIRE(::mkfifo((tag_dir / "fifo").c_str(), 0600) == 0);  // must not block waiting for a writer
  r1tag::test::write_sparse(tag_dir / "huge", 64 << 20);       // far above a manifest's size
  r1tag::test::write_text(tag_dir / "noblob", r1tag::test::ollama_manifest(std::string(64, 'b'), 99));
  r1tag::test::write_text(tag_dir / "nolayer", R"({"layers":[{"mediaType":"application/vnd.ollama.image.template","digest":"sha256:)" + std::string(64, 'e') + R"("}]})");
  r1tag::test::write_text(tag_dir / "baddigest", R"({"layers":[{"mediaType":"application/vnd.ollama.image.model","digest":"sha256:../../etc/passwd"}]})");
  const StoreScan scan = scan_ollama_store(root.string());
  REQUIRE(scan.files.size() == 1);
  CHECK(scan.files[0].name == "good:1b");
  CHECK(scan.files[0].bytes == 1234);
  CHECK(scan.warnings.size() == 5);
  CHECK(any_warning_contains(scan.warnings, "odd:fifo skipped"));
  CHECK(any_warning_contains(scan.warnings, "is not a regular file"));
  CHECK(any_warning_contains(scan.warnings, "is larger than a manifest can be"));
  CHECK(any_warning_contains(scan.warnings, "odd:noblob skipped: its model blob"));
  CHECK(any_warning_contains(scan.warnings, "has no GGUF model layer"));
  CHECK(any_warning_contains(scan.warnings, "without a sha256 digest"));
}

TEST_CASE("a Hugging Face cache lists snapshot files by repository, a blob in two snapshots once", "[sources]") {
  const auto& home = r1tag::test::shared_fake_home().dir;
  const FakeHome& sizes = r1tag::test::shared_fake_home().sizes;
  StoreVariables v;
  v.home = home.path().string();
  const StoreScan all = installed_models(v);
  const StoreScan hub = scan_hf_cache((home.path() / ".cache/huggingface/hub").string(), StoreKind::huggingface);
  CHECK(hub.files.size() == 2);  // both snapshots seen by the scanner; installed_models keeps one
  const auto in_hub = std::count_if(all.files.begin(), all.files.end(), [](const InstalledFile& f) { return f.store == StoreKind::huggingface; });
  CHECK(in_hub == 1);
  const InstalledFile* q4 = find_named(all.files, "bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF/DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf");
  REQUIRE(q4 != nullptr);
  CHECK(q4->bytes == sizes.hf_cache_q4);
  CHECK(q4->paths.front().find("/snapshots/aaaa1111/") != std::string::npos);
}

TEST_CASE("r1tag's view of a fake HOME with all four stores: each model once, exact sizes", "[sources]") {
  const auto& home = r1tag::test::shared_fake_home().dir;
  const FakeHome& s = r1tag::test::shared_fake_home().sizes;
  StoreVariables v;
  v.home = home.path().string();
  const StoreScan scan = installed_models(v);
  std::vector<std::pair<std::string, std::uint64_t>> rows;
  for (const InstalledFile& f : scan.files) rows.emplace_back(f.name, f.bytes);
  const std::vector<std::pair<std::string, std::uint64_t>> expected{
      {"deepseek-r1:7b", s.r1_7b},
      {"hf.co/bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF:Q8_0", s.hf_q8},
      {"huihui_ai/deepseek-r1-abliterated:14b", s.abliterated_14b},
      {"bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF/DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf", s.hf_cache_q4},
      {"bartowski_DeepSeek-R1-Distill-Qwen-1.5B-GGUF_DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf", s.llama_cache_file},
      {"unsloth/DeepSeek-R1-GGUF/DeepSeek-R1-Q2_K-00001-of-00003.gguf", s.split_set},
  };
  CHECK(rows == expected);
  const InstalledFile* split = find_named(scan.files, expected.back().first);
  REQUIRE(split != nullptr);
  CHECK(split->split_count == 3);
  CHECK(split->paths.size() == 3);
  CHECK(split->missing_parts.empty());
  CHECK(scan.warnings.size() == 1);  // the broken manifest
}

TEST_CASE("OLLAMA_MODELS replaces ~/.ollama/models", "[sources]") {
  const auto& home = r1tag::test::shared_fake_home().dir;
  const auto elsewhere = home.path() / "data/ollama";
  StoreVariables v;
  v.home = home.path().string();
  v.ollama_models = elsewhere.string();
  const StoreScan scan = installed_models(v);
  std::vector<std::string> ollama_names;
  for (const InstalledFile& f : scan.files)
    if (f.store == StoreKind::ollama) ollama_names.push_back(f.name);
  CHECK(ollama_names == std::vector<std::string>{"deepseek-r1:32b"});
  CHECK(scan.files.front().store_root == elsewhere.string());
}

TEST_CASE("store roots follow the variables each tool reads", "[sources]") {
  StoreVariables v;
  v.home = "/h";
  v.sysroot = "/nonexistent-sysroot";
  const auto paths = [](const std::vector<StoreRoot>& roots) {
    std::vector<std::string> out;
    for (const StoreRoot& r : roots) out.push_back(std::string(to_string(r.store)) + " " + r.path);
    return out;
  };
  CHECK(paths(store_roots(v)) == std::vector<std::string>{"ollama /h/.ollama/models", "huggingface /h/.cache/huggingface/hub",
                                                          "llama.cpp /h/.cache/llama.cpp", "lm-studio /h/.lmstudio/models",
                                                          "lm-studio /h/.cache/lm-studio/models"});
  v.xdg_cache_home = "/xdg";
  v.hf_home = "/hfhome";
  CHECK(paths(store_roots(v))[1] == "huggingface /hfhome/hub");
  CHECK(paths(store_roots(v))[2] == "llama.cpp /xdg/llama.cpp");
  v.hf_hub_cache = "/hubcache";
  v.llama_cache = "/lc";
  v.ollama_models = "/om";
  CHECK(paths(store_roots(v))[0] == "ollama /om");
  CHECK(paths(store_roots(v))[1] == "huggingface /hubcache");
  CHECK(paths(store_roots(v))[2] == "llama.cpp /lc");
}

TEST_CASE("without ~/.ollama/models the Linux service's store is read", "[sources]") {
  const ScratchDir root;
  const auto service = root.path() / "usr/share/ollama/.ollama/models";
  r1tag::test::add_ollama_model(service, "registry.ollama.ai", "library", "deepseek-r1", "8b", std::string(64, '8'), 4321);
  StoreVariables v;
  v.home = (root.path() / "home/user").string();
  v.sysroot = root.path().string();
  CHECK(store_roots(v).front().path == service.string());
  const StoreScan scan = installed_models(v);
  REQUIRE(scan.files.size() == 1);
  CHECK(scan.files[0].name == "deepseek-r1:8b");
}

TEST_CASE("split parts are gathered into one entry; a missing part is named", "[sources]") {
  const ScratchDir dir;
  for (const int part : {1, 3}) r1tag::test::write_sparse(dir.path() / ("R1-Q2_K-0000" + std::to_string(part) + "-of-00003.gguf"), 1000);
  r1tag::test::write_sparse(dir.path() / "other.gguf", 5);
  r1tag::test::write_sparse(dir.path() / "not-a-split-00001-of-00001.gguf", 7);  // one part: not a set
  const StoreScan scan = scan_gguf_directory(dir.path().string(), StoreKind::lm_studio);
  const std::vector<InstalledFile> grouped = group_split_parts(scan.files);
  REQUIRE(grouped.size() == 3);
  const InstalledFile* set = find_named(grouped, "R1-Q2_K-00001-of-00003.gguf");
  REQUIRE(set != nullptr);
  CHECK(set->bytes == 2000);
  CHECK(set->paths.size() == 2);
  CHECK(set->missing_parts == std::vector<std::uint32_t>{2});
}

TEST_CASE("directory stores skip what is not a regular .gguf file and never follow directory links", "[sources]") {
  const ScratchDir dir;
  std::filesystem::create_directories(dir.path() / "pub/x.gguf");  // a directory named like a model
  std::filesystem::create_directory_symlink(dir.path(), dir.path() / "pub/loop");
  std::filesystem::create_symlink(dir.path() / "nowhere.gguf", dir.path() / "pub/dangling.gguf");
  r1tag::test::write_sparse(dir.path() / "pub/repo/model.GGUF", 11);
  r1tag::test::write_sparse(dir.path() / "pub/repo/readme.md", 3);
  const StoreScan scan = scan_gguf_directory(dir.path().string(), StoreKind::lm_studio);
  REQUIRE(scan.files.size() == 1);
  CHECK(scan.files[0].name == "pub/repo/model.GGUF");
  CHECK(scan.files[0].bytes == 11);
  CHECK(any_warning_contains(scan.warnings, "dangling.gguf skipped"));
}

TEST_CASE("a file reachable from two stores is listed once", "[sources]") {
  const ScratchDir home;
  r1tag::test::build_fake_home(home.path());
  // LM Studio pointed at the Hugging Face cache's blob, as some users link them.
  std::filesystem::create_directories(home.path() / ".lmstudio/models/bartowski/linked");
  std::filesystem::create_symlink(home.path() / ".cache/huggingface/hub/models--bartowski--DeepSeek-R1-Distill-Qwen-7B-GGUF/blobs/0123abcd",
                                  home.path() / ".lmstudio/models/bartowski/linked/q4.gguf");
  StoreVariables v;
  v.home = home.path().string();
  const StoreScan scan = installed_models(v);
  CHECK(find_named(scan.files, "bartowski/linked/q4.gguf") == nullptr);
  CHECK(scan.files.size() == 6);
}

TEST_CASE("installed models are explained from their own headers; a bad file is listed, not fatal", "[sources]") {
  const ScratchDir home;
  const auto lm = home.path() / ".lmstudio/models/pub/repo";
  std::filesystem::create_directories(lm);
  const auto sizes = r1tag::test::write_variant((lm / "R1-7B-Q4_K_M.gguf").string(),
                                                r1tag::test::variant("DeepSeek-R1-Distill-Qwen-7B", "Q4_K_M", "DeepSeek R1 Distill Qwen 7B"),
                                                embedded_catalog());
  r1tag::test::write_text(lm / "not-a-model.gguf", "this is text, not GGUF");
  r1tag::test::write_sparse(lm / "R1-Q2_K-00001-of-00002.gguf", 100);  // part 2 missing
  StoreVariables v;
  v.home = home.path().string();
  const std::vector<InstalledModel> models = explain_installed(installed_models(v).files, embedded_catalog());
  REQUIRE(models.size() == 3);
  // By name: "R1-7B-…" < "R1-Q2_K-…" < "not-a-model…" (byte order).
  const InstalledModel& good = models[0];
  REQUIRE(good.explanation.has_value());
  CHECK(good.file.bytes == sizes.front());
  CHECK(good.explanation->variant.model->id == "DeepSeek-R1-Distill-Qwen-7B");
  CHECK(good.explanation->variant.scheme->name == "Q4_K_M");
  // 7,615,616,512: the 7B distill's parameters derived from its config.json (Qwen2.5-Math-7B shapes), printed "7.62 B" by llama.cpp.
  CHECK(good.explanation->parameters == 7'615'616'512);
  CHECK(good.explanation->file->origin.kind == "lm_studio");
  CHECK(models[1].unreadable == models[1].file.name + ": part 2 of 2 of the split set is missing");
  CHECK_FALSE(models[2].explanation.has_value());
  CHECK(models[2].unreadable.find("not-a-model.gguf") != std::string::npos);
}

namespace {

// Records what the core reports, as the CLI's progress note would receive it.
struct RecordingSink final : ProgressSink {
  std::vector<std::string> steps;
  void step(std::string_view what) override { steps.emplace_back(what); }
  void tick(std::uint64_t) override {}
};

}  // namespace

TEST_CASE("store walks and header reads report each folder and file to a progress sink", "[sources][progress]") {
  const auto& home = r1tag::test::shared_fake_home().dir;
  StoreVariables v;
  v.home = home.path().string();
  RecordingSink sink;
  StoreScan scan = installed_models(v, &sink);
  std::vector<std::string> expected;
  for (const StoreRoot& root : store_roots(v)) expected.push_back("looking in " + root.path);
  CHECK(sink.steps == expected);
  sink.steps.clear();
  const std::size_t files = scan.files.size();
  const std::string first = scan.files.front().name;
  (void)explain_installed(std::move(scan.files), embedded_catalog(), &sink);
  REQUIRE(sink.steps.size() == files);
  CHECK(sink.steps.front() == "reading the header of " + first + " (1 of " + std::to_string(files) + ")");
}

TEST_CASE("a name typed to ollama finds its installed model as ollama would", "[sources]") {
  // ollama's defaults (types/model/name.go): registry.ollama.ai, library, latest; case-insensitive.
  CHECK(ollama_name_as_shown("deepseek-r1") == "deepseek-r1:latest");
  CHECK(ollama_name_as_shown("registry.ollama.ai/library/deepseek-r1:7b") == "deepseek-r1:7b");
  CHECK(ollama_name_as_shown("huihui_ai/deepseek-r1-abliterated:14b") == "huihui_ai/deepseek-r1-abliterated:14b");
  CHECK(ollama_name_as_shown("hf.co/bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF:Q8_0") ==
        "hf.co/bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF:Q8_0");
  CHECK_FALSE(ollama_name_as_shown("a/b/c/d:1").has_value());
  CHECK_FALSE(ollama_name_as_shown("../etc:x").has_value());
  CHECK_FALSE(ollama_name_as_shown("deepseek r1").has_value());
  const auto& home = r1tag::test::shared_fake_home().dir;
  const StoreScan scan = scan_ollama_store((home.path() / ".ollama/models").string());
  const InstalledFile* latest = find_ollama_model(scan.files, "DeepSeek-R1");  // :latest shares the 7b blob
  REQUIRE(latest != nullptr);
  CHECK(latest->name == "deepseek-r1:7b");
  CHECK(find_ollama_model(scan.files, "deepseek-r1:14b") == nullptr);
}
