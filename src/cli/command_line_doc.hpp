// The command line as data: every command, option, value name, help text and the values an option
// takes, read from the live CLI11 definitions (the ones --help prints) and the catalogue. The man page
// and the shell completions are written from this, so they list exactly what the parser accepts.
#pragma once

#include <r1tag/tables/catalog.hpp>

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace r1tag::cli {

// What a value may be completed with, beyond `values`.
enum class ValueKind { none, words, directory, file_or_words };

struct OptionDoc {
  std::vector<std::string> names;  // "-h", "--help"; empty for a positional argument
  std::string positional;          // the positional's name ("tag"); empty for an option
  std::string value_name;          // as --help shows it ("SIZE", "TEXT:{auto,always,never}"); empty for a flag
  std::string description;
  bool takes_value = false;
  bool repeats = false;              // a positional taking several values
  ValueKind kind = ValueKind::none;  // none: free text (nothing to offer)
  std::vector<std::string> values;   // the words to offer, sorted, unique
};

struct CommandDoc {
  std::string name;  // "fit"; "r1tag" for the program itself; "cache clear" for a command's own command
  std::string description;
  std::string footer;  // the command's --help footer (sizes, examples)
  std::vector<OptionDoc> options;  // options first, positionals last, in definition order
};

struct CommandLineDoc {
  CommandDoc program;  // global options (--data, --color, --help, --version)
  // Visible commands in definition order (hidden ones left out); a command's own commands follow it,
  // named "cache clear", and the command gets a positional `command` offering their names.
  std::vector<CommandDoc> commands;
};

// Walks `app` after every command has been added. Values come from the option's own CLI11 check
// (IsMember) or, by option name, from the tables: --kv-type, --flash-attn, --runtime, --gpu, --cpu, --model,
// --quant, --vendor, --kind, the names `explain` takes, the filters of `gpus`.
CommandLineDoc describe_command_line(const CLI::App& app, const Catalog& catalog);

// The examples of a command's footer: its lines that run r1tag ("r1tag fit …", "OLLAMA_MODELS=/x r1tag list"),
// without their indentation.
std::vector<std::string> footer_examples(const std::string& footer);

// Whether one line of a footer is such an example.
bool is_example_line(std::string_view line);

}  // namespace r1tag::cli
