// Tests for src/common/bounded_file.cpp: a path r1tag reads is a regular file within a cap, and anything
// else is refused at once (never read forever, never waited on).
#include <r1tag/common/bounded_file.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;
using r1tag::read_bounded_file;

namespace {

// A fresh directory under the system's temporary directory, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "r1tag-bounded-XXXXXX").string();
    path = mkdtemp(pattern.data());
  }
  ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST_CASE("bounded_file reads a regular file whole, up to and including the cap", "[bounded_file]") {
  const TempDir dir;
  std::ofstream(dir.path / "t.json", std::ios::binary) << "{\"a\": 1}";
  const auto read = read_bounded_file((dir.path / "t.json").string(), 8);
  CHECK(read.problem.empty());
  CHECK(read.failure == r1tag::BoundedRead::Failure::none);
  CHECK(read.text == "{\"a\": 1}");
  const auto over = read_bounded_file((dir.path / "t.json").string(), 7);
  CHECK(over.problem == "larger than 7 bytes");
  CHECK(over.text.empty());
}

TEST_CASE("bounded_file refuses devices, FIFOs and directories without blocking", "[bounded_file]") {
  const TempDir dir;
  fs::create_symlink("/dev/zero", dir.path / "zero.json");
  CHECK(read_bounded_file((dir.path / "zero.json").string(), 1 << 20).problem == "not a regular file (a character device)");
  REQUIRE(mkfifo((dir.path / "fifo.json").c_str(), 0600) == 0);
  CHECK(read_bounded_file((dir.path / "fifo.json").string(), 1 << 20).problem == "not a regular file (a FIFO)");
  CHECK(read_bounded_file(dir.path.string(), 1 << 20).problem == "not a regular file (a directory)");
}

TEST_CASE("bounded_file says why a path could not be opened", "[bounded_file]") {
  const auto read = read_bounded_file("/nonexistent-r1tag/t.json", 1 << 20);
  CHECK(read.failure == r1tag::BoundedRead::Failure::cannot_open);
  CHECK(read.problem == "No such file or directory");
}
