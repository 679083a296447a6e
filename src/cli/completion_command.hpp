// `r1tag completion bash|zsh|fish` prints a completion script, and the hidden `r1tag manpage` prints
// r1tag(1); both are written from the live command-line definitions, so they cannot drift from --help.
// The build runs them to make the installed files (cmake/r1tag_install.cmake).
#pragma once

#include <r1tag/tables/catalog.hpp>

#include "cli/explain_command.hpp"

#include <string>

namespace CLI {
class App;
}

namespace r1tag::cli {

struct CompletionOptions {
  std::string shell;
};

// Adds `completion` and the hidden `manpage`.
void add_completion_command(CLI::App& app, CompletionOptions& options);

// True when `command` is one of them; `app` must then have every command set up.
bool is_documentation_command(std::string_view command);

CommandResult run_documentation_command(std::string_view command, const CLI::App& app, const CompletionOptions& options,
                                        const Catalog& catalog);

}  // namespace r1tag::cli
