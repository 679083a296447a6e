#include "cli/progress_note.hpp"

#include <r1tag/common/escape.hpp>

#include <fmt/format.h>

#include <utility>

namespace r1tag::cli {

namespace {

constexpr std::string_view k_clear_to_end = "\x1b[K";  // ECMA-48 EL: erase from the cursor to the end of the line

// Cuts UTF-8 `text` to `columns` code points (the escaped text is ASCII escapes and valid UTF-8).
std::string cut_to_columns(std::string text, std::size_t columns) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // a continuation byte
    if (seen++ == columns) {
      text.resize(i);
      break;
    }
  }
  return text;
}

}  // namespace

ProgressTerminal progress_terminal(const Environment& env) {
  ProgressTerminal t;
  t.is_terminal = env.stderr_is_tty && env.variable("TERM") != "dumb" && static_cast<bool>(env.write_stderr_now);
  t.width = static_cast<std::size_t>(env.stderr_width);
  t.write = env.write_stderr_now;
  return t;
}

std::string progress_line(std::string_view step, std::chrono::steady_clock::duration elapsed, std::uint64_t bytes,
                          std::size_t width) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(elapsed).count();
  // The counters first: they show the command is alive even when a long file name is cut off.
  std::string line = fmt::format("r1tag: {} s", seconds);
  if (bytes >= (1 << 20)) line += fmt::format(", {:.1f} MiB received", static_cast<double>(bytes) / (1 << 20));
  else if (bytes != 0) line += fmt::format(", {} KiB received", (bytes + 1023) >> 10);
  line += fmt::format(": {}…", escaped_for_message(step.empty() ? "waiting" : step));
  return cut_to_columns(std::move(line), width > 1 ? width - 1 : 0);
}

ProgressNote::ProgressNote(ProgressTerminal terminal, SteadyNow now)
    : m_terminal(std::move(terminal)), m_now(std::move(now)), m_start(m_now()), m_last_paint(m_start) {}

ProgressNote::~ProgressNote() { erase(); }

void ProgressNote::step(std::string_view what) {
  m_step = what;
  paint(true);
}

void ProgressNote::tick(std::uint64_t bytes_so_far) {
  m_bytes = bytes_so_far;
  paint(false);
}

void ProgressNote::paint(bool new_step) {
  if (!m_terminal.is_terminal) return;
  const auto now = m_now();
  if (now - m_start < k_progress_delay) return;
  if (!new_step && !m_shown.empty() && now - m_last_paint < k_progress_repaint) return;
  std::string line = progress_line(m_step, now - m_start, m_bytes, m_terminal.width);
  if (line == m_shown) return;
  m_terminal.write(fmt::format("\r{}{}", line, k_clear_to_end));
  m_shown = std::move(line);
  m_last_paint = now;
}

void ProgressNote::erase() {
  if (m_shown.empty()) return;
  m_terminal.write(fmt::format("\r{}", k_clear_to_end));
  m_shown.clear();
}

}  // namespace r1tag::cli
