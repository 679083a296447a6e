// Machine detection: the text formats it reads (examples in the formats nvidia-smi, the amdgpu driver,
// libdrm, macOS sysctl and /proc print), the bounded command runner, and whole fake machines: what is
// found, from where, and that a broken driver, garbage or a missing /proc entry is a warning, not a crash.
#include <r1tag/hardware/detected_hardware.hpp>
#include <r1tag/hardware/machine.hpp>
#include <r1tag/tables/tables.hpp>

#include "hardware/machine_readers.hpp"
#include "support/fake_machine.hpp"
#include "support/fake_machines.hpp"

#include <catch2/catch.hpp>

#include <chrono>

using namespace r1tag;

namespace {

constexpr std::uint64_t k_mib = 1ULL << 20;
constexpr std::uint64_t k_gib = 1ULL << 30;

DetectedMachine detect(const test::FakeMachine& m, const CommandRunner& runner) {
  MachineProbe probe;
  probe.sysroot = m.root().string();
  probe.path = m.bin().string();
  probe.runner = &runner;
  return detect_machine(probe);
}

const ProcessRunner& runner() {
  static const ProcessRunner r(std::chrono::milliseconds(3000), 64 * 1024);
  return r;
}

}  // namespace

TEST_CASE("/proc/meminfo: MemTotal and MemAvailable in kB", "[machine]") {
  const DetectedRam r = detail::parse_meminfo("MemTotal:       24683744 kB\nMemFree:        19896256 kB\nMemAvailable:   21553916 kB\n");
  CHECK(r.total_bytes == 25276153856ULL);
  CHECK(r.available_bytes == 22071209984ULL);
  // A kernel before 3.14 has no MemAvailable; a line without its unit is not trusted.
  const DetectedRam old = detail::parse_meminfo("MemTotal: 1024 kB\nMemAvailable: 77\n");
  CHECK(old.total_bytes == 1048576);
  CHECK_FALSE(old.available_bytes);
  CHECK_FALSE(detail::parse_meminfo("garbage\n\x01\x02").total_bytes);
}

TEST_CASE("/proc/cpuinfo: model, threads and cores", "[machine]") {
  const DetectedCpu c = detail::parse_cpuinfo(test::x86_cpuinfo("AMD Ryzen 9 7950X 16-Core Processor", 16, 32));
  CHECK(c.model == "AMD Ryzen 9 7950X 16-Core Processor");
  CHECK(c.logical_cpus == 32);
  CHECK(c.cores == 16);
  // ARM: no "model name", no core IDs.
  const DetectedCpu arm = detail::parse_cpuinfo("processor\t: 0\nCPU part\t: 0xd42\n\nprocessor\t: 1\nCPU part\t: 0xd42\n");
  CHECK(arm.model.empty());
  CHECK(arm.logical_cpus == 2);
  CHECK_FALSE(arm.cores);
}

TEST_CASE("nvidia-smi CSV: MiB figures, [N/A] memory, lines it cannot read", "[machine]") {
  const auto rows = detail::parse_nvidia_smi(
      "NVIDIA GeForce RTX 4090, 24564, 23975, 550.54.14\nNVIDIA GB10, [N/A], [N/A], 580.95.05\n"
      "Failed to initialize NVML: Driver/library version mismatch\nNVIDIA A100-SXM4-80GB, 81920, lots, 550.54.14\n");
  REQUIRE(rows.gpus.size() == 2);
  CHECK(rows.gpus[0].raw_name == "NVIDIA GeForce RTX 4090");
  CHECK(rows.gpus[0].total_bytes == 24564 * k_mib);
  CHECK(rows.gpus[0].free_bytes == 23975 * k_mib);
  CHECK(rows.gpus[0].driver_version == "550.54.14");
  CHECK_FALSE(rows.gpus[0].unified);
  CHECK(rows.gpus[1].raw_name == "NVIDIA GB10");
  CHECK(rows.gpus[1].unified);
  CHECK_FALSE(rows.gpus[1].total_bytes);
  CHECK(rows.bad_lines.size() == 2);
}

TEST_CASE("libdrm amdgpu.ids, sysctl and rocm-smi outputs", "[machine]") {
  CHECK(detail::amdgpu_ids_name(test::amdgpu_ids(), 0x744c, 0xc8) == "AMD Radeon RX 7900 XTX");
  CHECK(detail::amdgpu_ids_name(test::amdgpu_ids(), 0x744c, 0xcc) == "AMD Radeon RX 7900 XT");
  CHECK_FALSE(detail::amdgpu_ids_name(test::amdgpu_ids(), 0x744c, 0x00));
  const auto s = detail::parse_sysctl("68719476736\nApple M2 Max\n");
  CHECK(s.memsize_bytes == 64 * k_gib);
  CHECK(s.brand == "Apple M2 Max");
  CHECK(detail::parse_rocm_smi_names(R"({"card0": {"Card Series": "Navi 31 [Radeon RX 7900 XT/7900 XTX]", "Card Model": "0x744c"}})") ==
        std::vector<std::string>{"Navi 31 [Radeon RX 7900 XT/7900 XTX]"});
  CHECK(detail::parse_hex_id("0x1002\n") == 0x1002);
  CHECK_FALSE(detail::parse_hex_id("zz"));
}

TEST_CASE("the command runner bounds time and output and gives no stdin", "[machine]") {
  test::FakeMachine m;
  m.tool("slow", "while :; do :; done");  // builtins only: PATH holds just the fake tools
  m.tool("chatty", "while :; do echo yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy; done");
  m.tool("reader", "read line; echo \"got [$line]\"");
  m.tool("fails", "echo oops >&2; exit 3");
  const ProcessRunner quick(std::chrono::milliseconds(200), 4096);
  const std::string path = m.bin().string();
  const auto start = std::chrono::steady_clock::now();
  const CommandOutput slow = quick.run(m.bin() / "slow", {}, path);
  CHECK(slow.timed_out);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
  const CommandOutput chatty = quick.run(m.bin() / "chatty", {}, path);
  CHECK(chatty.truncated);
  CHECK(chatty.out.size() <= 4096);
  const CommandOutput reader = quick.run(m.bin() / "reader", {}, path);
  CHECK(reader.out == "got []\n");
  const CommandOutput fails = quick.run(m.bin() / "fails", {}, path);
  CHECK(fails.exit_code == 3);
  CHECK(fails.err == "oops\n");
  CHECK_FALSE(quick.run((m.bin() / "absent").string(), {}, path).started);
  CHECK(find_on_path("slow", "::" + path) == (m.bin() / "slow").string());
  CHECK_FALSE(find_on_path("absent", path));
}

TEST_CASE("detection reads only under the sysroot and runs only tools on PATH", "[machine]") {
  test::FakeMachine m;
  test::build_named_machine("one_nvidia", m);
  const DetectedMachine d = detect(m, runner());
  REQUIRE(d.gpus.size() == 1);
  CHECK(d.gpus[0].source == "nvidia-smi");
  CHECK(d.ram.total_bytes == 65'536'000ULL * 1024);
  CHECK(d.ram.source == "/proc/meminfo");
  CHECK(d.cpu.cores == 16);
  CHECK(d.warnings.empty());
}

TEST_CASE("a broken driver, garbage output or a missing /proc entry is a warning", "[machine]") {
  SECTION("nvidia-smi cannot talk to the driver") {
    test::FakeMachine m;
    test::build_named_machine("broken_driver", m);
    const DetectedMachine d = detect(m, runner());
    CHECK(d.gpus.empty());
    REQUIRE(d.warnings.size() == 1);
    CHECK(d.warnings[0].rfind("nvidia-smi failed (exit 9): NVIDIA-SMI has failed because it couldn't communicate", 0) == 0);
    CHECK(d.ram.total_bytes);
  }
  SECTION("nvidia-smi prints garbage") {
    test::FakeMachine m;
    test::desktop(m);
    m.tool("nvidia-smi", "printf '\\001\\002 not, a, csv\\n'");
    const DetectedMachine d = detect(m, runner());
    CHECK(d.gpus.empty());
    REQUIRE(d.warnings.size() == 1);
    CHECK(d.warnings[0].rfind("nvidia-smi printed a line r1tag cannot read", 0) == 0);
  }
  SECTION("sysfs files hold garbage") {
    test::FakeMachine m;
    test::desktop(m);
    m.file("sys/class/drm/card0/device/vendor", "0x1002\n");
    m.file("sys/class/drm/card0/device/device", "not hex\n");
    m.file("sys/class/drm/card1/device/vendor", "0x1002\n");
    m.file("sys/class/drm/card1/device/device", "0x744c\n");
    m.file("sys/class/drm/card1/device/mem_info_vram_total", "-5\n");
    const DetectedMachine d = detect(m, runner());
    REQUIRE(d.gpus.size() == 1);
    CHECK_FALSE(d.gpus[0].total_bytes);
    CHECK(d.warnings.size() == 2);
  }
  SECTION("no /proc at all, and no sysctl") {
    test::FakeMachine m;
    const DetectedMachine d = detect(m, runner());
    CHECK_FALSE(d.ram.total_bytes);
    CHECK(d.warnings == std::vector<std::string>{"cannot read /proc/meminfo; system RAM is unknown (give --ram)"});
  }
  SECTION("a tool that never answers") {
    test::FakeMachine m;
    test::desktop(m);
    m.tool("nvidia-smi", "while :; do :; done");
    const ProcessRunner quick(std::chrono::milliseconds(100), 4096);
    const DetectedMachine d = detect(m, quick);
    CHECK(d.warnings == std::vector<std::string>{"nvidia-smi did not answer in time; its GPUs are left out (give --gpu or --vram)"});
  }
}

TEST_CASE("detected GPUs are matched to the catalogue by name and reported memory", "[machine]") {
  const Catalog& c = embedded_catalog();
  // nvidia-smi says "RTX 3060" for both the 12 GB card and the 8 GB Ti; 12288 MiB decides.
  const Device* d3060 = match_detected_device("NVIDIA GeForce RTX 3060", 12288 * k_mib, c);
  REQUIRE(d3060 != nullptr);
  CHECK(d3060->name == "NVIDIA GeForce RTX 3060 12GB");
  // A T4 reports 15360 MiB of its 16 GB (ECC reserves the rest).
  const Device* t4 = match_detected_device("Tesla T4", 15360 * k_mib, c);
  REQUIRE(t4 != nullptr);
  CHECK(t4->name == "NVIDIA Tesla T4");
  // Apple's brand string does not say the GPU core count; the memory size does for the M3 Max.
  const Device* m3 = match_detected_device("Apple M3 Max", 48 * k_gib, c);
  REQUIRE(m3 != nullptr);
  CHECK(m3->name == "Apple M3 Max (40-core GPU)");
  CHECK(match_detected_device("NVIDIA Quantum Flux 9000", 8 * k_gib, c) == nullptr);
}

TEST_CASE("the detected budget: free VRAM, unified pools, Metal's share", "[machine]") {
  const Catalog& c = embedded_catalog();
  SECTION("two NVIDIA GPUs of different sizes") {
    test::FakeMachine m;
    test::build_named_machine("two_nvidia", m);
    const DetectedHardware h = budget_detected(detect(m, runner()), c);
    CHECK(h.budget.gpu_bytes == std::vector<std::uint64_t>{24135 * k_mib, 11823 * k_mib});
    CHECK(h.ram_known);
    CHECK(h.budget.ram_bytes == 51'200'000ULL * 1024);
    CHECK(h.speed_known());
  }
  SECTION("an AMD APU: a 512 MiB carve-out is an iGPU; carve-out + GTT is its budget") {
    test::FakeMachine m;
    test::build_named_machine("amd_apu", m);
    const DetectedHardware h = budget_detected(detect(m, runner()), c);
    REQUIRE(h.gpus.size() == 1);
    CHECK(h.unified);
    CHECK_FALSE(h.ram_known);
    CHECK(h.budget.gpu_bytes[0] == 536870912ULL - 104857600ULL + 16374562816ULL);
  }
  SECTION("Apple M2 Max 64 GB: 3/4 for the GPU") {
    test::FakeMachine m;
    test::build_named_machine("apple_m2_max", m);
    const DetectedHardware h = budget_detected(detect(m, runner()), c);
    CHECK(h.budget.gpu_bytes == std::vector<std::uint64_t>{48 * k_gib});
    CHECK(h.budget.ram_bytes == 16 * k_gib);
  }
}

TEST_CASE("sysfs without names: rocm-smi names AMD cards; Intel and NVIDIA cards are reported", "[machine]") {
  test::FakeMachine m;
  test::desktop(m);
  test::amd_card(m, "card1", "0x744c", "0xc8", "25753026560", "1476395008", "33554432000");
  m.tool("rocm-smi", R"(printf '{"card0": {"Card Series": "Navi 31 [Radeon RX 7900 XT/7900 XTX]", "Card Model": "0x744c"}}\n')");
  m.file("sys/class/drm/card0/device/vendor", "0x8086\n");
  m.file("sys/class/drm/card0/device/device", "0x56a0\n");
  m.file("sys/class/drm/card2/device/vendor", "0x10de\n");
  m.file("sys/class/drm/card2/device/device", "0x2684\n");
  const DetectedMachine d = detect(m, runner());
  REQUIRE(d.gpus.size() == 2);
  CHECK(d.gpus[0].vendor == "Intel");
  CHECK(d.gpus[0].pci_id == "8086:56a0 rev 00");
  CHECK_FALSE(d.gpus[0].total_bytes);
  CHECK(d.gpus[1].raw_name == "Navi 31 [Radeon RX 7900 XT/7900 XTX]");
  CHECK(d.gpus[1].name_source == "rocm-smi");
  CHECK(d.gpus[1].total_bytes == 25753026560ULL);
  CHECK(d.warnings == std::vector<std::string>{
                          "an NVIDIA GPU is present but nvidia-smi is not on PATH; its memory is unknown (give --gpu or --vram)"});
  // The Intel card has no memory figure: left out of the budget, with a note.
  const DetectedHardware h = budget_detected(d, embedded_catalog());
  CHECK(h.gpus.size() == 1);
  CHECK(h.notes.front() == "Intel GPU 56a0: memory unknown, left out (give --vram or --gpu)");
}

TEST_CASE("a GPU the catalogue calls integrated (kind igpu) is budgeted as unified memory", "[machine]") {
  Catalog c = embedded_catalog();
  Device apu;
  apu.name = "AMD Radeon 8060S";
  apu.kind = "igpu";
  apu.vendor = "AMD";
  apu.memory_bytes_options = {128 * k_gib};
  apu.memory_bandwidth_gbps = 256;
  apu.backend = "rocm";
  c.devices.push_back(apu);
  // A Strix Halo given a 96 GiB carve-out: no size it is sold with, matched by name, pooled with its GTT.
  test::FakeMachine m;
  m.file("proc/meminfo", test::meminfo(31'980'000, 24'000'000));
  m.file("proc/cpuinfo", test::x86_cpuinfo("AMD RYZEN AI MAX+ 395 w/ Radeon 8060S", 16, 32));
  test::amd_card(m, "card0", "0x1586", "0xc1", "103079215104", "1073741824", "16374562816");
  m.file("sys/class/drm/card0/device/product_name", "AMD Radeon 8060S Graphics\n");
  const DetectedHardware h = budget_detected(detect(m, runner()), c);
  REQUIRE(h.gpus.size() == 1);
  REQUIRE(h.gpus[0].device != nullptr);
  CHECK(h.gpus[0].device->name == "AMD Radeon 8060S");
  CHECK(h.unified);
  CHECK_FALSE(h.ram_known);
  CHECK(h.budget.gpu_bytes[0] == 103079215104ULL - 1073741824ULL + 16374562816ULL);
}
