// dry_run_native FILE.gguf [--ctx 2048,4096] [--kv f16,q8_0,q4_0] [--fa on,off] [--ubatch 512]
//                [--seqs 1] [--kv-unified]
//
// dry_run.mjs without node: the same no_alloc dry run against a libllama built from source, for llama.cpp
// trees that no node-llama-cpp release bundles. Prints the same JSON as dry_run.mjs (pin_results.py reads
// either). Not part of r1tag's build: compile it against a llama.cpp build tree (README.md, "Against a
// llama.cpp built from source"). Uses only llama.h and the staging header llama-ext.h
// (llama_get_memory_breakdown), present since the 2026 trees that have the no_alloc model flag.
#include "llama.h"
#include "llama-ext.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#ifndef DRY_RUN_BUILD
#define DRY_RUN_BUILD "unknown"  // pass -DDRY_RUN_BUILD='"b10256-6c8dcaa"' (build number and commit)
#endif

namespace {

// ggml type ids (ggml.h enum ggml_type), as dry_run.mjs passes them to node-llama-cpp.
const std::map<std::string, int> k_ggml_type_ids = {{"f32", 0},  {"f16", 1},    {"q4_0", 2},   {"q4_1", 3}, {"q5_0", 6},
                                                    {"q5_1", 7}, {"q8_0", 8},   {"iq4_nl", 20}, {"bf16", 30}};

std::string g_log;  // llama.cpp's log since the last clear; lines are matched like dry_run.mjs does

// The callback's level type is ggml_log_level or a renamed copy (llama.rn prefixes ggml with lm_), so a
// generic lambda converts to whichever function pointer llama_log_set takes.
const auto k_logger = [](auto /*level*/, const char* text, void* /*user*/) { g_log += text; };

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, ',');) out.push_back(item);
  return out;
}

// First number captured by `re` in the log, or "null" as JSON.
std::string logged(const std::string& re) {
  std::smatch m;
  if (std::regex_search(g_log, m, std::regex(re))) return m[1].str();
  return "null";
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') { out += "\\n"; continue; }
    out += c;
  }
  return out + "\"";
}

struct Args {
  std::string file;
  std::vector<std::uint32_t> ctx{4096};
  std::vector<std::string> kv{"f16"};
  std::vector<bool> fa{false};
  std::uint32_t ubatch = 512;
  std::uint32_t seqs = 1;    // n_seq_max: llama-server's slots (-np; "auto" is 4 with a unified KV cache)
  bool kv_unified = false;   // -kvu: one KV pool shared by the slots instead of n_ctx / seqs cells each
};

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto next = [&]() -> std::string {
      if (i + 1 >= argc) { std::fprintf(stderr, "%s needs a value\n", arg.c_str()); std::exit(2); }
      return argv[++i];
    };
    if (arg == "--ctx") { a.ctx.clear(); for (const auto& v : split(next())) a.ctx.push_back(static_cast<std::uint32_t>(std::stoul(v))); }
    else if (arg == "--kv") a.kv = split(next());
    else if (arg == "--fa") { a.fa.clear(); for (const auto& v : split(next())) a.fa.push_back(v == "on"); }
    else if (arg == "--ubatch") a.ubatch = static_cast<std::uint32_t>(std::stoul(next()));
    else if (arg == "--seqs") a.seqs = static_cast<std::uint32_t>(std::stoul(next()));
    else if (arg == "--kv-unified") a.kv_unified = true;
    else a.file = arg;
  }
  if (a.file.empty()) {
    std::fprintf(stderr, "usage: dry_run_native FILE.gguf [--ctx 2048,4096] [--kv f16,q8_0] [--fa on,off] [--ubatch 512] [--seqs 1] [--kv-unified]\n");
    std::exit(2);
  }
  for (const auto& kv : a.kv)
    if (k_ggml_type_ids.count(kv) == 0) { std::fprintf(stderr, "unknown KV type %s\n", kv.c_str()); std::exit(2); }
  return a;
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = parse(argc, argv);
  llama_log_set(k_logger, nullptr);
  llama_backend_init();

  // As node-llama-cpp's AddonModel with {gpuLayers: 0, noAlloc: true, useMmap: false}.
  llama_model_params mp = llama_model_default_params();
  mp.n_gpu_layers = 0;
  mp.no_alloc = true;
  mp.load_mode = LLAMA_LOAD_MODE_NONE;
  g_log.clear();
  llama_model* model = llama_model_load_from_file(args.file.c_str(), mp);
  if (model == nullptr) {
    std::fprintf(stderr, "llama.cpp could not load %s:\n%s", args.file.c_str(), g_log.c_str());
    return 1;
  }
  const int n_vocab = llama_vocab_n_tokens(llama_model_get_vocab(model));
  std::uint64_t model_bytes = 0;  // from the first context's breakdown (its .model part is the model's buffers)
  bool have_model_bytes = false;

  std::string contexts;
  for (const std::uint32_t n_ctx : args.ctx) {
    for (const auto& kv : args.kv) {
      for (const bool fa : args.fa) {
        // As node-llama-cpp's AddonContext: batch = ubatch, one sequence, no unified KV, no full SWA cache
        // (--seqs/--kv-unified change the last two, to measure llama-server's slots).
        llama_context_params cp = llama_context_default_params();
        cp.n_ctx = n_ctx;
        cp.n_batch = args.ubatch;
        cp.n_ubatch = args.ubatch;
        cp.n_seq_max = args.seqs;
        cp.n_threads = 1;
        cp.n_threads_batch = 1;
        cp.no_perf = true;
        cp.swa_full = false;
        cp.kv_unified = args.kv_unified;
        cp.flash_attn_type = fa ? LLAMA_FLASH_ATTN_TYPE_ENABLED : LLAMA_FLASH_ATTN_TYPE_DISABLED;
        cp.type_k = static_cast<decltype(cp.type_k)>(k_ggml_type_ids.at(kv));
        cp.type_v = static_cast<decltype(cp.type_v)>(k_ggml_type_ids.at(kv));
        std::string entry = "{\"context_tokens\": " + std::to_string(n_ctx) + ", \"kv_type\": " + json_string(kv) +
                            ", \"flash_attention\": " + (fa ? "true" : "false") +
                            ", \"ubatch_tokens\": " + std::to_string(args.ubatch);
        if (args.seqs != 1 || args.kv_unified)
          entry += ", \"sequences\": " + std::to_string(args.seqs) + ", \"kv_unified\": " + (args.kv_unified ? "true" : "false");
        g_log.clear();
        llama_context* ctx = llama_init_from_model(model, cp);
        if (ctx == nullptr) {
          std::smatch m;
          std::string error = "context failed";
          if (std::regex_search(g_log, m, std::regex("[^\n]*(error|requires)[^\n]*", std::regex::icase))) error = m[0].str();
          entry += ", \"error\": " + json_string(error);
        } else {
          std::uint64_t kv_plus_compute = 0, model_part = 0;
          for (const auto& [buft, mb] : llama_get_memory_breakdown(ctx)) {
            (void)buft;
            kv_plus_compute += mb.context + mb.compute;
            model_part += mb.model;
          }
          if (!have_model_bytes) { model_bytes = model_part; have_model_bytes = true; }
          entry += ", \"kv_cells\": " + logged(R"(llama_kv_cache: size =[^(]*\(\s*(\d+) cells)") +
                   ", \"kv_mib\": " + logged(R"(llama_kv_cache: size =\s*([\d.]+) MiB)") +
                   ", \"kv_k_mib\": " + logged(R"(K \(\w+\):\s*([\d.]+) MiB)") +
                   ", \"kv_v_mib\": " + logged(R"(V \(\w+\):\s*([\d.]+) MiB)") +
                   ", \"compute_mib\": " + logged(R"(CPU compute buffer size =\s*([\d.]+) MiB)") +
                   ", \"output_mib\": " + logged(R"(output buffer size =\s*([\d.]+) MiB)") +
                   ", \"kv_plus_compute_bytes\": " + std::to_string(kv_plus_compute);
          llama_free(ctx);
        }
        entry += "}";
        contexts += (contexts.empty() ? "\n  " : ",\n  ") + entry;
      }
    }
  }

  std::string name = args.file;
  if (const auto slash = name.find_last_of('/'); slash != std::string::npos) name = name.substr(slash + 1);
  std::printf("{\n \"build\": {\"llama_cpp_build\": %s, \"built_from\": \"source\"},\n \"file\": %s,\n"
              " \"model_bytes\": %s,\n \"n_vocab\": %d,\n \"contexts\": [%s\n ]\n}\n",
              json_string(DRY_RUN_BUILD).c_str(), json_string(name).c_str(),
              have_model_bytes ? std::to_string(model_bytes).c_str() : "null", n_vocab, contexts.c_str());
  llama_model_free(model);
  llama_backend_free();
  return 0;
}
