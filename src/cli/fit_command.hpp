// `r1tag fit`: the variants that fit a hardware budget, best first.
#pragma once

#include <r1tag/catalog.hpp>

#include "cli/explain_command.hpp"
#include "render/explain_render.hpp"

#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace r1tag::cli {

struct FitOptions {
  std::string vram;                // one GPU: "8GB"
  std::string gpu;                 // by name: "4090", "2x3090", "M2 Max 32GB"
  std::string cpu;                 // the CPU platform, by name, for the speed of RAM layers
  std::string prefer = "balanced";
  std::vector<std::string> gpus;   // several: "24GB,24GB"
  std::string ram;
  std::string ctx = "8192";
  std::string kv_type = "f16";
  std::string flash_attn = "on";
  std::string runtime = "llama.cpp";
  std::string model;
  std::string family;
  std::vector<std::string> tensor_split;
  std::string headroom;
  std::size_t top = 5;
  bool all = false;
  bool json = false;
};

void add_fit_command(CLI::App& app, FitOptions& options);

CommandResult run_fit(const FitOptions& options, const Catalog& catalog, const TextStyle& style);

}  // namespace r1tag::cli
