// Byte counts as people write and read them: sizes shown by the hubs ("4.68 GB", "131 GiB"),
// sizes typed on the command line ("8GB", "8192MiB"), and formatting for output
// (decimal GB as Hugging Face and ollama show them, GiB as llama.cpp prints them).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace r1tag {

struct ShownSize {
  std::uint64_t bytes = 0;
  std::uint64_t precision_bytes = 0;  // half a unit of the last digit shown
};

// Reads a size as a hub shows it, with its own unit: "4.68 GB" (10^9), "1.3TB", "131 GiB" (2^30),
// "942 MB". Returns nullopt for anything else.
// Example: "4.7GB" -> {4'700'000'000, 50'000'000}.
std::optional<ShownSize> parse_shown_size(std::string_view text);

// A memory size typed on the command line: "8GB", "8G", "8GiB", "8192MiB", "24gb", "1.5TB".
// GPUs and RAM come in binary sizes, so GB, G and GiB all mean 2^30 bytes here (likewise M/MB/MiB,
// T/TB/TiB); a bare number is bytes. Throws Error (usage) naming the bad text, with a hint.
// Example: "8GB" -> 8'589'934'592.
std::uint64_t parse_memory_size(std::string_view text);

// "4.68 GB": decimal gigabytes with two decimals (three significant digits or more).
std::string format_decimal_gb(std::uint64_t bytes);
// "4.36 GiB": binary gibibytes with two decimals, as llama.cpp prints file sizes.
std::string format_gib(std::uint64_t bytes);
// "22.8 GiB": binary gibibytes with one decimal, for summaries (what was detected, a listing's sizes).
std::string format_gib_1(std::uint64_t bytes);
// "4.7 GB" / "404 GB" / "1.3 TB": about two significant digits, the way ollama.com rounds.
std::string format_short(std::uint64_t bytes);

}  // namespace r1tag
