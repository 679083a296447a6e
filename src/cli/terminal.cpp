#include "cli/terminal.hpp"

namespace r1tag::cli {

bool use_color(const std::string& mode, const Environment& env) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  return env.stdout_is_tty && env.no_color.empty();
}

}  // namespace r1tag::cli
