// A fake HOME holding all four local model stores, built by the tests in a temporary folder: an ollama
// store (tags sharing a blob, a namespaced model, an hf.co pull, a broken manifest), a Hugging Face cache
// (snapshot symlinks into blobs/, two snapshots of one blob), llama.cpp's cache and LM Studio (a three-part
// split set). Every model file is a catalogue variant's GGUF header (variant_gguf.hpp), extended sparse to
// its full size: a 671B set costs its headers on disk.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <r1tag/tables/catalog.hpp>

#include "support/variant_gguf.hpp"

namespace r1tag::test {

namespace fs = std::filesystem;

// A new empty folder below the system's temporary folder, removed when the object goes.
class ScratchDir {
 public:
  ScratchDir() {
    std::random_device seed;
    for (int attempt = 0; attempt < 100; ++attempt) {
      const fs::path candidate = fs::temp_directory_path() / ("r1tag-test-" + std::to_string(seed()));
      if (fs::create_directory(candidate)) {
        m_path = candidate;
        return;
      }
    }
    throw std::runtime_error("cannot create a temporary folder");
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(m_path, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const fs::path& path() const { return m_path; }

 private:
  fs::path m_path;
};

inline void write_text(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// A file of `bytes` bytes that begins with `head` and is a hole after it.
inline void write_sparse(const fs::path& path, std::uint64_t bytes, const std::string& head = {}) {
  write_text(path, head);
  fs::resize_file(path, bytes);
}

inline std::string hex_digest(char c) { return std::string(64, c); }

// An ollama manifest whose model layer is blob sha256-<hex> of `bytes` bytes, beside its config and
// template layers as `ollama pull` writes them.
inline std::string ollama_manifest(const std::string& hex, std::uint64_t bytes) {
  return R"({"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",)"
         R"("config":{"mediaType":"application/vnd.docker.container.image.v1+json","digest":"sha256:)" +
         hex_digest('c') + R"(","size":487},"layers":[{"mediaType":"application/vnd.ollama.image.model","digest":"sha256:)" +
         hex + R"(","size":)" + std::to_string(bytes) +
         R"(},{"mediaType":"application/vnd.ollama.image.template","digest":"sha256:)" + hex_digest('d') +
         R"(","size":387}]})";
}

// Writes the ollama manifest for `model` and its blob of `bytes` zero bytes (not a model: for tests of
// the store's layout alone).
inline void add_ollama_model(const fs::path& root, const std::string& host, const std::string& name_space,
                             const std::string& model, const std::string& tag, const std::string& hex, std::uint64_t bytes) {
  write_text(root / "manifests" / host / name_space / model / tag, ollama_manifest(hex, bytes));
  write_sparse(root / "blobs" / ("sha256-" + hex), bytes);
}

// Writes the ollama manifest for `model` and, unless present, its blob (a catalogue variant's header).
inline std::uint64_t add_ollama_model(const fs::path& root, const std::string& host, const std::string& name_space,
                                      const std::string& model, const std::string& tag, const std::string& hex,
                                      const VariantFile& variant) {
  const fs::path blob = root / "blobs" / ("sha256-" + hex);
  fs::create_directories(blob.parent_path());
  const std::uint64_t bytes = fs::exists(blob) ? fs::file_size(blob) : write_variant(blob.string(), variant, embedded_catalog()).front();
  write_text(root / "manifests" / host / name_space / model / tag, ollama_manifest(hex, bytes));
  return bytes;
}

// What build_fake_home wrote: each model's exact size on disk (all parts), as the writer made it.
struct FakeHome {
  std::uint64_t r1_7b = 0;            // deepseek-r1:7b and :latest, one blob
  std::uint64_t abliterated_14b = 0;  // huihui_ai/deepseek-r1-abliterated:14b
  std::uint64_t hf_q8 = 0;            // hf.co/bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF:Q8_0
  std::uint64_t hf_cache_q4 = 0;      // a 7B Q4_K_M in the Hugging Face cache, two snapshots
  std::uint64_t llama_cache_file = 0; // a 1.5B Q4_K_M fetched with llama-server -hf
  std::uint64_t split_set = 0;        // the three parts of a 671B Q2_K in LM Studio
  std::uint64_t r1_32b = 0;           // deepseek-r1:32b in the store only $OLLAMA_MODELS names
};

inline std::uint64_t sum(const std::vector<std::uint64_t>& parts) {
  std::uint64_t total = 0;
  for (const std::uint64_t p : parts) total += p;
  return total;
}

// Builds the fake HOME below `home`.
inline FakeHome build_fake_home(const fs::path& home) {
  const Catalog& catalog = embedded_catalog();
  FakeHome made;
  const fs::path ollama = home / ".ollama/models";
  const VariantFile r1_7b = variant("DeepSeek-R1-Distill-Qwen-7B", "Q4_K_M", "DeepSeek R1 Distill Qwen 7B");
  made.r1_7b = add_ollama_model(ollama, "registry.ollama.ai", "library", "deepseek-r1", "7b", hex_digest('1'), r1_7b);
  add_ollama_model(ollama, "registry.ollama.ai", "library", "deepseek-r1", "latest", hex_digest('1'), r1_7b);
  made.abliterated_14b = add_ollama_model(ollama, "registry.ollama.ai", "huihui_ai", "deepseek-r1-abliterated", "14b", hex_digest('2'),
                                          variant("DeepSeek-R1-Distill-Qwen-14B", "Q4_K_M", "DeepSeek R1 Distill Qwen 14B Abliterated"));
  made.hf_q8 = add_ollama_model(ollama, "hf.co", "bartowski", "DeepSeek-R1-Distill-Qwen-7B-GGUF", "Q8_0", hex_digest('3'),
                                variant("DeepSeek-R1-Distill-Qwen-7B", "Q8_0", "DeepSeek R1 Distill Qwen 7B"));
  write_text(ollama / "manifests/registry.ollama.ai/library/broken/1b", "{\"layers\": [");  // truncated JSON

  const fs::path repo = home / ".cache/huggingface/hub/models--bartowski--DeepSeek-R1-Distill-Qwen-7B-GGUF";
  fs::create_directories(repo / "blobs");
  made.hf_cache_q4 = sum(write_variant((repo / "blobs/0123abcd").string(), variant("DeepSeek-R1-Distill-Qwen-7B", "Q4_K_M", "DeepSeek R1 Distill Qwen 7B"), catalog));
  write_text(repo / "refs/main", "aaaa1111");
  for (const char* commit : {"aaaa1111", "bbbb2222"}) {
    const fs::path link = repo / "snapshots" / commit / "DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf";
    fs::create_directories(link.parent_path());
    fs::create_symlink("../../blobs/0123abcd", link);
  }

  const fs::path llama_cache = home / ".cache/llama.cpp";
  fs::create_directories(llama_cache);
  const std::string llama_file = "bartowski_DeepSeek-R1-Distill-Qwen-1.5B-GGUF_DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf";
  made.llama_cache_file = sum(write_variant((llama_cache / llama_file).string(), variant("DeepSeek-R1-Distill-Qwen-1.5B", "Q4_K_M", "DeepSeek R1 Distill Qwen 1.5B"), catalog));
  write_text(llama_cache / (llama_file + ".json"), "{}");

  // A second ollama store, seen only through $OLLAMA_MODELS.
  made.r1_32b = add_ollama_model(home / "data/ollama", "registry.ollama.ai", "library", "deepseek-r1", "32b", hex_digest('4'),
                                 variant("DeepSeek-R1-Distill-Qwen-32B", "Q4_K_M", "DeepSeek R1 Distill Qwen 32B"));

  // A folder of files that are not models, seen only through $LLAMA_CACHE: list keeps them, unreadable.
  write_text(home / "data/not-models/notes.gguf", "not a GGUF file\n");

  const fs::path lm = home / ".lmstudio/models/unsloth/DeepSeek-R1-GGUF";
  fs::create_directories(lm);
  made.split_set = sum(write_variant((lm / "DeepSeek-R1-Q2_K-00001-of-00003.gguf").string(), variant("DeepSeek-R1", "Q2_K", "DeepSeek R1", 3), catalog));
  return made;
}

}  // namespace r1tag::test

namespace r1tag::test {

// One fake HOME per test process, built on first use, for tests that only read it (writing a 671B set's
// headers and the vocabularies costs tens of milliseconds; tests that change the tree build their own).
struct SharedFakeHome {
  ScratchDir dir;
  FakeHome sizes;
};

inline const SharedFakeHome& shared_fake_home() {
  static SharedFakeHome home;
  static const bool built = (home.sizes = build_fake_home(home.dir.path()), true);
  (void)built;
  return home;
}

}  // namespace r1tag::test
