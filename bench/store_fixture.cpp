// Builds a fake HOME holding N installed models spread over the four local stores (ollama, the Hugging
// Face cache, llama.cpp's cache, LM Studio), for timing `r1tag list` and `fit --installed` as a whole
// process. Every file is a catalogue variant's real GGUF header, with a tokenizer of the model's real
// size (tokens, token types, merges), extended sparse to the full file size: 50 models cost ~250 MB of
// headers on disk, not 1 TB.
//   r1tag_store_fixture DIR [N]      then   HOME=DIR r1tag list
#include <r1tag/tables/catalog.hpp>

#include "support/fake_home.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>

namespace {

struct Kind {
  const char* model_id;
  const char* ollama_size;  // the ollama tag's size word
  std::uint64_t merges;     // BPE merges the model's tokenizer has (data/architectures.json `tokenizer`)
};

// qwen2 distills: 151387 merges; the Llama-3 distill: 280147 (data/architectures.json).
constexpr Kind k_kinds[] = {
    {"DeepSeek-R1-Distill-Qwen-1.5B", "1.5b", 151387}, {"DeepSeek-R1-Distill-Qwen-7B", "7b", 151387},
    {"DeepSeek-R1-Distill-Llama-8B", "8b", 280147},    {"DeepSeek-R1-Distill-Qwen-14B", "14b", 151387},
    {"DeepSeek-R1-Distill-Qwen-32B", "32b", 151387},
};
constexpr const char* k_schemes[] = {"Q4_K_M", "Q8_0", "Q5_K_M", "Q6_K", "Q3_K_M", "Q4_K_S", "IQ4_XS", "Q2_K", "F16", "Q5_K_S"};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "usage: {} DIR [N]\n", argv[0]);
    return 2;
  }
  namespace fs = std::filesystem;
  using namespace r1tag::test;
  const fs::path home = argv[1];
  const int count = argc > 2 ? std::atoi(argv[2]) : 50;
  const r1tag::Catalog& catalog = r1tag::embedded_catalog();
  for (int i = 0; i < count; ++i) {
    const Kind& kind = k_kinds[i % std::size(k_kinds)];
    const std::string scheme = k_schemes[(i / std::size(k_kinds)) % std::size(k_schemes)];
    VariantFile v = variant(kind.model_id, scheme, kind.model_id);
    v.merge_count = kind.merges;
    const std::string file = fmt::format("{}-{}-{}.gguf", kind.model_id, scheme, i);
    switch (i % 4) {
      case 0: {
        const std::string hex = fmt::format("{:064x}", i + 1);
        add_ollama_model(home / ".ollama/models", "registry.ollama.ai", "library", "deepseek-r1",
                         fmt::format("{}-{}-{}", kind.ollama_size, scheme, i), hex, v);
        break;
      }
      case 1: {
        const fs::path repo = home / fmt::format(".cache/huggingface/hub/models--bench--{}-GGUF", kind.model_id);
        const std::string blob = fmt::format("{:040x}", i + 1);
        fs::create_directories(repo / "blobs");
        write_variant((repo / "blobs" / blob).string(), v, catalog);
        fs::create_directories(repo / "snapshots/0000");
        fs::create_symlink("../../blobs/" + blob, repo / "snapshots/0000" / file);
        break;
      }
      case 2:
        fs::create_directories(home / ".cache/llama.cpp");
        write_variant((home / ".cache/llama.cpp" / file).string(), v, catalog);
        break;
      default:
        fs::create_directories(home / ".lmstudio/models/bench" / kind.model_id);
        write_variant((home / ".lmstudio/models/bench" / kind.model_id / file).string(), v, catalog);
        break;
    }
  }
  fmt::print("{} models below {}\n", count, home.string());
  return 0;
}
