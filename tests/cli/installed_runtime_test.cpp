// installed_runtime: the version ollama and llama-server report on PATH picks the profile fit models;
// PATH is injected with fake programs (shell scripts) so nothing real is run.
#include "cli/app.hpp"
#include "cli/installed_runtime.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using r1tag::cli::Environment;

// A directory of fake programs, removed at the end of the test.
struct FakeBin {
  fs::path dir;
  FakeBin() {
    dir = fs::temp_directory_path() / ("r1tag-fakebin-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    fs::create_directories(dir);
  }
  ~FakeBin() { fs::remove_all(dir); }
  FakeBin(const FakeBin&) = delete;
  FakeBin& operator=(const FakeBin&) = delete;
  static int& counter() {
    static int n = 0;
    return n;
  }
  void add(const std::string& name, const std::string& body) const {
    const fs::path p = dir / name;
    std::ofstream(p) << "#!/bin/sh\n" << body << "\n";
    fs::permissions(p, fs::perms::owner_all);
  }
  Environment env() const {
    Environment e;
    e.variables["PATH"] = dir.string() + ":/usr/bin:/bin";
    return e;
  }
};

std::string fit(const std::vector<std::string>& args, const Environment& env, int* code = nullptr) {
  std::ostringstream out;
  std::ostringstream err;
  const int c = r1tag::cli::run(args, out, err, env);
  if (code != nullptr) *code = c;
  return out.str() + err.str();
}

}  // namespace

TEST_CASE("version_from_output reads ollama's and llama-server's --version", "[installed_runtime]") {
  using r1tag::cli::version_from_output;
  CHECK(version_from_output("ollama", "ollama version is 0.32.15\n") == "0.32.15");
  CHECK(version_from_output("ollama", "Warning: could not connect to a running Ollama instance\n"
                                      "Warning: client version is 0.29.4\n") == "0.29.4");
  CHECK(version_from_output("ollama", "ollama version is 0.30.0-rc3\n") == "0.30.0");
  CHECK(version_from_output("ollama", "something else\n").empty());
  CHECK(version_from_output("llama.cpp", "version: 10488 (25ae3a9b)\nbuilt with cc for x86_64\n") == "10488");
  CHECK(version_from_output("llama.cpp", "usage: llama-server\n").empty());
}

TEST_CASE("installed_runtime runs the program found on PATH, bounded, without stdin", "[installed_runtime]") {
  FakeBin bin;
  SECTION("ollama on PATH") {
    bin.add("ollama", "echo 'ollama version is 0.29.4'");
    const auto found = r1tag::cli::installed_runtime("ollama", bin.env());
    REQUIRE(found);
    CHECK(found->version == "0.29.4");
  }
  SECTION("llama-server prints its build on stderr") {
    bin.add("llama-server", "echo 'version: 10488 (25ae3a9b)' >&2");
    const auto found = r1tag::cli::installed_runtime("llama.cpp", bin.env());
    REQUIRE(found);
    CHECK(found->version == "10488");
  }
  SECTION("a program that reads stdin gets end of file, not the test's input") {
    bin.add("ollama", "read line; echo \"ollama version is 0.31.0$line\"");
    CHECK(r1tag::cli::installed_runtime("ollama", bin.env())->version == "0.31.0");
  }
  SECTION("a program that hangs is stopped after a second") {
    bin.add("ollama", "sleep 30; echo 'ollama version is 0.31.0'");
    CHECK_FALSE(r1tag::cli::installed_runtime("ollama", bin.env()));
  }
  SECTION("nothing on PATH, or no PATH at all") {
    CHECK_FALSE(r1tag::cli::installed_runtime("ollama", bin.env()));
    CHECK_FALSE(r1tag::cli::installed_runtime("ollama", Environment{}));
  }
}

TEST_CASE("fit models the installed ollama and says so", "[installed_runtime]") {
  FakeBin bin;
  SECTION("ollama 0.29 installed: the pre-0.30 profile (457 MiB minimum, its own estimator)") {
    bin.add("ollama", "echo 'ollama version is 0.29.4'");
    const std::string out = fit({"fit", "--vram", "24GB", "--runtime", "ollama", "--top", "1"}, bin.env());
    CHECK(out.find("ollama@0.29 ollama v0.15.5 - v0.29.x") != std::string::npos);
    CHECK(out.find("note: modelled ollama 0.29.4 as installed") != std::string::npos);
    CHECK(out.find("context 32768 tokens (ollama's default for 24.00 GiB of VRAM)") != std::string::npos);
    CHECK(out.find("overhead 0.45") != std::string::npos);
  }
  SECTION("ollama 0.32 installed: the current profile on llama-server") {
    bin.add("ollama", "echo 'ollama version is 0.32.15'");
    const std::string out = fit({"fit", "--vram", "24GB", "--runtime", "ollama", "--top", "1"}, bin.env());
    CHECK(out.find(", ollama v0.32.15") != std::string::npos);
    CHECK(out.find("note: modelled ollama 0.32.15 as installed") != std::string::npos);
    CHECK(out.find("overhead 1.00") != std::string::npos);
  }
  SECTION("a version asked for wins over the installed one") {
    bin.add("ollama", "echo 'ollama version is 0.32.15'");
    const std::string out = fit({"fit", "--vram", "8GB", "--runtime", "ollama@0.6.7", "--top", "1"}, bin.env());
    CHECK(out.find("context 4096 tokens (ollama's default for 8.00 GiB of VRAM)") != std::string::npos);
    CHECK(out.find("as installed") == std::string::npos);
  }
  SECTION("an unknown runtime is a usage error naming the choices") {
    int code = 0;
    const std::string out = fit({"fit", "--vram", "8GB", "--runtime", "ollama@soon"}, bin.env(), &code);
    CHECK(code == 2);
    CHECK(out.find("unknown runtime 'ollama@soon'") != std::string::npos);
  }
}
