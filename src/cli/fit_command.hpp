// `r1tag fit`: the variants that fit a hardware budget, best first.
#pragma once

#include <r1tag/advice/advisor.hpp>
#include <r1tag/tables/catalog.hpp>

#include "cli/app.hpp"
#include "cli/explain_command.hpp"
#include "cli/hardware_flags.hpp"
#include "render/explain_render.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace r1tag::cli {

// fit's context when neither --ctx nor the runtime sets one: R1's reasoning traces run to thousands of tokens.
inline constexpr std::string_view k_fit_default_context = "8192";

struct FitOptions {
  HardwareFlags hardware;
  std::string prefer = "balanced";
  std::string ctx;  // empty: the runtime's default for the VRAM (ollama), else k_fit_default_context
  std::string kv_type = "f16";
  std::string flash_attn = "on";
  std::string runtime;  // empty: llama.cpp; without @VERSION, the installed version if one answers
  std::string model;
  std::string family;
  std::vector<std::string> tensor_split;
  std::string headroom;
  std::int64_t top = 5;  // signed, so that --top -1 is refused rather than read as a huge count
  bool all = false;
  bool json = false;
  bool installed = false;  // rank the models installed on this machine instead of the catalogue
  RemoteFlags remote_flags;  // --remote: `model` is a Hub or ollama registry name, read online
};

void add_fit_command(CLI::App& app, FitOptions& options);

struct Environment;
struct Hardware;

// The request `fit` places variants for, on `hardware` (flags, or the detected machine); `list` uses it for
// its per-row fit. Throws Error (usage) for missing hardware and bad values.
FitRequest build_fit_request(const FitOptions& options, const Catalog& catalog, const Hardware& hardware,
                             const Environment& env);

// Without --vram/--gpus/--gpu/--ram, plans for the machine `env` describes (detected; see system_command).
CommandResult run_fit(const FitOptions& options, const Catalog& catalog, const TextStyle& style, const Environment& env);

}  // namespace r1tag::cli
