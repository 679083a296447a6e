#include "cli/man_page.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace r1tag::cli {

namespace {

// README's exit-code table (a ctest compares the two).
constexpr std::array<std::pair<int, std::string_view>, 10> k_exit_status{{
    {0, "Success."},
    {1, "Nothing fits: a valid question with no answer (fit)."},
    {2, "Usage: a bad flag or flag value."},
    {3, "A name r1tag cannot place: unknown model, size, base or quant, or a model outside the catalogue such as "
        "DeepSeek-R1-Zero (with several names, the good ones are still explained)."},
    {4, "Bad data tables: --data or R1TAG_DATA is missing a file or a table is invalid."},
    {5, "A model file r1tag cannot read: not a GGUF file, truncated, or a header it refuses."},
    {6, "Network (--remote only): unreachable, timed out, not found, gated without a token, 429, a server that "
        "ignores Range; also --remote in a build without libcurl."},
    {74, "Standard output did not take the output (a full disk, a closed stream); one line on stderr says why."},
    {141, "The reader of standard output went away (a broken pipe): r1tag stops silently, as Unix tools ended by "
          "SIGPIPE do."},
    {70, "Internal error: a bug; please report it."},
}};

constexpr std::array<std::pair<std::string_view, std::string_view>, 11> k_environment{{
    {"R1TAG_DATA", "Read the data tables from this directory instead of the ones built in (as --data does)."},
    {"NO_COLOR", "When set to anything, the text output has no colours (unless --color always)."},
    {"OLLAMA_MODELS", "Where ollama keeps its models (default ~/.ollama/models, then /usr/share/ollama/.ollama/models), "
                      "for the commands that read installed models."},
    {"HF_ENDPOINT", "The Hugging Face Hub to read from (a mirror), for --remote."},
    {"HF_TOKEN", "A Hugging Face token for gated repositories (else $HF_HOME/token); never printed."},
    {"HF_HOME", "Hugging Face's home: its cache (hub/) and token file (default ~/.cache/huggingface)."},
    {"HF_HUB_CACHE", "The Hugging Face cache read for installed GGUF files (default $HF_HOME/hub)."},
    {"LLAMA_CACHE", "llama.cpp's download cache, read for installed GGUF files (default ~/.cache/llama.cpp)."},
    {"XDG_CACHE_HOME", "r1tag caches remote listings and headers in $XDG_CACHE_HOME/r1tag (default ~/.cache/r1tag)."},
    {"R1TAG_OLLAMA_REGISTRY", "The ollama registry to read from (default https://registry.ollama.ai), for --remote."},
    {"R1TAG_SYSROOT", "A directory prefixed to every /proc and /sys path read when detecting the machine (for tests)."},
}};

constexpr std::array<std::pair<std::string_view, std::string_view>, 6> k_files{{
    {"~/.ollama/models, /usr/share/ollama/.ollama/models", "ollama's model store (manifests and blobs), read, never written."},
    {"~/.cache/huggingface/hub", "The Hugging Face cache (snapshots of GGUF repositories), read."},
    {"~/.cache/llama.cpp", "llama.cpp's download cache ($LLAMA_CACHE), read."},
    {"~/.lmstudio/models, ~/.cache/lm-studio/models", "LM Studio's model folders, read."},
    {"~/.cache/r1tag", "r1tag's own cache of remote listings and GGUF headers ($XDG_CACHE_HOME/r1tag)."},
    {"/usr/share/doc/r1tag/schema/*.schema.json", "JSON Schemas (draft 2020-12) of every command's --json output."},
}};

// Text for roff: backslashes escaped, a leading dot or quote neutralised, dashes as minus signs.
std::string roff(std::string_view text) {
  std::string out;
  bool line_start = true;
  for (const char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
    line_start = c == '\n';
  }
  return out;
}

// "-h, --help" or "--vram SIZE" in bold and italics.
std::string option_tag(const OptionDoc& o) {
  if (!o.positional.empty()) return fmt::format("\\fI{}\\fR{}", roff(o.positional), o.repeats ? "\\&..." : "");
  std::string tag;
  for (const std::string& name : o.names) tag += (tag.empty() ? "" : ", ") + fmt::format("\\fB{}\\fR", roff(name));
  if (o.takes_value) tag += fmt::format(" \\fI{}\\fR", roff(o.value_name));
  return tag;
}

std::string option_list(const CommandDoc& command) {
  std::string out;
  for (const OptionDoc& o : command.options) out += fmt::format(".TP\n{}\n{}\n", option_tag(o), roff(o.description));
  return out;
}

std::string synopsis(const CommandDoc& command) {
  std::string args;
  for (const OptionDoc& o : command.options)
    if (!o.positional.empty()) args += fmt::format(" [\\fI{}\\fR{}]", roff(o.positional), o.repeats ? "\\&..." : "");
  return fmt::format(".B r1tag\n[\\fIGLOBAL OPTIONS\\fR] \\fB{}\\fR [\\fIOPTIONS\\fR]{}\n.br\n", roff(command.name), args);
}

// The footer without its example lines (those go to EXAMPLES), as a paragraph of its own.
std::string footer_notes(const std::string& footer) {
  std::string out;
  std::size_t start = 0;
  while (start < footer.size()) {
    const std::size_t end = std::min(footer.find('\n', start), footer.size());
    const std::string line = footer.substr(start, end - start);
    start = end + 1;
    const std::size_t text = line.find_first_not_of(' ');
    if (text == std::string::npos || is_example_line(line) || line.compare(text, 9, "Examples:") == 0) continue;
    out += line.substr(text) + "\n";
  }
  return out;
}

}  // namespace

std::string man_page(const CommandLineDoc& doc, std::string_view version) {
  std::string out = ".\\\" Generated by r1tag itself from its option definitions (src/cli/man_page.cpp); do not edit.\n";
  out += fmt::format(".TH R1TAG 1 \"\" \"r1tag {}\" \"User Commands\"\n", roff(version));
  out += ".nh\n.ad l\n";  // no hyphenation and ragged right: option names and paths stay whole
  out += ".SH NAME\nr1tag \\- " + roff(doc.program.description.substr(doc.program.description.find(':') + 2)) + "\n";
  out += ".SH SYNOPSIS\n";
  for (const CommandDoc& c : doc.commands) out += synopsis(c);
  out += ".B r1tag\n\\fB\\-\\-help\\fR | \\fB\\-\\-version\\fR\n";
  out += ".SH DESCRIPTION\n"
         "r1tag says what a DeepSeek\\-R1 local\\-model name means (model, architecture, quant, exact file size), how "
         "much memory it needs on given hardware, and which variants fit, from cited tables compiled into the "
         "binary. It works offline. Results go to standard output, written once after success; warnings and "
         "errors go to standard error.\n";
  out += ".SH GLOBAL OPTIONS\nThese come before the command.\n" + option_list(doc.program);
  out += ".SH COMMANDS\n";
  for (const CommandDoc& c : doc.commands) {
    out += fmt::format(".SS {}\n{}\n", roff(c.name), roff(c.description));
    if (const std::string notes = footer_notes(c.footer); !notes.empty()) out += ".PP\n" + roff(notes);
    out += option_list(c);
  }
  out += ".SH EXAMPLES\n";
  for (const CommandDoc& c : doc.commands) {
    const std::vector<std::string> examples = footer_examples(c.footer);
    if (examples.empty()) continue;
    out += ".PP\n.nf\n.RS 4\n";
    for (const std::string& e : examples) out += roff(e) + "\n";
    out += ".RE\n.fi\n";
  }
  out += ".SH EXIT STATUS\n";
  for (const auto& [code, meaning] : k_exit_status) out += fmt::format(".TP\n.B {}\n{}\n", code, roff(meaning));
  out += ".SH ENVIRONMENT\n";
  for (const auto& [name, meaning] : k_environment) out += fmt::format(".TP\n.B {}\n{}\n", name, roff(meaning));
  out += ".SH FILES\n";
  for (const auto& [path, meaning] : k_files) out += fmt::format(".TP\n.I {}\n{}\n", roff(path), roff(meaning));
  out += ".SH SEE ALSO\n"
         ".BR ollama (1),\n.BR llama\\-server (1).\n.PP\n"
         "The JSON output is described in /usr/share/doc/r1tag/json\\-schema.md.\n";
  return out;
}

}  // namespace r1tag::cli
