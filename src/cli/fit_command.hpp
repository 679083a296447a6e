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
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace r1tag::cli {

struct FitOptions {
  HardwareFlags hardware;
  std::string prefer = "balanced";
  std::string ctx = "8192";
  std::string kv_type = "f16";
  std::string flash_attn = "on";
  std::string runtime = "llama.cpp";
  std::string model;
  std::string family;
  std::vector<std::string> tensor_split;
  std::string headroom;
  std::int64_t top = 5;  // signed, so that --top -1 is refused rather than read as a huge count
  bool all = false;
  bool json = false;
  bool installed = false;  // rank the models installed on this machine instead of the catalogue
};

void add_fit_command(CLI::App& app, FitOptions& options);

// The request `fit` places variants for; `list` uses it for its per-row fit. Throws Error (usage) for bad
// or missing hardware flags and bad values.
FitRequest build_fit_request(const FitOptions& options, const Catalog& catalog);

CommandResult run_fit(const FitOptions& options, const Catalog& catalog, const TextStyle& style, const Environment& env);

}  // namespace r1tag::cli
