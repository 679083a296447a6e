#include "cli/completion_command.hpp"

#include <r1tag/version.hpp>

#include "cli/command_line_doc.hpp"
#include "cli/completion_scripts.hpp"
#include "cli/man_page.hpp"

#include <CLI/CLI.hpp>

namespace r1tag::cli {

void add_completion_command(CLI::App& app, CompletionOptions& options) {
  CLI::App* cmd = app.add_subcommand("completion", "Print a shell completion script: bash, zsh or fish");
  cmd->add_option("shell", options.shell, "The shell to complete for")->required()->check(CLI::IsMember({"bash", "zsh", "fish"}));
  cmd->footer(
      "Installed packages already ship these scripts. To load them by hand:\n"
      "Examples:\n"
      "  r1tag completion bash > ~/.local/share/bash-completion/completions/r1tag\n"
      "  r1tag completion zsh > \"${fpath[1]}/_r1tag\"\n"
      "  r1tag completion fish > ~/.config/fish/completions/r1tag.fish");
  // The manual page, for the build; hidden from --help (an empty group).
  app.add_subcommand("manpage", "Print the r1tag(1) manual page in roff")->group("");
}

bool is_documentation_command(std::string_view command) { return command == "completion" || command == "manpage"; }

CommandResult run_documentation_command(std::string_view command, const CLI::App& app, const CompletionOptions& options,
                                        const Catalog& catalog) {
  const CommandLineDoc doc = describe_command_line(app, catalog);
  CommandResult result;
  if (command == "manpage") {
    result.out = man_page(doc, k_version);
  } else if (options.shell == "bash") {
    result.out = bash_completion(doc);
  } else if (options.shell == "zsh") {
    result.out = zsh_completion(doc);
  } else {
    result.out = fish_completion(doc);
  }
  return result;
}

}  // namespace r1tag::cli
