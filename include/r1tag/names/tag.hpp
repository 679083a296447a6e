// ParsedTag: what the words of a model name say, before anything is looked up.
// The parser fills it from any dialect (ollama tags, Hugging Face file and repository names,
// hf.co references); the resolver then matches it against the catalogue.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace r1tag {

enum class Dialect {
  ollama,        // "deepseek-r1:7b", "registry.ollama.ai/library/deepseek-r1:7b", or a bare "7b-qwen-distill-q4_K_M"
  hf_file,       // "DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf", a folder path, a shard, or a GGUF-style name
  hf_repo,       // "bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF"
  hf_reference,  // "hf.co/unsloth/DeepSeek-R1-GGUF:UD-Q2_K_XL" (ollama and llama.cpp -hf syntax)
  file,          // a GGUF file read from disk or a remote header: the header, not the name, says what it is
};

const char* to_string(Dialect d);

enum class ShardKind {
  gguf_split,  // "-00001-of-00003.gguf": llama.cpp loads the first and finds the rest
  byte_part,   // ".gguf.part1of2": byte ranges that must be concatenated first
};

struct Shard {
  std::uint32_t index = 0;  // 1-based
  std::uint32_t count = 0;
  ShardKind kind = ShardKind::gguf_split;
};

struct ParsedTag {
  std::string input;
  Dialect dialect = Dialect::ollama;

  // ollama names: [registry/][namespace/]model[:tag]
  std::string registry;          // as written; empty when not given
  std::string ollama_namespace;  // as written; empty when not given ("library" is implied)
  std::string ollama_model;      // "deepseek-r1"
  std::string ollama_tag;        // as written, "latest" when absent

  // Hugging Face
  std::string hf_repo;    // "owner/name" when the input names one
  std::string path;       // path inside the repository, folders included; a local path as given, with '/' for '\'
  std::string file_name;  // last path component
  std::string org_prefix; // "deepseek-ai" in bartowski's "deepseek-ai_DeepSeek-R1-0528-…"

  // What the words say about the model.
  bool names_r1 = false;     // "DeepSeek-R1" / "deepseek-r1" was seen
  std::string size_label;    // lower case, as ollama spells it: "7b", "1.5b", "671b"
  std::string expert_label;  // GGUF convention expert×size label: "256x20B"
  std::string base;          // "qwen", "llama", "qwen3"; empty for R1 itself
  bool distill = false;      // the word "distill" was seen
  std::string revision;      // "0528"
  std::string source_encoding;  // an earlier quant-like token in a GGUF-style name: "BF16"

  // Quantization.
  std::string quant_text;  // as written: "q4_K_M", "ud-iq1_s"
  std::string quant;       // canonical spelling: "Q4_K_M", "UD-IQ1_S", "F16"
  bool imatrix_marker = false;  // mradermacher's "i1-" prefix: quantized with an importance matrix

  std::optional<Shard> shard;

  // Parts of the input the parser could not place, in order.
  std::vector<std::string> unplaced;
};

}  // namespace r1tag
