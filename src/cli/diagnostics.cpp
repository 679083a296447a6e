#include "cli/diagnostics.hpp"

#include <r1tag/common/escape.hpp>

namespace r1tag::cli {

std::string error_line(const Error& e) {
  std::string line = "r1tag: error: " + escaped_for_message(e.what());
  if (!e.hint().empty()) line += "; " + escaped_for_message(e.hint());
  return line + "\n";
}

std::string warning_line(std::string_view text) { return "r1tag: warning: " + escaped_for_message(text) + "\n"; }

std::string warning_lines(const std::vector<std::string>& texts) {
  std::string out;
  for (const std::string& t : texts) out += warning_line(t);
  return out;
}

std::string internal_error_line(std::string_view what) {
  return "r1tag: internal error: " + escaped_for_message(what) + "\n";
}

std::string guarded_stderr(std::string_view err) {
  std::string out;
  out.reserve(err.size() + 1);
  std::size_t begin = 0;
  while (begin < err.size()) {
    const std::size_t end = err.find('\n', begin);
    const std::size_t stop = end == std::string_view::npos ? err.size() : end;
    out += escaped_for_message(err.substr(begin, stop - begin));
    out += '\n';
    begin = stop + 1;
  }
  return out;
}

}  // namespace r1tag::cli
