#include <r1tag/common/error.hpp>
#include <r1tag/hardware/hardware.hpp>

#include <catch2/catch.hpp>

using r1tag::parse_hardware;

namespace {
const r1tag::Catalog& catalog() { return r1tag::embedded_catalog(); }
constexpr std::uint64_t gib = 1ULL << 30;
}  // namespace

TEST_CASE("hardware reads device names the way users type them", "[hardware]") {
  // TechPowerUp: RTX 4090 24 GB GDDR6X at 1008 GB/s.
  const auto h = parse_hardware("4090", catalog());
  CHECK(h.device->name == "NVIDIA GeForce RTX 4090");
  CHECK(h.memory_bytes == 24 * gib);
  CHECK(h.device->memory_bandwidth_gbps == Approx(1008));
  CHECK(parse_hardware("rtx-4090", catalog()).device == h.device);
  CHECK(parse_hardware("RTX 4090", catalog()).device == h.device);
}

TEST_CASE("hardware reads a device count in front of the name", "[hardware]") {
  const auto h = parse_hardware("2x3090", catalog());
  CHECK(h.count == 2);
  CHECK(h.device->name == "NVIDIA GeForce RTX 3090");
  CHECK(h.memory_bytes == 24 * gib);
}

TEST_CASE("hardware picks the memory size asked for", "[hardware]") {
  const auto h = parse_hardware("RTX 3060 12GB", catalog());
  CHECK(h.device->name.find("3060") != std::string::npos);
  CHECK(h.memory_bytes == 12 * gib);
}

TEST_CASE("hardware gives Apple silicon the GPU share macOS allows by default", "[hardware]") {
  // Logged recommendedMaxWorkingSetSize on a 32 GiB M2 Max: 21845.34 MiB, two thirds (ollama/ollama#434).
  const auto h = parse_hardware("M2 Max 32GB", catalog());
  CHECK(h.unified);
  CHECK(h.memory_bytes == 32 * gib);
  CHECK(static_cast<double>(h.gpu_usable_bytes) / (1 << 20) == Approx(21845.34).epsilon(0.001));
}

TEST_CASE("hardware rejects unknown devices and sizes with a suggestion", "[hardware]") {
  try {
    parse_hardware("RTX 4091", catalog());
    FAIL("no error");
  } catch (const r1tag::Error& e) {
    CHECK(std::string(e.what()) == "unknown device 'RTX 4091'");
    CHECK(e.hint() == "did you mean RTX 4090? ('r1tag gpus' lists them)");
    CHECK(e.code() == r1tag::ExitCode::usage);
  }
  try {
    parse_hardware("4090 48GB", catalog());
    FAIL("no error");
  } catch (const r1tag::Error& e) {
    CHECK(std::string(e.what()) == "NVIDIA GeForce RTX 4090 is not sold with 48 GB");
  }
}

TEST_CASE("hardware rejects device counts llama.cpp cannot split over", "[hardware]") {
  for (const char* text : {"0x4090", "17x4090", "99999999999x4090"}) {
    CAPTURE(text);
    REQUIRE_THROWS_AS(parse_hardware(text, catalog()), r1tag::Error);
  }
  CHECK(parse_hardware("16x4090", catalog()).count == 16);
}
