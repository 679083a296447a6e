// Whole-process benchmark: runs the real r1tag binary many times, as a user or a script would,
// and reports the median wall time and the peak resident set size.
//
//   r1tag_process_bench R1TAG_BINARY RUNS explain-all   # explain --json over every ollama tag
//   r1tag_process_bench R1TAG_BINARY RUNS fit-all       # fit --json over the whole catalogue, three budgets
//   r1tag_process_bench R1TAG_BINARY RUNS -- ARGS…      # any command line
//
// Start-up is part of the product (goals: explain --json over the 35 ollama tags and fit --json over the
// full catalogue in <= 5 ms median, <= 16 MiB peak RSS on the 2-core reference machine), so this
// measures exec to exit, not a loop. See README.md for counting instructions instead of milliseconds.
#include <r1tag/tables/catalog.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <spawn.h>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

namespace {

std::vector<std::string> explain_all_args() {
  std::vector<std::string> args = {"explain", "--json"};
  const r1tag::Catalog& c = r1tag::embedded_catalog();
  for (const auto& t : c.ollama_tags) {
    args.push_back(fmt::format("{}:{}", c.ollama_library, t.tag));
    for (const auto& alias : t.aliases) args.push_back(fmt::format("{}:{}", c.ollama_library, alias));
  }
  return args;
}

// The budgets of issue 5's benchmark: one small GPU, two large GPUs with RAM (every variant placed), CPU only.
std::vector<std::vector<std::string>> fit_all_args() {
  return {{"fit", "--vram", "8GB", "--json"},
          {"fit", "--gpus", "24GB,24GB", "--ram", "128GB", "--json", "--all"},
          {"fit", "--ram", "32GB", "--json"}};
}

struct Run {
  double millis;
  long max_rss_kib;
};

Run run_once(const std::string& binary, const std::vector<std::string>& args) {
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(binary.c_str()));
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  // posix_spawn (a vfork in glibc) rather than fork: copying this process's page tables is the
  // harness's cost, not r1tag's. hyperfine launches the same way (Rust's Command uses posix_spawn).
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    fmt::print(stderr, "cannot run {}: {}\n", binary, std::strerror(spawned));
    std::exit(1);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  const auto end = std::chrono::steady_clock::now();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    fmt::print(stderr, "r1tag exited with status {}\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    std::exit(1);
  }
  return {std::chrono::duration<double, std::milli>(end - start).count(), usage.ru_maxrss};
}

// Runs `args` `runs` times after one warm-up run and prints the median, the extremes and the peak RSS.
void bench(const std::string& binary, int runs, const std::vector<std::string>& args) {
  std::vector<double> times;
  long peak_kib = 0;
  run_once(binary, args);  // warm the page cache
  for (int i = 0; i < runs; ++i) {
    const Run r = run_once(binary, args);
    times.push_back(r.millis);
    peak_kib = std::max(peak_kib, r.max_rss_kib);
  }
  std::sort(times.begin(), times.end());
  std::string shown;
  for (const auto& a : args) shown += (shown.empty() ? "" : " ") + a;
  if (shown.size() > 60) shown = shown.substr(0, 57) + "...";
  fmt::print("{} runs of r1tag {} ({} arguments): median {:.2f} ms, min {:.2f} ms, max {:.2f} ms, peak RSS {:.1f} MiB\n",
             runs, shown, args.size(), times[times.size() / 2], times.front(), times.back(), peak_kib / 1024.0);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    fmt::print(stderr, "usage: {} R1TAG_BINARY RUNS explain-all | fit-all | -- ARGS...\n", argv[0]);
    return 2;
  }
  const std::string binary = argv[1];
  const int runs = std::max(1, std::atoi(argv[2]));
  const std::string mode = argv[3];
  if (mode == "explain-all") {
    bench(binary, runs, explain_all_args());
  } else if (mode == "fit-all") {
    for (const auto& args : fit_all_args()) bench(binary, runs, args);
  } else {
    bench(binary, runs, std::vector<std::string>(argv + 4, argv + argc));
  }
  return 0;
}
