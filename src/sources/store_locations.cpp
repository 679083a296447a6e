#include <r1tag/sources/store_locations.hpp>

#include <filesystem>

namespace r1tag {

namespace {

std::string joined(const std::string& base, const char* tail) {
  if (base.empty()) return {};
  return (std::filesystem::path(base) / tail).string();
}

bool is_directory(const std::string& path) {
  std::error_code ignored;
  return !path.empty() && std::filesystem::is_directory(path, ignored);
}

}  // namespace

const char* to_string(StoreKind kind) {
  switch (kind) {
    case StoreKind::ollama: return "ollama";
    case StoreKind::huggingface: return "huggingface";
    case StoreKind::llama_cpp: return "llama.cpp";
    case StoreKind::lm_studio: return "lm-studio";
  }
  return "unknown";
}

std::vector<StoreRoot> store_roots(const StoreVariables& v) {
  std::vector<StoreRoot> roots;
  const auto add = [&](StoreKind store, const std::string& path) {
    if (!path.empty()) roots.push_back({store, path});
  };
  // XDG_CACHE_HOME moves both caches' default parent (huggingface_hub constants.py; llama.cpp
  // fs_get_cache_directory on Linux).
  const std::string cache = !v.xdg_cache_home.empty() ? v.xdg_cache_home : joined(v.home, ".cache");

  if (!v.ollama_models.empty()) {
    add(StoreKind::ollama, v.ollama_models);
  } else {
    const std::string user = joined(v.home, ".ollama/models");
    const std::string service = joined(v.sysroot.empty() ? std::string("/") : v.sysroot, "usr/share/ollama/.ollama/models");
    // Only for a real user (HOME set): tests and sandboxes without HOME never read the machine's store.
    if (!v.home.empty()) add(StoreKind::ollama, is_directory(user) || !is_directory(service) ? user : service);
  }

  if (!v.hf_hub_cache.empty()) add(StoreKind::huggingface, v.hf_hub_cache);
  else if (!v.hf_home.empty()) add(StoreKind::huggingface, joined(v.hf_home, "hub"));
  else add(StoreKind::huggingface, joined(cache, "huggingface/hub"));

  add(StoreKind::llama_cpp, !v.llama_cache.empty() ? v.llama_cache : joined(cache, "llama.cpp"));

  add(StoreKind::lm_studio, joined(v.home, ".lmstudio/models"));
  add(StoreKind::lm_studio, joined(v.home, ".cache/lm-studio/models"));
  return roots;
}

}  // namespace r1tag
