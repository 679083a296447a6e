#include <r1tag/common/byte_size.hpp>

#include <r1tag/common/error.hpp>

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>

namespace r1tag {

namespace {

struct Unit {
  std::string_view name;
  double bytes;
};

// Hubs print decimal units (GB = 10^9); unsloth's announcements print GiB.
constexpr std::array<Unit, 9> k_shown_units = {{{"B", 1.0},
                                                {"KB", 1e3},
                                                {"MB", 1e6},
                                                {"GB", 1e9},
                                                {"TB", 1e12},
                                                {"KiB", 1024.0},
                                                {"MiB", 1048576.0},
                                                {"GiB", 1073741824.0},
                                                {"TiB", 1099511627776.0}}};

}  // namespace

std::optional<ShownSize> parse_shown_size(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size() && (std::isdigit(static_cast<unsigned char>(text[pos])) || text[pos] == '.')) ++pos;
  const std::string_view number = text.substr(0, pos);
  if (number.empty()) return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (ec != std::errc() || end != number.data() + number.size()) return std::nullopt;
  std::string_view unit = text.substr(pos);
  if (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  const std::size_t dot = number.find('.');
  const int decimals = dot == std::string_view::npos ? 0 : static_cast<int>(number.size() - dot - 1);
  for (const Unit& u : k_shown_units) {
    if (u.name != unit) continue;
    const double scaled = value * u.bytes;
    const double half_digit = 0.5 * std::pow(10.0, -decimals) * u.bytes;
    return ShownSize{static_cast<std::uint64_t>(std::llround(scaled)),
                     static_cast<std::uint64_t>(std::llround(half_digit))};
  }
  return std::nullopt;
}

std::uint64_t parse_memory_size(std::string_view text) {
  const std::string shown(text);
  const auto bad = [&](const std::string& why) {
    return Error::usage(fmt::format("bad size '{}': {}", shown, why), "write sizes like 8GB, 24G, 8192MiB or 1.5TB");
  };
  std::size_t pos = 0;
  while (pos < text.size() && (std::isdigit(static_cast<unsigned char>(text[pos])) || text[pos] == '.')) ++pos;
  if (pos == 0) throw bad(!text.empty() && text.front() == '-' ? "sizes cannot be negative" : "expected a number");
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + pos, value);
  if (ec != std::errc() || end != text.data() + pos) throw bad("expected a number");
  std::string unit;
  for (const char c : text.substr(pos)) unit += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  double scale = 0;
  if (unit.empty() || unit == "b") scale = 1;
  else if (unit == "k" || unit == "kb" || unit == "kib") scale = 1024.0;
  else if (unit == "m" || unit == "mb" || unit == "mib") scale = 1048576.0;
  else if (unit == "g" || unit == "gb" || unit == "gib") scale = 1073741824.0;
  else if (unit == "t" || unit == "tb" || unit == "tib") scale = 1099511627776.0;
  else throw bad(fmt::format("unknown unit '{}'", text.substr(pos)));
  const double bytes = value * scale;
  if (bytes < 1.0) throw bad("a memory size must be positive");
  if (bytes > 1.8e19) throw bad("too large");
  return static_cast<std::uint64_t>(bytes);
}

std::string format_decimal_gb(std::uint64_t bytes) {
  return fmt::format("{:.2f} GB", static_cast<double>(bytes) / 1e9);
}

std::string format_gib(std::uint64_t bytes) {
  return fmt::format("{:.2f} GiB", static_cast<double>(bytes) / 1073741824.0);
}

std::string format_gib_1(std::uint64_t bytes) {
  return fmt::format("{:.1f} GiB", static_cast<double>(bytes) / 1073741824.0);
}

std::string format_short(std::uint64_t bytes) {
  const double gb = static_cast<double>(bytes) / 1e9;
  if (gb >= 1000.0) return fmt::format("{:.1f} TB", gb / 1000.0);
  if (gb >= 10.0) return fmt::format("{:.0f} GB", gb);
  if (gb >= 1.0) return fmt::format("{:.1f} GB", gb);
  return fmt::format("{:.0f} MB", static_cast<double>(bytes) / 1e6);
}

}  // namespace r1tag
