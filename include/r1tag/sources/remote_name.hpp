// What a --remote name points at: a Hugging Face repository (and quant, or file), or an ollama registry
// model. Pure: no I/O. `owner/repo:TAG` could be either; the rule below picks one and says why, and the
// caller tries the other when the first has no such name.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace r1tag {

enum class Registry { huggingface, ollama };

struct RemoteName {
  Registry registry = Registry::huggingface;
  bool ambiguous = false;  // `owner/repo[:TAG]` without a host: the other registry is the fallback
  std::string reason;      // why this registry, for the note an ambiguous name gets
  // Hugging Face: repo "owner/name", revision, and a quant label or a file path inside the repo; neither
  // means "list the repository's GGUF files".
  std::string repo;
  std::string revision = "main";
  std::string quant;
  std::string path;
  // ollama registry: registry.ollama.ai/<ns>/<model>:<tag>
  std::string ns = "library";
  std::string model;
  std::string tag = "latest";
};

// Reads hf.co/owner/repo:QUANT, huggingface.co/…, https://huggingface.co/owner/repo[/(blob|resolve)/REV/path],
// owner/repo[:TAG], model[:tag], registry.ollama.ai/ns/model:tag. Throws Error (bad_input) otherwise.
// The ambiguity rule for owner/repo:TAG: a quant label tag (UD-IQ1_S, Q4_K_M), a repo name ending in
// -GGUF or holding capitals says Hugging Face (llama.cpp's -hf form); otherwise ollama, whose names are
// lowercase and whose tags are sizes (14b) or size-quant pairs.
RemoteName parse_remote_name(std::string_view text);

// The same name read the other way (for the fallback of an ambiguous name).
RemoteName other_registry(const RemoteName& name);

// "hf.co/owner/repo:QUANT" or "registry.ollama.ai/ns/model:tag": what r1tag read, for messages.
std::string describe(const RemoteName& name);

// How llama-server fetches the same file (llama.cpp's -hf and --hf-file): {"-hf", "owner/repo:QUANT"}, or
// {"-hf", "owner/repo", "--hf-file", PATH} for a file named by its path; empty for an ollama name.
std::vector<std::string> llama_server_source(const RemoteName& name);

// The name `ollama run` pulls: "deepseek-r1:7b" (the library namespace left out, as ollama shows it),
// "huihui_ai/deepseek-r1-abliterated:14b"; empty for a Hugging Face name.
std::string ollama_run_name(const RemoteName& name);

}  // namespace r1tag
