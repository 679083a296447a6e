// Tests for src/cli/progress_note.cpp: the note appears only on a terminal, only after a second, at most
// every k_progress_repaint, and is erased before anything else is written. The clock is injected: no
// test sleeps.
#include "cli/progress_note.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

using r1tag::cli::ProgressNote;
using r1tag::cli::ProgressTerminal;
using namespace std::chrono_literals;

namespace {

struct FakeTerminal {
  std::string written;
  std::chrono::steady_clock::time_point now{};  // the injected clock's reading

  ProgressTerminal terminal(bool is_terminal, std::size_t width = 80) {
    return {is_terminal, width, [this](std::string_view text) { written += text; }};
  }
  r1tag::cli::SteadyNow clock() {
    return [this] { return now; };
  }
};

}  // namespace

TEST_CASE("progress note: nothing at all when stderr is not a terminal", "[progress]") {
  FakeTerminal t;
  {
    ProgressNote note(t.terminal(false), t.clock());
    t.now += 5s;
    note.step("listing unsloth/DeepSeek-R1-GGUF");
    note.tick(3 << 20);
    note.erase();
  }
  CHECK(t.written.empty());
}

TEST_CASE("progress note: a command that answers within a second leaves the terminal untouched", "[progress]") {
  FakeTerminal t;
  {
    ProgressNote note(t.terminal(true), t.clock());
    note.step("listing unsloth/DeepSeek-R1-GGUF");
    t.now += 999ms;
    note.tick(1 << 20);
  }  // the destructor erases only a note that was shown
  CHECK(t.written.empty());
}

TEST_CASE("progress note: shown after a second, repainted at most every 250 ms, erased once", "[progress]") {
  FakeTerminal t;
  ProgressNote note(t.terminal(true, 120), t.clock());
  note.step("listing unsloth/DeepSeek-R1-GGUF");
  t.now += 1s;
  note.tick(0);  // libcurl's callback while the server has sent nothing yet
  CHECK(t.written == "\rr1tag: 1 s: listing unsloth/DeepSeek-R1-GGUF…\x1b[K");
  t.written.clear();
  t.now += 100ms;
  note.tick(1 << 20);  // within 250 ms of the last paint: not repainted
  CHECK(t.written.empty());
  t.now += 150ms;
  note.tick(3 << 19);  // 1.5 MiB
  CHECK(t.written == "\rr1tag: 1 s, 1.5 MiB received: listing unsloth/DeepSeek-R1-GGUF…\x1b[K");
  t.written.clear();
  t.now += 10ms;
  note.step("reading the header of part 2 of 3, R1-00002-of-00003.gguf");  // a new step shows at once
  CHECK(t.written == "\rr1tag: 1 s, 1.5 MiB received: reading the header of part 2 of 3, R1-00002-of-00003.gguf…\x1b[K");
  t.written.clear();
  note.erase();
  CHECK(t.written == "\r\x1b[K");
  t.written.clear();
  note.erase();  // nothing showing: nothing written
  CHECK(t.written.empty());
}

TEST_CASE("progress note: the same line is not written twice", "[progress]") {
  FakeTerminal t;
  ProgressNote note(t.terminal(true), t.clock());
  note.step("listing a/b");
  t.now += 1s;
  note.tick(0);
  const std::string first = t.written;
  t.now += 300ms;  // still "1 s", no bytes: the same text
  note.tick(0);
  CHECK(t.written == first);
}

TEST_CASE("progress note: file text is escaped and the line fits the terminal", "[progress]") {
  FakeTerminal t;
  ProgressNote note(t.terminal(true, 30), t.clock());
  t.now += 2s;
  note.step("reading the header of a\x1b[2Jb.gguf");
  // 29 columns (one less than the width, so the line never wraps); the ESC of the name is shown escaped.
  CHECK(t.written == "\rr1tag: 2 s: reading the heade\x1b[K");
  CHECK(r1tag::cli::progress_line("x\x1b[2J", 2s, 0, 80) == "r1tag: 2 s: x\\x1b[2J…");
  CHECK(r1tag::cli::progress_line("x", 2s, 1000, 80) == "r1tag: 2 s, 1 KiB received: x…");
  // Cut by code points, never inside a UTF-8 sequence: "…" is one column.
  CHECK(r1tag::cli::progress_line("ab", 2s, 0, 16) == "r1tag: 2 s: ab…");
}

TEST_CASE("progress note: TERM=dumb and a missing writer are not terminals", "[progress]") {
  r1tag::cli::Environment env;
  env.stderr_is_tty = true;
  env.write_stderr_now = [](std::string_view) {};
  CHECK(r1tag::cli::progress_terminal(env).is_terminal);
  env.variables["TERM"] = "dumb";
  CHECK_FALSE(r1tag::cli::progress_terminal(env).is_terminal);
  env.variables.clear();
  env.write_stderr_now = nullptr;
  CHECK_FALSE(r1tag::cli::progress_terminal(env).is_terminal);
}
