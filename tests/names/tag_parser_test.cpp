// Tests for src/names/tag_parser.cpp: what parse_tag reads from every dialect of DeepSeek-R1 names.
// The corpus rows are real names seen in the wild (tests/corpus/tags.txt says where from).
#include <r1tag/common/error.hpp>
#include <r1tag/names/resolver.hpp>
#include <r1tag/names/tag_parser.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

using r1tag::Dialect;
using r1tag::ParsedTag;
using r1tag::canonical_quant;
using r1tag::parse_tag;
using Catch::Matchers::Message;

namespace {

struct ParseRow {
  std::string input;
  Dialect dialect;
  std::string size_label;
  std::string base;
  bool distill;
  std::string revision;
  std::string quant;     // canonical spelling
  std::string shard;     // "index/count", "index/count part" for byte parts, "" for none
  std::string hf_repo;
  std::string file_name;
  std::string unplaced;  // comma-joined, in order
};

std::string shard_text(const ParsedTag& t) {
  if (!t.shard) return "";
  return std::to_string(t.shard->index) + "/" + std::to_string(t.shard->count) +
         (t.shard->kind == r1tag::ShardKind::byte_part ? " part" : "");
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : ",") + w;
  return out;
}

// Every real name of tests/corpus/tags.txt with the fields the parser must find in it.
const std::vector<ParseRow> k_real_names = {
    {"deepseek-r1", Dialect::ollama, "", "", false, "", "", "", "", "", ""},
    {"deepseek-r1:latest", Dialect::ollama, "", "", false, "", "", "", "", "", ""},
    {"deepseek-r1:1.5b", Dialect::ollama, "1.5b", "", false, "", "", "", "", "", ""},
    {"deepseek-r1:7b", Dialect::ollama, "7b", "", false, "", "", "", "", "", ""},
    {"deepseek-r1:8b", Dialect::ollama, "8b", "", false, "", "", "", "", "", ""},
    {"deepseek-r1:14b", Dialect::ollama, "14b", "", false, "", "", "", "", "", ""},
    {"deepseek-r1:32b", Dialect::ollama, "32b", "", false, "", "", "", "", "", ""},
    {"deepseek-r1:70b", Dialect::ollama, "70b", "", false, "", "", "", "", "", ""},
    {"deepseek-r1:671b", Dialect::ollama, "671b", "", false, "", "", "", "", "", ""},
    {"deepseek-r1:1.5b-qwen-distill-q4_K_M", Dialect::ollama, "1.5b", "qwen", true, "", "Q4_K_M", "", "", "", ""},
    {"deepseek-r1:1.5b-qwen-distill-q8_0", Dialect::ollama, "1.5b", "qwen", true, "", "Q8_0", "", "", "", ""},
    {"deepseek-r1:1.5b-qwen-distill-fp16", Dialect::ollama, "1.5b", "qwen", true, "", "F16", "", "", "", ""},
    {"deepseek-r1:7b-qwen-distill-q4_K_M", Dialect::ollama, "7b", "qwen", true, "", "Q4_K_M", "", "", "", ""},
    {"deepseek-r1:7b-qwen-distill-q8_0", Dialect::ollama, "7b", "qwen", true, "", "Q8_0", "", "", "", ""},
    {"deepseek-r1:8b-llama-distill-q4_K_M", Dialect::ollama, "8b", "llama", true, "", "Q4_K_M", "", "", "", ""},
    {"deepseek-r1:8b-llama-distill-fp16", Dialect::ollama, "8b", "llama", true, "", "F16", "", "", "", ""},
    {"deepseek-r1:8b-0528-qwen3-q4_K_M", Dialect::ollama, "8b", "qwen3", false, "0528", "Q4_K_M", "", "", "", ""},
    {"deepseek-r1:8b-0528-qwen3-q8_0", Dialect::ollama, "8b", "qwen3", false, "0528", "Q8_0", "", "", "", ""},
    {"deepseek-r1:14b-qwen-distill-q8_0", Dialect::ollama, "14b", "qwen", true, "", "Q8_0", "", "", "", ""},
    {"deepseek-r1:32b-qwen-distill-q4_K_M", Dialect::ollama, "32b", "qwen", true, "", "Q4_K_M", "", "", "", ""},
    {"deepseek-r1:32b-qwen-distill-fp16", Dialect::ollama, "32b", "qwen", true, "", "F16", "", "", "", ""},
    {"deepseek-r1:70b-llama-distill-q4_K_M", Dialect::ollama, "70b", "llama", true, "", "Q4_K_M", "", "", "", ""},
    {"deepseek-r1:70b-llama-distill-q8_0", Dialect::ollama, "70b", "llama", true, "", "Q8_0", "", "", "", ""},
    {"deepseek-r1:671b-q4_K_M", Dialect::ollama, "671b", "", false, "", "Q4_K_M", "", "", "", ""},
    {"deepseek-r1:671b-q8_0", Dialect::ollama, "671b", "", false, "", "Q8_0", "", "", "", ""},
    {"deepseek-r1:671b-fp16", Dialect::ollama, "671b", "", false, "", "F16", "", "", "", ""},
    {"deepseek-r1:671b-0528-q4_K_M", Dialect::ollama, "671b", "", false, "0528", "Q4_K_M", "", "", "", ""},
    {"deepseek-r1:671b-0528-fp16", Dialect::ollama, "671b", "", false, "0528", "F16", "", "", "", ""},
    {"registry.ollama.ai/library/deepseek-r1:8b-0528-qwen3-q4_K_M", Dialect::ollama, "8b", "qwen3", false, "0528", "Q4_K_M", "", "", "", ""},
    {"registry.ollama.ai/library/deepseek-r1:32b", Dialect::ollama, "32b", "", false, "", "", "", "", "", ""},
    {"registry.ollama.ai/library/deepseek-r1:latest", Dialect::ollama, "", "", false, "", "", "", "", "", ""},
    {"7b-qwen-distill-q4_K_M", Dialect::ollama, "7b", "qwen", true, "", "Q4_K_M", "", "", "", ""},
    {"671b-0528-q8_0", Dialect::ollama, "671b", "", false, "0528", "Q8_0", "", "", "", ""},
    {"ollama/deepseek-r1:7b", Dialect::ollama, "7b", "", false, "", "", "", "", "", ""},
    {"registry.ollama.ai/library/deepseek-r1/8b", Dialect::ollama, "8b", "", false, "", "", "", "", "", ""},
    {"DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf", Dialect::hf_file, "7b", "qwen", true, "", "Q4_K_M", "", "", "DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf", ""},
    {"DeepSeek-R1-Distill-Qwen-1.5B-Q8_0.gguf", Dialect::hf_file, "1.5b", "qwen", true, "", "Q8_0", "", "", "DeepSeek-R1-Distill-Qwen-1.5B-Q8_0.gguf", ""},
    {"DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf", Dialect::hf_file, "1.5b", "qwen", true, "", "Q4_K_M", "", "", "DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf", ""},
    {"DeepSeek-R1-Distill-Llama-8B-Q4_K_M.gguf", Dialect::hf_file, "8b", "llama", true, "", "Q4_K_M", "", "", "DeepSeek-R1-Distill-Llama-8B-Q4_K_M.gguf", ""},
    {"DeepSeek-R1-Distill-Qwen-14B-Q4_K_M.gguf", Dialect::hf_file, "14b", "qwen", true, "", "Q4_K_M", "", "", "DeepSeek-R1-Distill-Qwen-14B-Q4_K_M.gguf", ""},
    {"DeepSeek-R1-Distill-Qwen-32B-Q4_K_L.gguf", Dialect::hf_file, "32b", "qwen", true, "", "Q4_K_L", "", "", "DeepSeek-R1-Distill-Qwen-32B-Q4_K_L.gguf", ""},
    {"DeepSeek-R1-Distill-Qwen-32B-Q3_K_XL.gguf", Dialect::hf_file, "32b", "qwen", true, "", "Q3_K_XL", "", "", "DeepSeek-R1-Distill-Qwen-32B-Q3_K_XL.gguf", ""},
    {"DeepSeek-R1-Distill-Qwen-32B-IQ2_XXS.gguf", Dialect::hf_file, "32b", "qwen", true, "", "IQ2_XXS", "", "", "DeepSeek-R1-Distill-Qwen-32B-IQ2_XXS.gguf", ""},
    {"DeepSeek-R1-Distill-Qwen-7B-f16.gguf", Dialect::hf_file, "7b", "qwen", true, "", "F16", "", "", "DeepSeek-R1-Distill-Qwen-7B-f16.gguf", ""},
    {"DeepSeek-R1-Distill-Qwen-7B-F16.gguf", Dialect::hf_file, "7b", "qwen", true, "", "F16", "", "", "DeepSeek-R1-Distill-Qwen-7B-F16.gguf", ""},
    {"DeepSeek-R1-Distill-Qwen-14B-IQ4_XS.gguf", Dialect::hf_file, "14b", "qwen", true, "", "IQ4_XS", "", "", "DeepSeek-R1-Distill-Qwen-14B-IQ4_XS.gguf", ""},
    {"deepseek-r1-distill-qwen-32b-q8_0.gguf", Dialect::hf_file, "32b", "qwen", true, "", "Q8_0", "", "", "deepseek-r1-distill-qwen-32b-q8_0.gguf", ""},
    {"deepseek-r1-distill-qwen-1.5b-q4_0.gguf", Dialect::hf_file, "1.5b", "qwen", true, "", "Q4_0", "", "", "deepseek-r1-distill-qwen-1.5b-q4_0.gguf", ""},
    {"deepseek-ai_DeepSeek-R1-0528-Q4_K_M.gguf", Dialect::hf_file, "", "", false, "0528", "Q4_K_M", "", "", "deepseek-ai_DeepSeek-R1-0528-Q4_K_M.gguf", ""},
    {"deepseek-ai_DeepSeek-R1-0528-Qwen3-8B-Q4_K_M.gguf", Dialect::hf_file, "8b", "qwen3", false, "0528", "Q4_K_M", "", "", "deepseek-ai_DeepSeek-R1-0528-Qwen3-8B-Q4_K_M.gguf", ""},
    {"deepseek-ai_DeepSeek-R1-0528-Qwen3-8B-Q4_0.gguf", Dialect::hf_file, "8b", "qwen3", false, "0528", "Q4_0", "", "", "deepseek-ai_DeepSeek-R1-0528-Qwen3-8B-Q4_0.gguf", ""},
    {"deepseek-ai_DeepSeek-R1-0528-Qwen3-8B-IQ4_XS", Dialect::hf_file, "8b", "qwen3", false, "0528", "IQ4_XS", "", "", "deepseek-ai_DeepSeek-R1-0528-Qwen3-8B-IQ4_XS", ""},
    {"DeepSeek-R1-Distill-Qwen-7B.i1-Q4_K_M.gguf", Dialect::hf_file, "7b", "qwen", true, "", "Q4_K_M", "", "", "DeepSeek-R1-Distill-Qwen-7B.i1-Q4_K_M.gguf", ""},
    {"DeepSeek-R1-Distill-Qwen-32B.IQ2_M.gguf", Dialect::hf_file, "32b", "qwen", true, "", "IQ2_M", "", "", "DeepSeek-R1-Distill-Qwen-32B.IQ2_M.gguf", ""},
    {"DeepSeek-R1-Distill-Qwen-7B-Uncensored.i1-Q4_K_M.gguf", Dialect::hf_file, "7b", "qwen", true, "", "Q4_K_M", "", "", "DeepSeek-R1-Distill-Qwen-7B-Uncensored.i1-Q4_K_M.gguf", "Uncensored"},
    {"DeepSeek-R1-Distill-Llama-70B.i1-Q6_K.gguf.part1of2", Dialect::hf_file, "70b", "llama", true, "", "Q6_K", "1/2 part", "", "DeepSeek-R1-Distill-Llama-70B.i1-Q6_K.gguf.part1of2", ""},
    {"DeepSeek-R1-Q4_K_M/DeepSeek-R1-Q4_K_M-00001-of-00011.gguf", Dialect::hf_file, "", "", false, "", "Q4_K_M", "1/11", "", "DeepSeek-R1-Q4_K_M-00001-of-00011.gguf", ""},
    {"DeepSeek-R1-BF16-256x20B-Q8_0-00001-of-00016.gguf", Dialect::hf_file, "", "", false, "", "Q8_0", "1/16", "", "DeepSeek-R1-BF16-256x20B-Q8_0-00001-of-00016.gguf", ""},
    {"DeepSeek-R1-UD-IQ1_S-00001-of-00003.gguf", Dialect::hf_file, "", "", false, "", "UD-IQ1_S", "1/3", "", "DeepSeek-R1-UD-IQ1_S-00001-of-00003.gguf", ""},
    {"DeepSeek-R1-UD-IQ1_S/DeepSeek-R1-UD-IQ1_S-00001-of-00003.gguf", Dialect::hf_file, "", "", false, "", "UD-IQ1_S", "1/3", "", "DeepSeek-R1-UD-IQ1_S-00001-of-00003.gguf", ""},
    {"DeepSeek-R1-UD-Q2_K_XL/DeepSeek-R1-UD-Q2_K_XL-00001-of-00005.gguf", Dialect::hf_file, "", "", false, "", "UD-Q2_K_XL", "1/5", "", "DeepSeek-R1-UD-Q2_K_XL-00001-of-00005.gguf", ""},
    {"DeepSeek-R1-UD-IQ2_XXS/DeepSeek-R1-UD-IQ2_XXS-00001-of-00004.gguf", Dialect::hf_file, "", "", false, "", "UD-IQ2_XXS", "1/4", "", "DeepSeek-R1-UD-IQ2_XXS-00001-of-00004.gguf", ""},
    {"UD-IQ2_XXS/DeepSeek-R1-0528-UD-IQ2_XXS-00001-of-00006.gguf", Dialect::hf_file, "", "", false, "0528", "UD-IQ2_XXS", "1/6", "", "DeepSeek-R1-0528-UD-IQ2_XXS-00001-of-00006.gguf", ""},
    {"BF16/DeepSeek-R1-0528-BF16-00001-of-00030.gguf", Dialect::hf_file, "", "", false, "0528", "BF16", "1/30", "", "DeepSeek-R1-0528-BF16-00001-of-00030.gguf", ""},
    {"DeepSeek-R1-0528-UD-IQ1_S/DeepSeek-R1-0528-UD-IQ1_S-00001-of-00003.gguf", Dialect::hf_file, "", "", false, "0528", "UD-IQ1_S", "1/3", "", "DeepSeek-R1-0528-UD-IQ1_S-00001-of-00003.gguf", ""},
    {"DeepSeek-R1-0528-UD-IQ2_XXS.gguf", Dialect::hf_file, "", "", false, "0528", "UD-IQ2_XXS", "", "", "DeepSeek-R1-0528-UD-IQ2_XXS.gguf", ""},
    {"DeepSeek-R1-Distill-Llama-70B-Q6_K/DeepSeek-R1-Distill-Llama-70B-Q6_K-00001-of-00002.gguf", Dialect::hf_file, "70b", "llama", true, "", "Q6_K", "1/2", "", "DeepSeek-R1-Distill-Llama-70B-Q6_K-00001-of-00002.gguf", ""},
    {"DeepSeek-R1-0528-Qwen3-8B-Q4_K_M.gguf", Dialect::hf_file, "8b", "qwen3", false, "0528", "Q4_K_M", "", "", "DeepSeek-R1-0528-Qwen3-8B-Q4_K_M.gguf", ""},
    {"DeepSeek-R1-UD-IQ1_S", Dialect::hf_file, "", "", false, "", "UD-IQ1_S", "", "", "DeepSeek-R1-UD-IQ1_S", ""},
    {"/data/DeepSeek-R1-GGUF/DeepSeek-R1-UD-Q2_K_XL/DeepSeek-R1-UD-Q2_K_XL-00001-of-00005.gguf", Dialect::hf_file, "", "", false, "", "UD-Q2_K_XL", "1/5", "", "DeepSeek-R1-UD-Q2_K_XL-00001-of-00005.gguf", ""},
    {"F:\\OllamaModels\\DeepSeek-R1-Q4_K_M-COMPLETE\\DeepSeek-R1-Q4_K_M-00001-of-00011.gguf", Dialect::hf_file, "", "", false, "", "Q4_K_M", "1/11", "", "DeepSeek-R1-Q4_K_M-00001-of-00011.gguf", "COMPLETE"},
    {"DeepSeek-R1-GGUF/DeepSeek-R1-UD-IQ2_XXS/DeepSeek-R1-UD-IQ2_XXS-00001-of-00004.gguf", Dialect::hf_file, "", "", false, "", "UD-IQ2_XXS", "1/4", "", "DeepSeek-R1-UD-IQ2_XXS-00001-of-00004.gguf", ""},
    {"bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF", Dialect::hf_repo, "7b", "qwen", true, "", "", "", "bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF", "", ""},
    {"lmstudio-community/DeepSeek-R1-Distill-Qwen-7B-GGUF", Dialect::hf_repo, "7b", "qwen", true, "", "", "", "lmstudio-community/DeepSeek-R1-Distill-Qwen-7B-GGUF", "", ""},
    {"unsloth/DeepSeek-R1-GGUF", Dialect::hf_repo, "", "", false, "", "", "", "unsloth/DeepSeek-R1-GGUF", "", ""},
    {"unsloth/DeepSeek-R1-0528-Qwen3-8B-GGUF", Dialect::hf_repo, "8b", "qwen3", false, "0528", "", "", "unsloth/DeepSeek-R1-0528-Qwen3-8B-GGUF", "", ""},
    {"bartowski/deepseek-ai_DeepSeek-R1-0528-Qwen3-8B-GGUF", Dialect::hf_repo, "8b", "qwen3", false, "0528", "", "", "bartowski/deepseek-ai_DeepSeek-R1-0528-Qwen3-8B-GGUF", "", ""},
    {"ggml-org/DeepSeek-R1-Distill-Qwen-32B-Q8_0-GGUF", Dialect::hf_repo, "32b", "qwen", true, "", "Q8_0", "", "ggml-org/DeepSeek-R1-Distill-Qwen-32B-Q8_0-GGUF", "", ""},
    {"mradermacher/DeepSeek-R1-i1-GGUF", Dialect::hf_repo, "", "", false, "", "", "", "mradermacher/DeepSeek-R1-i1-GGUF", "", ""},
    {"tensorblock/DeepSeek-R1-Distill-Qwen-32B-abliterated-GGUF", Dialect::hf_repo, "32b", "qwen", true, "", "", "", "tensorblock/DeepSeek-R1-Distill-Qwen-32B-abliterated-GGUF", "", "abliterated"},
    {"hf.co/unsloth/DeepSeek-R1-GGUF:UD-Q2_K_XL", Dialect::hf_reference, "", "", false, "", "UD-Q2_K_XL", "", "unsloth/DeepSeek-R1-GGUF", "", ""},
    {"hf.co/unsloth/DeepSeek-R1-0528-GGUF:UD-Q4_K_XL", Dialect::hf_reference, "", "", false, "0528", "UD-Q4_K_XL", "", "unsloth/DeepSeek-R1-0528-GGUF", "", ""},
    {"hf.co/unsloth/DeepSeek-R1-0528-GGUF:TQ1_0", Dialect::hf_reference, "", "", false, "0528", "TQ1_0", "", "unsloth/DeepSeek-R1-0528-GGUF", "", ""},
    {"hf.co/unsloth/DeepSeek-R1-0528-Qwen3-8B-GGUF:Q4_K_XL", Dialect::hf_reference, "8b", "qwen3", false, "0528", "Q4_K_XL", "", "unsloth/DeepSeek-R1-0528-Qwen3-8B-GGUF", "", ""},
    {"hf.co/unsloth/DeepSeek-R1-0528-Qwen3-8B-GGUF:Q4_K_M", Dialect::hf_reference, "8b", "qwen3", false, "0528", "Q4_K_M", "", "unsloth/DeepSeek-R1-0528-Qwen3-8B-GGUF", "", ""},
    {"hf.co/unsloth/DeepSeek-R1-0528-Qwen3-8B-GGUF:", Dialect::hf_reference, "8b", "qwen3", false, "0528", "", "", "unsloth/DeepSeek-R1-0528-Qwen3-8B-GGUF", "", ""},
    {"huggingface.co/lmstudio-community/DeepSeek-R1-0528-Qwen3-8B-GGUF:latest", Dialect::hf_reference, "8b", "qwen3", false, "0528", "", "", "lmstudio-community/DeepSeek-R1-0528-Qwen3-8B-GGUF", "", ""},
    {"hf.co/mradermacher/DeepSeek-R1-Distill-Qwen-14B-GGUF:Q4_K_M", Dialect::hf_reference, "14b", "qwen", true, "", "Q4_K_M", "", "mradermacher/DeepSeek-R1-Distill-Qwen-14B-GGUF", "", ""},
    {"hf.co/tensorblock/DeepSeek-R1-Distill-Llama-8B-abliterated-GGUF:Q3_K_M", Dialect::hf_reference, "8b", "llama", true, "", "Q3_K_M", "", "tensorblock/DeepSeek-R1-Distill-Llama-8B-abliterated-GGUF", "", "abliterated"},
    {"hf.co/tensorblock/DeepSeek-R1-Distill-Qwen-14B-abliterated-v2-GGUF:Q4_K_M", Dialect::hf_reference, "14b", "qwen", true, "", "Q4_K_M", "", "tensorblock/DeepSeek-R1-Distill-Qwen-14B-abliterated-v2-GGUF", "", "abliterated,v2"},
    {"unsloth/DeepSeek-R1-0528-Qwen3-8B-GGUF:Q8_0", Dialect::hf_reference, "8b", "qwen3", false, "0528", "Q8_0", "", "unsloth/DeepSeek-R1-0528-Qwen3-8B-GGUF", "", ""},
    {"unsloth/DeepSeek-R1-0528-GGUF:IQ1_S", Dialect::hf_reference, "", "", false, "0528", "IQ1_S", "", "unsloth/DeepSeek-R1-0528-GGUF", "", ""},
    {"hf:mradermacher/DeepSeek-R1-Distill-Qwen-7B-GGUF:Q4_K_M", Dialect::hf_reference, "7b", "qwen", true, "", "Q4_K_M", "", "mradermacher/DeepSeek-R1-Distill-Qwen-7B-GGUF", "", ""},
    {"https://huggingface.co/ggml-org/DeepSeek-R1-Distill-Qwen-1.5B-Q4_0-GGUF/resolve/main/deepseek-r1-distill-qwen-1.5b-q4_0.gguf", Dialect::hf_file, "1.5b", "qwen", true, "", "Q4_0", "", "ggml-org/DeepSeek-R1-Distill-Qwen-1.5B-Q4_0-GGUF", "deepseek-r1-distill-qwen-1.5b-q4_0.gguf", ""},
    {"https://huggingface.co/bartowski/deepseek-ai_DeepSeek-R1-0528-Qwen3-8B-GGUF/resolve/main/deepseek-ai_DeepSeek-R1-0528-Qwen3-8B-Q4_K_M.gguf", Dialect::hf_file, "8b", "qwen3", false, "0528", "Q4_K_M", "", "bartowski/deepseek-ai_DeepSeek-R1-0528-Qwen3-8B-GGUF", "deepseek-ai_DeepSeek-R1-0528-Qwen3-8B-Q4_K_M.gguf", ""},
    {"https://huggingface.co/tensorblock/DeepSeek-R1-Distill-Llama-8B-GGUF/resolve/main/DeepSeek-R1-Distill-Llama-8B-Q4_K_M.gguf", Dialect::hf_file, "8b", "llama", true, "", "Q4_K_M", "", "tensorblock/DeepSeek-R1-Distill-Llama-8B-GGUF", "DeepSeek-R1-Distill-Llama-8B-Q4_K_M.gguf", ""},
    {"https://huggingface.co/lmstudio-community/DeepSeek-R1-Distill-Qwen-1.5B-GGUF/resolve/main/DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf", Dialect::hf_file, "1.5b", "qwen", true, "", "Q4_K_M", "", "lmstudio-community/DeepSeek-R1-Distill-Qwen-1.5B-GGUF", "DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf", ""},
    {"https://huggingface.co/unsloth/DeepSeek-R1-GGUF/resolve/main/DeepSeek-R1-UD-IQ1_S/DeepSeek-R1-UD-IQ1_S-00001-of-00003.gguf?download=true", Dialect::hf_file, "", "", false, "", "UD-IQ1_S", "1/3", "unsloth/DeepSeek-R1-GGUF", "DeepSeek-R1-UD-IQ1_S-00001-of-00003.gguf", ""},
    {"https://huggingface.co/unsloth/DeepSeek-R1-GGUF/tree/main/DeepSeek-R1-UD-IQ1_S", Dialect::hf_repo, "", "", false, "", "UD-IQ1_S", "", "unsloth/DeepSeek-R1-GGUF", "", ""},
};

std::vector<std::string> corpus_lines(const std::string& file) {
  std::ifstream in(std::string(R1TAG_SOURCE_DIR) + "/tests/corpus/" + file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("tag_parser reads every field of the real names in the corpus", "[tag_parser]") {
  const ParseRow row = GENERATE(from_range(k_real_names));
  CAPTURE(row.input);
  const ParsedTag t = parse_tag(row.input);
  CHECK(t.input == row.input);
  CHECK(t.dialect == row.dialect);
  CHECK(t.size_label == row.size_label);
  CHECK(t.base == row.base);
  CHECK(t.distill == row.distill);
  CHECK(t.revision == row.revision);
  CHECK(t.quant == row.quant);
  CHECK(shard_text(t) == row.shard);
  CHECK(t.hf_repo == row.hf_repo);
  CHECK(t.file_name == row.file_name);
  CHECK(joined(t.unplaced) == row.unplaced);
  CHECK(t.names_r1);
}

TEST_CASE("tag_parser table covers every line of tests/corpus/tags.txt", "[tag_parser]") {
  const std::vector<std::string> lines = corpus_lines("tags.txt");
  REQUIRE(lines.size() >= 60);
  std::vector<std::string> inputs;
  for (const ParseRow& row : k_real_names) inputs.push_back(row.input);
  CHECK(inputs == lines);
}

TEST_CASE("tag_parser reads the parts of an ollama name", "[tag_parser]") {
  SECTION("registry, namespace, model and tag as written") {
    const ParsedTag t = parse_tag("registry.ollama.ai/library/deepseek-r1:8b-0528-qwen3-q4_K_M");
    CHECK(t.registry == "registry.ollama.ai");
    CHECK(t.ollama_namespace == "library");
    CHECK(t.ollama_model == "deepseek-r1");
    CHECK(t.ollama_tag == "8b-0528-qwen3-q4_K_M");
    CHECK(t.quant_text == "q4_K_M");
  }
  SECTION("a missing or empty tag is latest, as ollama fills it") {
    CHECK(parse_tag("deepseek-r1").ollama_tag == "latest");
    CHECK(parse_tag("deepseek-r1:").ollama_tag == "latest");
  }
  SECTION("a bare tag is a tag of the deepseek-r1 library") {
    const ParsedTag t = parse_tag("671b-0528-q8_0");
    CHECK(t.ollama_model == "deepseek-r1");
    CHECK(t.ollama_tag == "671b-0528-q8_0");
  }
  SECTION("upper-case names keep their spelling but are read case-insensitively") {
    const ParsedTag t = parse_tag("DEEPSEEK-R1:7B-QWEN-DISTILL-Q4_K_M");
    CHECK(t.names_r1);
    CHECK(t.size_label == "7b");
    CHECK(t.base == "qwen");
    CHECK(t.quant == "Q4_K_M");
    CHECK(t.quant_text == "Q4_K_M");
  }
  SECTION("the manifest path in ollama's store is the same name") {
    const ParsedTag t = parse_tag("/root/.ollama/models/manifests/registry.ollama.ai/library/deepseek-r1/70b");
    CHECK(t.dialect == Dialect::ollama);
    CHECK(t.registry == "registry.ollama.ai");
    CHECK(t.ollama_tag == "70b");
    CHECK(t.unplaced.empty());
  }
  SECTION("a registry port is not a tag separator") {
    const ParsedTag t = parse_tag("localhost:5000/library/deepseek-r1");
    CHECK(t.registry == "localhost:5000");
    CHECK(t.ollama_tag == "latest");
  }
  SECTION("another model of the ollama library is kept as an unplaced word") {
    const ParsedTag t = parse_tag("llama3:8b");
    CHECK_FALSE(t.names_r1);
    CHECK(t.ollama_model == "llama3");
    CHECK(t.unplaced == std::vector<std::string>{"llama3"});
  }
}

TEST_CASE("tag_parser reads a GGUF-convention name where the last quant token is the file's", "[tag_parser]") {
  const ParsedTag t = parse_tag("DeepSeek-R1-BF16-256x20B-Q8_0-00001-of-00016.gguf");
  CHECK(t.source_encoding == "BF16");
  CHECK(t.expert_label == "256x20B");
  CHECK(t.quant == "Q8_0");
  REQUIRE(t.shard);
  CHECK(t.shard->kind == r1tag::ShardKind::gguf_split);
}

TEST_CASE("tag_parser keeps 1.5b whole while a dot separates mradermacher's words", "[tag_parser]") {
  const ParsedTag t = parse_tag("DeepSeek-R1-Distill-Qwen-1.5B.i1-Q4_K_M.gguf");
  CHECK(t.size_label == "1.5b");
  CHECK(t.imatrix_marker);
  CHECK(t.quant == "Q4_K_M");
  CHECK(t.unplaced.empty());
}

TEST_CASE("tag_parser tells Qwen3 from Qwen and Llama", "[tag_parser]") {
  CHECK(parse_tag("DeepSeek-R1-0528-Qwen3-8B-Q4_K_M.gguf").base == "qwen3");
  CHECK(parse_tag("DeepSeek-R1-Distill-Qwen-14B-Q4_K_M.gguf").base == "qwen");
  CHECK(parse_tag("DeepSeek-R1-Distill-Llama-70B-Q4_K_M.gguf").base == "llama");
}

TEST_CASE("tag_parser reads bartowski's org prefix in file and repository names", "[tag_parser]") {
  CHECK(parse_tag("deepseek-ai_DeepSeek-R1-0528-Q4_K_M.gguf").org_prefix == "deepseek-ai");
  const ParsedTag repo = parse_tag("bartowski/deepseek-ai_DeepSeek-R1-0528-GGUF");
  CHECK(repo.org_prefix == "deepseek-ai");
  CHECK(repo.revision == "0528");
  CHECK(repo.unplaced.empty());
}

TEST_CASE("tag_parser reads quant names case-insensitively and spells them canonically", "[tag_parser]") {
  const auto [written, canonical] = GENERATE(table<std::string, std::string>({
      {"q4_K_M", "Q4_K_M"}, {"q4_k_m", "Q4_K_M"}, {"Q4_K_M", "Q4_K_M"}, {"fp16", "F16"}, {"f16", "F16"},
      {"FP16", "F16"},      {"bf16", "BF16"},     {"q8_0", "Q8_0"},     {"iq1_s", "IQ1_S"}, {"iq4_xs", "IQ4_XS"},
      {"ud-iq1_s", "UD-IQ1_S"}, {"UD-Q2_K_XL", "UD-Q2_K_XL"}, {"tq1_0", "TQ1_0"}, {"mxfp4_moe", "MXFP4_MOE"},
      {"fp32", "F32"},
  }));
  CAPTURE(written);
  CHECK(canonical_quant(written) == canonical);
  CHECK(parse_tag("DeepSeek-R1-Distill-Qwen-7B-" + written + ".gguf").quant == canonical);
  CHECK(parse_tag("DeepSeek-R1-Distill-Qwen-7B-" + written + ".gguf").quant_text == written);
}

TEST_CASE("tag_parser's canonical_quant rejects words that are not quants", "[tag_parser]") {
  for (const char* word : {"7b", "qwen", "q", "q_4", "iq", "distill", "0528", "", "UD-", "q4_toolong"}) {
    CAPTURE(word);
    CHECK(canonical_quant(word).empty());
  }
}

TEST_CASE("tag_parser reports a part it cannot place in unplaced, never dropping it", "[tag_parser]") {
  SECTION("a fine-tune word in a file name") {
    CHECK(parse_tag("DeepSeek-R1-Distill-Qwen-7B-Uncensored.i1-Q4_K_M.gguf").unplaced ==
          std::vector<std::string>{"Uncensored"});
  }
  SECTION("a misspelt word in an ollama tag") {
    CHECK(parse_tag("deepseek-r1:7b-qwen-distll-q4_K_M").unplaced == std::vector<std::string>{"distll"});
  }
  SECTION("an hf.co tag that is not a quant") {
    CHECK(parse_tag("hf.co/bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF:newest").unplaced ==
          std::vector<std::string>{"newest"});
  }
  SECTION("a folder that names R1 but carries a word the file does not") {
    CHECK(parse_tag("DeepSeek-R1-Q4_K_M-COMPLETE/DeepSeek-R1-Q4_K_M-00001-of-00011.gguf").unplaced ==
          std::vector<std::string>{"COMPLETE"});
  }
  SECTION("a folder whose quant contradicts the file's") {
    CHECK(parse_tag("unsloth/DeepSeek-R1-GGUF/DeepSeek-R1-Q8_0/DeepSeek-R1-UD-IQ1_S-00001-of-00003.gguf").unplaced ==
          std::vector<std::string>{"DeepSeek-R1-Q8_0"});
  }
  SECTION("a shard count that cannot be") {
    CHECK(parse_tag("DeepSeek-R1-Q4_K_M-00003-of-00002.gguf").unplaced == std::vector<std::string>{"00003-of-00002"});
  }
  SECTION("a GGUF version word") {
    CHECK(parse_tag("hf.co/tensorblock/DeepSeek-R1-Distill-Qwen-14B-abliterated-v2-GGUF:Q4_K_M").unplaced ==
          std::vector<std::string>({"abliterated", "v2"}));
  }
}

TEST_CASE("tag_parser takes the quant from a folder when the file name has none", "[tag_parser]") {
  const ParsedTag t = parse_tag("unsloth/DeepSeek-R1-GGUF/Q4_K_M/DeepSeek-R1-00001-of-00009.gguf");
  CHECK(t.quant == "Q4_K_M");
  CHECK(t.path == "Q4_K_M/DeepSeek-R1-00001-of-00009.gguf");
  CHECK(t.unplaced.empty());
}

TEST_CASE("tag_parser never takes a local folder for a Hugging Face repository", "[tag_parser]") {
  SECTION("an absolute path") {
    const ParsedTag t = parse_tag("/data/DeepSeek-R1-GGUF/DeepSeek-R1-UD-Q2_K_XL/DeepSeek-R1-UD-Q2_K_XL-00001-of-00005.gguf");
    CHECK(t.hf_repo.empty());
    CHECK(t.path == "/data/DeepSeek-R1-GGUF/DeepSeek-R1-UD-Q2_K_XL/DeepSeek-R1-UD-Q2_K_XL-00001-of-00005.gguf");
  }
  SECTION("a Windows path with a drive letter and backslashes") {
    const ParsedTag t = parse_tag("C:\\models\\DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf");
    CHECK(t.hf_repo.empty());
    CHECK(t.file_name == "DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf");
    CHECK(t.path == "C:/models/DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf");
    CHECK(t.unplaced.empty());
  }
  SECTION("a download folder named after the repository") {
    const ParsedTag t = parse_tag("DeepSeek-R1-0528-GGUF/DeepSeek-R1-0528-UD-IQ1_S/DeepSeek-R1-0528-UD-IQ1_S-00001-of-00003.gguf");
    CHECK(t.hf_repo.empty());
    CHECK(t.quant == "UD-IQ1_S");
  }
  SECTION("a relative path") {
    const ParsedTag t = parse_tag("./models/DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf");
    CHECK(t.hf_repo.empty());
    CHECK(t.unplaced.empty());
  }
}

TEST_CASE("tag_parser reads hf.co references as ollama and llama.cpp take them", "[tag_parser]") {
  SECTION("the path inside the repository, with blob/main removed") {
    const ParsedTag t = parse_tag("https://huggingface.co/bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF/blob/main/DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf");
    CHECK(t.hf_repo == "bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF");
    CHECK(t.path == "DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf");
  }
  SECTION("a full file name as the tag") {
    const ParsedTag t = parse_tag("hf.co/bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF:DeepSeek-R1-Distill-Qwen-7B-Q6_K.gguf");
    CHECK(t.dialect == Dialect::hf_reference);
    CHECK(t.file_name == "DeepSeek-R1-Distill-Qwen-7B-Q6_K.gguf");
    CHECK(t.quant == "Q6_K");
  }
  SECTION("the tag's quant wins over one in the repository name") {
    const ParsedTag t = parse_tag("hf.co/ggml-org/DeepSeek-R1-Distill-Qwen-32B-Q8_0-GGUF:q8_0");
    CHECK(t.quant == "Q8_0");
    CHECK(t.quant_text == "q8_0");
    CHECK(t.source_encoding.empty());
  }
  SECTION("a repository web page is a repository, not a reference with a default quant") {
    CHECK(parse_tag("https://huggingface.co/bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF").dialect == Dialect::hf_repo);
    CHECK(parse_tag("hf.co/bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF").dialect == Dialect::hf_reference);
  }
  SECTION("a repository name without its owner") {
    const ParsedTag t = parse_tag("DeepSeek-R1-Distill-Qwen-7B-GGUF");
    CHECK(t.dialect == Dialect::hf_repo);
    CHECK(t.size_label == "7b");
  }
}

TEST_CASE("tag_parser rejects input that is not a name, with the exact message", "[tag_parser]") {
  SECTION("empty input") {
    for (const char* text : {"", "   ", "\t\n"}) {
      REQUIRE_THROWS_MATCHES(parse_tag(text), r1tag::Error, Message("empty model name"));
    }
    try {
      parse_tag("");
    } catch (const r1tag::Error& e) {
      CHECK(e.code() == r1tag::ExitCode::bad_input);
      CHECK(e.hint() == "give a name such as deepseek-r1:7b");
    }
  }
  SECTION("non-ASCII input: a full-width digit, shown escaped") {
    REQUIRE_THROWS_MATCHES(parse_tag("deepseek-r1:\xef\xbc\x97" "b"), r1tag::Error,
                           Message("'deepseek-r1:\\xef\\xbc\\x97b' is not a model name: it contains a non-ASCII character at position 13"));
    try {
      parse_tag("deepseek-r1:\xef\xbc\x97" "b");
    } catch (const r1tag::Error& e) {
      CHECK(e.code() == r1tag::ExitCode::bad_input);
      CHECK(e.hint() == "model names are ASCII without spaces; give one name per argument, e.g. deepseek-r1:7b");
    }
  }
  SECTION("a space inside") {
    REQUIRE_THROWS_MATCHES(parse_tag("deepseek-r1 7b"), r1tag::Error,
                           Message("'deepseek-r1 7b' is not a model name: it contains a space at position 12"));
  }
  SECTION("a terminal escape is never echoed raw") {
    REQUIRE_THROWS_MATCHES(parse_tag("deepseek-r1:7b\x1b[31m"), r1tag::Error,
                           Message("'deepseek-r1:7b\\x1b[31m' is not a model name: it contains a control character at position 15"));
  }
}

TEST_CASE("tag_parser replays every input that once crashed or misparsed without failing", "[tag_parser]") {
  // tests/corpus/regressions.txt: one input per line; tests/corpus/fuzz/: raw fuzzer finds.
  std::vector<std::string> inputs = corpus_lines("regressions.txt");
  const std::filesystem::path fuzz_dir = std::filesystem::path(R1TAG_SOURCE_DIR) / "tests" / "corpus" / "fuzz";
  if (std::filesystem::exists(fuzz_dir)) {
    for (const auto& entry : std::filesystem::directory_iterator(fuzz_dir)) {
      std::ifstream in(entry.path(), std::ios::binary);
      inputs.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
  }
  REQUIRE_FALSE(inputs.empty());
  for (const std::string& input : inputs) {
    CAPTURE(input);
    // Only r1tag::Error may escape, and only with a message; anything else is a bug.
    try {
      const ParsedTag t = parse_tag(input);
      (void)r1tag::resolve(t, r1tag::embedded_catalog());
    } catch (const r1tag::Error& e) {
      CHECK(std::string(e.what()).size() > 0);
      CHECK(e.code() == r1tag::ExitCode::bad_input);
    }
  }
}
