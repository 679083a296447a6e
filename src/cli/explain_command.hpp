// `r1tag explain TAG…`: what each name means, from the catalogue.
#pragma once

#include <r1tag/tables/catalog.hpp>

#include "cli/hardware_flags.hpp"
#include "render/explain_render.hpp"

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace r1tag::cli {

// --remote, --offline, --timeout: shared by explain and fit (src/cli/remote_command.cpp).
struct RemoteFlags {
  bool remote = false;
  bool offline = false;
  double timeout_seconds = 60;
};

struct ExplainOptions {
  std::vector<std::string> tags;
  bool json = false;
  bool tensors = false;
  std::string ctx = "8192";
  std::string kv_type = "f16";
  std::string flash_attn = "on";
  std::string runtime = "llama.cpp";
  HardwareFlags hardware;
  RemoteFlags remote_flags;
};

void add_explain_command(CLI::App& app, ExplainOptions& options);

struct CommandResult {
  std::string out;  // written to stdout once, after success
  std::string err;  // diagnostics
  int exit_code = 0;
};

struct Environment;

// Without --vram/--gpus/--gpu/--ram, memory and speed are for the machine `env` describes (detected);
// `env` also gives the ollama store (an installed ollama name is explained from its file) and, only with
// --remote, the endpoints, token and cache folder.
CommandResult run_explain(const ExplainOptions& options, const Catalog& catalog, const TextStyle& style, const Environment& env);

}  // namespace r1tag::cli
