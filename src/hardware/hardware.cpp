#include <r1tag/hardware/hardware.hpp>

#include <r1tag/common/byte_size.hpp>
#include <r1tag/common/error.hpp>
#include <r1tag/common/suggest.hpp>

#include "common/ascii.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace r1tag {

namespace {

constexpr std::uint64_t k_gib = 1ULL << 30;

// "2x3090" / "2 x RTX 3090": a count in front of the name.
std::uint32_t take_count(std::string_view& text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  std::size_t at = digits;
  while (at < text.size() && text[at] == ' ') ++at;
  if (digits == 0 || at >= text.size() || detail::to_lower(text[at]) != 'x') return 1;
  std::uint32_t count = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + digits, count);
  if (ec != std::errc() || count == 0 || count > k_max_devices) {
    throw Error::usage(fmt::format("bad device count '{}'", text.substr(0, digits)),
                       fmt::format("llama.cpp splits a model over 1 to {} devices, e.g. 2x3090", k_max_devices));
  }
  text.remove_prefix(at + 1);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  return count;
}

// A trailing memory size ("12GB", "32GB") selects one of the sizes the device is sold with.
std::optional<std::uint64_t> take_size(std::string_view& text) {
  const std::size_t space = text.rfind(' ');
  const std::string_view last = space == std::string_view::npos ? text : text.substr(space + 1);
  if (last.empty() || last.front() < '0' || last.front() > '9' || !detail::iends_with(last, "b")) return std::nullopt;
  try {
    const std::uint64_t bytes = parse_memory_size(last);
    text = space == std::string_view::npos ? std::string_view() : text.substr(0, space);
    return bytes;
  } catch (const Error&) {
    return std::nullopt;
  }
}

std::vector<std::string_view> device_names(const Catalog& c) {
  std::vector<std::string_view> names;
  for (const Device& d : c.devices) {
    names.push_back(d.name);
    names.insert(names.end(), d.aliases.begin(), d.aliases.end());
  }
  return names;
}

// Metal's default working-set limit: about 2/3 of RAM on small Macs and 3/4 on large ones (the logged
// recommendedMaxWorkingSetSize values in data/gpus.json). Between 32 and 64 GiB no log was found, so
// the smaller share is used: it is the conservative choice.
double metal_share(const Device& d, std::uint64_t memory_bytes) {
  return memory_bytes >= 64 * k_gib ? d.gpu_memory_fraction_large : d.gpu_memory_fraction_small;
}

}  // namespace

HardwareChoice parse_hardware(std::string_view text, const Catalog& catalog) {
  const std::string original(text);
  HardwareChoice h;
  // "7900 XTX" and "7950x" are names, not counts: a count is read only when the text names no device.
  std::string_view without_size = text;
  take_size(without_size);
  if (catalog.find_device(text) == nullptr && catalog.find_device(without_size) == nullptr) h.count = take_count(text);
  const std::string_view with_size = text;
  const std::optional<std::uint64_t> size = take_size(text);
  // "5060 Ti 8GB" names its own device (an alias as a whole) where the sizes differ in more than memory;
  // otherwise the size picks one of the device's options ("M4 Max 128GB").
  if (size) h.device = catalog.find_device(with_size);
  if (h.device == nullptr) h.device = catalog.find_device(text);
  if (h.device == nullptr) {
    const auto best = closest_match(text, device_names(catalog));
    throw Error::usage(fmt::format("unknown device '{}'", original),
                       best ? fmt::format("did you mean {}? ('r1tag gpus' lists them)", *best)
                            : "'r1tag gpus' lists the devices r1tag knows");
  }
  const auto& sizes = h.device->memory_bytes_options;
  if (size) {
    if (std::find(sizes.begin(), sizes.end(), *size) == sizes.end()) {
      std::string sold;
      for (const std::uint64_t b : sizes) sold += fmt::format("{}{} GB", sold.empty() ? "" : ", ", b / k_gib);
      throw Error::usage(fmt::format("{} is not sold with {} GB", h.device->name, *size / k_gib),
                         fmt::format("it comes with {}", sold));
    }
    h.memory_bytes = *size;
  } else {
    h.memory_bytes = *std::max_element(sizes.begin(), sizes.end());
  }
  return hardware_choice(*h.device, h.memory_bytes, h.count);
}

HardwareChoice hardware_choice(const Device& device, std::uint64_t memory_bytes, std::uint32_t count) {
  HardwareChoice h;
  h.device = &device;
  h.count = count;
  h.memory_bytes = memory_bytes;
  h.gpu_usable_bytes = memory_bytes;
  h.unified = device.unified_memory;
  if (h.unified && device.kind != "apple") {
    h.note = fmt::format("unified memory: the GPU shares {} GiB with the CPU and the system; r1tag lets it use all of it "
                         "(the driver's limit, e.g. amdgpu's GTT size or a BIOS carve-out, may be lower)",
                         memory_bytes / k_gib);
  }
  if (device.kind == "apple") {
    const double share = metal_share(device, memory_bytes);
    h.gpu_usable_bytes = static_cast<std::uint64_t>(std::floor(static_cast<double>(memory_bytes) * share));
    h.note = fmt::format("unified memory: macOS lets the GPU use about {:.0f} % of {} GiB by default "
                         "(Metal's recommendedMaxWorkingSetSize; sudo sysctl iogpu.wired_limit_mb raises it)",
                         share * 100, memory_bytes / k_gib);
  }
  return h;
}

}  // namespace r1tag
