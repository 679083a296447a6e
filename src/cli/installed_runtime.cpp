#include "cli/installed_runtime.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <chrono>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace r1tag::cli {

namespace {

// --version answers at once; anything slower is not the program we mean (or is stuck), and fit must not hang.
constexpr int k_answer_ms = 1000;
constexpr std::size_t k_output_cap_bytes = 64 * 1024;

// The first executable `name` in the PATH directories.
std::optional<std::string> find_on_path(std::string_view name, std::string_view path) {
  std::size_t begin = 0;
  while (begin <= path.size()) {
    const std::size_t end = std::min(path.find(':', begin), path.size());
    const std::string_view dir = path.substr(begin, end - begin);
    if (!dir.empty()) {
      std::string candidate = fmt::format("{}/{}", dir, name);
      if (access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    begin = end + 1;
  }
  return std::nullopt;
}

// Runs `program --version` with stdin from /dev/null, stdout and stderr into one pipe, PATH as the only
// environment variable; returns what it printed, or nullopt when it did not finish in time.
std::optional<std::string> run_version(const std::string& program, std::string_view path) {
  std::array<int, 2> pipe_fds{};
  if (pipe(pipe_fds.data()) != 0) return std::nullopt;
  const std::string path_entry = fmt::format("PATH={}", path);
  std::array<char*, 3> argv{const_cast<char*>(program.c_str()), const_cast<char*>("--version"), nullptr};
  std::array<char*, 2> envp{const_cast<char*>(path_entry.c_str()), nullptr};
  const pid_t pid = fork();
  if (pid < 0) {
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    return std::nullopt;
  }
  if (pid == 0) {
    const int null_fd = open("/dev/null", O_RDONLY);
    if (null_fd >= 0) dup2(null_fd, STDIN_FILENO);
    dup2(pipe_fds[1], STDOUT_FILENO);
    dup2(pipe_fds[1], STDERR_FILENO);
    close(pipe_fds[0]);
    setpgid(0, 0);  // its own group, so a timeout ends whatever it started
    execve(program.c_str(), argv.data(), envp.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  std::string output;
  bool finished = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(k_answer_ms);
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{pipe_fds[0], POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    std::array<char, 4096> buffer{};
    const ssize_t n = read(pipe_fds[0], buffer.data(), buffer.size());
    if (n <= 0) {
      finished = true;  // end of output: the program closed its streams
      break;
    }
    if (output.size() < k_output_cap_bytes) output.append(buffer.data(), static_cast<std::size_t>(n));
  }
  close(pipe_fds[0]);
  if (!finished) kill(-pid, SIGKILL);
  int status = 0;
  if (finished) {
    // The output is closed; give the program the rest of the second to exit, then stop it.
    while (waitpid(pid, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() >= deadline) {
        kill(-pid, SIGKILL);
        finished = false;
        break;
      }
      usleep(2000);
    }
  }
  if (!finished) waitpid(pid, &status, 0);
  if (!finished) return std::nullopt;
  return output;
}

// The dotted number that starts at `from` in `text`, or empty.
std::string number_at(std::string_view text, std::size_t from) {
  std::size_t end = from;
  while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) != 0 || text[end] == '.')) ++end;
  while (end > from && text[end - 1] == '.') --end;
  return std::string(text.substr(from, end - from));
}

}  // namespace

std::string version_from_output(std::string_view runtime, std::string_view output) {
  if (runtime == "ollama") {
    // "ollama version is 0.32.15"; without a running server: "Warning: client version is 0.32.15".
    for (const std::string_view marker : {std::string_view("ollama version is "), std::string_view("client version is ")}) {
      const std::size_t at = output.find(marker);
      if (at == std::string_view::npos) continue;
      std::size_t from = at + marker.size();
      if (from < output.size() && output[from] == 'v') ++from;
      std::string v = number_at(output, from);
      if (!v.empty()) return v;
    }
    return {};
  }
  // llama-server: "version: 10488 (25ae3a9b)" (common/build-info, printed on stderr).
  const std::size_t at = output.find("version: ");
  if (at == std::string_view::npos) return {};
  return number_at(output, at + 9);
}

std::optional<InstalledRuntime> installed_runtime(std::string_view runtime, const Environment& env) {
  const std::string_view path = env.variable("PATH");
  if (path.empty()) return std::nullopt;
  const std::string_view program_name = runtime == "ollama" ? "ollama" : "llama-server";
  const auto program = find_on_path(program_name, path);
  if (!program) return std::nullopt;
  const auto output = run_version(*program, path);
  if (!output) return std::nullopt;
  std::string version = version_from_output(runtime, *output);
  if (version.empty()) return std::nullopt;
  return InstalledRuntime{std::move(version), *program};
}

RuntimeSelection choose_runtime(const std::string& flag, const Environment& env) {
  const std::string name = flag.empty() ? "llama.cpp" : flag;
  if (name.find('@') != std::string::npos || (name != "ollama" && name != "llama.cpp")) return {name, {}};
  const auto found = installed_runtime(name, env);
  if (!found) return {name, {}};
  if (name == "ollama")
    return {fmt::format("ollama@{}", found->version),
            fmt::format("modelled ollama {} as installed ({} --version)", found->version, found->program)};
  return {fmt::format("llama.cpp@{}", found->version),
          fmt::format("llama-server build {} is installed ({} --version); modelled with the llama.cpp profile",
                      found->version, found->program)};
}

}  // namespace r1tag::cli
