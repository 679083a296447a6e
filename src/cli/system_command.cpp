#include "cli/system_command.hpp"

#include "cli/diagnostics.hpp"

#include "cli/app.hpp"
#include "cli/hardware_flags.hpp"
#include "render/system_render.hpp"

#include <CLI/CLI.hpp>

namespace r1tag::cli {

void add_system_command(CLI::App& app, SystemOptions& options) {
  CLI::App* cmd = app.add_subcommand("system", "Show the GPUs, RAM and CPU r1tag detects, and where each figure came from");
  cmd->add_flag("--json", options.json, "Print one JSON document (schema: docs/json-schema.md)");
  cmd->footer(
      "Reads nvidia-smi (on PATH), /sys/class/drm/card*/device (amdgpu, Intel), rocm-smi, sysctl (macOS),\n"
      "/proc/meminfo and /proc/cpuinfo. fit and explain use this machine when no --vram, --gpus, --gpu or --ram is given.\n"
      "Examples:\n  r1tag system\n  r1tag system --json | jq '.detected.gpus'");
}

CommandResult run_system(const SystemOptions& options, const Catalog& catalog, const Environment& env) {
  const DetectedHardware detected = detect_hardware(catalog, env);
  CommandResult result;
  result.err = warning_lines(detected.machine.warnings);
  result.out = options.json ? render_system_json(detected) : render_system_text(detected);
  return result;
}

}  // namespace r1tag::cli
