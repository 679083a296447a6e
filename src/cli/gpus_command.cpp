#include "cli/gpus_command.hpp"

#include <r1tag/common/byte_size.hpp>
#include <r1tag/common/error.hpp>

#include "render/gpus_render.hpp"

#include "common/ascii.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
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

// The flags beside FILTER, checked once: a kind r1tag does not know is a usage error, not an empty list.
struct Narrowing {
  std::string vendor;  // folded
  std::string kind;
  std::uint64_t min_memory_bytes = 0;
};

Narrowing read_narrowing(const GpusOptions& o) {
  Narrowing n{folded(o.vendor), detail::lower(o.kind), 0};
  static constexpr std::array<std::string_view, 5> k_kinds = {"gpu", "igpu", "apple", "cpu", "unified"};
  if (!n.kind.empty() && std::find(k_kinds.begin(), k_kinds.end(), n.kind) == k_kinds.end()) {
    throw Error::usage(fmt::format("unknown device kind '{}'", o.kind),
                       "--kind takes gpu, igpu (integrated, shares system memory), apple, cpu or unified (igpu and apple)");
  }
  if (!o.min_memory.empty()) n.min_memory_bytes = parse_memory_size(o.min_memory);
  return n;
}

bool narrowed(const Device& d, const Narrowing& n) {
  if (!n.vendor.empty() && folded(d.vendor) != n.vendor) return false;
  if (n.kind == "unified" ? !d.unified_memory : !n.kind.empty() && d.kind != n.kind) return false;
  const auto largest = std::max_element(d.memory_bytes_options.begin(), d.memory_bytes_options.end());
  return n.min_memory_bytes == 0 || (largest != d.memory_bytes_options.end() && *largest >= n.min_memory_bytes);
}

// "AMD igpu ≥16GB": what was asked, for the no-match message.
std::string describe(const GpusOptions& o) {
  std::string out = o.filter;
  const auto add = [&](std::string_view what) { (out += out.empty() ? "" : ", ") += what; };
  if (!o.vendor.empty()) add(fmt::format("--vendor {}", o.vendor));
  if (!o.kind.empty()) add(fmt::format("--kind {}", o.kind));
  if (!o.min_memory.empty()) add(fmt::format("--min-memory {}", o.min_memory));
  return out;
}

}  // namespace

void add_gpus_command(CLI::App& app, GpusOptions& options) {
  CLI::App* cmd = app.add_subcommand("gpus", "List the GPUs, Apple chips and CPU platforms that --gpu understands");
  cmd->add_option("filter", options.filter, "Only devices whose name, alias, vendor or kind (gpu, igpu, apple, cpu) matches");
  cmd->add_option("--vendor", options.vendor, "Only this vendor's devices (nvidia, amd, intel, apple, ...)");
  cmd->add_option("--kind", options.kind,
                  "Only this kind: gpu (discrete), igpu (integrated, shares system memory), apple, cpu, or unified");
  cmd->add_option("--min-memory", options.min_memory, "Only devices sold with at least this much memory (16GB)");
  cmd->add_flag("--json", options.json, "Print one JSON document with every figure's source");
  cmd->footer("Examples:\n  r1tag gpus\n  r1tag gpus 4090\n  r1tag gpus apple\n  r1tag gpus --vendor amd --kind igpu --min-memory 16GB\n  r1tag gpus --json | jq '.devices[].name'");
}

CommandResult run_gpus(const GpusOptions& options, const Catalog& catalog) {
  const Narrowing n = read_narrowing(options);
  std::vector<const Device*> devices;
  for (const Device& d : catalog.devices)
    if (matches(d, options.filter) && narrowed(d, n)) devices.push_back(&d);
  if (devices.empty()) {
    throw Error::bad_input(fmt::format("no device matches '{}'", describe(options)), "run 'r1tag gpus' to see them all");
  }
  CommandResult result;
  result.out = options.json ? render_gpus_json(devices) : render_gpus_text(devices);
  return result;
}

}  // namespace r1tag::cli
