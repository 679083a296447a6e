// Which runtime version is installed: `ollama --version` and `llama-server --version` found on the PATH of
// cli::Environment, run with no stdin and a time limit, their version read from what they print. fit and
// explain model that version's profile when --runtime names no version.
#pragma once

#include "cli/app.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace r1tag::cli {

struct InstalledRuntime {
  std::string version;  // "0.32.15" (ollama) or "10488" (llama-server's build number)
  std::string program;  // the path that answered
};

// The version `runtime` ("ollama" or "llama.cpp") reports, or nullopt when it is not on PATH, does not
// answer within a second, or prints no version.
std::optional<InstalledRuntime> installed_runtime(std::string_view runtime, const Environment& env);

// The version in a program's --version output: ollama's "ollama version is 0.32.15" (also "client version
// is …" when no server runs), llama-server's "version: 10488 (25ae3a9b)". Empty when there is none.
std::string version_from_output(std::string_view runtime, std::string_view output);

struct RuntimeSelection {
  std::string spec;       // for select_runtime: "ollama", "ollama@0.32.15", "llama.cpp@10488"
  std::string because;    // one line for the user when an installed version chose it; empty otherwise
};

// --runtime as given (`flag`, empty = llama.cpp); without a version, the installed version of that runtime.
RuntimeSelection choose_runtime(const std::string& flag, const Environment& env);

}  // namespace r1tag::cli
