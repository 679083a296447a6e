// The completion scripts written from a command line's description: quoting of values with spaces and
// quotes, and a command's own commands (`cache clear`).
#include "cli/completion_scripts.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace r1tag::cli;

namespace {

CommandLineDoc sample() {
  CommandLineDoc doc;
  doc.program.name = "r1tag";
  OptionDoc gpu;
  gpu.names = {"--gpu"};
  gpu.value_name = "NAME";
  gpu.description = "GPU by name ('r1tag gpus' lists them)";
  gpu.takes_value = true;
  gpu.kind = ValueKind::words;
  gpu.values = {"4090", "RTX 4090"};
  CommandDoc fit{"fit", "Rank: best first", "", {gpu}};
  OptionDoc sub;
  sub.positional = "command";
  sub.takes_value = true;
  sub.kind = ValueKind::words;
  sub.values = {"clear"};
  CommandDoc cache{"cache", "The cache", "", {sub}};
  CommandDoc clear{"cache clear", "Clear it", "", {}};
  doc.commands = {fit, cache, clear};
  return doc;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("bash completion finds a command's own command after it", "[completion]") {
  const std::string bash = bash_completion(sample());
  CHECK(contains(bash, "case \"$command $word\" in \"cache clear\") command=\"$command $word\""));
  CHECK(contains(bash, "    \"cache clear\")\n"));
  CHECK(contains(bash, "_r1tag_reply 'fit\ncache'"));
  CHECK(contains(bash, "--gpu) _r1tag_reply '4090\nRTX 4090'; return ;;"));
}

TEST_CASE("zsh and fish completions escape spaces, colons and quotes", "[completion]") {
  const std::string zsh = zsh_completion(sample());
  CHECK(contains(zsh, "'fit:Rank\\: best first'"));
  CHECK(contains(zsh, ":NAME:(4090 RTX\\ 4090)'"));
  CHECK(contains(zsh, "('\\''r1tag gpus'\\'' lists them)"));
  CHECK_FALSE(contains(zsh, "cache clear"));  // offered as `cache`'s positional instead
  const std::string fish = fish_completion(sample());
  CHECK(contains(fish, "-l gpu -x -a '\\'4090\\' \\'RTX 4090\\''"));
  CHECK(contains(fish, "-d 'GPU by name (\\'r1tag gpus\\' lists them)'"));
  CHECK(contains(fish, "complete -c r1tag -n '__fish_seen_subcommand_from cache' -a '\\'clear\\''"));
}
