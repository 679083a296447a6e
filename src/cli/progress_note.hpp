// The one-line progress note on stderr while a command waits (a --remote listing or header read): shown
// only when stderr is a terminal, only once the command has taken a second, rewritten in place ("\r" and
// clear-to-end-of-line), and erased before the result and diagnostics are written, so stdout and stderr
// hold exactly what they would without it. Pipes, files and tests never see it.
#pragma once

#include <r1tag/common/progress.hpp>

#include "cli/app.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace r1tag::cli {

// Where the note goes: whether stderr is a terminal that understands "\x1b[K" (not TERM=dumb), its
// width, and the raw write to it. Not a terminal: the note writes nothing at all.
struct ProgressTerminal {
  bool is_terminal = false;
  std::size_t width = 80;
  std::function<void(std::string_view)> write;
};

// The terminal `env` describes (Environment::stderr_is_tty, TERM, stderr_width, write_stderr_now).
ProgressTerminal progress_terminal(const Environment& env);

using SteadyNow = std::function<std::chrono::steady_clock::time_point()>;

// How long a command runs before the note appears, and how often it is repainted at most: a note that
// flashes up for a fast answer is noise, one repainted on every libcurl callback is flicker.
inline constexpr std::chrono::milliseconds k_progress_delay{1000};
inline constexpr std::chrono::milliseconds k_progress_repaint{250};

class ProgressNote final : public ProgressSink {
 public:
  // The command's wait starts now (`now()`); the clock is injected so tests need no sleeping.
  explicit ProgressNote(ProgressTerminal terminal, SteadyNow now = &std::chrono::steady_clock::now);
  ~ProgressNote() override;  // erases the note
  ProgressNote(const ProgressNote&) = delete;
  ProgressNote& operator=(const ProgressNote&) = delete;

  void step(std::string_view what) override;
  void tick(std::uint64_t bytes_so_far) override;
  // Clears the line if a note is showing; call before writing anything else to stderr or the terminal.
  void erase();
  // What to pass to the core: this note on a terminal, else null, so without a terminal the core runs
  // exactly as with no listener (no step text formatted, no libcurl progress callback).
  ProgressSink* sink() { return m_terminal.is_terminal ? this : nullptr; }

 private:
  void paint(bool new_step);

  ProgressTerminal m_terminal;
  SteadyNow m_now;
  std::chrono::steady_clock::time_point m_start;
  std::chrono::steady_clock::time_point m_last_paint;
  std::string m_step;
  std::uint64_t m_bytes = 0;
  std::string m_shown;  // the line on the terminal now; empty when none is
};

// "r1tag: 3 s, 1.2 MiB received: listing owner/repo…" cut to `width` - 1 columns (a line that fills the
// last column wraps on some terminals, and "\r" then rewrites only its second half).
std::string progress_line(std::string_view step, std::chrono::steady_clock::duration elapsed, std::uint64_t bytes,
                          std::size_t width);

}  // namespace r1tag::cli
