// `r1tag completion SHELL`, the hidden `r1tag manpage` and `--version`, run through the CLI as users run them.
#include "cli/app.hpp"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

namespace {

struct Run {
  int code;
  std::string out;
  std::string err;
};

Run run(const std::vector<std::string>& args) {
  std::ostringstream out;
  std::ostringstream err;
  const int code = r1tag::cli::run(args, out, err, r1tag::cli::Environment{});
  return {code, out.str(), err.str()};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("completion prints a script for each shell, with every command and the tables' values", "[cli][completion]") {
  const Run bash = run({"completion", "bash"});
  CHECK(bash.code == 0);
  CHECK(bash.err.empty());
  CHECK(contains(bash.out, "complete -F _r1tag r1tag\n"));
  CHECK(contains(bash.out, "    \"fit\")\n"));
  CHECK(contains(bash.out, "\nq8_0'"));
  const Run zsh = run({"completion", "zsh"});
  CHECK(zsh.out.rfind("#compdef r1tag\n", 0) == 0);
  CHECK(contains(zsh.out, "'--kv-type[KV cache type"));
  CHECK(contains(zsh.out, " q8_0)"));
  const Run fish = run({"--color", "never", "completion", "fish"});
  CHECK(fish.code == 0);
  CHECK(contains(fish.out, "complete -c r1tag -n '__fish_seen_subcommand_from fit' -l kv-type -x -a "));
}

TEST_CASE("completion without a known shell is a usage error", "[cli][completion]") {
  CHECK(run({"completion"}).code == 2);
  const Run tcsh = run({"completion", "tcsh"});
  CHECK(tcsh.code == 2);
  CHECK(tcsh.out.empty());
}

TEST_CASE("manpage prints r1tag(1) with every command, hidden from --help", "[cli][completion]") {
  const Run man = run({"manpage"});
  CHECK(man.code == 0);
  CHECK(contains(man.out, ".TH R1TAG 1 "));
  CHECK(contains(man.out, ".SS fit\n"));
  CHECK(contains(man.out, "\\fB\\-\\-kv\\-type\\fR \\fITEXT\\fR\n"));
  CHECK(contains(man.out, ".SH EXIT STATUS\n"));
  CHECK(contains(man.out, ".B R1TAG_DATA\n"));
  CHECK_FALSE(contains(run({"--help"}).out, "manpage"));
  CHECK(contains(run({"--help"}).out, "completion"));
}

TEST_CASE("version: --version names the data tables' revision and the runtime versions the profiles model", "[cli][version]") {
  const Run version = run({"--version"});
  CHECK(version.code == 0);
  CHECK(version.out.rfind("r1tag ", 0) == 0);
  CHECK(contains(version.out, "\ndata tables: "));
  // data/runtimes.json: llama-server b10488 (the build ollama v0.32.15 ships), ollama v0.32.15, and the
  // pre-0.30 ollama profile still selectable by name.
  CHECK(contains(version.out, "\nruntime profile llama.cpp: llama.cpp b10488"));
  CHECK(contains(version.out, "\nruntime profile ollama: ollama v0.32.15"));
  CHECK(contains(version.out, "\nruntime profile ollama@0.29: ollama v0.15.5 - v0.29.x"));
}
