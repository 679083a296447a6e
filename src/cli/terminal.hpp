// Terminal decisions in one place: colour only on a terminal, never with NO_COLOR set
// (no-color.org), and --color to override.
#pragma once

#include "cli/app.hpp"

#include <string>

namespace r1tag::cli {

// `mode` is "auto", "always" or "never".
bool use_color(const std::string& mode, const Environment& env);

}  // namespace r1tag::cli
