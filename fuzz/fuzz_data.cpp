// libFuzzer target for hostile `--data` tables (issue 16): the first byte chooses which of the nine tables
// the rest of the input replaces (the others are the shipped ones, copied once into a temporary directory)
// and which command then runs with `--data DIR`. Whatever the table: exit 0-4 (4 for a bad table), never
// 70, never a crash, a stack overflow or a hang; stderr one clean line per diagnostic; --json output
// nothing or one complete document.
// Built and run by `fuzz/run.sh SECONDS data` (clang only; never part of the default build).
#include "cli/app.hpp"

#include <r1tag/tables/tables.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct Tables {
  std::string dir;
  r1tag::RawTables originals;
};

void write(const std::string& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

const Tables& tables() {
  static const Tables t = [] {
    Tables made;
    made.originals = r1tag::read_tables_from(std::string(R1TAG_SOURCE_DIR) + "/data");
    std::string pattern = "/tmp/r1tag-fuzz-data-XXXXXX";
    made.dir = mkdtemp(pattern.data());
    for (const auto& [name, text] : made.originals) write(made.dir + "/" + name, text);
    return made;
  }();
  return t;
}

const std::vector<std::vector<std::string>>& commands() {
  static const std::vector<std::vector<std::string>> c = {
      {"gpus", "--json"}, {"explain", "7b", "--json"}, {"gpus", "4090"}, {"explain", "14b", "--gpu", "4060", "--ram", "32GB"}};
  return c;
}

bool clean_stderr(const std::string& err) {
  for (const char c : err) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n') || u == 0x7f) return false;
  }
  return err.empty() || (err.back() == '\n' && err.rfind("r1tag: ", 0) == 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const Tables& t = tables();
  const std::vector<std::string>& names = r1tag::table_file_names();
  const std::string& name = names[data[0] % names.size()];
  const std::vector<std::string>& command = commands()[(data[0] / names.size()) % commands().size()];
  const std::string path = t.dir + "/" + name;
  write(path, std::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
  std::vector<std::string> args = {"--data", t.dir};
  args.insert(args.end(), command.begin(), command.end());
  std::ostringstream out;
  std::ostringstream err;
  const int code = r1tag::cli::run(args, out, err, r1tag::cli::Environment{});
  write(path, t.originals.at(name));
  if (code < 0 || code > 4) __builtin_trap();
  if (!clean_stderr(err.str())) __builtin_trap();
  if (code == 4 && !out.str().empty()) __builtin_trap();
  if (command.back() == "--json" && !out.str().empty() && !nlohmann::json::accept(out.str())) __builtin_trap();
  return 0;
}
