// Everything `explain` says about one resolved name, computed before anything is rendered: the
// variant, the model's exact parameter count, and the file size computed tensor by tensor from
// llama.cpp's rules (when the scheme follows them) next to the published one.
#pragma once

#include <r1tag/tables/catalog.hpp>
#include <r1tag/gguf/file_size.hpp>
#include <r1tag/gguf/plan_cache.hpp>
#include <r1tag/names/resolver.hpp>
#include <r1tag/sources/local_gguf.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace r1tag {

// What explain says about a model file beyond a name's explanation: where it came from, its exact size
// and what its header names (set by explain_file; advice/file_explanation.hpp).
struct FileFacts {
  FileOrigin origin;
  std::uint64_t bytes = 0;                // on disk, all parts
  std::vector<std::uint64_t> part_bytes;  // each part's size
  std::uint32_t version = 0;              // GGUF version of the first part
  std::string general_name;               // general.name, or ""
  std::string basename;                   // general.basename, or ""
  std::string size_label;                 // general.size_label, or ""
  std::string architecture;               // general.architecture
  std::optional<std::uint32_t> file_type;  // general.file_type (llama_ftype)
  std::string file_type_scheme;            // the catalogue scheme with that ftype ("Q4_K_M"), or ""
  // How the catalogue model was recognised: "general.name", "basename and size_label", "shapes";
  // "" when the file is not a catalogue model (variant.model then describes the header alone).
  std::string recognised_by;
  bool memory_modelled = true;  // false: the memory engine does not model this architecture
  std::vector<std::string> unknown;  // what r1tag cannot say for this file, one sentence each
  std::vector<std::string> differences;  // where the file differs from the catalogue's prediction
  std::shared_ptr<const Model> header_model;  // owns variant.model when it is not a catalogue model
};

struct Explanation {
  Variant variant;
  std::uint64_t parameters = 0;  // exact, from the tensor shapes
  KvLayout kv_layout = KvLayout::standard;
  // Null for custom mixes and names without a quant. Shared: aliases of one file share one plan.
  std::shared_ptr<const FileSize> computed;
  std::string computed_caveat;         // one sentence: why the published file differs from the rules, if known
  std::string computed_caveat_detail;  // the investigation behind it, with sources
  std::optional<FileFacts> file;       // set when a file's header was read (basis "header")
};

// The deepseek2 attention layout a variant's GGUF has, from the catalogue entry it was found in.
KvLayout kv_layout_of(const Variant& variant);

// Plans come from `plans`, so explaining several names for one file plans it once.
Explanation explain_variant(const Variant& variant, const Catalog& catalog, PlanCache& plans);
Explanation explain_variant(const Variant& variant, const Catalog& catalog);

// The size to show first and where it came from: an exact published byte count (it is the file), else
// the computed size, else a rounded published one. Returns {0, ""} when neither is known.
struct BestSize {
  std::uint64_t bytes = 0;
  std::string basis;  // "header" (a file was read), "published" or "computed"
};
BestSize best_size(const Explanation& e);

}  // namespace r1tag
