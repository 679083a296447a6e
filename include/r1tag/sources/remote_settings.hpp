// Where --remote looks and with what: endpoints, the Hugging Face token, the cache folder, timeouts.
// Read from environment variables the CLI passes in (the library never calls getenv), as
// huggingface_hub reads them: HF_ENDPOINT, HF_TOKEN, else HF_TOKEN_PATH, else $HF_HOME/token, else
// ~/.cache/huggingface/token.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace r1tag {

struct RemoteSettings {
  std::string hf_endpoint = "https://huggingface.co";     // HF_ENDPOINT (mirrors)
  std::string ollama_registry = "https://registry.ollama.ai";  // R1TAG_OLLAMA_REGISTRY
  std::string hf_token;                                    // never printed
  std::string hf_token_source;                             // "HF_TOKEN", or the token file's path
  std::filesystem::path cache_dir;                         // empty: no cache (neither XDG_CACHE_HOME nor HOME)
  bool offline = false;                                    // answer from the cache only
  std::chrono::milliseconds timeout{60'000};               // the whole command's requests
};

using VariableLookup = std::function<std::string_view(std::string_view)>;

// Settings from the environment; reads the token file when HF_TOKEN is not set.
RemoteSettings remote_settings(const VariableLookup& variable);

// $XDG_CACHE_HOME/r1tag, else $HOME/.cache/r1tag, else empty.
std::filesystem::path cache_dir(const VariableLookup& variable);

}  // namespace r1tag
