// The device catalogue (data/gpus.json) as users reach it: every spelling of every device leads back to
// that device, and the platforms people ask about by name resolve with their published figures.
#include <r1tag/common/error.hpp>
#include <r1tag/hardware/hardware.hpp>

#include <catch2/catch.hpp>

#include <string>

using r1tag::parse_hardware;

namespace {
const r1tag::Catalog& catalog() { return r1tag::embedded_catalog(); }
constexpr std::uint64_t gib = 1ULL << 30;
}  // namespace

TEST_CASE("catalogue: every name and alias of every device resolves to that device", "[hardware][catalogue]") {
  const auto& c = catalog();
  REQUIRE(c.devices.size() >= 250);
  std::size_t aliases = 0;
  for (const r1tag::Device& d : c.devices) {
    INFO(d.name);
    CHECK(c.find_device(d.name) == &d);
    CHECK(parse_hardware(d.name, c).device == &d);
    for (const std::string_view alias : d.aliases) {
      INFO(alias);
      // Resolving back to this device also means no other device claims the spelling.
      CHECK(c.find_device(alias) == &d);
      CHECK(parse_hardware(alias, c).device == &d);
      ++aliases;
    }
  }
  CHECK(aliases >= 500);
}

TEST_CASE("catalogue: every device has a source, positive figures and a kind the speed model knows",
          "[hardware][catalogue]") {
  for (const r1tag::Device& d : catalog().devices) {
    INFO(d.name);
    CHECK_FALSE(d.source.empty());
    CHECK(d.memory_bandwidth_gbps > 0);
    CHECK_FALSE(d.memory_bytes_options.empty());
    CHECK(catalog().speed_calibration.find_decode(d.kind) != nullptr);
    // An integrated GPU or an Apple chip shares the system's memory; nothing else does.
    CHECK(d.unified_memory == (d.kind == "igpu" || d.kind == "apple"));
    if (d.fp16_tflops) {
      CHECK(*d.fp16_tflops > 0);
      CHECK_FALSE(d.fp16_tflops_basis.empty());
    }
  }
}

TEST_CASE("catalogue: the devices issue 13 found unknown resolve", "[hardware][catalogue]") {
  const auto& c = catalog();
  // NVIDIA DGX Spark: GB10, 128 GB LPDDR5x unified, 273 GB/s.
  const auto spark = parse_hardware("DGX Spark", c);
  CHECK(spark.device->memory_bandwidth_gbps == Approx(273));
  CHECK(spark.memory_bytes == 128 * gib);
  CHECK(spark.unified);
  CHECK(parse_hardware("GB10", c).device == spark.device);
  // Jetson AGX Orin 64GB: 204.8 GB/s (NVIDIA Jetson AGX Orin technical brief).
  const auto orin = parse_hardware("Jetson AGX Orin", c);
  CHECK(orin.device->memory_bandwidth_gbps == Approx(204.8));
  CHECK(orin.unified);
  // Radeon 890M: LPDDR5X-7500 on 128 bits = 120 GB/s.
  CHECK(parse_hardware("Radeon 890M", c).device->memory_bandwidth_gbps == Approx(120));
  // Radeon AI PRO R9700: 32 GB GDDR6, 256-bit at 20 Gbps = 640 GB/s.
  const auto r9700 = parse_hardware("Radeon AI Pro R9700", c);
  CHECK(r9700.memory_bytes == 32 * gib);
  CHECK(r9700.device->memory_bandwidth_gbps == Approx(640));
  // Radeon PRO W7700: 16 GB GDDR6, 256-bit at 18 Gbps = 576 GB/s.
  const auto w7700 = parse_hardware("Radeon Pro W7700", c);
  CHECK(w7700.memory_bytes == 16 * gib);
  CHECK(w7700.device->memory_bandwidth_gbps == Approx(576));
}

TEST_CASE("catalogue: the spellings the issue names", "[hardware][catalogue]") {
  const auto& c = catalog();
  const r1tag::Device* rtx5090 = parse_hardware("RTX 5090", c).device;
  CHECK(rtx5090->name == "NVIDIA GeForce RTX 5090");
  CHECK(parse_hardware("5090", c).device == rtx5090);
  CHECK(parse_hardware("rtx5090", c).device == rtx5090);
  // Apple's M4 Max with 40 GPU cores is the one sold with 128 GB (Apple Newsroom 2024-10).
  const auto m4max = parse_hardware("M4 Max 128GB", c);
  CHECK(m4max.device->name == "Apple M4 Max (40-core GPU)");
  CHECK(m4max.memory_bytes == 128 * gib);
  // Strix Halo: Ryzen AI Max+ 395 with the Radeon 8060S, 256-bit LPDDR5X-8000 = 256 GB/s.
  const r1tag::Device* halo = parse_hardware("Strix Halo", c).device;
  CHECK(halo->memory_bandwidth_gbps == Approx(256));
  CHECK(parse_hardware("AI Max+ 395", c).device == halo);
  CHECK(parse_hardware("Radeon 8060S 128GB", c).memory_bytes == 128 * gib);
}

TEST_CASE("catalogue: a size in the name picks the variant sold with it", "[hardware][catalogue]") {
  const auto& c = catalog();
  // RTX 5060 Ti: 8 GB and 16 GB cards, both 448 GB/s; RTX 3060: the 8 GB card has a 128-bit bus (240 GB/s).
  CHECK(parse_hardware("5060 Ti 8GB", c).memory_bytes == 8 * gib);
  CHECK(parse_hardware("5060 Ti", c).memory_bytes == 16 * gib);
  CHECK(parse_hardware("RTX 3060 8GB", c).device->memory_bandwidth_gbps == Approx(240));
  CHECK(parse_hardware("RTX 3060 12GB", c).device->memory_bandwidth_gbps == Approx(360));
  CHECK_THROWS_AS(parse_hardware("4090 48GB", c), r1tag::Error);
}

TEST_CASE("catalogue: every Apple chip gives the GPU Metal's share of its memory", "[hardware][catalogue]") {
  for (const r1tag::Device& d : catalog().devices) {
    if (d.kind != "apple") continue;
    INFO(d.name);
    const auto h = parse_hardware(std::string(d.name), catalog());
    CHECK(h.gpu_usable_bytes > h.memory_bytes / 2);
    CHECK(h.gpu_usable_bytes < h.memory_bytes);
  }
}

TEST_CASE("catalogue: an integrated GPU's memory is the system's, all of it offered to the GPU", "[hardware][catalogue]") {
  const auto h = parse_hardware("Radeon 780M 32GB", catalog());
  CHECK(h.unified);
  CHECK(h.memory_bytes == 32 * gib);
  CHECK(h.gpu_usable_bytes == 32 * gib);
  CHECK_FALSE(h.note.empty());
}
