// Where each local model store lives, from the environment variables the stores' own tools read. The
// CLI passes the variables in as plain values, so the library never reads the process environment and
// tests point every store into a fake HOME.
#pragma once

#include <r1tag/sources/installed_file.hpp>

#include <string>
#include <vector>

namespace r1tag {

// The variables that move a store (empty = unset).
struct StoreVariables {
  std::string home;            // $HOME
  std::string ollama_models;   // $OLLAMA_MODELS
  std::string hf_hub_cache;    // $HF_HUB_CACHE
  std::string hf_home;         // $HF_HOME
  std::string xdg_cache_home;  // $XDG_CACHE_HOME (the Hugging Face and llama.cpp caches' default parent)
  std::string llama_cache;     // $LLAMA_CACHE
  // Prefix of system-wide paths (the ollama Linux service's /usr/share/ollama); $R1TAG_SYSROOT, so tests
  // never see the machine's own stores. Empty = "/".
  std::string sysroot;
};

struct StoreRoot {
  StoreKind store = StoreKind::ollama;
  std::string path;  // absolute; may not exist
};

// Every directory `r1tag list` looks in, in a fixed order (ollama, Hugging Face, llama.cpp, LM Studio):
//  - ollama: $OLLAMA_MODELS, else ~/.ollama/models (ollama/ollama envconfig/config.go `Models()`), else the
//    Linux service install's /usr/share/ollama/.ollama/models (docs/faq.mdx) when ~/.ollama/models is absent;
//  - Hugging Face: $HF_HUB_CACHE, else $HF_HOME/hub, else ${XDG_CACHE_HOME:-~/.cache}/huggingface/hub
//    (huggingface_hub src/huggingface_hub/constants.py);
//  - llama.cpp `-hf` downloads: $LLAMA_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/llama.cpp (llama.cpp
//    common/common.cpp `fs_get_cache_directory`);
//  - LM Studio: ~/.lmstudio/models, and ~/.cache/lm-studio/models where older versions kept them.
// Without HOME only the variables' own directories are returned.
std::vector<StoreRoot> store_roots(const StoreVariables& variables);

}  // namespace r1tag
