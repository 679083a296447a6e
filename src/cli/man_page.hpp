// The r1tag(1) manual page in roff, written from the command line's own description (command_line_doc)
// plus the sections --help has no room for: exit status, environment, files.
#pragma once

#include "cli/command_line_doc.hpp"

#include <string>
#include <string_view>

namespace r1tag::cli {

// `version` goes into the page's header line ("r1tag 0.1.0").
std::string man_page(const CommandLineDoc& doc, std::string_view version);

}  // namespace r1tag::cli
