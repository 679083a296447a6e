// A ProgressSink for tests: records each step the core reports, as the CLI's progress note would receive
// it (the byte ticks are not kept), so a test can check what a store walk or a remote read says it is doing.
#pragma once

#include <r1tag/common/progress.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace r1tag::test {

struct RecordingSink final : ProgressSink {
  std::vector<std::string> steps;
  void step(std::string_view what) override { steps.emplace_back(what); }
  void tick(std::uint64_t) override {}
};

}  // namespace r1tag::test
