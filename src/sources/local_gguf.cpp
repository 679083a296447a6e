#include <r1tag/sources/local_gguf.hpp>

#include <r1tag/sources/file_byte_source.hpp>
#include <r1tag/sources/split_set.hpp>

namespace r1tag {

namespace {

// An ollama blob: "sha256-<64 hex>" (or the older "sha256:<hex>"), a GGUF without an extension.
bool is_ollama_blob_name(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  return name.starts_with("sha256-") || name.starts_with("sha256:");
}

}  // namespace

LocalGguf read_local_gguf(const std::string& path, const Catalog& catalog, const GgufReadLimits& limits) {
  LocalGguf file;
  file.origin.display_name = path;
  file.origin.paths = split_set_paths(path);
  if (file.origin.paths.size() > 1) file.origin.kind = "split_set";
  else if (is_ollama_blob_name(path)) file.origin.kind = "ollama_blob";
  for (const std::string& part : file.origin.paths) {
    FileByteSource source(part);
    file.part_bytes.push_back(*source.size_bytes());
    file.headers.push_back(read_gguf_header(source, catalog, limits));
  }
  return file;
}

}  // namespace r1tag
