#include "cli/gpus_command.hpp"

#include <r1tag/common/error.hpp>

#include "render/gpus_render.hpp"

#include "common/ascii.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace r1tag::cli {

namespace {

std::string folded(std::string_view s) {
  std::string out;
  for (const char c : s)
    if (c != ' ' && c != '-') out += detail::to_lower(c);
  return out;
}

bool matches(const Device& d, const std::string& filter) {
  if (filter.empty()) return true;
  const std::string want = folded(filter);
  if (folded(d.name).find(want) != std::string::npos || folded(d.kind) == want || folded(d.vendor) == want) return true;
  return std::any_of(d.aliases.begin(), d.aliases.end(), [&](std::string_view a) { return folded(a).find(want) != std::string::npos; });
}

}  // namespace

void add_gpus_command(CLI::App& app, GpusOptions& options) {
  CLI::App* cmd = app.add_subcommand("gpus", "List the GPUs, Apple chips and CPU platforms that --gpu understands");
  cmd->add_option("filter", options.filter, "Only devices whose name, alias, vendor or kind (gpu, apple, cpu) matches");
  cmd->add_flag("--json", options.json, "Print one JSON document with every figure's source");
  cmd->footer("Examples:\n  r1tag gpus\n  r1tag gpus 4090\n  r1tag gpus apple\n  r1tag gpus --json | jq '.devices[].name'");
}

CommandResult run_gpus(const GpusOptions& options, const Catalog& catalog) {
  std::vector<const Device*> devices;
  for (const Device& d : catalog.devices)
    if (matches(d, options.filter)) devices.push_back(&d);
  if (devices.empty()) {
    throw Error::bad_input(fmt::format("no device matches '{}'", options.filter), "run 'r1tag gpus' to see them all");
  }
  CommandResult result;
  result.out = options.json ? render_gpus_json(devices) : render_gpus_text(devices);
  return result;
}

}  // namespace r1tag::cli
