#include <r1tag/sources/installed_models.hpp>

#include <r1tag/sources/gguf_directory_store.hpp>
#include <r1tag/sources/hf_cache_store.hpp>
#include <r1tag/sources/ollama_store.hpp>
#include <r1tag/sources/split_grouping.hpp>

#include <set>
#include <utility>

namespace r1tag {

namespace {

StoreScan scan_root(const StoreRoot& root) {
  switch (root.store) {
    case StoreKind::ollama: return scan_ollama_store(root.path);
    case StoreKind::huggingface: return scan_hf_cache(root.path, root.store);
    case StoreKind::llama_cpp: {
      // llama.cpp's cache holds its own flat downloads and, since it adopted the Hugging Face layout for
      // -hf downloads, models--owner--repo folders; both are listed.
      StoreScan scan = scan_gguf_directory(root.path, root.store);
      StoreScan hub = scan_hf_cache(root.path, root.store);
      for (InstalledFile& f : hub.files) scan.files.push_back(std::move(f));
      for (std::string& w : hub.warnings) scan.warnings.push_back(std::move(w));
      return scan;
    }
    case StoreKind::lm_studio: return scan_gguf_directory(root.path, root.store);
  }
  return {};
}

}  // namespace

StoreScan installed_models(const StoreVariables& variables, ProgressSink* progress) {
  StoreScan all;
  std::set<std::pair<std::uint64_t, std::uint64_t>> seen;  // (device, inode) of each listed file
  for (const StoreRoot& root : store_roots(variables)) {
    report_step(progress, "looking in " + root.path);
    StoreScan scan = scan_root(root);
    for (std::string& w : scan.warnings) all.warnings.push_back(std::move(w));
    for (InstalledFile& file : group_split_parts(std::move(scan.files))) {
      // A set with no part present cannot occur; a file reached twice (two snapshots, an LM Studio link
      // into the Hugging Face cache, LLAMA_CACHE pointing at the hub) is listed where it was first found.
      if (!seen.emplace(file.device_id, file.inode).second) continue;
      all.files.push_back(std::move(file));
    }
  }
  return all;
}

}  // namespace r1tag
