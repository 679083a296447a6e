// A fake machine for detection tests: a sysroot (proc/, sys/, usr/share/) and a bin/ directory of tool
// scripts (nvidia-smi, rocm-smi, sysctl), built in a fresh temporary directory and removed afterwards.
// `variables()` is the environment that points r1tag at it (R1TAG_SYSROOT and PATH).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace r1tag::test {

class FakeMachine {
 public:
  FakeMachine() {
    std::string pattern = (std::filesystem::temp_directory_path() / "r1tag-machine-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    m_dir = pattern;
    std::filesystem::create_directories(root());
    std::filesystem::create_directories(bin());
  }
  FakeMachine(const FakeMachine&) = delete;
  FakeMachine& operator=(const FakeMachine&) = delete;
  ~FakeMachine() {
    std::error_code ec;
    std::filesystem::remove_all(m_dir, ec);
  }

  std::filesystem::path root() const { return m_dir / "root"; }
  std::filesystem::path bin() const { return m_dir / "bin"; }

  // A file under the sysroot: file("proc/meminfo", "MemTotal: …").
  FakeMachine& file(std::string_view path, std::string_view text) {
    const std::filesystem::path at = root() / path;
    std::filesystem::create_directories(at.parent_path());
    std::ofstream(at, std::ios::binary) << text;
    return *this;
  }

  // A tool on PATH: a /bin/sh script with `body`.
  FakeMachine& tool(std::string_view name, std::string_view body) {
    const std::filesystem::path at = bin() / name;
    std::ofstream(at, std::ios::binary) << "#!/bin/sh\n" << body << "\n";
    std::filesystem::permissions(at, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                                         std::filesystem::perms::group_exec);
    return *this;
  }

  std::map<std::string, std::string, std::less<>> variables() const {
    return {{"R1TAG_SYSROOT", root().string()}, {"PATH", bin().string()}};
  }

 private:
  std::filesystem::path m_dir;
};

}  // namespace r1tag::test
