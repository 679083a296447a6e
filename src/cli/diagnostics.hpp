// The one place diagnostics are worded for stderr: "r1tag: error: <what>; <hint>" and
// "r1tag: warning: <what>", with every piece of user or file text escaped (common/escape), so each
// diagnostic is exactly one line and no terminal control sequence reaches the terminal.
#pragma once

#include <r1tag/common/error.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace r1tag::cli {

// "r1tag: error: <message>; <hint>\n", escaped.
std::string error_line(const Error& e);

// "r1tag: warning: <text>\n", escaped.
std::string warning_line(std::string_view text);

// One warning_line per text (detection's warnings, a store's skipped entries).
std::string warning_lines(const std::vector<std::string>& texts);

// "r1tag: internal error: <what>\n", escaped.
std::string internal_error_line(std::string_view what);

// The last guard before stderr: every control character but the newlines that end lines escaped, and a
// final newline, whatever a command put into its diagnostics.
std::string guarded_stderr(std::string_view err);

}  // namespace r1tag::cli
