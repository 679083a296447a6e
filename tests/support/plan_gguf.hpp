// Writes the GGUF file a plan describes (r1tag's tensors for a catalogue model at a scheme), as
// llama.cpp's converter and llama-quantize would name and shape it: the header for real, the data a hole.
// With `match_metadata`, a padding key makes the key/value bytes equal the plan's estimate, so the file
// is exactly as large as the plan says. The one way tests, the fake HOME (variant_gguf) and the benches
// write a model's GGUF file; GgufBuilder writes the bytes.
#pragma once

#include <r1tag/gguf/file_size.hpp>
#include <r1tag/tables/catalog.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace r1tag::test {

struct PlanFileOptions {
  bool write_names = true;      // general.name, general.basename, general.size_label
  std::string general_name;     // overrides the name written (default: the model id with spaces)
  std::optional<std::uint32_t> file_type;  // general.file_type
  bool match_metadata = true;   // pad the key/value metadata to the plan's estimate
  KvLayout layout = KvLayout::standard;  // deepseek2: which attention keys to write
  bool imatrix = false;         // quantize.imatrix.file, as llama-quantize writes with --imatrix
  std::uint32_t parts = 1;      // > 1: a gguf-split set "<stem>-0000k-of-0000n.gguf"
  bool write_size_label = true; // with write_names: general.size_label too
  // Tokens written in tokenizer.ggml.tokens (after tokenizer.ggml.model "gpt2"); no tokenizer keys when unset.
  std::optional<std::uint64_t> vocab_tokens;
  // With vocab_tokens and merge_count > 0, also tokenizer.ggml.token_type (one int32 per token) and that
  // many merges, as a BPE model's converter writes them: a header of a real file's size, for benches.
  std::uint64_t merge_count = 0;
};

// Writes `plan` for `model` at `stem` + ".gguf" (or the split parts) and returns the paths in order.
// Throws std::runtime_error when a file cannot be written.
std::vector<std::string> write_plan_gguf(const Model& model, const FileSize& plan, const std::string& stem,
                                         const PlanFileOptions& options = {});

// The same at exactly `paths`, one per part in order (`options.parts` is ignored): for stores whose files
// are not named "<stem>.gguf" (ollama's blobs). Returns each part's size on disk.
std::vector<std::uint64_t> write_plan_gguf_at(const Model& model, const FileSize& plan,
                                              const std::vector<std::string>& paths, const PlanFileOptions& options = {});

// A fresh empty directory under the system's temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return m_path; }
  std::string file(const std::string& name) const { return m_path + "/" + name; }

 private:
  std::string m_path;
};

}  // namespace r1tag::test
