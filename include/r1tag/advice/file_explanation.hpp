// `explain` for a model file: what its GGUF headers say (exact tensors, sizes, hyperparameters), and
// what the catalogue adds when the header names an R1-family model or has its shapes (meaning, scores,
// quality), with where the file differs from what the catalogue predicts for its scheme.
// The shared entry point for local files, installed models and remote headers.
#pragma once

#include <r1tag/advice/explanation.hpp>
#include <r1tag/gguf/gguf_header.hpp>
#include <r1tag/sources/local_gguf.hpp>
#include <r1tag/tables/catalog.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace r1tag {

// Explains the model whose split-set parts (in order; one for a single file) have `headers`, each
// taking `part_bytes` on disk (for a remote file, its size). The result is an Explanation whose
// `file` member is set (basis "header"):
// - `variant.model` is the catalogue model the header names (general.name, basename + size_label) or,
//   without any name, whose architecture, block count, embedding length and vocabulary it has; else
//   a model described by the header alone, named by its general.name (never a catalogue id).
// - `computed` is the file itself: every tensor with its real type and bytes, exact metadata, and
//   total_bytes the sum of part_bytes; memory_by_context works on it as on a plan.
// Throws Error (bad_file) when the parts do not form one model (split.count or split.no disagree with
// the parts given, a tensor in two parts); `origin` names them in messages.
Explanation explain_file(const std::vector<GgufHeader>& headers, const std::vector<std::uint64_t>& part_bytes,
                         const FileOrigin& origin, const Catalog& catalog);

// The same for a file read by read_local_gguf.
Explanation explain_file(const LocalGguf& file, const Catalog& catalog);

}  // namespace r1tag
