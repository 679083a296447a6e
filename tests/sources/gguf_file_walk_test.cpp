// Tests for src/sources/gguf_file_walk: the one walk of a store folder for .gguf files that the Hugging Face
// cache's snapshots and the plain GGUF folders (LM Studio, llama.cpp's cache) share, within walk_limits.
#include "sources/gguf_file_walk.hpp"
#include "sources/walk_limits.hpp"

#include "support/fake_home.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

using namespace r1tag;
namespace fs = std::filesystem;
using r1tag::test::ScratchDir;
using r1tag::test::write_sparse;

namespace {

std::vector<std::string> names_of(const StoreScan& scan) {
  std::vector<std::string> names;
  for (const InstalledFile& f : scan.files) names.push_back(f.name);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("the walk names each .gguf file by the prefix and its path below the folder", "[sources][walk]") {
  const ScratchDir dir;
  write_sparse(dir.path() / "Q4_K_M/model-Q4_K_M.gguf", 4096);
  write_sparse(dir.path() / "top.GGUF", 10);
  write_sparse(dir.path() / "README.md", 10);
  write_sparse(dir.path() / ".hidden/state.gguf", 10);
  const gguf_file_walk::WalkTarget target{.store = StoreKind::huggingface, .store_root = "/hub", .name_prefix = "owner/repo/"};
  std::size_t entries = 0;
  StoreScan scan;
  const gguf_file_walk::WalkEnd end = gguf_file_walk::add_gguf_files(dir.path(), target, entries, scan);
  CHECK_FALSE(end.entry_limit_reached);
  CHECK_FALSE(end.error);
  // Hidden folders are walked unless the target skips them (the plain folders do; a snapshot does not).
  CHECK(names_of(scan) == std::vector<std::string>{"owner/repo/.hidden/state.gguf", "owner/repo/Q4_K_M/model-Q4_K_M.gguf",
                                                   "owner/repo/top.GGUF"});
  CHECK(entries == 6);  // every entry counts: 2 folders and 4 files
  const auto q4 = std::find_if(scan.files.begin(), scan.files.end(), [](const InstalledFile& f) { return f.bytes == 4096; });
  REQUIRE(q4 != scan.files.end());
  CHECK(q4->store == StoreKind::huggingface);
  CHECK(q4->store_root == "/hub");
  CHECK(q4->paths == std::vector<std::string>{(dir.path() / "Q4_K_M/model-Q4_K_M.gguf").string()});
  CHECK(scan.warnings.empty());
}

TEST_CASE("the walk skips folders the target names and goes no deeper than walk_limits", "[sources][walk]") {
  const ScratchDir dir;
  // Five folders down is the deepest the limit reaches (k_max_depth 6: publisher/repo/file and a snapshot's
  // own sub-folders fit); a sixth is not entered.
  for (const char* path : {".cache/x.gguf", "models--a--b/snapshots/c/y.gguf", "1/2/3/4/5/deep.gguf", "1/2/3/4/5/6/deeper.gguf"})
    write_sparse(dir.path() / path, 1);
  const gguf_file_walk::WalkTarget target{
      .store = StoreKind::lm_studio,
      .store_root = dir.path().string(),
      .name_prefix = "",
      .skip_folder = [](std::string_view name) { return name.starts_with('.') || name.starts_with("models--"); }};
  std::size_t entries = 0;
  StoreScan scan;
  gguf_file_walk::add_gguf_files(dir.path(), target, entries, scan);
  STATIC_REQUIRE(walk_limits::k_max_depth == 6);
  CHECK(names_of(scan) == std::vector<std::string>{"1/2/3/4/5/deep.gguf"});
}

TEST_CASE("a .gguf name that is not a regular file is a warning, a folder link among them", "[sources][walk]") {
  const ScratchDir dir;
  fs::create_directories(dir.path() / "real");
  fs::create_directory_symlink(dir.path() / "real", dir.path() / "linked.gguf");
  fs::create_symlink(dir.path() / "nowhere.gguf", dir.path() / "dangling.gguf");
  std::size_t entries = 0;
  StoreScan scan;
  gguf_file_walk::add_gguf_files(dir.path(), gguf_file_walk::WalkTarget{}, entries, scan);
  CHECK(scan.files.empty());
  REQUIRE(scan.warnings.size() == 2);
  std::sort(scan.warnings.begin(), scan.warnings.end());
  CHECK(scan.warnings[0].starts_with((dir.path() / "dangling.gguf").string() + " skipped: "));
  CHECK(scan.warnings[1] == (dir.path() / "linked.gguf").string() + " skipped: is not a regular file");
}

TEST_CASE("the entry limit counts across the walks of one store", "[sources][walk]") {
  const ScratchDir dir;
  for (const char* name : {"a.gguf", "b.gguf", "c.gguf", "d.gguf"}) write_sparse(dir.path() / name, 1);
  std::size_t entries = walk_limits::k_max_entries - 2;  // earlier snapshots of the store used the rest
  StoreScan scan;
  const gguf_file_walk::WalkEnd end = gguf_file_walk::add_gguf_files(dir.path(), gguf_file_walk::WalkTarget{}, entries, scan);
  CHECK(end.entry_limit_reached);
  CHECK(scan.files.size() == 2);
  CHECK(gguf_file_walk::entry_limit_warning("/models") == "/models: more than 200000 entries; the rest are not listed");
}
