// Tests for src/names/resolver.cpp: which model, scheme, ollama tag and published file a name resolves to
// in the embedded catalogue, and the exact error, hint and exit code for every name that does not.
#include <r1tag/tables/catalog.hpp>
#include <r1tag/common/error.hpp>
#include <r1tag/names/resolver.hpp>
#include <r1tag/names/tag_parser.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using r1tag::ExitCode;
using r1tag::Variant;

namespace {

Variant resolve(const std::string& name) { return r1tag::resolve(r1tag::parse_tag(name), r1tag::embedded_catalog()); }

struct ResolveRow {
  std::string input;
  std::string model_id;
  std::string scheme;      // canonical; "" for a repository without a quant
  std::string ollama_tag;  // full canonical ollama name, "" when the library has no such variant
  std::string repo;        // the catalogue repository the name points into, "" if none
  std::string file;        // that repository's file for the scheme, "" if none
};

// The real names of tests/corpus/tags.txt (tag_parser_test.cpp pins their parsed fields).
const std::vector<ResolveRow> k_resolved = {
    {"deepseek-r1", "DeepSeek-R1-0528-Qwen3-8B", "Q4_K_M", "deepseek-r1:8b-0528-qwen3-q4_K_M", "", ""},
    {"deepseek-r1:latest", "DeepSeek-R1-0528-Qwen3-8B", "Q4_K_M", "deepseek-r1:8b-0528-qwen3-q4_K_M", "", ""},
    {"deepseek-r1:1.5b", "DeepSeek-R1-Distill-Qwen-1.5B", "Q4_K_M", "deepseek-r1:1.5b-qwen-distill-q4_K_M", "", ""},
    {"deepseek-r1:7b", "DeepSeek-R1-Distill-Qwen-7B", "Q4_K_M", "deepseek-r1:7b-qwen-distill-q4_K_M", "", ""},
    {"deepseek-r1:8b", "DeepSeek-R1-0528-Qwen3-8B", "Q4_K_M", "deepseek-r1:8b-0528-qwen3-q4_K_M", "", ""},
    {"deepseek-r1:14b", "DeepSeek-R1-Distill-Qwen-14B", "Q4_K_M", "deepseek-r1:14b-qwen-distill-q4_K_M", "", ""},
    {"deepseek-r1:32b", "DeepSeek-R1-Distill-Qwen-32B", "Q4_K_M", "deepseek-r1:32b-qwen-distill-q4_K_M", "", ""},
    {"deepseek-r1:70b", "DeepSeek-R1-Distill-Llama-70B", "Q4_K_M", "deepseek-r1:70b-llama-distill-q4_K_M", "", ""},
    {"deepseek-r1:671b", "DeepSeek-R1", "Q4_K_M", "deepseek-r1:671b-q4_K_M", "", ""},
    {"deepseek-r1:1.5b-qwen-distill-q4_K_M", "DeepSeek-R1-Distill-Qwen-1.5B", "Q4_K_M", "deepseek-r1:1.5b-qwen-distill-q4_K_M", "", ""},
    {"deepseek-r1:1.5b-qwen-distill-q8_0", "DeepSeek-R1-Distill-Qwen-1.5B", "Q8_0", "deepseek-r1:1.5b-qwen-distill-q8_0", "", ""},
    {"deepseek-r1:1.5b-qwen-distill-fp16", "DeepSeek-R1-Distill-Qwen-1.5B", "F16", "deepseek-r1:1.5b-qwen-distill-fp16", "", ""},
    {"deepseek-r1:7b-qwen-distill-q4_K_M", "DeepSeek-R1-Distill-Qwen-7B", "Q4_K_M", "deepseek-r1:7b-qwen-distill-q4_K_M", "", ""},
    {"deepseek-r1:7b-qwen-distill-q8_0", "DeepSeek-R1-Distill-Qwen-7B", "Q8_0", "deepseek-r1:7b-qwen-distill-q8_0", "", ""},
    {"deepseek-r1:8b-llama-distill-q4_K_M", "DeepSeek-R1-Distill-Llama-8B", "Q4_K_M", "deepseek-r1:8b-llama-distill-q4_K_M", "", ""},
    {"deepseek-r1:8b-llama-distill-fp16", "DeepSeek-R1-Distill-Llama-8B", "F16", "deepseek-r1:8b-llama-distill-fp16", "", ""},
    {"deepseek-r1:8b-0528-qwen3-q4_K_M", "DeepSeek-R1-0528-Qwen3-8B", "Q4_K_M", "deepseek-r1:8b-0528-qwen3-q4_K_M", "", ""},
    {"deepseek-r1:8b-0528-qwen3-q8_0", "DeepSeek-R1-0528-Qwen3-8B", "Q8_0", "deepseek-r1:8b-0528-qwen3-q8_0", "", ""},
    {"deepseek-r1:14b-qwen-distill-q8_0", "DeepSeek-R1-Distill-Qwen-14B", "Q8_0", "deepseek-r1:14b-qwen-distill-q8_0", "", ""},
    {"deepseek-r1:32b-qwen-distill-q4_K_M", "DeepSeek-R1-Distill-Qwen-32B", "Q4_K_M", "deepseek-r1:32b-qwen-distill-q4_K_M", "", ""},
    {"deepseek-r1:32b-qwen-distill-fp16", "DeepSeek-R1-Distill-Qwen-32B", "F16", "deepseek-r1:32b-qwen-distill-fp16", "", ""},
    {"deepseek-r1:70b-llama-distill-q4_K_M", "DeepSeek-R1-Distill-Llama-70B", "Q4_K_M", "deepseek-r1:70b-llama-distill-q4_K_M", "", ""},
    {"deepseek-r1:70b-llama-distill-q8_0", "DeepSeek-R1-Distill-Llama-70B", "Q8_0", "deepseek-r1:70b-llama-distill-q8_0", "", ""},
    {"deepseek-r1:671b-q4_K_M", "DeepSeek-R1", "Q4_K_M", "deepseek-r1:671b-q4_K_M", "", ""},
    {"deepseek-r1:671b-q8_0", "DeepSeek-R1", "Q8_0", "deepseek-r1:671b-q8_0", "", ""},
    {"deepseek-r1:671b-fp16", "DeepSeek-R1", "F16", "deepseek-r1:671b-fp16", "", ""},
    {"deepseek-r1:671b-0528-q4_K_M", "DeepSeek-R1-0528", "Q4_K_M", "deepseek-r1:671b-0528-q4_K_M", "", ""},
    {"deepseek-r1:671b-0528-fp16", "DeepSeek-R1-0528", "F16", "deepseek-r1:671b-0528-fp16", "", ""},
    {"registry.ollama.ai/library/deepseek-r1:8b-0528-qwen3-q4_K_M", "DeepSeek-R1-0528-Qwen3-8B", "Q4_K_M", "deepseek-r1:8b-0528-qwen3-q4_K_M", "", ""},
    {"registry.ollama.ai/library/deepseek-r1:32b", "DeepSeek-R1-Distill-Qwen-32B", "Q4_K_M", "deepseek-r1:32b-qwen-distill-q4_K_M", "", ""},
    {"registry.ollama.ai/library/deepseek-r1:latest", "DeepSeek-R1-0528-Qwen3-8B", "Q4_K_M", "deepseek-r1:8b-0528-qwen3-q4_K_M", "", ""},
    {"7b-qwen-distill-q4_K_M", "DeepSeek-R1-Distill-Qwen-7B", "Q4_K_M", "deepseek-r1:7b-qwen-distill-q4_K_M", "", ""},
    {"671b-0528-q8_0", "DeepSeek-R1-0528", "Q8_0", "deepseek-r1:671b-0528-q8_0", "", ""},
    {"ollama/deepseek-r1:7b", "DeepSeek-R1-Distill-Qwen-7B", "Q4_K_M", "deepseek-r1:7b-qwen-distill-q4_K_M", "", ""},
    {"registry.ollama.ai/library/deepseek-r1/8b", "DeepSeek-R1-0528-Qwen3-8B", "Q4_K_M", "deepseek-r1:8b-0528-qwen3-q4_K_M", "", ""},
    {"DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf", "DeepSeek-R1-Distill-Qwen-7B", "Q4_K_M", "deepseek-r1:7b-qwen-distill-q4_K_M", "bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF", "DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf"},
    {"DeepSeek-R1-Distill-Qwen-1.5B-Q8_0.gguf", "DeepSeek-R1-Distill-Qwen-1.5B", "Q8_0", "deepseek-r1:1.5b-qwen-distill-q8_0", "unsloth/DeepSeek-R1-Distill-Qwen-1.5B-GGUF", "DeepSeek-R1-Distill-Qwen-1.5B-Q8_0.gguf"},
    {"DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf", "DeepSeek-R1-Distill-Qwen-1.5B", "Q4_K_M", "deepseek-r1:1.5b-qwen-distill-q4_K_M", "unsloth/DeepSeek-R1-Distill-Qwen-1.5B-GGUF", "DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf"},
    {"DeepSeek-R1-Distill-Llama-8B-Q4_K_M.gguf", "DeepSeek-R1-Distill-Llama-8B", "Q4_K_M", "deepseek-r1:8b-llama-distill-q4_K_M", "unsloth/DeepSeek-R1-Distill-Llama-8B-GGUF", "DeepSeek-R1-Distill-Llama-8B-Q4_K_M.gguf"},
    {"DeepSeek-R1-Distill-Qwen-14B-Q4_K_M.gguf", "DeepSeek-R1-Distill-Qwen-14B", "Q4_K_M", "deepseek-r1:14b-qwen-distill-q4_K_M", "bartowski/DeepSeek-R1-Distill-Qwen-14B-GGUF", "DeepSeek-R1-Distill-Qwen-14B-Q4_K_M.gguf"},
    {"DeepSeek-R1-Distill-Qwen-32B-Q4_K_L.gguf", "DeepSeek-R1-Distill-Qwen-32B", "Q4_K_L", "", "bartowski/DeepSeek-R1-Distill-Qwen-32B-GGUF", "DeepSeek-R1-Distill-Qwen-32B-Q4_K_L.gguf"},
    {"DeepSeek-R1-Distill-Qwen-32B-Q3_K_XL.gguf", "DeepSeek-R1-Distill-Qwen-32B", "Q3_K_XL", "", "bartowski/DeepSeek-R1-Distill-Qwen-32B-GGUF", "DeepSeek-R1-Distill-Qwen-32B-Q3_K_XL.gguf"},
    {"DeepSeek-R1-Distill-Qwen-32B-IQ2_XXS.gguf", "DeepSeek-R1-Distill-Qwen-32B", "IQ2_XXS", "", "bartowski/DeepSeek-R1-Distill-Qwen-32B-GGUF", "DeepSeek-R1-Distill-Qwen-32B-IQ2_XXS.gguf"},
    {"DeepSeek-R1-Distill-Qwen-7B-f16.gguf", "DeepSeek-R1-Distill-Qwen-7B", "F16", "deepseek-r1:7b-qwen-distill-fp16", "bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF", "DeepSeek-R1-Distill-Qwen-7B-f16.gguf"},
    {"DeepSeek-R1-Distill-Qwen-7B-F16.gguf", "DeepSeek-R1-Distill-Qwen-7B", "F16", "deepseek-r1:7b-qwen-distill-fp16", "unsloth/DeepSeek-R1-Distill-Qwen-7B-GGUF", "DeepSeek-R1-Distill-Qwen-7B-F16.gguf"},
    {"DeepSeek-R1-Distill-Qwen-14B-IQ4_XS.gguf", "DeepSeek-R1-Distill-Qwen-14B", "IQ4_XS", "", "bartowski/DeepSeek-R1-Distill-Qwen-14B-GGUF", "DeepSeek-R1-Distill-Qwen-14B-IQ4_XS.gguf"},
    {"deepseek-r1-distill-qwen-32b-q8_0.gguf", "DeepSeek-R1-Distill-Qwen-32B", "Q8_0", "deepseek-r1:32b-qwen-distill-q8_0", "", ""},
    {"deepseek-r1-distill-qwen-1.5b-q4_0.gguf", "DeepSeek-R1-Distill-Qwen-1.5B", "Q4_0", "", "", ""},
    {"deepseek-ai_DeepSeek-R1-0528-Q4_K_M.gguf", "DeepSeek-R1-0528", "Q4_K_M", "deepseek-r1:671b-0528-q4_K_M", "", ""},
    {"deepseek-ai_DeepSeek-R1-0528-Qwen3-8B-Q4_K_M.gguf", "DeepSeek-R1-0528-Qwen3-8B", "Q4_K_M", "deepseek-r1:8b-0528-qwen3-q4_K_M", "bartowski/deepseek-ai_DeepSeek-R1-0528-Qwen3-8B-GGUF", "deepseek-ai_DeepSeek-R1-0528-Qwen3-8B-Q4_K_M.gguf"},
    {"deepseek-ai_DeepSeek-R1-0528-Qwen3-8B-Q4_0.gguf", "DeepSeek-R1-0528-Qwen3-8B", "Q4_0", "", "", ""},
    {"deepseek-ai_DeepSeek-R1-0528-Qwen3-8B-IQ4_XS", "DeepSeek-R1-0528-Qwen3-8B", "IQ4_XS", "", "", ""},
    {"DeepSeek-R1-Distill-Qwen-7B.i1-Q4_K_M.gguf", "DeepSeek-R1-Distill-Qwen-7B", "Q4_K_M", "deepseek-r1:7b-qwen-distill-q4_K_M", "", ""},
    {"DeepSeek-R1-Distill-Qwen-32B.IQ2_M.gguf", "DeepSeek-R1-Distill-Qwen-32B", "IQ2_M", "", "", ""},
    {"DeepSeek-R1-Distill-Qwen-7B-Uncensored.i1-Q4_K_M.gguf", "DeepSeek-R1-Distill-Qwen-7B", "Q4_K_M", "deepseek-r1:7b-qwen-distill-q4_K_M", "", ""},
    {"DeepSeek-R1-Distill-Llama-70B.i1-Q6_K.gguf.part1of2", "DeepSeek-R1-Distill-Llama-70B", "Q6_K", "", "", ""},
    {"DeepSeek-R1-Q4_K_M/DeepSeek-R1-Q4_K_M-00001-of-00011.gguf", "DeepSeek-R1", "Q4_K_M", "deepseek-r1:671b-q4_K_M", "bartowski/DeepSeek-R1-GGUF", "DeepSeek-R1-Q4_K_M/DeepSeek-R1-Q4_K_M-00001-of-00011.gguf"},
    {"DeepSeek-R1-BF16-256x20B-Q8_0-00001-of-00016.gguf", "DeepSeek-R1", "Q8_0", "deepseek-r1:671b-q8_0", "", ""},
    {"DeepSeek-R1-UD-IQ1_S-00001-of-00003.gguf", "DeepSeek-R1", "UD-IQ1_S", "", "unsloth/DeepSeek-R1-GGUF", "DeepSeek-R1-UD-IQ1_S/DeepSeek-R1-UD-IQ1_S-00001-of-00003.gguf"},
    {"DeepSeek-R1-UD-IQ1_S/DeepSeek-R1-UD-IQ1_S-00001-of-00003.gguf", "DeepSeek-R1", "UD-IQ1_S", "", "unsloth/DeepSeek-R1-GGUF", "DeepSeek-R1-UD-IQ1_S/DeepSeek-R1-UD-IQ1_S-00001-of-00003.gguf"},
    {"DeepSeek-R1-UD-Q2_K_XL/DeepSeek-R1-UD-Q2_K_XL-00001-of-00005.gguf", "DeepSeek-R1", "UD-Q2_K_XL", "", "unsloth/DeepSeek-R1-GGUF", "DeepSeek-R1-UD-Q2_K_XL/DeepSeek-R1-UD-Q2_K_XL-00001-of-00005.gguf"},
    {"DeepSeek-R1-UD-IQ2_XXS/DeepSeek-R1-UD-IQ2_XXS-00001-of-00004.gguf", "DeepSeek-R1", "UD-IQ2_XXS", "", "unsloth/DeepSeek-R1-GGUF", "DeepSeek-R1-UD-IQ2_XXS/DeepSeek-R1-UD-IQ2_XXS-00001-of-00004.gguf"},
    {"UD-IQ2_XXS/DeepSeek-R1-0528-UD-IQ2_XXS-00001-of-00006.gguf", "DeepSeek-R1-0528", "UD-IQ2_XXS", "", "", ""},
    {"BF16/DeepSeek-R1-0528-BF16-00001-of-00030.gguf", "DeepSeek-R1-0528", "BF16", "", "unsloth/DeepSeek-R1-0528-GGUF", "BF16/DeepSeek-R1-0528-BF16-00001-of-00030.gguf"},
    {"DeepSeek-R1-0528-UD-IQ1_S/DeepSeek-R1-0528-UD-IQ1_S-00001-of-00003.gguf", "DeepSeek-R1-0528", "UD-IQ1_S", "", "", ""},
    {"DeepSeek-R1-0528-UD-IQ2_XXS.gguf", "DeepSeek-R1-0528", "UD-IQ2_XXS", "", "", ""},
    {"DeepSeek-R1-Distill-Llama-70B-Q6_K/DeepSeek-R1-Distill-Llama-70B-Q6_K-00001-of-00002.gguf", "DeepSeek-R1-Distill-Llama-70B", "Q6_K", "", "unsloth/DeepSeek-R1-Distill-Llama-70B-GGUF", "DeepSeek-R1-Distill-Llama-70B-Q6_K/DeepSeek-R1-Distill-Llama-70B-Q6_K-00001-of-00002.gguf"},
    {"DeepSeek-R1-0528-Qwen3-8B-Q4_K_M.gguf", "DeepSeek-R1-0528-Qwen3-8B", "Q4_K_M", "deepseek-r1:8b-0528-qwen3-q4_K_M", "unsloth/DeepSeek-R1-0528-Qwen3-8B-GGUF", "DeepSeek-R1-0528-Qwen3-8B-Q4_K_M.gguf"},
    {"DeepSeek-R1-UD-IQ1_S", "DeepSeek-R1", "UD-IQ1_S", "", "", ""},
    {"/data/DeepSeek-R1-GGUF/DeepSeek-R1-UD-Q2_K_XL/DeepSeek-R1-UD-Q2_K_XL-00001-of-00005.gguf", "DeepSeek-R1", "UD-Q2_K_XL", "", "unsloth/DeepSeek-R1-GGUF", "DeepSeek-R1-UD-Q2_K_XL/DeepSeek-R1-UD-Q2_K_XL-00001-of-00005.gguf"},
    {"F:\\OllamaModels\\DeepSeek-R1-Q4_K_M-COMPLETE\\DeepSeek-R1-Q4_K_M-00001-of-00011.gguf", "DeepSeek-R1", "Q4_K_M", "deepseek-r1:671b-q4_K_M", "bartowski/DeepSeek-R1-GGUF", "DeepSeek-R1-Q4_K_M/DeepSeek-R1-Q4_K_M-00001-of-00011.gguf"},
    {"DeepSeek-R1-GGUF/DeepSeek-R1-UD-IQ2_XXS/DeepSeek-R1-UD-IQ2_XXS-00001-of-00004.gguf", "DeepSeek-R1", "UD-IQ2_XXS", "", "unsloth/DeepSeek-R1-GGUF", "DeepSeek-R1-UD-IQ2_XXS/DeepSeek-R1-UD-IQ2_XXS-00001-of-00004.gguf"},
    {"bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF", "DeepSeek-R1-Distill-Qwen-7B", "", "", "bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF", ""},
    {"lmstudio-community/DeepSeek-R1-Distill-Qwen-7B-GGUF", "DeepSeek-R1-Distill-Qwen-7B", "", "", "lmstudio-community/DeepSeek-R1-Distill-Qwen-7B-GGUF", ""},
    {"unsloth/DeepSeek-R1-GGUF", "DeepSeek-R1", "", "", "unsloth/DeepSeek-R1-GGUF", ""},
    {"unsloth/DeepSeek-R1-0528-Qwen3-8B-GGUF", "DeepSeek-R1-0528-Qwen3-8B", "", "", "unsloth/DeepSeek-R1-0528-Qwen3-8B-GGUF", ""},
    {"bartowski/deepseek-ai_DeepSeek-R1-0528-Qwen3-8B-GGUF", "DeepSeek-R1-0528-Qwen3-8B", "", "", "bartowski/deepseek-ai_DeepSeek-R1-0528-Qwen3-8B-GGUF", ""},
    {"ggml-org/DeepSeek-R1-Distill-Qwen-32B-Q8_0-GGUF", "DeepSeek-R1-Distill-Qwen-32B", "Q8_0", "deepseek-r1:32b-qwen-distill-q8_0", "", ""},
    {"mradermacher/DeepSeek-R1-i1-GGUF", "DeepSeek-R1", "", "", "", ""},
    {"tensorblock/DeepSeek-R1-Distill-Qwen-32B-abliterated-GGUF", "DeepSeek-R1-Distill-Qwen-32B", "", "", "", ""},
    {"hf.co/unsloth/DeepSeek-R1-GGUF:UD-Q2_K_XL", "DeepSeek-R1", "UD-Q2_K_XL", "", "unsloth/DeepSeek-R1-GGUF", "DeepSeek-R1-UD-Q2_K_XL/DeepSeek-R1-UD-Q2_K_XL-00001-of-00005.gguf"},
    {"hf.co/unsloth/DeepSeek-R1-0528-GGUF:UD-Q4_K_XL", "DeepSeek-R1-0528", "UD-Q4_K_XL", "", "unsloth/DeepSeek-R1-0528-GGUF", ""},
    {"hf.co/unsloth/DeepSeek-R1-0528-GGUF:TQ1_0", "DeepSeek-R1-0528", "TQ1_0", "", "unsloth/DeepSeek-R1-0528-GGUF", ""},
    {"hf.co/unsloth/DeepSeek-R1-0528-Qwen3-8B-GGUF:Q4_K_XL", "DeepSeek-R1-0528-Qwen3-8B", "UD-Q4_K_XL", "", "unsloth/DeepSeek-R1-0528-Qwen3-8B-GGUF", "DeepSeek-R1-0528-Qwen3-8B-Q4_K_XL.gguf"},
    {"hf.co/unsloth/DeepSeek-R1-0528-Qwen3-8B-GGUF:Q4_K_M", "DeepSeek-R1-0528-Qwen3-8B", "Q4_K_M", "deepseek-r1:8b-0528-qwen3-q4_K_M", "unsloth/DeepSeek-R1-0528-Qwen3-8B-GGUF", "DeepSeek-R1-0528-Qwen3-8B-Q4_K_M.gguf"},
    {"hf.co/unsloth/DeepSeek-R1-0528-Qwen3-8B-GGUF:", "DeepSeek-R1-0528-Qwen3-8B", "Q4_K_M", "deepseek-r1:8b-0528-qwen3-q4_K_M", "unsloth/DeepSeek-R1-0528-Qwen3-8B-GGUF", "DeepSeek-R1-0528-Qwen3-8B-Q4_K_M.gguf"},
    {"huggingface.co/lmstudio-community/DeepSeek-R1-0528-Qwen3-8B-GGUF:latest", "DeepSeek-R1-0528-Qwen3-8B", "Q4_K_M", "deepseek-r1:8b-0528-qwen3-q4_K_M", "lmstudio-community/DeepSeek-R1-0528-Qwen3-8B-GGUF", ""},
    {"hf.co/mradermacher/DeepSeek-R1-Distill-Qwen-14B-GGUF:Q4_K_M", "DeepSeek-R1-Distill-Qwen-14B", "Q4_K_M", "deepseek-r1:14b-qwen-distill-q4_K_M", "", ""},
    {"hf.co/tensorblock/DeepSeek-R1-Distill-Llama-8B-abliterated-GGUF:Q3_K_M", "DeepSeek-R1-Distill-Llama-8B", "Q3_K_M", "", "", ""},
    {"hf.co/tensorblock/DeepSeek-R1-Distill-Qwen-14B-abliterated-v2-GGUF:Q4_K_M", "DeepSeek-R1-Distill-Qwen-14B", "Q4_K_M", "deepseek-r1:14b-qwen-distill-q4_K_M", "", ""},
    {"unsloth/DeepSeek-R1-0528-Qwen3-8B-GGUF:Q8_0", "DeepSeek-R1-0528-Qwen3-8B", "Q8_0", "deepseek-r1:8b-0528-qwen3-q8_0", "unsloth/DeepSeek-R1-0528-Qwen3-8B-GGUF", ""},
    {"unsloth/DeepSeek-R1-0528-GGUF:IQ1_S", "DeepSeek-R1-0528", "IQ1_S", "", "unsloth/DeepSeek-R1-0528-GGUF", ""},
    {"hf:mradermacher/DeepSeek-R1-Distill-Qwen-7B-GGUF:Q4_K_M", "DeepSeek-R1-Distill-Qwen-7B", "Q4_K_M", "deepseek-r1:7b-qwen-distill-q4_K_M", "", ""},
    {"https://huggingface.co/ggml-org/DeepSeek-R1-Distill-Qwen-1.5B-Q4_0-GGUF/resolve/main/deepseek-r1-distill-qwen-1.5b-q4_0.gguf", "DeepSeek-R1-Distill-Qwen-1.5B", "Q4_0", "", "", ""},
    {"https://huggingface.co/bartowski/deepseek-ai_DeepSeek-R1-0528-Qwen3-8B-GGUF/resolve/main/deepseek-ai_DeepSeek-R1-0528-Qwen3-8B-Q4_K_M.gguf", "DeepSeek-R1-0528-Qwen3-8B", "Q4_K_M", "deepseek-r1:8b-0528-qwen3-q4_K_M", "bartowski/deepseek-ai_DeepSeek-R1-0528-Qwen3-8B-GGUF", "deepseek-ai_DeepSeek-R1-0528-Qwen3-8B-Q4_K_M.gguf"},
    {"https://huggingface.co/tensorblock/DeepSeek-R1-Distill-Llama-8B-GGUF/resolve/main/DeepSeek-R1-Distill-Llama-8B-Q4_K_M.gguf", "DeepSeek-R1-Distill-Llama-8B", "Q4_K_M", "deepseek-r1:8b-llama-distill-q4_K_M", "", ""},
    {"https://huggingface.co/lmstudio-community/DeepSeek-R1-Distill-Qwen-1.5B-GGUF/resolve/main/DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf", "DeepSeek-R1-Distill-Qwen-1.5B", "Q4_K_M", "deepseek-r1:1.5b-qwen-distill-q4_K_M", "", ""},
    {"https://huggingface.co/unsloth/DeepSeek-R1-GGUF/resolve/main/DeepSeek-R1-UD-IQ1_S/DeepSeek-R1-UD-IQ1_S-00001-of-00003.gguf?download=true", "DeepSeek-R1", "UD-IQ1_S", "", "unsloth/DeepSeek-R1-GGUF", "DeepSeek-R1-UD-IQ1_S/DeepSeek-R1-UD-IQ1_S-00001-of-00003.gguf"},
    {"https://huggingface.co/unsloth/DeepSeek-R1-GGUF/tree/main/DeepSeek-R1-UD-IQ1_S", "DeepSeek-R1", "UD-IQ1_S", "", "unsloth/DeepSeek-R1-GGUF", "DeepSeek-R1-UD-IQ1_S/DeepSeek-R1-UD-IQ1_S-00001-of-00003.gguf"},
};

struct ErrorRow {
  std::string input;
  std::string message;
  std::string hint;
};

constexpr const char* k_zero_message =
    "DeepSeek-R1-Zero is not in r1tag's catalogue: it is R1's reinforcement-learning-only precursor, with its own "
    "weights and scores";
constexpr const char* k_zero_hint =
    "r1tag explains DeepSeek-R1 itself (also 671B with 37B active, built on DeepSeek-V3-Base), e.g. r1tag explain "
    "DeepSeek-R1-Q4_K_M";

const std::vector<ErrorRow> k_errors = {
    // unknown quant
    {"deepseek-r1:7b-qwen-distill-q4_k_n", "unknown quant 'q4_k_n'", "did you mean Q4_K_M?"},
    {"DeepSeek-R1-Distill-Qwen-7B-Q4_K_N.gguf", "unknown quant 'Q4_K_N'", "did you mean Q4_K_M?"},
    {"DeepSeek-R1-0528-UD-TQ1_0.gguf", "unknown quant 'UD-TQ1_0'",
     "r1tag knows unsloth's dynamic quants UD-IQ1_S, UD-IQ1_M, UD-IQ2_XXS, UD-Q2_K_XL, UD-IQ3_XXS, UD-Q4_K_XL"},
    // R1-Zero: the same words as R1 plus "Zero", never explained as R1 (deepseek-ai/DeepSeek-R1 README §2: 671B, 37B active)
    {"DeepSeek-R1-Zero-Q4_K_M.gguf", k_zero_message, k_zero_hint},
    {"unsloth/DeepSeek-R1-Zero-GGUF", k_zero_message, k_zero_hint},
    {"hf.co/bartowski/deepseek-r1-zero-GGUF:Q8_0", k_zero_message, k_zero_hint},
    // unknown size
    {"deepseek-r1:13b", "deepseek-r1 has no 13b", "did you mean 14b?"},
    {"DeepSeek-R1-Distill-Qwen-13B-Q4_K_M.gguf", "deepseek-r1 has no 13b", "did you mean 14b?"},
    {"deepseek-r1:1t", "deepseek-r1 has no 1t", "did you mean 671b?"},
    {"deepseek-r1:0b", "deepseek-r1 has no 0b", "did you mean 1.5b?"},
    // wrong base for the size
    {"deepseek-r1:7b-llama-distill", "7b is a Qwen distill; there is no 7b-llama-distill", "did you mean 7b-qwen-distill?"},
    {"deepseek-r1:8b-qwen-distill-q4_K_M", "8b is a Llama distill or the 0528 Qwen3 distill; there is no 8b-qwen-distill",
     "did you mean 8b-0528-qwen3?"},
    {"deepseek-r1:671b-llama-distill-q4_K_M", "671b is DeepSeek-R1 itself, not a distill; there is no 671b-llama-distill",
     "did you mean 671b?"},
    // unknown ollama tag, with a suggestion
    {"deepseek-r1:7b-qwen-distll-q4_K_M", "deepseek-r1 has no tag '7b-qwen-distll-q4_K_M'", "did you mean 7b-qwen-distill-q4_K_M?"},
    {"deepseek-r1:7b-qwen-distill", "deepseek-r1 has no tag '7b-qwen-distill'", "did you mean 7b-qwen-distill-q4_K_M?"},
    {"deepseek-r1:7b-q4_K_M", "deepseek-r1 has no tag '7b-q4_K_M'", "did you mean 7b-qwen-distill-q4_K_M?"},
    {"deepseek-r1:foo", "deepseek-r1 has no tag 'foo'", "the tags are listed at ollama.com/library/deepseek-r1/tags"},
    // a quant the ollama library does not have
    {"deepseek-r1:7b-qwen-distill-q5_K_M", "deepseek-r1:7b-qwen-distill has no q5_K_M in the ollama library; it has q4_K_M, q8_0 and fp16",
     "Hugging Face publishers may have it: r1tag explain DeepSeek-R1-Distill-Qwen-7B-Q5_K_M"},
    {"deepseek-r1:671b-0528-iq1_s", "deepseek-r1:671b-0528 has no iq1_s in the ollama library; it has q4_K_M, q8_0 and fp16",
     "Hugging Face publishers may have it: r1tag explain DeepSeek-R1-0528-IQ1_S"},
    // not an R1 model
    {"llama3:8b", "unknown model 'llama3'", "r1tag explains the deepseek-r1 library, e.g. deepseek-r1:7b"},
    {"deepseek-v3:671b", "unknown model 'deepseek-v3'", "did you mean deepseek-r1?"},
    {"Qwen2.5-7B-Instruct-Q4_K_M.gguf", "'Qwen2.5-7B-Instruct-Q4_K_M.gguf' does not name a DeepSeek-R1 model",
     "r1tag explains the DeepSeek-R1 family: its distills and R1 itself"},
    {":7b", "':7b' has no model name before the ':'", "did you mean deepseek-r1:7b?"},
};

bool has_note(const Variant& v, const std::string& text) {
  return std::find(v.notes.begin(), v.notes.end(), text) != v.notes.end();
}

}  // namespace

TEST_CASE("resolver pins model, scheme, ollama tag and file for the real names in the corpus", "[resolver]") {
  const ResolveRow row = GENERATE(from_range(k_resolved));
  CAPTURE(row.input);
  const Variant v = resolve(row.input);
  REQUIRE(v.model != nullptr);
  CHECK(v.model->id == row.model_id);
  CHECK((v.scheme ? v.scheme->name : "") == row.scheme);
  CHECK((v.ollama_tag ? "deepseek-r1:" + std::string(v.ollama_tag->tag) : "") == row.ollama_tag);
  CHECK((v.repo ? v.repo->repo : "") == row.repo);
  CHECK((v.file ? v.file->path : "") == row.file);
}

TEST_CASE("resolver answers every error path with the exact message, hint and exit code", "[resolver]") {
  const ErrorRow row = GENERATE(from_range(k_errors));
  CAPTURE(row.input);
  try {
    (void)resolve(row.input);
    FAIL("resolved without an error");
  } catch (const r1tag::Error& e) {
    CHECK(std::string(e.what()) == row.message);
    CHECK(e.hint() == row.hint);
    CHECK(e.code() == ExitCode::bad_input);
    CHECK(static_cast<int>(e.code()) == 3);
  }
}

TEST_CASE("resolver prints quant names canonically whatever case they were written in", "[resolver]") {
  for (const char* name : {"deepseek-r1:7b-qwen-distill-Q4_K_M", "deepseek-r1:7B-QWEN-DISTILL-Q4_K_M", "DEEPSEEK-R1:7b-qwen-distill-q4_k_m"}) {
    CAPTURE(name);
    const Variant v = resolve(name);
    CHECK(v.scheme->name == "Q4_K_M");
    CHECK(v.ollama_tag->tag == "7b-qwen-distill-q4_K_M");
  }
  CHECK(resolve("hf.co/bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF:iq4_xs").scheme->name == "IQ4_XS");
  CHECK(resolve("deepseek-r1:1.5b-qwen-distill-FP16").scheme->name == "F16");
  CHECK(resolve("DeepSeek-R1-ud-iq1_s-00001-of-00003.gguf").scheme->name == "UD-IQ1_S");
}

TEST_CASE("resolver follows the latest and 8b aliases to the 0528 Qwen3 distill", "[resolver]") {
  CHECK(resolve("deepseek-r1").ollama_tag->tag == "8b-0528-qwen3-q4_K_M");
  CHECK(resolve("deepseek-r1:latest").model->id == "DeepSeek-R1-0528-Qwen3-8B");
  CHECK(resolve("latest").model->id == "DeepSeek-R1-0528-Qwen3-8B");
  CHECK(resolve("deepseek-r1:8b").model->id == "DeepSeek-R1-0528-Qwen3-8B");
}

TEST_CASE("resolver takes unsloth's Q4_K_XL tag for its UD-Q4_K_XL dynamic quant and says so", "[resolver]") {
  const Variant v = resolve("hf.co/unsloth/DeepSeek-R1-0528-Qwen3-8B-GGUF:Q4_K_XL");
  CHECK(v.scheme->name == "UD-Q4_K_XL");
  CHECK(has_note(v, "Q4_K_XL is unsloth's name for its dynamic quant UD-Q4_K_XL"));
}

TEST_CASE("resolver applies ollama's Q4_K_M default to an hf.co reference without a quant", "[resolver]") {
  for (const char* name : {"hf.co/bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF", "hf.co/bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF:latest",
                           "hf.co/bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF:"}) {
    CAPTURE(name);
    const Variant v = resolve(name);
    CHECK(v.scheme->name == "Q4_K_M");
    CHECK(v.file->path == "DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf");
    CHECK(has_note(v, "no quant given: ollama and llama.cpp pick Q4_K_M when the repository has it"));
  }
  CHECK(resolve("bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF").scheme == nullptr);
}

TEST_CASE("resolver never lends another publisher's file to a repository it does not know", "[resolver]") {
  const Variant v = resolve("hf.co/mradermacher/DeepSeek-R1-Distill-Qwen-14B-GGUF:Q4_K_M");
  CHECK(v.repo == nullptr);
  CHECK(v.file == nullptr);
  CHECK_FALSE(v.published);
  CHECK(has_note(v, "mradermacher/DeepSeek-R1-Distill-Qwen-14B-GGUF is not in r1tag's catalogue: no published size for its files"));
}

TEST_CASE("resolver matches file names exactly, since publishers differ only in case", "[resolver]") {
  CHECK(resolve("DeepSeek-R1-Distill-Qwen-7B-f16.gguf").repo->repo == "bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF");
  CHECK(resolve("DeepSeek-R1-Distill-Qwen-7B-F16.gguf").repo->repo == "unsloth/DeepSeek-R1-Distill-Qwen-7B-GGUF");
  CHECK(resolve("deepseek-r1-distill-qwen-32b-q8_0.gguf").file == nullptr);  // ggml-org's name, not bartowski's
}

TEST_CASE("resolver finds the catalogue's first shard from any shard of a split file", "[resolver]") {
  const Variant v = resolve("DeepSeek-R1-UD-IQ1_S-00002-of-00003.gguf");
  REQUIRE(v.file != nullptr);
  CHECK(v.file->path == "DeepSeek-R1-UD-IQ1_S/DeepSeek-R1-UD-IQ1_S-00001-of-00003.gguf");
  CHECK(v.tag.shard->index == 2);
}

TEST_CASE("resolver never matches mradermacher's byte parts with gguf-split shards", "[resolver]") {
  // unsloth's 70B Q6_K is two gguf-split shards; mradermacher's .part1of2 is a different file.
  const Variant v = resolve("DeepSeek-R1-Distill-Llama-70B.i1-Q6_K.gguf.part1of2");
  CHECK(v.file == nullptr);
  CHECK(v.imatrix);
}

TEST_CASE("resolver names the other repositories that publish a file of the same name", "[resolver]") {
  const Variant v = resolve("DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf");
  CHECK(v.repo->repo == "bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF");
  CHECK(has_note(v, "lmstudio-community/DeepSeek-R1-Distill-Qwen-7B-GGUF and unsloth/DeepSeek-R1-Distill-Qwen-7B-GGUF also publish a file of this name"));
}

TEST_CASE("resolver turns every unplaced word into a note", "[resolver]") {
  const Variant v = resolve("hf.co/tensorblock/DeepSeek-R1-Distill-Llama-8B-abliterated-GGUF:Q3_K_M");
  CHECK(v.model->id == "DeepSeek-R1-Distill-Llama-8B");
  CHECK(has_note(v, "could not place 'abliterated' in the name: a fine-tune or re-upload may differ from the original weights these "
                    "figures describe"));
}

TEST_CASE("resolver takes the importance matrix from the publisher's repository, also for files not catalogued",
          "[resolver]") {
  // bartowski quantizes every file with an imatrix; his Llama-70B repository lists only Q4_K_M in the
  // catalogue, and its Q4_0 file keeps ffn_down of the first 80/8 = 10 layers at Q4_1 (llama-quant.cpp).
  CHECK(resolve("bartowski/DeepSeek-R1-Distill-Llama-70B-GGUF:Q4_0").imatrix);
  CHECK(resolve("bartowski/DeepSeek-R1-Distill-Qwen-14B-GGUF:IQ4_XS").imatrix);
  CHECK_FALSE(resolve("deepseek-r1:70b-llama-distill-q4_K_M").imatrix);  // ollama's library: no imatrix
}
