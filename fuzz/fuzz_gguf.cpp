// libFuzzer target for the GGUF header reader and what explain does with a header: any byte string
// must either be read or fail with r1tag::Error (bad_file); a header that is read must explain, with
// memory figures, or fail with r1tag::Error. Any other exception, a crash, UB, a hang or a large
// allocation (run.sh sets -malloc_limit_mb) is a bug. Built and run by fuzz/run.sh (clang only).
#include <r1tag/advice/context_memory.hpp>
#include <r1tag/advice/file_explanation.hpp>
#include <r1tag/common/error.hpp>
#include <r1tag/gguf/gguf_reader.hpp>
#include <r1tag/gguf/memory_byte_source.hpp>
#include <r1tag/tables/catalog.hpp>

#include <cstddef>
#include <cstdint>
#include <span>

namespace {

// The source's size known (a file) and unknown (a stream): the second skips the check that tensor data
// lies inside the source, so hostile headers reach explain_file and the memory engine.
void read_and_explain(std::span<const std::byte> bytes, bool size_known) {
  const r1tag::Catalog& catalog = r1tag::embedded_catalog();
  r1tag::MemoryByteSource source(bytes, "fuzz.gguf", size_known);
  r1tag::GgufReadLimits limits;
  limits.first_chunk_bytes = 4096;  // several refills even for short inputs
  try {
    const r1tag::GgufHeader header = r1tag::read_gguf_header(source, catalog, limits);
    if (header.data_offset < header.header_bytes || header.data_offset % header.alignment != 0) __builtin_trap();
    r1tag::FileOrigin origin;
    origin.display_name = "fuzz.gguf";
    const r1tag::Explanation e = r1tag::explain_file({header}, {header.data_end()}, origin, catalog);
    if (e.variant.model == nullptr || !e.computed || !e.file) __builtin_trap();
    r1tag::MemoryQuestion q;
    q.context_tokens = {4096};
    (void)r1tag::memory_by_context(e, q, catalog);
  } catch (const r1tag::Error& error) {
    if (error.code() == r1tag::ExitCode::internal) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(data), size);
  read_and_explain(bytes, true);
  read_and_explain(bytes, false);
  return 0;
}
