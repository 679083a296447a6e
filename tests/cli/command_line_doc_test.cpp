// The command line as data, read from CLI11 definitions: option names, value names as --help shows them,
// values from IsMember checks and from the tables, hidden commands left out.
#include "cli/command_line_doc.hpp"

#include <r1tag/tables/catalog.hpp>

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using r1tag::cli::CommandLineDoc;
using r1tag::cli::OptionDoc;
using r1tag::cli::ValueKind;

namespace {

const OptionDoc& option(const r1tag::cli::CommandDoc& command, const std::string& name) {
  const auto found = std::find_if(command.options.begin(), command.options.end(), [&](const OptionDoc& o) {
    return std::find(o.names.begin(), o.names.end(), name) != o.names.end() || o.positional == name;
  });
  REQUIRE(found != command.options.end());
  return *found;
}

bool has(const std::vector<std::string>& words, const std::string& word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

}  // namespace

TEST_CASE("command_line_doc reads commands, options and their values from a CLI11 app", "[cli][doc]") {
  CLI::App app("r1tag: test", "r1tag");
  std::string color;
  std::string data;
  std::string kv;
  std::string gpu;
  bool json = false;
  std::vector<std::string> tags;
  app.add_option("--color", color, "Colour")->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_option("--data", data, "Tables")->option_text("DIR");
  CLI::App* fit = app.add_subcommand("fit", "Rank variants");
  fit->add_option("--kv-type", kv, "KV cache type");
  fit->add_option("--gpu", gpu, "GPU by name")->option_text("NAME");
  fit->add_flag("--json", json, "JSON");
  fit->footer("Sizes: binary.\nExamples:\n  r1tag fit --vram 8GB\n  r1tag fit --gpu 4090  # by name");
  CLI::App* explain = app.add_subcommand("explain", "Explain names");
  explain->add_option("tag", tags, "names");
  app.add_subcommand("manpage", "hidden")->group("");
  CLI::App* cache = app.add_subcommand("cache", "The cache");
  bool all = false;
  cache->add_subcommand("clear", "Clear it")->add_flag("--all", all, "Everything");

  const CommandLineDoc doc = r1tag::cli::describe_command_line(app, r1tag::embedded_catalog());
  REQUIRE(doc.commands.size() == 4);  // the hidden one is left out; a command's own commands follow it
  CHECK(doc.commands[2].name == "cache");
  CHECK(option(doc.commands[2], "command").values == std::vector<std::string>{"clear"});
  CHECK(doc.commands[3].name == "cache clear");
  CHECK_FALSE(option(doc.commands[3], "--all").takes_value);
  CHECK(doc.commands[0].name == "fit");
  CHECK(doc.commands[1].name == "explain");
  CHECK(option(doc.program, "--color").values == std::vector<std::string>{"always", "auto", "never"});
  CHECK(option(doc.program, "--data").kind == ValueKind::directory);
  CHECK(option(doc.program, "--data").value_name == "DIR");
  CHECK(option(doc.program, "--help").names == std::vector<std::string>{"-h", "--help"});
  CHECK_FALSE(option(doc.program, "--help").takes_value);
  // llama.cpp's -ctk values (common/arg.cpp kv_cache_types), as r1tag's --kv-type takes them.
  CHECK(has(option(doc.commands[0], "--kv-type").values, "q8_0"));
  CHECK(has(option(doc.commands[0], "--kv-type").values, "iq4_nl"));
  // data/gpus.json: the RTX 4090 and its alias "4090"; CPU platforms are not GPUs.
  const OptionDoc& gpu_option = option(doc.commands[0], "--gpu");
  CHECK(gpu_option.value_name == "NAME");
  CHECK(has(gpu_option.values, "4090"));
  CHECK(has(gpu_option.values, "NVIDIA GeForce RTX 4090"));
  CHECK(std::none_of(r1tag::embedded_catalog().devices.begin(), r1tag::embedded_catalog().devices.end(),
                     [&](const r1tag::Device& d) { return d.kind == "cpu" && has(gpu_option.values, std::string(d.name)); }));
  CHECK_FALSE(option(doc.commands[0], "--json").takes_value);
  // ollama's deepseek-r1 library: the full tag and its alias.
  const OptionDoc& tag = option(doc.commands[1], "tag");
  CHECK(tag.kind == ValueKind::file_or_words);
  CHECK(tag.repeats);
  CHECK(has(tag.values, "7b-qwen-distill-q4_K_M"));
  CHECK(has(tag.values, "7b"));
  CHECK(r1tag::cli::is_example_line("  OLLAMA_MODELS=/data/ollama r1tag list"));
  CHECK_FALSE(r1tag::cli::is_example_line("Sizes: r1tag reads GB as GiB"));
  CHECK_FALSE(r1tag::cli::is_example_line("  a=b"));
  CHECK(r1tag::cli::footer_examples(doc.commands[0].footer) ==
        std::vector<std::string>{"r1tag fit --vram 8GB", "r1tag fit --gpu 4090  # by name"});
}
