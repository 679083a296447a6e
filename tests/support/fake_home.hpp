// A fake HOME holding all four local model stores, built by the tests in a temporary folder: an ollama
// store (tags sharing a blob, a namespaced model, an hf.co pull, a broken manifest), a Hugging Face cache
// (snapshot symlinks into blobs/, two snapshots of one blob), llama.cpp's cache and LM Studio (a three-part
// split set). Model files are sparse: their full size costs no disk.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace r1tag::test {

namespace fs = std::filesystem;

// A new empty folder below the system's temporary folder, removed when the object goes.
class TempDir {
 public:
  TempDir() {
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
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(m_path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
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

inline void add_ollama_model(const fs::path& root, const std::string& host, const std::string& name_space,
                             const std::string& model, const std::string& tag, const std::string& hex, std::uint64_t bytes,
                             const std::string& head = {}) {
  write_text(root / "manifests" / host / name_space / model / tag, ollama_manifest(hex, bytes));
  const fs::path blob = root / "blobs" / ("sha256-" + hex);
  if (!fs::exists(blob)) write_sparse(blob, bytes, head);
}

// Sizes of the fake files: test inputs, not published figures (a real file's size comes from its header);
// every one distinct, so each row's bytes show which file it counted.
struct FakeHomeSizes {
  std::uint64_t r1_7b = 4'600'000'001;            // deepseek-r1:7b and :latest, one blob
  std::uint64_t abliterated_14b = 8'900'000'002;  // huihui_ai/deepseek-r1-abliterated:14b
  std::uint64_t hf_q8 = 8'100'000'003;            // hf.co/bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF:Q8_0
  std::uint64_t hf_cache_q4 = 4'700'000'004;      // a Q4_K_M in the Hugging Face cache, two snapshots
  std::uint64_t llama_cache_file = 1'100'000'005; // a 1.5B file fetched with llama-server -hf
  std::uint64_t split_part = 49'000'000'006;      // each of the three UD-IQ1_S parts
  std::uint64_t r1_32b = 19'800'000'007;          // deepseek-r1:32b in $OLLAMA_MODELS's store
};

// Builds the fake HOME below `home`.
inline void build_fake_home(const fs::path& home, const FakeHomeSizes& s = {}) {
  const fs::path ollama = home / ".ollama/models";
  add_ollama_model(ollama, "registry.ollama.ai", "library", "deepseek-r1", "7b", hex_digest('1'), s.r1_7b);
  add_ollama_model(ollama, "registry.ollama.ai", "library", "deepseek-r1", "latest", hex_digest('1'), s.r1_7b);
  add_ollama_model(ollama, "registry.ollama.ai", "huihui_ai", "deepseek-r1-abliterated", "14b", hex_digest('2'), s.abliterated_14b);
  add_ollama_model(ollama, "hf.co", "bartowski", "DeepSeek-R1-Distill-Qwen-7B-GGUF", "Q8_0", hex_digest('3'), s.hf_q8);
  write_text(ollama / "manifests/registry.ollama.ai/library/broken/1b", "{\"layers\": [");  // truncated JSON

  const fs::path repo = home / ".cache/huggingface/hub/models--bartowski--DeepSeek-R1-Distill-Qwen-7B-GGUF";
  write_sparse(repo / "blobs/0123abcd", s.hf_cache_q4);
  write_text(repo / "refs/main", "aaaa1111");
  for (const char* commit : {"aaaa1111", "bbbb2222"}) {
    const fs::path link = repo / "snapshots" / commit / "DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf";
    fs::create_directories(link.parent_path());
    fs::create_symlink("../../blobs/0123abcd", link);
  }

  write_sparse(home / ".cache/llama.cpp/bartowski_DeepSeek-R1-Distill-Qwen-1.5B-GGUF_DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf",
               s.llama_cache_file);
  write_text(home / ".cache/llama.cpp/bartowski_DeepSeek-R1-Distill-Qwen-1.5B-GGUF_DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf.json", "{}");

  // A second ollama store, seen only through $OLLAMA_MODELS.
  add_ollama_model(home / "data/ollama", "registry.ollama.ai", "library", "deepseek-r1", "32b", hex_digest('4'), s.r1_32b);

  const fs::path lm = home / ".lmstudio/models/unsloth/DeepSeek-R1-GGUF";
  for (int part = 1; part <= 3; ++part)
    write_sparse(lm / ("DeepSeek-R1-UD-IQ1_S-0000" + std::to_string(part) + "-of-00003.gguf"), s.split_part);
}

}  // namespace r1tag::test
