#include <r1tag/hardware/machine.hpp>

#include "hardware/machine_readers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>
#include <filesystem>
#include <system_error>

namespace r1tag {

namespace {

namespace fs = std::filesystem;

// /proc/cpuinfo of a 256-thread server is about half a megabyte; nothing detection reads is larger.
constexpr std::size_t k_max_file_bytes = std::size_t{4} << 20;

constexpr std::uint32_t k_vendor_amd = 0x1002;     // PCI vendor IDs (PCI-SIG; pci.ids)
constexpr std::uint32_t k_vendor_intel = 0x8086;
constexpr std::uint32_t k_vendor_nvidia = 0x10de;

// A file under the sysroot, read whole (up to the cap); nullopt when it cannot be opened. Read in small
// chunks: /proc files report no size, and touching megabytes of fresh pages would cost milliseconds.
std::optional<std::string> read_text(const MachineProbe& probe, std::string_view path) {
  const std::string full = probe.sysroot + std::string(path);
  const int fd = ::open(full.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::string text;
  std::array<char, 16384> chunk{};
  while (text.size() < k_max_file_bytes) {
    const ssize_t got = ::read(fd, chunk.data(), chunk.size());
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    text.append(chunk.data(), static_cast<std::size_t>(got));
  }
  ::close(fd);
  return text;
}

std::string first_line(std::string_view text) {
  while (!text.empty() && (text.front() == '\n' || text.front() == ' ')) text.remove_prefix(1);
  std::string line(text.substr(0, text.find('\n')));
  constexpr std::size_t k_longest = 160;
  if (line.size() > k_longest) line = line.substr(0, k_longest) + "...";
  return line;
}

// Runs a tool found on PATH; nullopt (with a warning) when it fails; nullopt silently when it is absent.
std::optional<std::string> run_tool(const MachineProbe& probe, std::string_view name, const std::vector<std::string>& args,
                                    std::vector<std::string>& warnings) {
  if (probe.runner == nullptr) return std::nullopt;
  const auto program = find_on_path(name, probe.path);
  if (!program) return std::nullopt;
  const CommandOutput r = probe.runner->run(*program, args, probe.path);
  if (!r.started) {
    warnings.push_back(fmt::format("could not run {}: {}", name, r.failure));
    return std::nullopt;
  }
  if (r.timed_out) {
    warnings.push_back(fmt::format("{} did not answer in time; its GPUs are left out (give --gpu or --vram)", name));
    return std::nullopt;
  }
  if (r.truncated) {
    warnings.push_back(fmt::format("{} printed more than expected; its GPUs are left out", name));
    return std::nullopt;
  }
  if (r.exit_code != 0) {
    const std::string said = first_line(r.out.empty() ? r.err : r.out);
    warnings.push_back(fmt::format("{} failed (exit {}){}{}", name, r.exit_code, said.empty() ? "" : ": ", said));
    return std::nullopt;
  }
  return r.out;
}

void detect_nvidia(const MachineProbe& probe, DetectedMachine& m) {
  const auto out = run_tool(probe, "nvidia-smi",
                            {"--query-gpu=name,memory.total,memory.free,driver_version", "--format=csv,noheader,nounits"},
                            m.warnings);
  if (!out) return;
  detail::NvidiaSmiRows rows = detail::parse_nvidia_smi(*out);
  for (const std::string& bad : rows.bad_lines)
    m.warnings.push_back(fmt::format("nvidia-smi printed a line r1tag cannot read: '{}'", first_line(bad)));
  for (DetectedGpu& g : rows.gpus) m.gpus.push_back(std::move(g));
}

struct DrmCard {
  std::string name;  // "card0"
  unsigned index = 0;
};

std::vector<DrmCard> drm_cards(const MachineProbe& probe) {
  std::vector<DrmCard> cards;
  std::error_code ec;
  for (fs::directory_iterator it(probe.sysroot + "/sys/class/drm", ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    // card0, card1, …; not the connectors (card0-DP-1) nor render nodes.
    if (!name.starts_with("card") || name.size() == 4) continue;
    const auto index = detail::parse_decimal(std::string_view(name).substr(4));
    if (index) cards.push_back({name, static_cast<unsigned>(*index)});
  }
  std::sort(cards.begin(), cards.end(), [](const DrmCard& a, const DrmCard& b) { return a.index < b.index; });
  return cards;
}

std::optional<std::uint64_t> sysfs_number(const MachineProbe& probe, const std::string& dir, std::string_view file) {
  const auto text = read_text(probe, dir + "/" + std::string(file));
  return text ? detail::parse_decimal(*text) : std::nullopt;
}

// amdgpu (Linux kernel documentation, "drm/amdgpu AMDgpu driver", Misc AMDGPU driver information):
// mem_info_vram_total / _used and mem_info_gtt_total in bytes; product_name from the board's FRU, when it has one.
void add_amd(const MachineProbe& probe, const std::string& dir, std::uint32_t device, std::uint32_t revision,
             std::vector<std::size_t>& unnamed, DetectedMachine& m) {
  DetectedGpu g;
  g.vendor = "AMD";
  g.source = dir;
  g.pci_id = fmt::format("1002:{:04x} rev {:02x}", device, revision);
  g.total_bytes = sysfs_number(probe, dir, "mem_info_vram_total");
  const auto used = sysfs_number(probe, dir, "mem_info_vram_used");
  if (g.total_bytes && used && *used <= *g.total_bytes) g.free_bytes = *g.total_bytes - *used;
  g.gtt_bytes = sysfs_number(probe, dir, "mem_info_gtt_total");
  if (!g.total_bytes) m.warnings.push_back(fmt::format("{}: no mem_info_vram_total (is the amdgpu driver loaded?)", dir));
  if (const auto product = read_text(probe, dir + "/product_name"); product && !first_line(*product).empty()) {
    g.raw_name = first_line(*product);
    g.name_source = "product_name";
  } else if (const auto ids = read_text(probe, "/usr/share/libdrm/amdgpu.ids")) {
    if (auto name = detail::amdgpu_ids_name(*ids, device, revision)) {
      g.raw_name = std::move(*name);
      g.name_source = "amdgpu.ids";
    }
  }
  if (g.raw_name.empty()) {
    g.raw_name = fmt::format("AMD GPU {:04x}", device);
    unnamed.push_back(m.gpus.size());
  }
  m.gpus.push_back(std::move(g));
}

// No documented sysfs file gives an Arc card's memory in the mainline i915 and xe drivers (none was found):
// the card is listed with its ID, and left out of the budget.
void add_intel(const std::string& dir, std::uint32_t device, std::uint32_t revision, DetectedMachine& m) {
  DetectedGpu g;
  g.vendor = "Intel";
  g.source = dir;
  g.pci_id = fmt::format("8086:{:04x} rev {:02x}", device, revision);
  g.raw_name = fmt::format("Intel GPU {:04x}", device);
  m.gpus.push_back(std::move(g));
}

void detect_drm(const MachineProbe& probe, DetectedMachine& m, bool nvidia_found) {
  std::vector<std::size_t> unnamed;
  bool nvidia_in_sysfs = false;
  for (const DrmCard& card : drm_cards(probe)) {
    const std::string dir = "/sys/class/drm/" + card.name + "/device";
    const auto vendor_text = read_text(probe, dir + "/vendor");
    if (!vendor_text) continue;
    const auto vendor = detail::parse_hex_id(*vendor_text);
    const auto device_text = read_text(probe, dir + "/device");
    const auto device = device_text ? detail::parse_hex_id(*device_text) : std::nullopt;
    const auto revision_text = read_text(probe, dir + "/revision");
    const std::uint32_t revision = revision_text ? detail::parse_hex_id(*revision_text).value_or(0) : 0;
    if (!vendor || !device) {
      m.warnings.push_back(fmt::format("{}: unreadable vendor or device ID", dir));
      continue;
    }
    if (*vendor == k_vendor_amd) add_amd(probe, dir, *device, revision, unnamed, m);
    else if (*vendor == k_vendor_intel) add_intel(dir, *device, revision, m);
    else if (*vendor == k_vendor_nvidia) nvidia_in_sysfs = true;
  }
  if (nvidia_in_sysfs && !nvidia_found && !find_on_path("nvidia-smi", probe.path))
    m.warnings.push_back("an NVIDIA GPU is present but nvidia-smi is not on PATH; its memory is unknown (give --gpu or --vram)");
  if (unnamed.empty()) return;
  const auto out = run_tool(probe, "rocm-smi", {"--showproductname", "--json"}, m.warnings);
  if (!out) return;
  const std::vector<std::string> names = detail::parse_rocm_smi_names(*out);
  // rocm-smi lists the AMD cards in the order the kernel does.
  std::size_t amd_seen = 0;
  for (std::size_t i = 0; i < m.gpus.size(); ++i) {
    if (m.gpus[i].vendor != "AMD") continue;
    const std::size_t n = amd_seen++;
    if (n < names.size() && std::find(unnamed.begin(), unnamed.end(), i) != unnamed.end() && !names[n].empty()) {
      m.gpus[i].raw_name = names[n];
      m.gpus[i].name_source = "rocm-smi";
    }
  }
}

// Jetson boards run CUDA on system memory; nvidia-smi may be missing or say nothing of memory there.
void detect_jetson(const MachineProbe& probe, DetectedMachine& m) {
  const auto model = read_text(probe, "/proc/device-tree/model");
  if (!model) return;
  std::string board = first_line(*model);
  while (!board.empty() && board.back() == '\0') board.pop_back();
  m.board = board;
  if (board.find("Jetson") == std::string::npos) return;
  if (std::any_of(m.gpus.begin(), m.gpus.end(), [](const DetectedGpu& g) { return g.vendor == "NVIDIA"; })) {
    for (DetectedGpu& g : m.gpus)
      if (g.vendor == "NVIDIA") g.unified = true;
    return;
  }
  DetectedGpu g;
  g.raw_name = board;
  g.vendor = "NVIDIA";
  g.source = "/proc/device-tree/model";
  g.unified = true;
  m.gpus.push_back(std::move(g));
}

// macOS has no /proc: `sysctl -n hw.memsize machdep.cpu.brand_string` gives the memory and the chip.
bool detect_apple(const MachineProbe& probe, DetectedMachine& m) {
  std::vector<std::string> ignored;
  const auto out = run_tool(probe, "sysctl", {"-n", "hw.memsize", "machdep.cpu.brand_string"}, ignored);
  if (!out) return false;
  const detail::SysctlApple s = detail::parse_sysctl(*out);
  if (!s.memsize_bytes) return false;
  m.ram.total_bytes = s.memsize_bytes;
  m.ram.source = "sysctl hw.memsize";
  m.cpu.model = s.brand;
  m.cpu.source = "sysctl machdep.cpu.brand_string";
  if (s.brand.starts_with("Apple ")) {
    DetectedGpu g;
    g.raw_name = s.brand;
    g.vendor = "Apple";
    g.source = "sysctl";
    g.total_bytes = s.memsize_bytes;
    g.unified = true;
    m.gpus.push_back(std::move(g));
  }
  return true;
}

void detect_ram_and_cpu(const MachineProbe& probe, DetectedMachine& m) {
  if (const auto meminfo = read_text(probe, "/proc/meminfo")) {
    m.ram = detail::parse_meminfo(*meminfo);
    m.ram.source = "/proc/meminfo";
    if (!m.ram.total_bytes) m.warnings.push_back("/proc/meminfo has no MemTotal line; system RAM is unknown");
  } else if (!detect_apple(probe, m)) {
    m.warnings.push_back("cannot read /proc/meminfo; system RAM is unknown (give --ram)");
  }
  if (!m.cpu.model.empty()) return;
  if (const auto cpuinfo = read_text(probe, "/proc/cpuinfo")) {
    m.cpu = detail::parse_cpuinfo(*cpuinfo);
    m.cpu.source = "/proc/cpuinfo";
  } else if (m.ram.source == "/proc/meminfo") {
    m.warnings.push_back("cannot read /proc/cpuinfo; the CPU is unknown");
  }
}

}  // namespace

DetectedMachine detect_machine(const MachineProbe& probe) {
  DetectedMachine m;
  detect_ram_and_cpu(probe, m);
  detect_nvidia(probe, m);
  const bool nvidia_found =
      std::any_of(m.gpus.begin(), m.gpus.end(), [](const DetectedGpu& g) { return g.vendor == "NVIDIA"; });
  detect_drm(probe, m, nvidia_found);
  detect_jetson(probe, m);
  // A unified GPU without its own figures (GB10's [N/A], a Jetson) has the system's memory.
  for (DetectedGpu& g : m.gpus) {
    if (!g.unified || g.vendor == "Apple" || g.vendor == "AMD") continue;
    if (!g.total_bytes) g.total_bytes = m.ram.total_bytes;
    if (!g.free_bytes) g.free_bytes = m.ram.available_bytes;
  }
  return m;
}

}  // namespace r1tag
