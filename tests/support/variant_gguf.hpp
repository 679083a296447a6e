// GGUF files of catalogue variants for the fake HOME's stores, tests and benches, named as a store names
// them: the tensors r1tag plans for a model at a scheme, the hyperparameter keys llama.cpp writes and a
// vocabulary of the model's size, written by plan_gguf (the one GGUF file writer of the tests) and
// extended sparse to the full file size. A split variant is cut into parts as gguf-split does: metadata in
// part 1, split.* keys in every part.
#pragma once

#include <r1tag/gguf/file_size.hpp>
#include <r1tag/tables/catalog.hpp>

#include "support/plan_gguf.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace r1tag::test {

struct VariantFile {
  std::string model_id = "DeepSeek-R1-Distill-Qwen-7B";
  std::string scheme = "Q4_K_M";
  std::string general_name;  // general.name; empty: none written
  std::uint32_t parts = 1;   // gguf-split parts
  // Tokens written in tokenizer.ggml.tokens: the model's vocabulary by default (a header's real bulk).
  std::optional<std::uint64_t> vocab_tokens;
  // With merge_count > 0, also tokenizer.ggml.token_type (one int32 per token) and that many merges, as a
  // BPE model's converter writes them: a header of a real file's size, for benches.
  std::uint64_t merge_count = 0;
};

inline VariantFile variant(std::string model_id, std::string scheme, std::string general_name, std::uint32_t parts = 1) {
  VariantFile v;
  v.model_id = std::move(model_id);
  v.scheme = std::move(scheme);
  v.general_name = std::move(general_name);
  v.parts = parts;
  return v;
}

// Part `part` (0-based) of a variant whose part 1 is at `path`: "…-00001-of-0000N.gguf" with the part's
// number in place of 00001; `path` itself when the variant is one file.
inline std::string part_path(const std::string& path, std::uint32_t part, std::uint32_t parts) {
  if (parts == 1) return path;
  const std::string first = "-00001-of-";
  const std::size_t at = path.rfind(first);
  if (at == std::string::npos) throw std::runtime_error("a split variant's path must name part 1: " + path);
  std::string digits = std::to_string(part + 1);
  digits.insert(0, 5 - std::min<std::size_t>(5, digits.size()), '0');
  std::string named = path;
  named.replace(at + 1, 5, digits);
  return named;
}

// Writes the variant at `path` (a split variant: `path` is part 1's path, "…-00001-of-0000N.gguf", and
// the other parts are written beside it). Returns every part's size on disk, in order.
inline std::vector<std::uint64_t> write_variant(const std::string& path, const VariantFile& v, const Catalog& catalog) {
  const Model* model = catalog.find_model(v.model_id);
  const QuantScheme* scheme = catalog.find_scheme(v.scheme);
  if (model == nullptr || scheme == nullptr) throw std::runtime_error("unknown model or scheme " + v.model_id + " " + v.scheme);
  const auto plan = compute_file_size(*model, *scheme, catalog, QuantOptions{}, KvLayout::standard);
  if (!plan) throw std::runtime_error("no plan for " + v.model_id + " " + v.scheme);
  std::vector<std::string> paths;
  for (std::uint32_t part = 0; part < v.parts; ++part) paths.push_back(part_path(path, part, v.parts));
  PlanFileOptions options;
  options.write_names = !v.general_name.empty();
  options.general_name = v.general_name;
  options.write_size_label = false;
  options.file_type = scheme->ftype_id;
  options.match_metadata = false;
  options.vocab_tokens = v.vocab_tokens.value_or(model->hparams.vocab_size);
  options.merge_count = v.merge_count;
  return write_plan_gguf_at(*model, *plan, paths, options);
}

}  // namespace r1tag::test
