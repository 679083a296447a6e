#include "cli/app.hpp"

#include <r1tag/common/error.hpp>
#include <r1tag/common/suggest.hpp>
#include <r1tag/tables/tables.hpp>

#include "cli/completion_command.hpp"
#include "cli/diagnostics.hpp"
#include "cli/explain_command.hpp"
#include "cli/fit_command.hpp"
#include "cli/gpus_command.hpp"
#include "cli/list_command.hpp"
#include "cli/output.hpp"
#include "cli/remote_command.hpp"
#include "cli/system_command.hpp"
#include "cli/terminal.hpp"
#include "cli/version_text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ostream>
#include <optional>
#include <sstream>
#include <fcntl.h>
#include <malloc.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <utility>

namespace r1tag::cli {

namespace {

struct GlobalOptions {
  std::string data_dir;
  std::string color = "auto";
};

// Every error r1tag prints goes through error_line, which escapes it to one line.
void print_error(std::ostream& err, const Error& e) { err << error_line(e); }

// --data beats $R1TAG_DATA beats the tables compiled into the binary.
const Catalog& choose_catalog(const GlobalOptions& global, const Environment& env, std::optional<Catalog>& loaded) {
  const std::string dir = !global.data_dir.empty() ? global.data_dir : env.data_dir;
  if (dir.empty()) return embedded_catalog();
  loaded = parse_catalog(read_tables_from(dir));
  return *loaded;
}

CommandResult dispatch(CLI::App& app, const GlobalOptions& global, const ExplainOptions& explain, const FitOptions& fit,
                       const GpusOptions& gpus, const SystemOptions& system, const ListOptions& list,
                       const CacheOptions& cache, const Environment& env) {
  // require_subcommand(1): exactly one was parsed; only the named one may have been set up.
  const std::string& command = app.get_subcommands().front()->get_name();
  if (command == "cache") return run_cache(cache, env);
  std::optional<Catalog> loaded;
  const Catalog& catalog = choose_catalog(global, env, loaded);
  if (command == "list") return run_list(list, catalog, env);
  if (command == "system") return run_system(system, catalog, env);
  const TextStyle style{use_color(global.color, env), static_cast<std::size_t>(env.terminal_width)};
  if (command == "explain") return run_explain(explain, catalog, style, env);
  if (command == "fit") return run_fit(fit, catalog, style, env);
  return run_gpus(gpus, catalog);
}

CommandResult error_result(const Error& e) {
  std::ostringstream err;
  print_error(err, e);
  return {"", err.str(), static_cast<int>(e.code())};
}

// What CLI11 prints for --help and --version, and its exit code.
CommandResult cli11_exit(CLI::App& app, const CLI::Error& e) {
  std::ostringstream out;
  std::ostringstream err;
  const int code = app.exit(e, out, err);
  return {out.str(), err.str(), code};
}

// The first touch of each new heap page is the largest single start-up cost on a virtual machine: about
// 9 us per page on the project's 2-core VM, against 1.5 us per page populated in one madvise call
// (bench/README.md). `fit` over the whole catalogue stays within 768 KiB, `explain --json` of the 35
// ollama names a few pages beyond (more populated pages cost every command, `--version` included, more
// than they save), so the heap grows once, by that much, populated; malloc keeps it (no trimming) for
// the few milliseconds r1tag lives. Without MADV_POPULATE_WRITE (Linux < 5.14) the pages are simply
// faulted in as before.
void prepare_heap() {
  constexpr std::size_t k_heap_bytes = std::size_t{768} << 10;
  mallopt(M_MMAP_THRESHOLD, static_cast<int>(2 * k_heap_bytes));
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(2 * k_heap_bytes));
  const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
  const auto old_top = reinterpret_cast<std::uintptr_t>(sbrk(0));
  void* volatile grown = std::malloc(k_heap_bytes);  // volatile: the compiler may drop a malloc/free pair
  std::free(grown);
  const auto new_top = reinterpret_cast<std::uintptr_t>(sbrk(0));
  const std::uintptr_t begin = (old_top + page - 1) / page * page;
#ifdef MADV_POPULATE_WRITE
  if (new_top > begin) madvise(reinterpret_cast<void*>(begin), new_top - begin, MADV_POPULATE_WRITE);
#endif
}

// The command the arguments name: the first argument that is a command's name, skipping the values of
// the global options. CLI11 builds every option of every command up front, which was a third of the
// instructions of `r1tag --version`; so only the named command is set up, and all of them when none is
// named (the top-level help and its errors list them all).
std::string_view named_command(const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--data" || a == "--color") {
      ++i;
      continue;
    }
    if (a == "explain" || a == "fit" || a == "gpus" || a == "system" || a == "list" || a == "cache") return a;
    if (!a.starts_with("-")) return {};  // not a command: CLI11 reports it with every command set up
  }
  return {};
}

// For an option CLI11 did not expect ("--vrma"), the closest option of the command and of r1tag itself
// ("--vram"), so the error can suggest it; nullopt when nothing is close or no argument is an unknown option.
std::optional<std::pair<std::string, std::string>> misspelled_option(const CLI::App& app, std::string_view command,
                                                                     const std::vector<std::string>& args) {
  std::vector<std::string> names;
  const auto add_names = [&](const CLI::App& from) {
    for (const CLI::Option* o : from.get_options())
      for (const std::string& n : o->get_lnames()) names.push_back("--" + n);
  };
  add_names(app);
  if (!command.empty()) add_names(*app.get_subcommand(std::string(command)));
  for (const std::string& arg : args) {
    if (!arg.starts_with("--")) continue;
    const std::string name = arg.substr(0, arg.find('='));
    if (std::find(names.begin(), names.end(), name) != names.end()) continue;
    const std::vector<std::string_view> candidates(names.begin(), names.end());
    if (const auto best = closest_match(name, candidates)) return std::make_pair(name, *best);
    return std::nullopt;
  }
  return std::nullopt;
}

// CLI11 reads "-hf" as "-h -f" and prints the help on stdout with exit 0, so a script that asked for
// JSON (`r1tag explain -hf unsloth/DeepSeek-R1-GGUF:UD-IQ1_S --json`, llama-server's habit) got text
// and success. Any argument that stacks letters behind -h is refused as a usage error instead.
std::optional<Error> refused_short_flags(const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.size() <= 2 || !a.starts_with("-h")) continue;
    if (a == "-hf" || a.starts_with("-hf=")) {
      const std::string name = a.size() > 4 ? a.substr(4) : i + 1 < args.size() ? args[i + 1] : "NAME";
      return Error::usage("unknown option '-hf' (llama-server's flag)",
                          fmt::format("r1tag takes the name as an argument: r1tag explain {}", name));
    }
    return Error::usage(fmt::format("unknown option '{}'", a), "run 'r1tag --help' for usage");
  }
  return std::nullopt;
}

CommandResult run_collected(const std::vector<std::string>& args, const Environment& env) {
  CLI::App app("r1tag: what a DeepSeek-R1 model tag means, and which variant your hardware can run", "r1tag");
  GlobalOptions global;
  ExplainOptions explain;
  FitOptions fit;
  GpusOptions gpus;
  SystemOptions system;
  ListOptions list;
  CacheOptions cache;
  app.set_version_flag("--version", [] { return version_text(embedded_catalog()); });
  app.add_option("--data", global.data_dir, "Read the data tables from DIR instead of the built-in ones (also $R1TAG_DATA)")
      ->option_text("DIR");
  app.add_option("--color", global.color, "Colour the text output: auto (on a terminal, unless NO_COLOR is set), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.require_subcommand(1);
  // The global options work after the command too (`fit --vram 8GB --color always`): subcommands added
  // from here on pass options they do not know up to r1tag itself.
  app.fallthrough();
  const std::string_view command = named_command(args);
  if (command.empty() || command == "explain") add_explain_command(app, explain);
  if (command.empty() || command == "fit") add_fit_command(app, fit);
  if (command.empty() || command == "gpus") add_gpus_command(app, gpus);
  if (command.empty() || command == "system") add_system_command(app, system);
  if (command.empty() || command == "list") add_list_command(app, list);
  if (command.empty() || command == "cache") add_cache_command(app, cache);
  // `completion` and `manpage` are not named_command()s, so every command is set up for them to describe.
  CompletionOptions completion;
  if (command.empty()) add_completion_command(app, completion);
  app.footer(
      "Exit codes: 0 ok, 1 nothing fits, 2 usage, 3 a name r1tag cannot place, 4 bad data tables, 5 unreadable model file,\n"
      "6 network (--remote), 74 output, 70 internal error.\n"
      "Run 'r1tag COMMAND --help' for a command's options and examples.");

  if (const auto refused = refused_short_flags(args)) return error_result(*refused);
  try {
    std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 consumes from the back
    app.parse(reversed);
  } catch (const CLI::CallForHelp& e) {
    return cli11_exit(app, e);
  } catch (const CLI::CallForAllHelp& e) {
    return cli11_exit(app, e);
  } catch (const CLI::CallForVersion& e) {
    return cli11_exit(app, e);
  } catch (const CLI::ExtrasError& e) {
    if (const auto typo = misspelled_option(app, command, args))
      return error_result(Error::usage(fmt::format("unknown option '{}'", typo->first), fmt::format("did you mean {}?", typo->second)));
    return error_result(Error::usage(e.what(), "run 'r1tag --help' for usage"));
  } catch (const CLI::ParseError& e) {
    return error_result(Error::usage(e.what(), "run 'r1tag --help' for usage"));
  }

  try {
    if (const std::string& name = app.get_subcommands().front()->get_name(); is_documentation_command(name)) {
      std::optional<Catalog> loaded;
      return run_documentation_command(name, app, completion, choose_catalog(global, env, loaded));
    }
    return dispatch(app, global, explain, fit, gpus, system, list, cache, env);
  } catch (const Error& e) {
    return error_result(e);
  } catch (const std::exception& e) {
    return {"", internal_error_line(e.what()), static_cast<int>(ExitCode::internal)};
  }
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const Environment& env) {
  const CommandResult result = run_collected(args, env);
  if (!result.err.empty()) err << guarded_stderr(result.err);
  if (result.out.empty()) return result.exit_code;
  // The same contract as deliver(): output a stream did not take is an error, never success.
  out << result.out << std::flush;
  if (out) return result.exit_code;
  err << error_line(Error(ExitCode::output, "stdout did not take the output (the stream failed)",
                          "check the disk space or where stdout goes"));
  return static_cast<int>(ExitCode::output);
}

int run_main(int argc, char** argv) {
  // A closed stdout is noted, and its descriptor taken by /dev/null, so no file r1tag opens becomes
  // "stdout" and the output is reported as not delivered instead.
  const bool stdout_open = fcntl(STDOUT_FILENO, F_GETFD) != -1;
  if (!stdout_open) (void)open("/dev/null", O_WRONLY | O_CLOEXEC);
  prepare_heap();
  Environment env;
  env.stdout_is_tty = isatty(STDOUT_FILENO) == 1;
  if (const char* v = std::getenv("NO_COLOR")) env.no_color = v;
  if (const char* v = std::getenv("R1TAG_DATA")) env.data_dir = v;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    const std::size_t equals = text.find('=');
    if (equals != std::string_view::npos) env.variables.emplace(text.substr(0, equals), text.substr(equals + 1));
  }
  winsize size{};
  if (env.stdout_is_tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col >= 60) env.terminal_width = size.ws_col;
  env.stderr_is_tty = isatty(STDERR_FILENO) == 1;
  if (env.stderr_is_tty && ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col >= 20) env.stderr_width = size.ws_col;
  env.write_stderr_now = [](std::string_view text) { write_now(STDERR_FILENO, text); };
  const std::vector<std::string> args(argv + 1, argv + argc);
  // Results are collected and written once, so a failure never leaves half a document on stdout.
  const CommandResult result = run_collected(args, env);
  return deliver(result.out, result.err, result.exit_code, STDOUT_FILENO, STDERR_FILENO, stdout_open);
}

}  // namespace r1tag::cli
