// The resolver: a ParsedTag matched against the catalogue. It decides which model and quant
// scheme a name means, where that variant is published and its published size, and turns
// anything that does not exist into an Error with a suggestion.
#pragma once

#include <r1tag/tables/catalog.hpp>
#include <r1tag/names/tag.hpp>

#include <optional>
#include <string>
#include <vector>

namespace r1tag {

// Where a published size was found.
struct PublishedFile {
  PublishedSize size;
  std::string where;  // "ollama deepseek-r1:7b-qwen-distill-q4_K_M" or "bartowski/…-GGUF/…Q4_K_M.gguf"
  std::uint32_t shards = 1;
};

struct Variant {
  ParsedTag tag;
  const Model* model = nullptr;
  const QuantScheme* scheme = nullptr;     // nullptr when the name carries no quant (a repository)
  const OllamaTag* ollama_tag = nullptr;   // the library tag for this model and scheme, if one exists
  const HfRepo* repo = nullptr;            // the repository the name points into, if known
  const HfFile* file = nullptr;            // that repository's file for the scheme, if known
  std::optional<PublishedFile> published;  // the published size of exactly this file, if known
  bool imatrix = false;                    // quantized with an importance matrix (publisher or name says so)
  std::vector<std::string> notes;          // things the user should know (unplaced words, defaults applied)
};

// Resolves `tag` against `catalog`; throws Error (bad_input) with a hint when the name does not
// denote a variant that exists, e.g. "deepseek-r1 has no 13b" / "did you mean 14b?".
Variant resolve(const ParsedTag& tag, const Catalog& catalog);

}  // namespace r1tag
