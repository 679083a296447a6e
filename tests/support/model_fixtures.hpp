// Model files the tests, goldens and benches write (sparse, in a temp dir): catalogue variants from
// their plans, models outside the catalogue (Llama-3.2-3B), and hostile files.
#pragma once

#include <r1tag/advice/explanation.hpp>
#include <r1tag/tables/catalog.hpp>

#include "support/plan_gguf.hpp"

#include <string>
#include <vector>

namespace r1tag::test {

// Llama-3.2-3B-Instruct (meta-llama/Llama-3.2-3B-Instruct config.json: hidden_size 3072, 28 layers,
// 24 heads, 8 KV heads, head_dim 128, intermediate_size 8192, vocab 128256, tied embeddings, llama3 rope
// scaling, max_position_embeddings 131072).
Model llama_3_2_3b();

// The file the tag path plans for `tag` (its model, scheme, layout and imatrix), as llama.cpp names it;
// a publisher variant (_L) gets its base scheme's file type, as llama-quantize writes it.
std::vector<std::string> write_variant(const Explanation& tag, const std::string& stem, PlanFileOptions options = {});

// `model` at Q4_K_M under `general_name`, metadata unpadded; returns the path.
std::string write_foreign(const Model& model, const std::string& general_name, const std::string& stem);

// The fixtures of tests/golden/explain_file/ and the bench, in `dir`:
//   model.gguf (deepseek-r1:7b), renamed-14b.gguf (bartowski's 14B Q4_K_L, no names in the header),
//   DeepSeek-R1-Q4_K_M-0000{1,2,3}-of-00003.gguf, Llama-3.2-3B-Instruct-Q4_K_M.gguf, gemma.gguf (an
//   architecture r1tag does not model), and hostile files: bad-magic.gguf, truncated.gguf, version1.gguf,
//   a directory x.gguf, and incomplete-00001-of-00002.gguf without its part 2.
void write_explain_fixtures(const std::string& dir);

}  // namespace r1tag::test
