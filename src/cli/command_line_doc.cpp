#include "cli/command_line_doc.hpp"

#include "cli/options.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <set>
#include <string_view>

namespace r1tag::cli {

namespace {

using Words = std::set<std::string>;

void add(Words& words, std::string_view word) {
  if (!word.empty()) words.emplace(word);
}

// The members of a CLI::IsMember check, as --help shows them: "TEXT:{auto,always,never}".
Words member_values(const std::string& type_name) {
  Words words;
  const std::size_t open = type_name.find('{');
  const std::size_t close = type_name.rfind('}');
  if (open == std::string::npos || close == std::string::npos || close < open) return words;
  const std::string inside = type_name.substr(open + 1, close - open - 1);
  std::size_t start = 0;
  while (start <= inside.size()) {
    const std::size_t comma = std::min(inside.find(',', start), inside.size());
    add(words, inside.substr(start, comma - start));
    start = comma + 1;
  }
  return words;
}

// Devices of `kind` ("cpu") or of every other kind (""), by name and alias.
Words device_words(const Catalog& catalog, bool cpus) {
  Words words;
  for (const Device& d : catalog.devices) {
    if ((d.kind == "cpu") != cpus) continue;
    add(words, d.name);
    for (const std::string_view alias : d.aliases) add(words, alias);
  }
  return words;
}

// What `explain` takes: ollama tags and their aliases, model sizes, Hugging Face repositories.
Words name_words(const Catalog& catalog) {
  Words words;
  for (const OllamaTag& t : catalog.ollama_tags) {
    add(words, t.tag);
    for (const std::string_view alias : t.aliases) add(words, alias);
  }
  for (const Model& m : catalog.models) add(words, m.size_label);
  for (const HfRepo& r : catalog.hf_repos) add(words, r.repo);
  return words;
}

// What `gpus FILTER` matches: kinds, vendors and aliases.
Words filter_words(const Catalog& catalog) {
  Words words;
  for (const Device& d : catalog.devices) {
    add(words, d.kind);
    add(words, d.vendor);
    for (const std::string_view alias : d.aliases) add(words, alias);
  }
  return words;
}

// Values that come from the tables rather than from a CLI11 check, by option or positional name (a new
// option whose values come from a table gets its line here; one with a CLI::IsMember check needs none).
Words table_values(std::string_view name, const Catalog& catalog) {
  Words words;
  if (name == "kv-type") {
    for (const std::string_view t : kv_cache_types()) add(words, t);
  } else if (name == "flash-attn") {
    words = {"off", "on"};
  } else if (name == "runtime") {
    for (const RuntimeProfile& r : catalog.runtimes) add(words, r.name);
  } else if (name == "gpu") {
    words = device_words(catalog, false);
  } else if (name == "cpu") {
    words = device_words(catalog, true);
  } else if (name == "model") {
    for (const Model& m : catalog.models) {
      add(words, m.size_label);
      add(words, m.id);
    }
  } else if (name == "quant") {
    for (const QuantScheme& s : catalog.schemes) add(words, s.name);
  } else if (name == "tag") {
    words = name_words(catalog);
  } else if (name == "filter") {
    words = filter_words(catalog);
  } else if (name == "vendor") {
    for (const Device& d : catalog.devices) add(words, d.vendor);
  } else if (name == "kind") {
    for (const Device& d : catalog.devices) add(words, d.kind);
  }
  return words;
}

OptionDoc describe_option(const CLI::Option& o, const Catalog& catalog) {
  OptionDoc doc;
  for (const std::string& s : o.get_snames()) doc.names.push_back("-" + s);
  for (const std::string& l : o.get_lnames()) doc.names.push_back("--" + l);
  if (!o.nonpositional()) doc.positional = o.get_name(true);
  doc.description = o.get_description();
  doc.takes_value = o.get_expected_max() != 0;
  doc.repeats = !doc.positional.empty() && o.get_items_expected_max() > 1;
  if (!doc.takes_value) return doc;
  // As --help shows it: the option's own text ("SIZE"), else its type and checks ("TEXT:{auto,always,never}").
  doc.value_name = o.get_option_text().empty() ? o.get_type_name() : o.get_option_text();
  const std::string key = doc.positional.empty() ? (o.get_lnames().empty() ? std::string() : o.get_lnames().front()) : doc.positional;
  Words words = member_values(o.get_type_name());
  if (words.empty()) words = table_values(key, catalog);
  doc.values.assign(words.begin(), words.end());
  if (key == "data") {
    doc.kind = ValueKind::directory;
  } else if (key == "tag") {
    doc.kind = ValueKind::file_or_words;  // explain also reads GGUF files
  } else if (!doc.values.empty()) {
    doc.kind = ValueKind::words;
  }
  return doc;
}

bool visible(const CLI::App* command) { return !command->get_group().empty(); }

CommandDoc describe_command(const CLI::App& app, std::string name, const Catalog& catalog) {
  CommandDoc doc;
  doc.name = std::move(name);
  doc.description = app.get_description();
  doc.footer = app.get_footer();
  std::vector<OptionDoc> positionals;
  for (const CLI::Option* o : app.get_options()) {
    if (o->get_group().empty()) continue;  // hidden
    OptionDoc option = describe_option(*o, catalog);
    (option.positional.empty() ? doc.options : positionals).push_back(std::move(option));
  }
  if (app.get_parent() != nullptr) {  // a command, not r1tag itself: its own commands
    OptionDoc commands;
    commands.positional = "command";
    commands.description = "one of its commands";
    commands.takes_value = true;
    commands.kind = ValueKind::words;
    for (const CLI::App* sub : app.get_subcommands(visible)) commands.values.push_back(sub->get_name());
    if (!commands.values.empty()) positionals.push_back(std::move(commands));
  }
  doc.options.insert(doc.options.end(), positionals.begin(), positionals.end());
  return doc;
}

// `app`'s visible commands, then each one's own commands after it ("cache", "cache clear").
void describe_commands(const CLI::App& app, const std::string& prefix, const Catalog& catalog, std::vector<CommandDoc>& out) {
  for (const CLI::App* command : app.get_subcommands(visible)) {
    const std::string name = prefix + command->get_name();
    out.push_back(describe_command(*command, name, catalog));
    describe_commands(*command, name + " ", catalog, out);
  }
}

}  // namespace

CommandLineDoc describe_command_line(const CLI::App& app, const Catalog& catalog) {
  CommandLineDoc doc;
  doc.program = describe_command(app, app.get_name(), catalog);
  describe_commands(app, "", catalog, doc.commands);
  return doc;
}

bool is_example_line(std::string_view line) {
  std::size_t at = line.find_first_not_of(' ');
  // Variables set for the run first: NAME=value r1tag …
  while (at != std::string_view::npos && line.compare(at, 6, "r1tag ") != 0) {
    const std::size_t word_end = line.find(' ', at);
    const std::string_view word = line.substr(at, word_end == std::string_view::npos ? std::string_view::npos : word_end - at);
    const std::size_t equals = word.find('=');
    if (equals == std::string_view::npos || equals == 0 || word_end == std::string_view::npos) return false;
    if (!std::all_of(word.begin(), word.begin() + static_cast<std::ptrdiff_t>(equals), [](char c) {
          return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }))
      return false;
    at = word_end + 1;
  }
  return at != std::string_view::npos;
}

std::vector<std::string> footer_examples(const std::string& footer) {
  std::vector<std::string> examples;
  std::size_t start = 0;
  while (start < footer.size()) {
    const std::size_t end = std::min(footer.find('\n', start), footer.size());
    const std::string_view line = std::string_view(footer).substr(start, end - start);
    if (is_example_line(line)) examples.emplace_back(line.substr(line.find_first_not_of(' ')));
    start = end + 1;
  }
  return examples;
}

}  // namespace r1tag::cli
