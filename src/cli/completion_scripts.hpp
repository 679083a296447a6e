// Shell completion scripts for bash, zsh and fish, written from the command line's own description
// (command_line_doc), so every command, option and table value r1tag accepts is offered on TAB.
#pragma once

#include "cli/command_line_doc.hpp"

#include <string>

namespace r1tag::cli {

std::string bash_completion(const CommandLineDoc& doc);
std::string zsh_completion(const CommandLineDoc& doc);
std::string fish_completion(const CommandLineDoc& doc);

}  // namespace r1tag::cli
