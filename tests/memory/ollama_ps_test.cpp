// ollama_ps: what `ollama ps` shows on ollama >= 0.30, from llama-server's buffers.
#include <r1tag/memory/ollama_ps.hpp>

#include <catch2/catch.hpp>

namespace {

r1tag::DeviceMemory device(bool gpu, std::uint64_t weights, std::uint64_t kv, std::uint64_t compute,
                           std::uint64_t output = 0, std::uint64_t overhead = 0) {
  r1tag::DeviceMemory d;
  d.gpu = gpu;
  d.weights_bytes = weights;
  d.kv_cache_bytes = kv;
  d.compute_bytes = compute;
  d.output_bytes = output;
  d.overhead_bytes = overhead;
  return d;
}

}  // namespace

TEST_CASE("ollama_human_bytes prints as ollama's format.HumanBytes (format/bytes_test.go cases)", "[ollama_ps]") {
  using r1tag::ollama_human_bytes;
  CHECK(ollama_human_bytes(0) == "0 B");
  CHECK(ollama_human_bytes(999) == "999 B");
  CHECK(ollama_human_bytes(1500) == "1.5 KB");
  CHECK(ollama_human_bytes(999999) == "999 KB");
  CHECK(ollama_human_bytes(1000000000) == "1 GB");
  CHECK(ollama_human_bytes(1500000000) == "1.5 GB");
  CHECK(ollama_human_bytes(999999999999) == "999 GB");
  CHECK(ollama_human_bytes(1999999999999) == "2.0 TB");
  CHECK(ollama_human_bytes(1234567890) == "1.2 GB");
}

TEST_CASE("ollama_ps: all layers on the GPU shows only GPU buffers; partial offload splits CPU/GPU", "[ollama_ps]") {
  r1tag::MemoryEstimate all;
  all.layer_count = 29;
  all.gpu_layers = 29;
  all.devices = {device(true, 4'000'000'000, 500'000'000, 300'000'000, 0, 1'073'741'824),
                 device(false, 400'000'000, 0, 10'000'000, 600'000)};
  const r1tag::OllamaPs full = r1tag::ollama_ps(all, false);
  CHECK(full.size_bytes == 4'800'000'000);  // the --fit margin is free memory, not a buffer
  CHECK(full.vram_bytes == 4'800'000'000);
  CHECK(full.size == "4.8 GB");
  CHECK(full.processor == "100% GPU");
  // Experts in RAM: --fit logs overflowing layers, so the host buffers count (cmd/cmd.go rounds the CPU share).
  const r1tag::OllamaPs moe = r1tag::ollama_ps(all, true);
  CHECK(moe.size_bytes == 5'210'600'000);
  CHECK(moe.processor == "8%/92% CPU/GPU");

  r1tag::MemoryEstimate cpu;
  cpu.layer_count = 29;
  cpu.devices = {device(false, 4'400'000'000, 500'000'000, 300'000'000)};
  CHECK(r1tag::ollama_ps(cpu, false).processor == "100% CPU");
}
