#include "hardware/machine_readers.hpp"

#include <charconv>
#include <set>
#include <utility>

namespace r1tag::detail {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// Calls `f(line)` for each line of `text`.
template <class F>
void for_each_line(std::string_view text, F&& f) {
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    f(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
}

// "key<spaces/tabs>: value" -> {key, value}, both trimmed; empty key when the line has no colon.
std::pair<std::string_view, std::string_view> key_value(std::string_view line) {
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return {};
  return {trim(line.substr(0, colon)), trim(line.substr(colon + 1))};
}

constexpr std::uint64_t k_kib = 1024;
constexpr std::uint64_t k_mib = 1024 * 1024;

}  // namespace

std::optional<std::uint64_t> parse_decimal(std::string_view text) {
  text = trim(text);
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<std::uint32_t> parse_hex_id(std::string_view text) {
  text = trim(text);
  if (text.starts_with("0x") || text.starts_with("0X")) text.remove_prefix(2);
  std::uint32_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

DetectedRam parse_meminfo(std::string_view text) {
  DetectedRam ram;
  for_each_line(text, [&](std::string_view line) {
    const auto [key, value] = key_value(line);
    if (key != "MemTotal" && key != "MemAvailable") return;
    std::string_view number = value;
    const bool kb = number.ends_with(" kB");
    if (kb) number.remove_suffix(3);
    const auto n = parse_decimal(number);
    if (!n || !kb) return;
    (key == "MemTotal" ? ram.total_bytes : ram.available_bytes) = *n * k_kib;
  });
  return ram;
}

DetectedCpu parse_cpuinfo(std::string_view text) {
  DetectedCpu cpu;
  std::uint32_t processors = 0;
  std::set<std::pair<std::string, std::string>> cores;
  std::string physical_id;
  std::string board_model;
  for_each_line(text, [&](std::string_view line) {
    const auto [key, value] = key_value(line);
    if (key == "processor") ++processors;
    else if (key == "model name" && cpu.model.empty()) cpu.model = value;
    else if (key == "Model" && board_model.empty()) board_model = value;
    else if (key == "physical id") physical_id = value;
    else if (key == "core id") cores.emplace(physical_id, value);
  });
  if (cpu.model.empty()) cpu.model = board_model;
  if (processors > 0) cpu.logical_cpus = processors;
  if (!cores.empty()) cpu.cores = static_cast<std::uint32_t>(cores.size());
  return cpu;
}

NvidiaSmiRows parse_nvidia_smi(std::string_view csv) {
  NvidiaSmiRows rows;
  for_each_line(csv, [&](std::string_view raw) {
    const std::string_view line = trim(raw);
    if (line.empty()) return;
    // name, memory.total, memory.free, driver_version: the name may hold a comma, so split from the right.
    std::vector<std::string_view> fields;
    std::string_view rest = line;
    for (int i = 0; i < 3; ++i) {
      const std::size_t comma = rest.rfind(',');
      if (comma == std::string_view::npos) break;
      fields.insert(fields.begin(), trim(rest.substr(comma + 1)));
      rest = rest.substr(0, comma);
    }
    const std::string_view name = trim(rest);
    if (fields.size() != 3 || name.empty()) {
      rows.bad_lines.emplace_back(line);
      return;
    }
    const auto is_na = [](std::string_view f) { return f == "[N/A]" || f == "N/A" || f == "[Not Supported]"; };
    const auto total = parse_decimal(fields[0]);
    const auto free = parse_decimal(fields[1]);
    if ((!total && !is_na(fields[0])) || (!free && !is_na(fields[1])) || fields[2].empty()) {
      rows.bad_lines.emplace_back(line);
      return;
    }
    DetectedGpu g;
    g.raw_name = name;
    g.vendor = "NVIDIA";
    g.source = "nvidia-smi";
    g.driver_version = fields[2];
    if (total) g.total_bytes = *total * k_mib;
    if (free) g.free_bytes = *free * k_mib;
    g.unified = !total;
    rows.gpus.push_back(std::move(g));
  });
  return rows;
}

std::optional<std::string> amdgpu_ids_name(std::string_view table, std::uint32_t device, std::uint32_t revision) {
  std::optional<std::string> found;
  for_each_line(table, [&](std::string_view line) {
    if (found || line.empty() || line.front() == '#') return;
    const std::size_t first = line.find(',');
    if (first == std::string_view::npos) return;
    const std::size_t second = line.find(',', first + 1);
    if (second == std::string_view::npos) return;
    const auto d = parse_hex_id(line.substr(0, first));
    const auto r = parse_hex_id(line.substr(first + 1, second - first - 1));
    if (d && r && *d == device && *r == revision) found = std::string(trim(line.substr(second + 1)));
  });
  return found;
}

SysctlApple parse_sysctl(std::string_view text) {
  SysctlApple s;
  std::vector<std::string_view> lines;
  for_each_line(text, [&](std::string_view line) {
    if (!trim(line).empty()) lines.push_back(trim(line));
  });
  if (!lines.empty()) s.memsize_bytes = parse_decimal(lines[0]);
  if (lines.size() > 1) s.brand = lines[1];
  return s;
}

std::vector<std::string> parse_rocm_smi_names(std::string_view json_text) {
  std::vector<std::string> names;
  constexpr std::string_view k_key = "\"Card Series\"";
  for (std::size_t at = json_text.find(k_key); at != std::string_view::npos; at = json_text.find(k_key, at + 1)) {
    const std::size_t open = json_text.find('"', json_text.find(':', at + k_key.size()));
    if (open == std::string_view::npos) break;
    const std::size_t close = json_text.find('"', open + 1);
    if (close == std::string_view::npos) break;
    names.emplace_back(json_text.substr(open + 1, close - open - 1));
  }
  return names;
}

}  // namespace r1tag::detail
