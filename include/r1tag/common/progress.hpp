// Progress of a slow operation (a --remote listing or header read), reported by the core to whoever asked.
// The core never knows where it goes: the CLI's note on a terminal, nothing in tests and pipes. Callers
// pass a ProgressSink* (null: nobody listens).
#pragma once

#include <cstdint>
#include <string_view>

namespace r1tag {

class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  // A new step began: "listing unsloth/DeepSeek-R1-GGUF", "reading the header of X (part 2 of 3)".
  virtual void step(std::string_view what) = 0;
  // The current step goes on: body bytes the command has received so far (0 while only waiting). Called
  // often (libcurl's transfer callback, about once a second even while a server sends nothing), so cheap.
  virtual void tick(std::uint64_t bytes_so_far) = 0;
};

// Null-safe helpers, so a unit reports without testing for a listener each time.
inline void report_step(ProgressSink* sink, std::string_view what) {
  if (sink != nullptr) sink->step(what);
}
inline void report_tick(ProgressSink* sink, std::uint64_t bytes_so_far) {
  if (sink != nullptr) sink->tick(bytes_so_far);
}

}  // namespace r1tag
