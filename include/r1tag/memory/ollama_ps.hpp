// What `ollama ps` will show for a placement on ollama >= 0.30: SIZE and PROCESSOR, from the buffers
// llama-server logs (ollama/ollama llm/llama_server.go MemorySize, cmd/cmd.go ListRunningHandler,
// format/bytes.go HumanBytes), so users can check r1tag's estimate against their own machine.
#pragma once

#include <r1tag/memory/memory_estimator.hpp>

#include <cstdint>
#include <string>

namespace r1tag {

struct OllamaPs {
  std::uint64_t size_bytes = 0;  // every buffer llama-server logs; only the GPU ones when all layers are offloaded
  std::uint64_t vram_bytes = 0;  // the GPU buffers (model, KV, compute); host buffers (*_Host, CPU) are not VRAM
  std::string size;              // "6.9 GB", as ollama prints it
  std::string processor;         // "100% GPU", "100% CPU", "23%/77% CPU/GPU"
};

// `estimate` as ollama >= 0.30 reports it. Runtime overheads (the --fit margin) are free memory, not
// buffers, so they are not counted. `experts_in_ram`: MoE experts kept in RAM, which --fit logs as
// overflowing layers, so the host buffers count even with every layer offloaded.
OllamaPs ollama_ps(const MemoryEstimate& estimate, bool experts_in_ram);

// ollama's format.HumanBytes: decimal units, an integer from 10 up, else one decimal unless whole.
std::string ollama_human_bytes(std::uint64_t bytes);

}  // namespace r1tag
