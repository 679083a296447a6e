// Reads a GGUF header (v2 and v3, little-endian) through a ByteSource: front to back, in growing
// chunks, never past the tensor infos and never the tensor data. Every count and length is checked
// against the bytes available and against GgufReadLimits before anything is allocated or looped over,
// so a hostile file costs at most O(its header) memory and time.
#pragma once

#include <r1tag/gguf/byte_source.hpp>
#include <r1tag/gguf/gguf_header.hpp>
#include <r1tag/tables/catalog.hpp>

#include <cstdint>
#include <span>

namespace r1tag {

// Caps a header must stay under. The defaults are far above any published model (DeepSeek-R1 671B:
// 1,025 tensors, ~50 keys, a header of ~10 MB with its 129,280-token vocabulary) and far below what
// would hurt the machine.
struct GgufReadLimits {
  std::uint64_t max_header_bytes = 256ull << 20;     // magic to the end of the tensor infos
  std::uint64_t max_tensor_count = 1u << 20;
  std::uint64_t max_metadata_count = 1u << 20;
  std::uint64_t max_string_bytes = 16u << 20;        // one key or string value
  std::uint64_t max_tensor_name_bytes = 4096;        // ggml's own limit is 64 (GGML_MAX_NAME)
  std::uint32_t max_array_depth = 8;                 // arrays of arrays of …
  std::uint64_t max_kept_array_length = 4096;        // integer arrays kept in GgufArray::integers
  std::uint64_t first_chunk_bytes = 64u << 10;       // the first read; each later read doubles, up to
  std::uint64_t max_chunk_bytes = 8u << 20;          // this
};

// Reads the header of `source`. `ggml_types` (Catalog::ggml_types) gives each tensor's type name and
// data bytes; a type id not among them is an error.
// Checks: magic "GGUF"; version 2 or 3 (1 and big-endian files: refused with a clear message); counts,
// string and array lengths against the bytes left and the limits; n_dims 1–4; dims whose product
// overflows; ne[0] a multiple of the type's block size; general.alignment a power of two; tensor
// offsets aligned, not overlapping, and (when the source's size is known) inside the source; duplicate
// tensor names.
// Throws Error (ExitCode::bad_file) with one line naming the source, what was wrong and the byte
// offset: "bad.gguf: tensor 12 'blk.0.attn_q.weight': type id 255 is not a ggml type (byte 41,233)".
// Errors of the source itself (unreadable file, network) pass through as thrown.
GgufHeader read_gguf_header(ByteSource& source, std::span<const GgmlType> ggml_types,
                            const GgufReadLimits& limits = {});

// The same from a Catalog's ggml types.
GgufHeader read_gguf_header(ByteSource& source, const Catalog& catalog, const GgufReadLimits& limits = {});

// True when `bytes` (the first 4 bytes or more of a file) start with the GGUF magic: how an ollama
// blob (`sha256-…`, no extension) is recognised as a model.
bool starts_with_gguf_magic(std::span<const std::byte> bytes);

}  // namespace r1tag
