#include <r1tag/advice/installed_model.hpp>

#include <r1tag/advice/file_explanation.hpp>
#include <r1tag/common/error.hpp>
#include <r1tag/gguf/gguf_reader.hpp>
#include <r1tag/sources/file_byte_source.hpp>

#include <fmt/format.h>

namespace r1tag {

const char* origin_kind(StoreKind store) {
  switch (store) {
    case StoreKind::ollama: return "ollama";
    case StoreKind::huggingface: return "huggingface_cache";
    case StoreKind::llama_cpp: return "llama_cpp_cache";
    case StoreKind::lm_studio: return "lm_studio";
  }
  return "file";
}

namespace {

// Local files are read in chunks of 512 KiB from the first (the reader's default starts at 64 KiB and
// grows to 8 MiB, for slow sources): one buffer of one size, small enough to come from the heap and stay
// there when freed (below the mmap and trim thresholds the CLI sets), so the next file reuses its pages
// instead of faulting in fresh ones. r1tag list reads dozens of headers of ~5 MB each; page faults were
// the largest cost after the copy itself.
GgufReadLimits local_file_limits() {
  constexpr std::uint64_t k_chunk_bytes = std::uint64_t{512} << 10;
  GgufReadLimits limits;
  limits.first_chunk_bytes = k_chunk_bytes;
  limits.max_chunk_bytes = k_chunk_bytes;
  return limits;
}

}  // namespace

InstalledModel explain_installed(InstalledFile file, const Catalog& catalog) {
  InstalledModel model;
  model.file = std::move(file);
  const InstalledFile& f = model.file;
  if (!f.missing_parts.empty()) {
    model.unreadable = fmt::format("{}: part {} of {} of the split set is missing", f.name, f.missing_parts.front(), f.split_count);
    return model;
  }
  try {
    std::vector<GgufHeader> headers;
    std::vector<std::uint64_t> part_bytes;
    for (const std::string& path : f.paths) {
      FileByteSource source(path);
      part_bytes.push_back(source.size_bytes().value_or(0));
      headers.push_back(read_gguf_header(source, catalog, local_file_limits()));
    }
    const FileOrigin origin{origin_kind(f.store), f.name, f.paths};
    model.explanation = explain_file(headers, part_bytes, origin, catalog);
  } catch (const Error& e) {
    // One line, as the CLI prints errors; the file stays listed with its size.
    model.unreadable = e.hint().empty() ? std::string(e.what()) : fmt::format("{}; {}", e.what(), e.hint());
  }
  return model;
}

std::vector<InstalledModel> explain_installed(std::vector<InstalledFile> files, const Catalog& catalog,
                                              ProgressSink* progress) {
  std::vector<InstalledModel> models;
  models.reserve(files.size());
  for (InstalledFile& f : files) {
    if (progress != nullptr)
      progress->step(fmt::format("reading the header of {} ({} of {})", f.name, models.size() + 1, files.size()));
    models.push_back(explain_installed(std::move(f), catalog));
  }
  return models;
}

}  // namespace r1tag
