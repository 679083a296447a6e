// memory_estimator, kv_cache, compute_buffer and the placement search, checked against llama.cpp itself.
//
// The k_dry_run_* tables are llama.cpp's own figures for data-less GGUFs written from r1tag's tensor plans
// (scripts/llama_dry_run: r1tag_write_gguf + dry_run.mjs, regenerated with pin_results.py). Build:
// ggml-org/llama.cpp release v0.5.0 as bundled in node-llama-cpp 3.22.1 (llama/llama.cpp.info.json),
// CPU backend, no_alloc dry run, ubatch 512, one sequence. Model bytes and KV+compute bytes are exact
// (llama_model/llama_context memory_breakdown); K, V, compute and output are the MiB its log prints
// with two decimals ("llama_kv_cache: size = …", "CPU compute buffer size = …", "output buffer size = …"),
// stored here in hundredths of a MiB. dry_run_rows_b10256.inc pins the same matrix from llama.cpp b10256
// built from source (dry_run_native.cpp), so the b10488 r1tag's profile names is bracketed by two builds.
#include <r1tag/memory/compute_buffer.hpp>
#include <r1tag/common/error.hpp>
#include <r1tag/gguf/file_size.hpp>
#include <r1tag/memory/kv_cache.hpp>
#include <r1tag/memory/memory_estimator.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <span>
#include <string>
#include <utility>

namespace {

using namespace r1tag;

constexpr std::uint64_t k_mib = 1024ULL * 1024;
constexpr std::uint64_t k_gib = 1024 * k_mib;

struct DryRunModel {
  const char* model;
  KvLayout layout;
  const char* scheme;
  std::uint64_t model_bytes;  // llama_model::memory_breakdown, all buffers
  std::uint32_t n_vocab;
};

// {'node_llama_cpp': '3.22.1', 'llama_cpp_repo': 'ggml-org/llama.cpp', 'llama_cpp_tag': 'v0.5.0'}
const DryRunModel k_dry_run_models[] = {
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, "Q4_K_M", 1111370240ULL, 151936},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, "Q4_K_M", 4677120000ULL, 152064},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, "Q4_K_M", 8982142976ULL, 152064},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, "Q4_K_M", 19845357568ULL, 152064},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, "Q4_K_M", 4912898304ULL, 128256},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, "Q4_K_M", 42512531712ULL, 128256},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, "Q4_K_M", 5021827072ULL, 151936},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, "Q4_K_M", 404424884224ULL, 129280},
    {"DeepSeek-R1", KvLayout::deepseek_mla, "Q4_K_M", 404488847360ULL, 129280},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, "Q8_0", 8092571648ULL, 152064},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, "F16", 16061055232ULL, 128256},
};

struct DryRunContext {
  const char* model;
  KvLayout layout;
  std::uint64_t context_tokens;
  const char* kv_type;
  bool flash_attention;
  std::uint64_t kv_cells;
  std::uint64_t k_centi_mib, v_centi_mib, compute_centi_mib, output_centi_mib;
  std::uint64_t kv_plus_compute_bytes;  // exact: KV cache + CPU compute buffer
};

// Q4_K_M files; quantized V without flash attention is refused by llama.cpp and so absent.
const DryRunContext k_dry_run_contexts[] = {
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 2048, "F16", true, 2048, 2800, 2800, 30275, 58, 376178688ULL},
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 2048, "F16", false, 2048, 2800, 2800, 30275, 58, 376178688ULL},
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 2048, "Q8_0", true, 2048, 1488, 1488, 30275, 58, 348653568ULL},
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 2048, "Q4_0", true, 2048, 788, 788, 30275, 58, 333973504ULL},
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 4096, "F16", true, 4096, 5600, 5600, 30275, 58, 434898944ULL},
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 4096, "F16", false, 4096, 5600, 5600, 30575, 58, 438044672ULL},
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 4096, "Q8_0", true, 4096, 2975, 2975, 30575, 58, 382994432ULL},
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 4096, "Q4_0", true, 4096, 1575, 1575, 30575, 58, 353634304ULL},
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 8192, "F16", true, 8192, 11200, 11200, 30275, 58, 552339456ULL},
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 8192, "F16", false, 8192, 11200, 11200, 30575, 58, 555485184ULL},
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 8192, "Q8_0", true, 8192, 5950, 5950, 30575, 58, 445384704ULL},
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 8192, "Q4_0", true, 8192, 3150, 3150, 30575, 58, 386664448ULL},
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 16384, "F16", true, 16384, 22400, 22400, 30275, 58, 787220480ULL},
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 16384, "F16", false, 16384, 22400, 22400, 43201, 58, 922757120ULL},
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 16384, "Q8_0", true, 16384, 11900, 11900, 30575, 58, 570165248ULL},
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 16384, "Q4_0", true, 16384, 6300, 6300, 30575, 58, 452724736ULL},
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 32768, "F16", true, 32768, 44800, 44800, 30275, 58, 1256982528ULL},
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 32768, "F16", false, 32768, 44800, 44800, 84801, 58, 1828726784ULL},
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 32768, "Q8_0", true, 32768, 23800, 23800, 30575, 58, 819726336ULL},
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 32768, "Q4_0", true, 32768, 12600, 12600, 30575, 58, 584845312ULL},
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 65536, "F16", true, 65536, 89600, 89600, 30275, 58, 2196506624ULL},
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 65536, "F16", false, 65536, 89600, 89600, 168001, 58, 3640666112ULL},
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 65536, "Q8_0", true, 65536, 47600, 47600, 30575, 58, 1318848512ULL},
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 65536, "Q4_0", true, 65536, 25200, 25200, 30575, 58, 849086464ULL},
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 131072, "F16", true, 131072, 179200, 179200, 30275, 58, 4075554816ULL},
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 131072, "F16", false, 131072, 179200, 179200, 334401, 58, 7264544768ULL},
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 131072, "Q8_0", true, 131072, 95200, 95200, 30575, 58, 2317092864ULL},
    {"DeepSeek-R1-Distill-Qwen-1.5B", KvLayout::standard, 131072, "Q4_0", true, 131072, 50400, 50400, 30575, 58, 1377568768ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 2048, "F16", true, 2048, 5600, 5600, 31100, 58, 443549696ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 2048, "F16", false, 2048, 5600, 5600, 31100, 58, 443549696ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 2048, "Q8_0", true, 2048, 2975, 2975, 31100, 58, 388499456ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 2048, "Q4_0", true, 2048, 1575, 1575, 31100, 58, 359139328ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 4096, "F16", true, 4096, 11200, 11200, 31100, 58, 560990208ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 4096, "F16", false, 4096, 11200, 11200, 31100, 58, 560990208ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 4096, "Q8_0", true, 4096, 5950, 5950, 31100, 58, 450889728ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 4096, "Q4_0", true, 4096, 3150, 3150, 31100, 58, 392169472ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 8192, "F16", true, 8192, 22400, 22400, 31100, 58, 795871232ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 8192, "F16", false, 8192, 22400, 22400, 50101, 58, 995108864ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 8192, "Q8_0", true, 8192, 11900, 11900, 31800, 58, 583010304ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 8192, "Q4_0", true, 8192, 6300, 6300, 31800, 58, 465569792ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 16384, "F16", true, 16384, 44800, 44800, 31100, 58, 1265633280ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 16384, "F16", false, 16384, 44800, 44800, 96501, 58, 1951410176ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 16384, "Q8_0", true, 16384, 23800, 23800, 31800, 58, 832571392ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 16384, "Q4_0", true, 16384, 12600, 12600, 31800, 58, 597690368ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 32768, "F16", true, 32768, 89600, 89600, 31100, 58, 2205157376ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 32768, "F16", false, 32768, 89600, 89600, 189301, 58, 3864012800ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 32768, "Q8_0", true, 32768, 47600, 47600, 31800, 58, 1331693568ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 32768, "Q4_0", true, 32768, 25200, 25200, 31800, 58, 861931520ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 65536, "F16", true, 65536, 179200, 179200, 31100, 58, 4084205568ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 65536, "F16", false, 65536, 179200, 179200, 374901, 58, 7689218048ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 65536, "Q8_0", true, 65536, 95200, 95200, 31800, 58, 2329937920ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 65536, "Q4_0", true, 65536, 50400, 50400, 31800, 58, 1390413824ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 131072, "F16", true, 131072, 358400, 358400, 31100, 58, 7842301952ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 131072, "F16", false, 131072, 358400, 358400, 746101, 58, 15339628544ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 131072, "Q8_0", true, 131072, 190400, 190400, 31800, 58, 4326426624ULL},
    {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 131072, "Q4_0", true, 131072, 100800, 100800, 31800, 58, 2447378432ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 2048, "F16", true, 2048, 19200, 19200, 31700, 58, 735053824ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 2048, "F16", false, 2048, 19200, 19200, 35501, 58, 774907904ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 2048, "Q8_0", true, 2048, 10200, 10200, 31700, 58, 546310144ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 2048, "Q4_0", true, 2048, 5400, 5400, 31700, 58, 445646848ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 4096, "F16", true, 4096, 38400, 38400, 31700, 58, 1137707008ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 4096, "F16", false, 4096, 38400, 38400, 38201, 58, 1205872640ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 4096, "Q8_0", true, 4096, 20400, 20400, 31700, 58, 760219648ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 4096, "Q4_0", true, 4096, 10800, 10800, 31700, 58, 558893056ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 8192, "F16", true, 8192, 76800, 76800, 31700, 58, 1943013376ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 8192, "F16", false, 8192, 76800, 76800, 71001, 58, 2355111936ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 8192, "Q8_0", true, 8192, 40800, 40800, 35509, 58, 1227978752ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 8192, "Q4_0", true, 8192, 21600, 21600, 35509, 58, 825325568ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 16384, "F16", true, 16384, 153600, 153600, 31700, 58, 3553626112ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 16384, "F16", false, 16384, 153600, 153600, 136601, 58, 4653590528ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 16384, "Q8_0", true, 16384, 81600, 81600, 32700, 58, 2054162432ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 16384, "Q4_0", true, 16384, 43200, 43200, 32700, 58, 1248856064ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 32768, "F16", true, 32768, 307200, 307200, 31700, 58, 6774851584ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 32768, "F16", false, 32768, 307200, 307200, 267801, 58, 9250547712ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 32768, "Q8_0", true, 32768, 163200, 163200, 32700, 58, 3765438464ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 32768, "Q4_0", true, 32768, 86400, 86400, 32700, 58, 2154825728ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 65536, "F16", true, 65536, 614400, 614400, 31700, 58, 13217302528ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 65536, "F16", false, 65536, 614400, 614400, 530201, 58, 18444462080ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 65536, "Q8_0", true, 65536, 326400, 326400, 32700, 58, 7187990528ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 65536, "Q4_0", true, 65536, 172800, 172800, 32700, 58, 3966765056ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 131072, "F16", true, 131072, 1228800, 1228800, 31700, 58, 26102204416ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 131072, "F16", false, 131072, 1228800, 1228800, 1055001, 58, 36832290816ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 131072, "Q8_0", true, 131072, 652800, 652800, 32700, 58, 14033094656ULL},
    {"DeepSeek-R1-Distill-Qwen-14B", KvLayout::standard, 131072, "Q4_0", true, 131072, 345600, 345600, 32700, 58, 7590643712ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 2048, "F16", true, 2048, 25600, 25600, 31700, 58, 869271552ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 2048, "F16", false, 2048, 25600, 25600, 31700, 58, 869271552ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 2048, "Q8_0", true, 2048, 13600, 13600, 31700, 58, 617613312ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 2048, "Q4_0", true, 2048, 7200, 7200, 31700, 58, 483395584ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 4096, "F16", true, 4096, 51200, 51200, 31700, 58, 1406142464ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 4096, "F16", false, 4096, 51200, 51200, 38201, 58, 1474308096ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 4096, "Q8_0", true, 4096, 27200, 27200, 31700, 58, 902825984ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 4096, "Q4_0", true, 4096, 14400, 14400, 31700, 58, 634390528ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 8192, "F16", true, 8192, 102400, 102400, 31700, 58, 2479884288ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 8192, "F16", false, 8192, 102400, 102400, 71001, 58, 2891982848ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 8192, "Q8_0", true, 8192, 54400, 54400, 31700, 58, 1473251328ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 8192, "Q4_0", true, 8192, 28800, 28800, 31700, 58, 936380416ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 16384, "F16", true, 16384, 204800, 204800, 31700, 58, 4627367936ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 16384, "F16", false, 16384, 204800, 204800, 136601, 58, 5727332352ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 16384, "Q8_0", true, 16384, 108800, 108800, 32700, 58, 2624587776ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 16384, "Q4_0", true, 16384, 57600, 57600, 32700, 58, 1550845952ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 32768, "F16", true, 32768, 409600, 409600, 31700, 58, 8922335232ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 32768, "F16", false, 32768, 409600, 409600, 267801, 58, 11398031360ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 32768, "Q8_0", true, 32768, 217600, 217600, 32700, 58, 4906289152ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 32768, "Q4_0", true, 32768, 115200, 115200, 32700, 58, 2758805504ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 65536, "F16", true, 65536, 819200, 819200, 31700, 58, 17512269824ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 65536, "F16", false, 65536, 819200, 819200, 530201, 58, 22739429376ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 65536, "Q8_0", true, 65536, 435200, 435200, 32700, 58, 9469691904ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 65536, "Q4_0", true, 65536, 230400, 230400, 32700, 58, 5174724608ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 131072, "F16", true, 131072, 1638400, 1638400, 33001, 58, 34705782784ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 131072, "F16", false, 131072, 1638400, 1638400, 1055001, 58, 45422225408ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 131072, "Q8_0", true, 131072, 870400, 870400, 32700, 58, 18596497408ULL},
    {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 131072, "Q4_0", true, 131072, 460800, 460800, 32700, 58, 10006562816ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 2048, "F16", true, 2048, 12800, 12800, 26650, 49, 547883008ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 2048, "F16", false, 2048, 12800, 12800, 26650, 49, 547883008ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 2048, "Q8_0", true, 2048, 6800, 6800, 26650, 49, 422053888ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 2048, "Q4_0", true, 2048, 3600, 3600, 26650, 49, 354945024ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 4096, "F16", true, 4096, 25600, 25600, 26650, 49, 816318464ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 4096, "F16", false, 4096, 25600, 25600, 30801, 49, 859842560ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 4096, "Q8_0", true, 4096, 13600, 13600, 26650, 49, 564660224ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 4096, "Q4_0", true, 4096, 7200, 7200, 26650, 49, 430442496ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 8192, "F16", true, 8192, 51200, 51200, 26650, 49, 1353189376ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 8192, "F16", false, 8192, 51200, 51200, 57201, 49, 1673537536ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 8192, "Q8_0", true, 8192, 27200, 27200, 27450, 49, 858261504ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 8192, "Q4_0", true, 8192, 14400, 14400, 27450, 49, 589826048ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 16384, "F16", true, 16384, 102400, 102400, 26650, 49, 2426931200ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 16384, "F16", false, 16384, 102400, 102400, 110001, 49, 3300927488ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 16384, "Q8_0", true, 16384, 54400, 54400, 27450, 49, 1428686848ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 16384, "Q4_0", true, 16384, 28800, 28800, 27450, 49, 891815936ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 32768, "F16", true, 32768, 204800, 204800, 26650, 49, 4574414848ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 32768, "F16", false, 32768, 204800, 204800, 215601, 49, 6555707392ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 32768, "Q8_0", true, 32768, 108800, 108800, 27450, 49, 2569537536ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 32768, "Q4_0", true, 32768, 57600, 57600, 27450, 49, 1495795712ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 65536, "F16", true, 65536, 409600, 409600, 26650, 49, 8869382144ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 65536, "F16", false, 65536, 409600, 409600, 426801, 49, 13065267200ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 65536, "Q8_0", true, 65536, 217600, 217600, 27450, 49, 4851238912ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 65536, "Q4_0", true, 65536, 115200, 115200, 27450, 49, 2703755264ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 131072, "F16", true, 131072, 819200, 819200, 26650, 49, 17459316736ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 131072, "F16", false, 131072, 819200, 819200, 849201, 49, 26084386816ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 131072, "Q8_0", true, 131072, 435200, 435200, 27450, 49, 9414641664ULL},
    {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 131072, "Q4_0", true, 131072, 230400, 230400, 27450, 49, 5119674368ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 2048, "F16", true, 2048, 32000, 32000, 28250, 49, 967313408ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 2048, "F16", false, 2048, 32000, 32000, 34401, 49, 1031809024ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 2048, "Q8_0", true, 2048, 17000, 17000, 28250, 49, 652740608ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 2048, "Q4_0", true, 2048, 9000, 9000, 28250, 49, 484968448ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 4096, "F16", true, 4096, 64000, 64000, 28250, 49, 1638402048ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 4096, "F16", false, 4096, 64000, 64000, 60401, 49, 1975527424ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 4096, "Q8_0", true, 4096, 34000, 34000, 28250, 49, 1009256448ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 4096, "Q4_0", true, 4096, 18000, 18000, 28250, 49, 673712128ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 8192, "F16", true, 8192, 128000, 128000, 28250, 49, 2980579328ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 8192, "F16", false, 8192, 128000, 128000, 112401, 49, 3862964224ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 8192, "Q8_0", true, 8192, 68000, 68000, 28250, 49, 1722288128ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 8192, "Q4_0", true, 8192, 36000, 36000, 28250, 49, 1051199488ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 16384, "F16", true, 16384, 256000, 256000, 28250, 49, 5664933888ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 16384, "F16", false, 16384, 256000, 256000, 216401, 49, 7637837824ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 16384, "Q8_0", true, 16384, 136000, 136000, 29850, 49, 3165128704ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 16384, "Q4_0", true, 16384, 72000, 72000, 29850, 49, 1822951424ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 32768, "F16", true, 32768, 512000, 512000, 28250, 49, 11033643008ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 32768, "F16", false, 32768, 512000, 512000, 424401, 49, 15187585024ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 32768, "Q8_0", true, 32768, 272000, 272000, 29850, 49, 6017255424ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 32768, "Q4_0", true, 32768, 144000, 144000, 29850, 49, 3332900864ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 65536, "F16", true, 65536, 1024000, 1024000, 29601, 49, 21785229312ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 65536, "F16", false, 65536, 1024000, 1024000, 840401, 49, 30287079424ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 65536, "Q8_0", true, 65536, 544000, 544000, 29850, 49, 11721508864ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 65536, "Q4_0", true, 65536, 288000, 288000, 29850, 49, 6352799744ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 131072, "F16", true, 131072, 2048000, 2048000, 36001, 49, 43327174656ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 131072, "F16", false, 131072, 2048000, 2048000, 1672401, 49, 60486068224ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 131072, "Q8_0", true, 131072, 1088000, 1088000, 34409, 49, 23177820160ULL},
    {"DeepSeek-R1-Distill-Llama-70B", KvLayout::standard, 131072, "Q4_0", true, 131072, 576000, 576000, 34409, 49, 12440401920ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 2048, "F16", true, 2048, 14400, 14400, 31275, 58, 629934080ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 2048, "F16", false, 2048, 14400, 14400, 31275, 58, 629934080ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 2048, "Q8_0", true, 2048, 7650, 7650, 31275, 58, 488376320ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 2048, "Q4_0", true, 2048, 4050, 4050, 31275, 58, 412878848ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 4096, "F16", true, 4096, 28800, 28800, 31275, 58, 931923968ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 4096, "F16", false, 4096, 28800, 28800, 31275, 58, 931923968ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 4096, "Q8_0", true, 4096, 15300, 15300, 31275, 58, 648808448ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 4096, "Q4_0", true, 4096, 8100, 8100, 31275, 58, 497813504ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 8192, "F16", true, 8192, 57600, 57600, 31275, 58, 1535903744ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 8192, "F16", false, 8192, 57600, 57600, 57201, 58, 1807755264ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 8192, "Q8_0", true, 8192, 30600, 30600, 32075, 58, 978061312ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 8192, "Q4_0", true, 8192, 16200, 16200, 32075, 58, 676071424ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 16384, "F16", true, 16384, 115200, 115200, 31275, 58, 2743863296ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 16384, "F16", false, 16384, 115200, 115200, 110001, 58, 3569362944ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 16384, "Q8_0", true, 16384, 61200, 61200, 32075, 58, 1619789824ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 16384, "Q4_0", true, 16384, 32400, 32400, 32075, 58, 1015810048ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 32768, "F16", true, 32768, 230400, 230400, 31275, 58, 5159782400ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 32768, "F16", false, 32768, 230400, 230400, 215601, 58, 7092578304ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 32768, "Q8_0", true, 32768, 122400, 122400, 32075, 58, 2903246848ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 32768, "Q4_0", true, 32768, 64800, 64800, 32075, 58, 1695287296ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 65536, "F16", true, 65536, 460800, 460800, 31275, 58, 9991620608ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 65536, "F16", false, 65536, 460800, 460800, 426801, 58, 14139009024ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 65536, "Q8_0", true, 65536, 244800, 244800, 32075, 58, 5470160896ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 65536, "Q4_0", true, 65536, 129600, 129600, 32075, 58, 3054241792ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 131072, "F16", true, 131072, 921600, 921600, 31275, 58, 19655297024ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 131072, "F16", false, 131072, 921600, 921600, 849201, 58, 28231870464ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 131072, "Q8_0", true, 131072, 489600, 489600, 32075, 58, 10603988992ULL},
    {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, 131072, "Q4_0", true, 131072, 259200, 259200, 32075, 58, 5772150784ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 2048, "F16", true, 2048, 585600, 390400, 31051, 49, 10559698944ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 2048, "F16", false, 2048, 585600, 390400, 73201, 49, 11001669632ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 2048, "Q8_0", true, 2048, 311100, 207400, 31054, 49, 5762496512ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 2048, "Q4_0", true, 2048, 164700, 109800, 31054, 49, 3203971072ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 4096, "F16", true, 4096, 1171200, 780800, 31251, 49, 20795897856ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 4096, "F16", false, 4096, 1171200, 780800, 124801, 49, 21776836608ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 4096, "Q8_0", true, 4096, 622200, 414800, 31254, 49, 11201460224ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 4096, "Q4_0", true, 4096, 329400, 219600, 31254, 49, 6084409344ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 8192, "F16", true, 8192, 2342400, 1561600, 31651, 49, 41268295680ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 8192, "F16", false, 8192, 2342400, 1561600, 228001, 49, 43327170560ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 8192, "Q8_0", true, 8192, 1244400, 829600, 31654, 49, 22079387648ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 8192, "Q4_0", true, 8192, 658800, 439200, 31654, 49, 11845285888ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 16384, "F16", true, 16384, 4684800, 3123200, 31201, 49, 82199984128ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 16384, "F16", false, 16384, 4684800, 3123200, 434401, 49, 86427838464ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 16384, "Q8_0", true, 16384, 2488800, 1659200, 31054, 49, 43820562432ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 16384, "Q4_0", true, 16384, 1317600, 878400, 31054, 49, 23352358912ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 32768, "F16", true, 32768, 9369600, 6246400, 32801, 49, 164089575424ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 32768, "F16", false, 32768, 9369600, 6246400, 847201, 49, 172629174272ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 32768, "Q8_0", true, 32768, 4977600, 3318400, 31204, 49, 87317067776ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 32768, "Q4_0", true, 32768, 2635200, 1756800, 31204, 49, 46380660736ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 65536, "F16", true, 65536, 18739200, 12492800, 37251, 49, 327881865216ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 65536, "F16", false, 65536, 18739200, 12492800, 1672801, 49, 345031845888ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 65536, "Q8_0", true, 65536, 9955200, 6636800, 37254, 49, 174370371584ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 65536, "Q4_0", true, 65536, 5270400, 3513600, 37254, 49, 92497557504ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 131072, "F16", true, 131072, 37478400, 24985600, 42401, 49, 655427123200ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 131072, "F16", false, 131072, 37478400, 24985600, 3324001, 49, 689837189120ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 131072, "Q8_0", true, 131072, 19910400, 13273600, 40804, 49, 348387325952ULL},
    {"DeepSeek-R1", KvLayout::deepseek_legacy, 131072, "Q4_0", true, 131072, 10540800, 7027200, 40804, 49, 184641697792ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 2048, "F16", true, 2048, 13725, 0, 41001, 49, 573843456ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 2048, "F16", false, 2048, 13725, 0, 92401, 49, 1112811520ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 2048, "Q8_0", true, 2048, 7291, 0, 41001, 49, 506382336ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 2048, "Q4_0", true, 2048, 3860, 0, 41001, 49, 470403072ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 4096, "F16", true, 4096, 27450, 0, 41201, 49, 719857664ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 4096, "F16", false, 4096, 27450, 0, 144001, 49, 1797793792ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 4096, "Q8_0", true, 4096, 14583, 0, 41201, 49, 584935424ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 4096, "Q4_0", true, 4096, 7720, 0, 41201, 49, 512976896ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 8192, "F16", true, 8192, 54900, 0, 41601, 49, 1011886080ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 8192, "F16", false, 8192, 54900, 0, 247201, 49, 3167758336ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 8192, "Q8_0", true, 8192, 29166, 0, 41601, 49, 742041600ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 8192, "Q4_0", true, 8192, 15441, 0, 41601, 49, 598124544ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 16384, "F16", true, 16384, 109800, 0, 42401, 49, 1595942912ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 16384, "F16", false, 16384, 109800, 0, 453601, 49, 5907687424ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 16384, "Q8_0", true, 16384, 58331, 0, 42401, 49, 1056253952ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 16384, "Q4_0", true, 16384, 30881, 0, 42401, 49, 768419840ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 32768, "F16", true, 32768, 219600, 0, 44001, 49, 2764056576ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 32768, "F16", false, 32768, 219600, 0, 864801, 49, 11370768384ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 32768, "Q8_0", true, 32768, 116662, 0, 44001, 49, 1684678656ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 32768, "Q4_0", true, 32768, 61762, 0, 44001, 49, 1109010432ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 65536, "F16", true, 65536, 439200, 0, 47201, 49, 5100283904ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 65536, "F16", false, 65536, 439200, 0, 1690401, 49, 22330484736ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 65536, "Q8_0", true, 65536, 233325, 0, 47201, 49, 2941528064ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 65536, "Q4_0", true, 65536, 123525, 0, 47201, 49, 1790191616ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 131072, "F16", true, 131072, 878400, 0, 53601, 49, 9772738560ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 131072, "F16", false, 131072, 878400, 0, 3341601, 49, 44249917440ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 131072, "Q8_0", true, 131072, 466650, 0, 53601, 49, 5455226880ULL},
    {"DeepSeek-R1", KvLayout::deepseek_mla, 131072, "Q4_0", true, 131072, 247050, 0, 53601, 49, 3152553984ULL},
};

#include "dry_run_rows_b10256.inc"  // the same rows from llama.cpp b10256 built from source

const Catalog& catalog() { return embedded_catalog(); }
const RuntimeProfile& llama_cpp() { return *find_runtime(catalog(), "llama.cpp"); }
// The ollama the published measurements ran (2025-26 releases before v0.30, its own estimator and runner).
const RuntimeProfile& ollama() { return *find_runtime(catalog(), "ollama@0.29"); }
const Model& model(const char* id) { return *catalog().find_model(id); }

// Tensor plans are the expensive part; build each once.
const std::vector<PlannedTensor>& plan(const char* id, KvLayout layout, const char* scheme = "Q4_K_M") {
  static std::map<std::string, std::vector<PlannedTensor>> cache;
  const std::string key = std::string(id) + "/" + std::to_string(static_cast<int>(layout)) + "/" + scheme;
  auto it = cache.find(key);
  if (it == cache.end()) {
    const auto size = compute_file_size(model(id), *catalog().find_scheme(scheme), catalog(), QuantOptions{}, layout);
    it = cache.emplace(key, size->tensors).first;
  }
  return it->second;
}

MemoryRequest request(std::uint64_t context_tokens, const char* kv_type = "F16", bool flash_attention = false,
                      const RuntimeProfile& runtime = llama_cpp()) {
  MemoryRequest r = default_memory_request(catalog(), runtime, context_tokens);
  r.kv_cache_type_k = r.kv_cache_type_v = catalog().find_type(kv_type);
  r.flash_attention = flash_attention;
  return r;
}

// llama.cpp's "%8.2f MiB" of a byte count (printf rounds halves to even: 1166.625 prints 1166.62), in hundredths.
std::uint64_t logged_centi_mib(std::uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", static_cast<double>(bytes) / 1024.0 / 1024.0);
  return static_cast<std::uint64_t>(std::llround(std::stod(text) * 100.0));
}

}  // namespace

TEST_CASE("kv_cache matches the published and reference KV figures to the byte", "[memory_estimator]") {
  SECTION("32B-shaped qwen2, 8192 cells, q8_0: 1088 MiB (quant-rules-and-memory.md §2.2, peer-tools.md §2.1)") {
    const Model& m = model("DeepSeek-R1-Distill-Qwen-32B");
    const KvCacheShape shape = kv_cache_shape(m, KvLayout::standard, llama_cpp());
    CHECK(shape.key_values_per_cell == 1024);
    CHECK(kv_cache_layer_bytes(shape, 8192, *catalog().find_type("Q8_0"), *catalog().find_type("Q8_0")) * 64 ==
          1088 * k_mib);
  }
  SECTION("DeepSeek-R1 legacy GGUF, 4096 cells, f16: 19520 MiB = 19.06 GiB (reference §2.2 table)") {
    const MemoryEstimate e = estimate_memory(model("DeepSeek-R1"), plan("DeepSeek-R1", KvLayout::deepseek_legacy),
                                             llama_cpp(), [] {
                                               MemoryRequest r = request(4096);
                                               r.kv_layout = KvLayout::deepseek_legacy;
                                               return r;
                                             }(), catalog());
    CHECK(e.kv_cache_bytes == 20468203520ULL);
  }
  SECTION("DeepSeek-R1 MLA GGUF, 4096 cells, f16: 274.5 MiB V-less (after PR #19067), 518.5 MiB before") {
    const Model& r1 = model("DeepSeek-R1");
    const GgmlType& f16 = *catalog().find_type("F16");
    CHECK(kv_cache_layer_bytes(kv_cache_shape(r1, KvLayout::deepseek_mla, llama_cpp()), 4096, f16, f16) * 61 ==
          287834112ULL);
    CHECK(kv_cache_layer_bytes(kv_cache_shape(r1, KvLayout::deepseek_mla, ollama()), 4096, f16, f16) * 61 ==
          543686656ULL);
  }
  SECTION("q8_0 is 34 bytes per 32 values, rounded up to whole blocks") {
    CHECK(cache_values_bytes(1024, *catalog().find_type("Q8_0")) == 1088);
    CHECK(cache_values_bytes(576, *catalog().find_type("Q4_0")) == 324);
  }
}

TEST_CASE("kv_cache pads cells as llama.cpp does", "[memory_estimator]") {
  CHECK(kv_cache_cells(8000, 1, llama_cpp()) == 8192);
  CHECK(kv_cache_cells(8192, 1, llama_cpp()) == 8192);
  CHECK(kv_cache_cells(1, 1, llama_cpp()) == 256);
  // -c 3000 -np 2: n_ctx 6144 (padded), 3072 per sequence, two streams
  CHECK(kv_cache_cells(3000, 2, llama_cpp()) == 6144);
  CHECK(kv_cache_cells(1000, 3, llama_cpp()) == 3 * 1024);
}

namespace {

// What one llama.cpp dry run logged: KV cells, the K, V, output and compute MiB it prints (in hundredths) and
// the exact KV + compute byte total of its memory breakdown.
struct LoggedBuffers {
  std::uint64_t kv_cells, k_centi_mib, v_centi_mib, output_centi_mib, compute_centi_mib, kv_plus_compute_bytes;
};

// r1tag's compute buffer against llama.cpp's (its KV + compute total minus r1tag's exact KV; that this prints as
// the logged compute MiB also closes the check on the KV bytes): within 10 %. Returns the relative error.
double check_compute(const MemoryEstimate& e, std::uint64_t kv_plus_compute_bytes, std::uint64_t compute_centi_mib,
                     const std::string& label) {
  const std::uint64_t llama_compute = kv_plus_compute_bytes - e.kv_cache_bytes;
  CHECK(logged_centi_mib(llama_compute) == compute_centi_mib);
  const double error = (static_cast<double>(e.compute_bytes) - static_cast<double>(llama_compute)) /
                       static_cast<double>(llama_compute);
  CHECK(std::abs(error) <= 0.10);
  if (std::getenv("R1TAG_PRINT_COMPUTE") != nullptr)
    std::printf("%s llama=%.2f r1tag=%.2f MiB %+.1f%%\n", label.c_str(), static_cast<double>(llama_compute) / k_mib,
                static_cast<double>(e.compute_bytes) / k_mib, error * 100);
  return error;
}

// r1tag's estimate against one dry run: KV cells, K, V and output buffers exact, compute within 10 %.
double check_logged(const MemoryEstimate& e, const Model& m, KvLayout layout, const char* kv_type,
                    const LoggedBuffers& logged, const std::string& label) {
  CHECK(e.kv_cache_cells == logged.kv_cells);
  const KvCacheShape shape = kv_cache_shape(m, layout, llama_cpp());
  const GgmlType& type = *catalog().find_type(kv_type);
  const std::uint64_t cells_in_all_layers = logged.kv_cells * m.hparams.block_count;
  const std::uint64_t k_bytes = cache_values_bytes(shape.key_values_per_cell, type) * cells_in_all_layers;
  const std::uint64_t v_bytes = cache_values_bytes(shape.value_values_per_cell, type) * cells_in_all_layers;
  CHECK(e.kv_cache_bytes == k_bytes + v_bytes);
  CHECK(logged_centi_mib(k_bytes) == logged.k_centi_mib);
  CHECK(logged_centi_mib(v_bytes) == logged.v_centi_mib);
  CHECK(logged_centi_mib(e.output_bytes) == logged.output_centi_mib);
  return check_compute(e, logged.kv_plus_compute_bytes, logged.compute_centi_mib, label);
}

// One build's dry-run rows against r1tag: model, KV and output exact, CPU compute within 10 %.
void check_dry_run(std::span<const DryRunModel> models, std::span<const DryRunContext> contexts) {
  for (const DryRunModel& row : models) {
    INFO(row.model << " " << row.scheme);
    const MemoryEstimate e = estimate_memory(model(row.model), plan(row.model, row.layout, row.scheme), llama_cpp(),
                                             request(4096), catalog());
    CHECK(e.weights_bytes == row.model_bytes);
    CHECK(model(row.model).hparams.vocab_size == row.n_vocab);
  }
  double worst_compute_error = 0;
  for (const DryRunContext& row : contexts) {
    INFO(row.model << " ctx " << row.context_tokens << " " << row.kv_type << " fa " << row.flash_attention);
    MemoryRequest r = request(row.context_tokens, row.kv_type, row.flash_attention);
    r.kv_layout = row.layout;
    const Model& m = model(row.model);
    const MemoryEstimate e = estimate_memory(m, plan(row.model, row.layout), llama_cpp(), r, catalog());
    REQUIRE(e.devices.size() == 1);
    const LoggedBuffers logged{row.kv_cells,         row.k_centi_mib,       row.v_centi_mib,
                               row.output_centi_mib, row.compute_centi_mib, row.kv_plus_compute_bytes};
    const double error = check_logged(e, m, row.layout, row.kv_type, logged,
                                      fmt::format("{} {} {} fa={}", row.model, row.context_tokens, row.kv_type,
                                                  row.flash_attention));
    worst_compute_error = std::max(worst_compute_error, std::abs(error));
  }
  CHECK(worst_compute_error > 0);  // the table was read
}

}  // namespace

TEST_CASE("memory_estimator equals llama.cpp's dry run: model, KV and output exact, CPU compute within 10 %",
          "[memory_estimator]") {
  SECTION("llama.cpp v0.5.0 (node-llama-cpp 3.22.1)") { check_dry_run(k_dry_run_models, k_dry_run_contexts); }
  SECTION("llama.cpp b10256 built from source (llama.rn 0.12.9's copy of the tree)") {
    check_dry_run(k_dry_run_models_b10256, k_dry_run_contexts_b10256);
  }
}

TEST_CASE("memory_estimator follows llama.cpp's split slots (-np 4): KV and output exact, CPU compute within 10 %",
          "[memory_estimator]") {
  // dry_run_native.cpp --seqs 4 (n_seq_max 4, kv_unified off: -c N -np 4 gives 4 streams of N/4 cells),
  // f16 KV, Q4_K_M, ubatch 512; identical in llama.cpp v0.5.0 and b10256 built from source. The log's
  // cell count is per stream. With --kv-unified (llama-server's -np auto: 4 slots, one pool) KV and compute
  // equal the one-sequence rows above and only the output buffer grows 4 times, as here.
  struct SlotRow {
    const char* model;
    KvLayout layout;
    std::uint64_t total_context_tokens;  // -c
    bool flash_attention;
    std::uint64_t cells_per_stream, k_centi_mib, v_centi_mib, compute_centi_mib, output_centi_mib;
    std::uint64_t kv_plus_compute_bytes;
  };
  const SlotRow rows[] = {
      {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 4096, true, 1024, 11200, 11200, 31100, 232, 560990208ULL},
      {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 4096, false, 1024, 11200, 11200, 31100, 232, 560990208ULL},
      {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 32768, true, 8192, 89600, 89600, 31100, 232, 2205157376ULL},
      {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 32768, false, 8192, 89600, 89600, 50101, 232, 2404395008ULL},
      {"DeepSeek-R1", KvLayout::deepseek_mla, 4096, true, 1024, 27450, 0, 40901, 197, 716711936ULL},
      {"DeepSeek-R1", KvLayout::deepseek_mla, 4096, false, 1024, 27450, 0, 66601, 197, 986195968ULL},
      {"DeepSeek-R1", KvLayout::deepseek_mla, 32768, true, 8192, 219600, 0, 41601, 197, 2738890752ULL},
      {"DeepSeek-R1", KvLayout::deepseek_mla, 32768, false, 8192, 219600, 0, 245601, 197, 4877985792ULL},
  };
  for (const SlotRow& row : rows) {
    INFO(row.model << " -c " << row.total_context_tokens << " -np 4 fa " << row.flash_attention);
    MemoryRequest r = request(row.total_context_tokens / 4, "F16", row.flash_attention);
    r.parallel_sequences = 4;
    r.kv_layout = row.layout;
    const Model& m = model(row.model);
    const MemoryEstimate e = estimate_memory(m, plan(row.model, row.layout), llama_cpp(), r, catalog());
    const LoggedBuffers logged{4 * row.cells_per_stream, row.k_centi_mib,          row.v_centi_mib,
                               row.output_centi_mib,     row.compute_centi_mib,    row.kv_plus_compute_bytes};
    check_logged(e, m, row.layout, "F16", logged,
                 fmt::format("np4 {} {} fa={}", row.model, row.total_context_tokens, row.flash_attention));
  }
}

TEST_CASE("memory_estimator follows llama.cpp's compute buffer at larger ubatches (-ub 1024, 2048)", "[memory_estimator]") {
  // dry_run_native.cpp --ubatch N (batch = ubatch), f16 KV, Q4_K_M, one sequence; identical in llama.cpp
  // v0.5.0 and b10256 built from source. KV and output do not depend on the ubatch (checked by the rows above).
  struct UbatchRow {
    const char* model;
    KvLayout layout;
    std::uint32_t ubatch_tokens;
    std::uint64_t context_tokens;
    bool flash_attention;
    std::uint64_t compute_centi_mib;
    std::uint64_t kv_plus_compute_bytes;
  };
  const UbatchRow rows[] = {
      {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 1024, 4096, true, 62200, 887099392ULL},
      {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 1024, 4096, false, 62200, 887099392ULL},
      {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 1024, 32768, true, 62200, 2531266560ULL},
      {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 1024, 32768, false, 378602, 5848977408ULL},
      {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 2048, 4096, true, 124401, 1539317760ULL},
      {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 2048, 4096, false, 124401, 1539317760ULL},
      {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 2048, 32768, true, 124401, 3183484928ULL},
      {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, 2048, 32768, false, 757204, 9818906624ULL},
      {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 1024, 4096, true, 63400, 1738543104ULL},
      {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 1024, 4096, false, 76402, 1874874368ULL},
      {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 1024, 32768, true, 63400, 9254735872ULL},
      {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 1024, 32768, false, 535602, 14206128128ULL},
      {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 2048, 4096, true, 126801, 2403344384ULL},
      {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 2048, 4096, false, 152804, 2676006912ULL},
      {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 2048, 32768, true, 126801, 9919537152ULL},
      {"DeepSeek-R1-Distill-Qwen-32B", KvLayout::standard, 2048, 32768, false, 1071204, 19822321664ULL},
      {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 1024, 4096, true, 53300, 1095766016ULL},
      {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 1024, 4096, false, 61602, 1182814208ULL},
      {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 1024, 32768, true, 53300, 4853862400ULL},
      {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 1024, 32768, false, 431202, 8816447488ULL},
      {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 2048, 4096, true, 106601, 1654661120ULL},
      {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 2048, 4096, false, 123204, 1828757504ULL},
      {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 2048, 32768, true, 106601, 5412757504ULL},
      {"DeepSeek-R1-Distill-Llama-8B", KvLayout::standard, 2048, 32768, false, 862404, 13337927680ULL},
      {"DeepSeek-R1", KvLayout::deepseek_mla, 1024, 4096, true, 82402, 1151881216ULL},
      {"DeepSeek-R1", KvLayout::deepseek_mla, 1024, 4096, false, 288002, 3307753472ULL},
      {"DeepSeek-R1", KvLayout::deepseek_mla, 1024, 32768, true, 88002, 3225440256ULL},
      {"DeepSeek-R1", KvLayout::deepseek_mla, 1024, 32768, false, 1732802, 20472418304ULL},
      {"DeepSeek-R1", KvLayout::deepseek_mla, 2048, 4096, true, 164804, 2015928320ULL},
      {"DeepSeek-R1", KvLayout::deepseek_mla, 2048, 4096, false, 576004, 6327672832ULL},
      {"DeepSeek-R1", KvLayout::deepseek_mla, 2048, 32768, true, 176004, 4148207616ULL},
      {"DeepSeek-R1", KvLayout::deepseek_mla, 2048, 32768, false, 3465604, 38642163712ULL},
  };
  for (const UbatchRow& row : rows) {
    INFO(row.model << " -c " << row.context_tokens << " -ub " << row.ubatch_tokens << " fa " << row.flash_attention);
    MemoryRequest r = request(row.context_tokens, "F16", row.flash_attention);
    r.ubatch_tokens = row.ubatch_tokens;
    r.kv_layout = row.layout;
    const MemoryEstimate e = estimate_memory(model(row.model), plan(row.model, row.layout), llama_cpp(), r, catalog());
    check_compute(e, row.kv_plus_compute_bytes, row.compute_centi_mib,
                  fmt::format("ub{} {} {} fa={}", row.ubatch_tokens, row.model, row.context_tokens, row.flash_attention));
  }
}

TEST_CASE("memory_estimator's llama.cpp default context is the trained one, as llama.cpp's -c 0", "[memory_estimator]") {
  // dry_run_native.cpp --ctx 0 (n_ctx 0: "from model"), flash attention on, Q4_K_M, ubatch 512, llama.cpp
  // v0.5.0 built from source: the cells llama.cpp gives -c 0, the KV, output and compute it plans there.
  struct TrainedRow {
    const char* model;
    KvLayout layout;
    const char* kv_type;
    std::uint64_t kv_cells, k_centi_mib, v_centi_mib, compute_centi_mib, output_centi_mib;
    std::uint64_t kv_plus_compute_bytes;
  };
  const TrainedRow rows[] = {
      {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, "F16", 131072, 358400, 358400, 31100, 58, 7842301952ULL},
      {"DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard, "Q8_0", 131072, 190400, 190400, 31800, 58, 4326426624ULL},
      {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, "F16", 131072, 921600, 921600, 31275, 58, 19655297024ULL},
      {"DeepSeek-R1-0528-Qwen3-8B", KvLayout::standard, "Q8_0", 131072, 489600, 489600, 32075, 58, 10603988992ULL},
      {"DeepSeek-R1", KvLayout::deepseek_mla, "F16", 163840, 1098000, 0, 56801, 49, 12108965888ULL},
      {"DeepSeek-R1", KvLayout::deepseek_mla, "Q8_0", 163840, 583312, 0, 56801, 49, 6712076288ULL},
      {"DeepSeek-R1", KvLayout::deepseek_legacy, "F16", 163840, 46848000, 31232000, 45601, 49, 819206305792ULL},
      {"DeepSeek-R1", KvLayout::deepseek_legacy, "Q8_0", 163840, 24888000, 16592000, 44004, 49, 435410745344ULL},
  };
  for (const TrainedRow& row : rows) {
    INFO(row.model << " -c 0 " << row.kv_type);
    const Model& m = model(row.model);
    MemoryRequest r = request(default_context_tokens(llama_cpp(), m, 0), row.kv_type, true);
    r.kv_layout = row.layout;
    const MemoryEstimate e = estimate_memory(m, plan(row.model, row.layout), llama_cpp(), r, catalog());
    const LoggedBuffers logged{row.kv_cells,         row.k_centi_mib,       row.v_centi_mib,
                               row.output_centi_mib, row.compute_centi_mib, row.kv_plus_compute_bytes};
    check_logged(e, m, row.layout, row.kv_type, logged, fmt::format("c0 {} {}", row.model, row.kv_type));
  }
}

TEST_CASE("memory_estimator applies each runtime's KV cache rules", "[memory_estimator]") {
  SECTION("ollama before v0.30 caches f16 for DeepSeek-R1 671B whatever KV type is asked (key_length 192 != value_length 128)") {
    MemoryRequest r = request(4096, "Q8_0", true, ollama());
    r.kv_layout = KvLayout::deepseek_legacy;
    const MemoryEstimate e =
        estimate_memory(model("DeepSeek-R1"), plan("DeepSeek-R1", KvLayout::deepseek_legacy), ollama(), r, catalog());
    CHECK(e.kv_cache_type_k == "F16");
    CHECK(e.kv_cache_bytes == 20468203520ULL);
    REQUIRE(e.notes.size() == 1);
    CHECK(e.notes[0] == "ollama@0.29 ignores the Q8_0 KV cache type for this model (key_length 192 != value_length 128) "
                        "and caches f16");
  }
  SECTION("ollama before v0.30 falls back to f16 without flash attention; llama.cpp refuses") {
    const auto& tensors = plan("DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard);
    const MemoryEstimate e =
        estimate_memory(model("DeepSeek-R1-Distill-Qwen-7B"), tensors, ollama(), request(8192, "Q8_0", false, ollama()),
                        catalog());
    CHECK(e.kv_cache_type_v == "F16");
    CHECK(e.kv_cache_bytes == 448 * k_mib);
    REQUIRE_THROWS_MATCHES(estimate_memory(model("DeepSeek-R1-Distill-Qwen-7B"), tensors, llama_cpp(),
                                           request(8192, "Q8_0", false), catalog()),
                           Error, Catch::Message("a quantized V cache (Q8_0) needs flash attention on llama.cpp"));
  }
  SECTION("llama.cpp keeps q8_0 with flash attention: 7B at 8192 cells is 238 MiB (dry run: K 119 + V 119 MiB)") {
    const MemoryEstimate e = estimate_memory(model("DeepSeek-R1-Distill-Qwen-7B"),
                                             plan("DeepSeek-R1-Distill-Qwen-7B", KvLayout::standard), llama_cpp(),
                                             request(8192, "Q8_0", true), catalog());
    CHECK(e.kv_cache_bytes == 238 * k_mib);
  }
}

TEST_CASE("memory_estimator reads the runtime defaults from data/runtimes.json", "[memory_estimator]") {
  const Model& distill = model("DeepSeek-R1-Distill-Qwen-14B");
  CHECK(default_context_tokens(ollama(), distill, 8 * k_gib) == 4096);
  CHECK(default_context_tokens(ollama(), distill, 24 * k_gib) == 32768);
  CHECK(default_context_tokens(ollama(), distill, 48 * k_gib) == 131072);  // 262144 clamped to the trained context
  CHECK(default_context_tokens(llama_cpp(), distill, 8 * k_gib) == 131072);
  CHECK(default_parallel_sequences(ollama()) == 1);
  CHECK(default_parallel_sequences(llama_cpp()) == 1);
  CHECK(gpu_overhead_for(ollama(), "cuda")->bytes == 457 * k_mib);
  CHECK(gpu_overhead_for(ollama(), "metal")->bytes == 512 * k_mib);
  CHECK(gpu_overhead_for(llama_cpp(), "cuda")->bytes == k_gib);
  const MemoryRequest r = default_memory_request(catalog(), llama_cpp(), 8192);
  CHECK(r.ubatch_tokens == 512);
  CHECK(r.batch_tokens == 2048);
  CHECK(r.kv_cache_type_k->name == "F16");
}

TEST_CASE("memory_estimator places layers as llama.cpp does", "[memory_estimator]") {
  const char* id = "DeepSeek-R1-Distill-Qwen-7B";
  const auto& tensors = plan(id, KvLayout::standard);
  std::uint64_t token_embd_bytes = 0, output_bytes = 0, block27_bytes = 0;
  for (const PlannedTensor& t : tensors) {
    if (t.tensor.name == "token_embd.weight") token_embd_bytes = t.bytes;
    if (t.tensor.name.rfind("output", 0) == 0) output_bytes += t.bytes;
    if (t.tensor.layer == 27) block27_bytes += t.bytes;
  }
  MemoryRequest r = request(4096, "F16", true);
  r.gpus = {{"GPU0", "cuda"}};

  SECTION("everything offloaded: token_embd stays in RAM, KV and compute on the GPU, 1 GiB llama.cpp margin") {
    r.placement.gpu_layers = 999;
    const MemoryEstimate e = estimate_memory(model(id), tensors, llama_cpp(), r, catalog());
    REQUIRE(e.devices.size() == 2);
    CHECK(e.gpu_layers == 29);
    CHECK(e.devices[1].weights_bytes == token_embd_bytes);
    CHECK(e.devices[0].weights_bytes == e.weights_bytes - token_embd_bytes);
    CHECK(e.devices[0].kv_cache_bytes == 224 * k_mib);
    CHECK(e.devices[0].overhead_bytes == k_gib);
    CHECK(e.devices[1].kv_cache_bytes == 0);
    CHECK(e.devices[1].output_bytes == 152064ULL * 4);
    // input rows + the KQ mask, f16 under flash attention since llama.cpp b9410 (PR #23764)
    CHECK(e.devices[1].compute_bytes == 3584ULL * 512 * 4 + 4096ULL * 512 * 2);
  }
  SECTION("-ngl 1 offloads the output layer first on the 2026 llama.cpp, block 27 on ollama's 2025 copy") {
    r.placement.gpu_layers = 1;
    const MemoryEstimate now = estimate_memory(model(id), tensors, llama_cpp(), r, catalog());
    CHECK(now.devices[0].weights_bytes == output_bytes);
    CHECK(now.devices[0].kv_cache_bytes == 0);
    MemoryRequest o = request(4096, "F16", true, ollama());
    o.gpus = r.gpus;
    o.placement.gpu_layers = 1;
    const MemoryEstimate old = estimate_memory(model(id), tensors, ollama(), o, catalog());
    CHECK(old.devices[0].weights_bytes == block27_bytes);
    CHECK(old.devices[0].kv_cache_bytes == 8 * k_mib);
    CHECK(old.devices[0].overhead_bytes == 457 * k_mib);
  }
  SECTION("two GPUs split the 29 layers by the tensor split, every layer whole on one device") {
    r.gpus = {{"GPU0", "cuda"}, {"GPU1", "cuda"}};
    r.placement.gpu_layers = 29;
    r.placement.tensor_split = {1, 1};
    const MemoryEstimate e = estimate_memory(model(id), tensors, llama_cpp(), r, catalog());
    CHECK(e.devices[0].layer_count == 15);  // blocks 0-14 (llama.cpp: upper_bound of il/29 over {0.5, 1})
    CHECK(e.devices[1].layer_count == 14);  // blocks 15-27 and the output layer
    CHECK(e.devices[0].kv_cache_bytes == 15 * 8 * k_mib);
    CHECK(e.devices[1].kv_cache_bytes == 13 * 8 * k_mib);
    CHECK(e.devices[0].overhead_bytes + e.devices[1].overhead_bytes == 2 * k_gib);
  }
  SECTION("shares near the top of double's range split as 1:1 (their sum overflowed: 0 layers on GPU0)") {
    r.gpus = {{"GPU0", "cuda"}, {"GPU1", "cuda"}};
    r.placement.gpu_layers = 29;
    r.placement.tensor_split = {1e308, 1e308};
    const MemoryEstimate e = estimate_memory(model(id), tensors, llama_cpp(), r, catalog());
    CHECK(e.devices[0].layer_count == 15);  // as {1, 1} above
    CHECK(e.devices[1].layer_count == 14);
  }
  SECTION("a tensor split that does not match the GPUs is a usage error") {
    r.placement.gpu_layers = 10;
    r.placement.tensor_split = {1, 2};
    REQUIRE_THROWS_MATCHES(estimate_memory(model(id), tensors, llama_cpp(), r, catalog()), Error,
                           Catch::Message("the tensor split has 2 values for 1 GPUs"));
  }
}

TEST_CASE("memory_estimator finds the most GPU layers and the longest context that fit", "[memory_estimator]") {
  SECTION("7B Q4_K_M on one 8 GiB GPU: all 29 layers, and a longer context than asked") {
    const char* id = "DeepSeek-R1-Distill-Qwen-7B";
    MemoryRequest r = request(8192, "F16", true);
    r.gpus = {{"GPU0", "cuda"}};
    const auto fit = fit_placement(model(id), plan(id, KvLayout::standard), llama_cpp(), r, {{8 * k_gib}, 16 * k_gib},
                                   catalog());
    REQUIRE(fit);
    CHECK(fit->estimate.gpu_layers == 29);
    CHECK(fit->estimate.devices[0].total_bytes <= 8 * k_gib);
    CHECK(fit->max_context_tokens > 8192);
    CHECK(fit->max_context_tokens % 256 == 0);
  }
  SECTION("14B Q4_K_M (8.98 GB of weights) on an 8 GiB GPU: partial offload, the rest in RAM") {
    const char* id = "DeepSeek-R1-Distill-Qwen-14B";
    MemoryRequest r = request(8192, "F16", true);
    r.gpus = {{"GPU0", "cuda"}};
    const auto fit = fit_placement(model(id), plan(id, KvLayout::standard), llama_cpp(), r, {{8 * k_gib}, 32 * k_gib},
                                   catalog());
    REQUIRE(fit);
    CHECK(fit->estimate.gpu_layers > 0);
    CHECK(fit->estimate.gpu_layers < 49);
    CHECK(fit->estimate.devices[0].total_bytes <= 8 * k_gib);
    CHECK(fit->estimate.devices[1].weights_bytes > 0);
  }
  SECTION("nothing fits in 1 GiB of RAM and no GPU") {
    const char* id = "DeepSeek-R1-Distill-Qwen-7B";
    CHECK_FALSE(fit_placement(model(id), plan(id, KvLayout::standard), llama_cpp(), request(4096), {{}, k_gib},
                              catalog()));
  }
  SECTION("671B MLA Q4_K_M with routed experts in RAM: all 62 layers on one 24 GiB GPU") {
    MemoryRequest r = request(8192, "F16", true);
    r.kv_layout = KvLayout::deepseek_mla;
    r.gpus = {{"GPU0", "cuda"}};
    const auto& tensors = plan("DeepSeek-R1", KvLayout::deepseek_mla);
    const auto fit = fit_moe_offload(model("DeepSeek-R1"), tensors, llama_cpp(), r, {{24 * k_gib}, 512 * k_gib},
                                     catalog());
    REQUIRE(fit);
    CHECK(fit->placement.cpu_moe_layers == 61);
    CHECK(fit->estimate.gpu_layers == 62);
    std::uint64_t experts = 0;
    for (const PlannedTensor& t : tensors)
      if (t.tensor.name.find("_exps.") != std::string::npos) experts += t.bytes;
    std::uint64_t token_embd = 0;
    for (const PlannedTensor& t : tensors)
      if (t.tensor.name == "token_embd.weight") token_embd = t.bytes;
    CHECK(fit->estimate.devices[1].weights_bytes == experts + token_embd);
    CHECK(fit->estimate.devices[0].kv_cache_bytes == 61ULL * 8192 * 576 * 2);
  }
}

namespace {

// The oracle for the placement search: every layer count tried with the full estimator, the most that
// fits every device kept. fit_placement bisects over (one GPU) or bounds (several) the same counts with
// its own prefix-sum figures, so the two agree only if the search and its figures are both right.
std::optional<std::uint32_t> most_layers_by_trying_all(const Model& m, const std::vector<PlannedTensor>& tensors,
                                                       MemoryRequest r, const MemoryBudget& budget) {
  for (const std::uint64_t bytes : budget.gpu_bytes) r.placement.tensor_split.push_back(static_cast<double>(bytes));
  std::optional<std::uint32_t> most;
  const std::uint32_t all_layers = budget.gpu_bytes.empty() ? 0 : m.hparams.block_count + 1;
  for (std::uint32_t n = 0; n <= all_layers; ++n) {
    r.placement.gpu_layers = n;
    const MemoryEstimate e = estimate_memory(m, tensors, llama_cpp(), r, catalog());
    bool fits = e.devices.back().total_bytes <= budget.ram_bytes;
    for (std::size_t i = 0; i < budget.gpu_bytes.size(); ++i) fits = fits && e.devices[i].total_bytes <= budget.gpu_bytes[i];
    if (fits) most = n;
  }
  return most;
}

}  // namespace

TEST_CASE("memory_estimator's placement search finds what trying every layer count finds", "[memory_estimator]") {
  struct Case {
    const char* model;
    const char* scheme;
    std::vector<std::uint64_t> gpu_gib;
    std::uint64_t ram_gib;
    std::uint64_t context_tokens;
  };
  // Budgets chosen around each model's size, so that the answers span none, some and all layers.
  const Case cases[] = {
      {"DeepSeek-R1-Distill-Qwen-1.5B", "Q8_0", {1}, 4, 4096},   {"DeepSeek-R1-Distill-Qwen-7B", "Q4_K_M", {2}, 8, 8192},
      {"DeepSeek-R1-Distill-Qwen-7B", "Q4_K_M", {6}, 2, 32768},  {"DeepSeek-R1-Distill-Qwen-14B", "Q4_K_M", {8}, 32, 8192},
      {"DeepSeek-R1-Distill-Qwen-14B", "Q8_0", {12}, 4, 8192},   {"DeepSeek-R1-Distill-Qwen-32B", "Q4_K_M", {16}, 64, 16384},
      {"DeepSeek-R1-Distill-Llama-70B", "Q4_K_M", {24}, 64, 8192}, {"DeepSeek-R1-Distill-Llama-70B", "Q4_K_M", {24, 12}, 32, 8192},
      {"DeepSeek-R1-Distill-Qwen-32B", "Q8_0", {24, 8}, 16, 32768}, {"DeepSeek-R1-Distill-Llama-8B", "Q4_K_M", {4, 4}, 1, 8192},
      {"DeepSeek-R1-Distill-Qwen-7B", "Q4_K_M", {}, 8, 8192},    {"DeepSeek-R1-Distill-Qwen-7B", "Q4_K_M", {1}, 1, 8192},
      {"DeepSeek-R1-Distill-Qwen-7B", "Q4_K_M", {8}, 8, 8192},   {"DeepSeek-R1-Distill-Qwen-14B", "Q4_K_M", {12, 12}, 8, 8192},
  };
  for (const Case& c : cases) {
    const Model& m = model(c.model);
    const std::vector<PlannedTensor>& tensors = plan(c.model, KvLayout::standard, c.scheme);
    MemoryRequest r = request(c.context_tokens, "F16", true);
    MemoryBudget budget{{}, c.ram_gib * k_gib};
    for (std::size_t i = 0; i < c.gpu_gib.size(); ++i) {
      r.gpus.push_back({"GPU" + std::to_string(i), "cuda"});
      budget.gpu_bytes.push_back(c.gpu_gib[i] * k_gib);
    }
    INFO(c.model << " " << c.scheme << " on " << c.gpu_gib.size() << " GPU(s), " << c.ram_gib << " GiB RAM, "
                 << c.context_tokens << " tokens");
    const std::optional<std::uint32_t> expected = most_layers_by_trying_all(m, tensors, r, budget);
    const std::optional<PlacementFit> fit = fit_placement(m, tensors, llama_cpp(), r, budget, catalog());
    REQUIRE(fit.has_value() == expected.has_value());
    if (fit) CHECK(fit->estimate.gpu_layers == *expected);
  }
}

TEST_CASE("runtime profiles: ollama is the current release on llama-server; older releases by version", "[memory_estimator]") {
  const RuntimeProfile& current = *find_runtime(catalog(), "ollama");
  const Model& distill = model("DeepSeek-R1-Distill-Qwen-14B");
  SECTION("ollama >= 0.30 (server/routes.go): 4096 below 23 GiB of VRAM, 32768 from 23 GiB, 262144 from 47 GiB") {
    CHECK(runtime_default_context_tokens(current, 8 * k_gib) == 4096);
    CHECK(runtime_default_context_tokens(current, 23 * k_gib - 1) == 4096);
    CHECK(runtime_default_context_tokens(current, 23 * k_gib) == 32768);
    CHECK(runtime_default_context_tokens(current, 24 * k_gib) == 32768);
    CHECK(runtime_default_context_tokens(current, 47 * k_gib) == 262144);
    CHECK(default_context_tokens(current, distill, 48 * k_gib) == 131072);  // llm/server.go clamps to n_ctx_train
    CHECK(runtime_default_context_tokens(llama_cpp(), 24 * k_gib) == 0);     // -c 0: the trained context
  }
  SECTION("ollama >= 0.30 runs llama-server: its fit margin, one sequence, V-less MLA, no key/value length rule") {
    CHECK(current.placement.value == "llama_server_fit");
    CHECK(gpu_overhead_for(current, "cuda")->bytes == k_gib);
    CHECK(default_parallel_sequences(current) == 1);
    CHECK(current.v_less_mla_cache.value);
    CHECK_FALSE(current.kv_cache_type_needs_equal_key_value_length.value);
    CHECK(current.host_prompt_cache_bytes.value == 8192 * k_mib);
  }
  SECTION("select_runtime: names, NAME@VERSION and the eras of the older profile") {
    CHECK(select_runtime(catalog(), "ollama")->name == "ollama");
    CHECK(select_runtime(catalog(), "ollama@0.29")->name == "ollama@0.29");
    CHECK(select_runtime(catalog(), "ollama@0.32.15")->name == "ollama");
    CHECK(select_runtime(catalog(), "ollama@v0.30.0")->name == "ollama");
    const auto old = select_runtime(catalog(), "ollama@0.29.3");
    REQUIRE(old);
    CHECK(old->name == "ollama@0.29");
    CHECK(default_context_tokens(*old, distill, 24 * k_gib) == 32768);  // VRAM tiers since v0.15.5
    const auto older = select_runtime(catalog(), "ollama@0.6.7");
    REQUIRE(older);
    CHECK(older->name == "ollama@0.29");
    CHECK(default_context_tokens(*older, distill, 24 * k_gib) == 4096);  // v0.6.7: 4096 whatever the VRAM
    CHECK(default_parallel_sequences(*older) == 2);
    CHECK(default_parallel_sequences(*select_runtime(catalog(), "ollama@0.5.7")) == 4);
    CHECK(select_runtime(catalog(), "llama.cpp@b10488")->name == "llama.cpp");
    CHECK_FALSE(select_runtime(catalog(), "vllm"));
    CHECK_FALSE(select_runtime(catalog(), "ollama@latest"));
    CHECK_FALSE(select_runtime(catalog(), "ollam@0.30"));
  }
}

TEST_CASE("memory_estimator: host compute buffer of a GPU run, against published load logs", "[memory_estimator]") {
  // ggml-org/llama.cpp#11861 (turn 2, a February 2025 build, before b9410): bartowski
  // DeepSeek-R1-Distill-Qwen-32B Q4_K_M (imatrix), -c 16384, n_ubatch 512, flash_attn 1, 65/65 layers on CUDA0:
  //   CUDA0 model buffer size = 18508.35 MiB, CPU_Mapped model buffer size = 417.66 MiB,
  //   CUDA0 compute buffer size = 307.00 MiB, CUDA_Host compute buffer size = 42.01 MiB.
  const char* id = "DeepSeek-R1-Distill-Qwen-32B";
  const auto size = compute_file_size(model(id), *catalog().find_scheme("Q4_K_M"), catalog(), QuantOptions{.imatrix = true},
                                      KvLayout::standard);
  REQUIRE(size);
  const auto february_2025 = select_runtime(catalog(), "llama.cpp@b4700");
  REQUIRE(february_2025);
  MemoryRequest r = request(16384, "F16", true, *february_2025);
  r.gpus = {{"GPU0", "cuda"}};
  r.placement.gpu_layers = 999;
  const MemoryEstimate e = estimate_memory(model(id), size->tensors, *february_2025, r, catalog());
  REQUIRE(e.devices.size() == 2);
  CHECK(logged_centi_mib(e.devices[0].weights_bytes) == 1850835);
  CHECK(logged_centi_mib(e.devices[1].weights_bytes) == 41766);
  const double host_mib = static_cast<double>(e.devices[1].compute_bytes) / k_mib;
  CHECK(std::abs(host_mib - 42.01) <= 16.0);
  CHECK(host_mib == Approx(42.0).margin(0.1));  // n_embd x ubatch + the f32 mask, 10 + 32 MiB
  const double gpu_mib = static_cast<double>(e.devices[0].compute_bytes) / k_mib;
  CHECK(std::abs(gpu_mib - 307.00) / 307.00 <= 0.10);

  SECTION("since b9410 the mask is built f16 with flash attention, so the host holds half of it") {
    // ggml-org/llama.cpp PR #23764 (release b9410): build_attn_inp_kq_mask creates the mask F16 under flash
    // attention instead of F32 plus a cast. No published load log of a newer build with these settings was
    // found, so this pins the source's behaviour: 10 MiB of input rows + 16384 x 512 x 2 bytes.
    MemoryRequest now = request(16384, "F16", true);
    now.gpus = r.gpus;
    now.placement.gpu_layers = 999;
    const MemoryEstimate current = estimate_memory(model(id), size->tensors, llama_cpp(), now, catalog());
    CHECK(current.devices[1].compute_bytes == 5120ULL * 512 * 4 + 16384ULL * 512 * 2);
    CHECK(current.devices[0].compute_bytes == e.devices[0].compute_bytes);  // one GPU: the single-copy estimate
    CHECK(kq_mask_bytes(llama_cpp(), true) == 2);
    CHECK(kq_mask_bytes(llama_cpp(), false) == 4);
    CHECK(kq_mask_bytes(*february_2025, true) == 4);
    CHECK(kq_mask_bytes(*select_runtime(catalog(), "llama.cpp@b9410"), true) == 2);
    CHECK(kq_mask_bytes(ollama(), true) == 4);
    CHECK(kq_mask_bytes(*find_runtime(catalog(), "ollama"), true) == 2);
  }

  SECTION("two GPUs, every layer offloaded: 4 copies of the mask per backend (pipeline parallelism)") {
    // src/llama-context.cpp: pipeline parallelism with more than one device, every layer offloaded and no
    // tensor overrides; ggml-backend.cpp then keeps GGML_SCHED_MAX_COPIES (4) copies of each graph input per
    // backend. The published logs of the next test cases show it; this checks the shape of the model.
    MemoryRequest two = r;
    two.gpus = {{"GPU0", "cuda"}, {"GPU1", "cuda"}};
    const MemoryEstimate p = estimate_memory(model(id), size->tensors, *february_2025, two, catalog());
    REQUIRE(p.devices.size() == 3);
    const std::uint64_t mask_f32 = 16384ULL * 512 * 4;
    CHECK(p.devices[0].compute_bytes == e.devices[0].compute_bytes + 3 * mask_f32);
    CHECK(p.devices[1].compute_bytes == e.devices[0].compute_bytes + 3 * mask_f32);
    CHECK(p.devices[2].compute_bytes == 5120ULL * 512 * 4 + 4 * mask_f32);
    MemoryRequest partial = two;
    partial.placement.gpu_layers = 40;  // some layers in RAM: no pipeline, one copy
    const MemoryEstimate q = estimate_memory(model(id), size->tensors, *february_2025, partial, catalog());
    CHECK(q.devices[0].compute_bytes == e.devices[0].compute_bytes);
    MemoryRequest experts_in_ram = two;  // a tensor override (-ot, --n-cpu-moe) turns the pipeline off too
    experts_in_ram.placement.cpu_moe_layers = 1;
    const MemoryEstimate o = estimate_memory(model(id), size->tensors, *february_2025, experts_in_ram, catalog());
    CHECK(o.devices[0].compute_bytes == e.devices[0].compute_bytes);
  }
}

TEST_CASE("memory_estimator: eight GPUs with every layer offloaded run as a pipeline, as the 671B's published log shows",
          "[memory_estimator]") {
  // uv-genai/llm-setonix setup.md, "Ollama - memory usage" (April 2025, ollama before v0.6.7 on 8 AMD MI250X
  // GCDs): deepseek-r1:671b (Q4_K_M, legacy GGUF), 62/62 layers offloaded, n_seq_max 4, n_ctx 8192,
  // n_ubatch 512, flash_attn 0; the log prints no llama.cpp build (ollama's vendored copy):
  //   KV self size = 39040.00 MiB, pipeline parallelism enabled (n_copies=4),
  //   ROCm0..ROCm6 compute buffer size = 2322.01 MiB, ROCm7 compute buffer size = 2322.02 MiB,
  //   ROCm_Host compute buffer size = 78.02 MiB.
  const auto runtime = select_runtime(catalog(), "ollama@0.6.5");
  REQUIRE(runtime);
  MemoryRequest r = request(2048, "F16", false, *runtime);
  REQUIRE(r.parallel_sequences == 4);
  r.gpus.assign(8, GpuDevice{"MI250X", "rocm"});
  r.placement.gpu_layers = 999;
  const MemoryEstimate e =
      estimate_memory(model("DeepSeek-R1"), plan("DeepSeek-R1", KvLayout::deepseek_legacy), *runtime, r, catalog());
  REQUIRE(e.devices.size() == 9);
  CHECK(e.kv_cache_cells == 8192);
  CHECK(logged_centi_mib(e.kv_cache_bytes) == 3904000);
  const double published_gpu_mib[] = {2322.01, 2322.01, 2322.01, 2322.01, 2322.01, 2322.01, 2322.01, 2322.02};
  for (std::size_t g = 0; g < 8; ++g) {
    INFO("ROCm" << g);
    const double gpu_mib = static_cast<double>(e.devices[g].compute_bytes) / k_mib;
    CHECK(std::abs(gpu_mib - published_gpu_mib[g]) / published_gpu_mib[g] <= 0.10);
  }
  const double host_mib = static_cast<double>(e.devices[8].compute_bytes) / k_mib;
  CHECK(std::abs(host_mib - 78.02) <= 16.0);
  // The four copies are what the log shows: one mask (16 MiB) on the host would miss it by 48 MiB.
  const double one_copy_mib = host_mib - 3.0 * 8192 * 512 * 4 / k_mib;
  CHECK(std::abs(one_copy_mib - 78.02) > 16.0);
}

TEST_CASE("memory_estimator: two devices without pipeline parallelism hold one copy, as a published 70B log shows",
          "[memory_estimator]") {
  // iago-r/network-security info-llm-speed-lab/README.md (a September 2024 llama-server, llm_load_tensors era):
  // Reflection-Llama-3.1-70B Q4_K_S (the shapes of DeepSeek-R1-Distill-Llama-70B) on an RTX 4090 (CUDA0) and an
  // RPC server, -c 8192 -ngl 99, n_ubatch 512, no flash attention, 81/81 layers offloaded, graph splits 3:
  //   CUDA0 compute buffer size = 1104.00 MiB, RPC[...] compute buffer size = 1104.00 MiB,
  //   CUDA_Host compute buffer size = 32.01 MiB.
  // No "pipeline parallelism enabled" line: llama.cpp turns the pipeline off unless every device supports
  // async compute and events (src/llama-context.cpp), which the RPC backend did not. r1tag has no RPC
  // devices; a profile with one copy stands for that run.
  RuntimeProfile no_pipeline = llama_cpp();
  no_pipeline.pipeline_parallel_copies.value = 1;
  MemoryRequest r = request(8192, "F16", false, no_pipeline);
  r.gpus = {{"GPU0", "cuda"}, {"RPC", "cuda"}};
  r.placement.gpu_layers = 999;
  const char* id = "DeepSeek-R1-Distill-Llama-70B";
  const MemoryEstimate e = estimate_memory(model(id), plan(id, KvLayout::standard, "Q4_K_S"), no_pipeline, r, catalog());
  REQUIRE(e.devices.size() == 3);
  for (std::size_t g = 0; g < 2; ++g) {
    INFO("device " << g);
    const double gpu_mib = static_cast<double>(e.devices[g].compute_bytes) / k_mib;
    CHECK(std::abs(gpu_mib - 1104.00) / 1104.00 <= 0.10);
  }
  const double host_mib = static_cast<double>(e.devices[2].compute_bytes) / k_mib;
  CHECK(std::abs(host_mib - 32.01) <= 16.0);  // 8192 x 512 x 4 input rows + one f32 mask, 16 + 16 MiB
}

TEST_CASE("memory_estimator: host compute buffer at 32K tokens with flash attention, as a published mid-2025 log shows",
          "[memory_estimator]") {
  // bjodah/bug-reproducer-llamacpp-json-parse README.md: llama-server build 5505 (9065ca71), one RTX 3090,
  // bartowski Qwen_Qwen3-14B-Q8_0, --n-gpu-layers 999 --flash-attn --cache-type-k/-v q8_0 --ctx-size 32768,
  // n_ubatch 512; its print_info: qwen3, n_layer 40, n_embd 5120, n_head 40, n_head_kv 8, head 128,
  // n_ff 17408, n_vocab 151936, no tied output:
  //   CUDA0 KV buffer size = 2720.00 MiB, CUDA0 compute buffer size = 306.75 MiB,
  //   CUDA_Host compute buffer size = 74.01 MiB.
  // Qwen3-14B is no R1 model; it is R1-0528-Qwen3-8B's architecture with the shapes above.
  Model qwen3_14b = model("DeepSeek-R1-0528-Qwen3-8B");
  Hyperparameters& h = qwen3_14b.hparams;
  h.block_count = 40;
  h.context_length = 32768;
  h.embedding_length = 5120;
  h.feed_forward_length = 17408;
  h.head_count = 40;
  h.head_count_kv = 8;
  h.key_length = h.value_length = 128;
  h.vocab_size = 151936;
  h.tied_embeddings = false;
  const auto size = compute_file_size(qwen3_14b, *catalog().find_scheme("Q8_0"), catalog(), QuantOptions{}, KvLayout::standard);
  REQUIRE(size);
  const auto build_5505 = select_runtime(catalog(), "llama.cpp@b5505");
  REQUIRE(build_5505);
  MemoryRequest r = request(32768, "Q8_0", true, *build_5505);
  r.gpus = {{"GPU0", "cuda"}};
  r.placement.gpu_layers = 999;
  const MemoryEstimate e = estimate_memory(qwen3_14b, size->tensors, *build_5505, r, catalog());
  REQUIRE(e.devices.size() == 2);
  CHECK(logged_centi_mib(e.devices[0].kv_cache_bytes) == 272000);
  const double gpu_mib = static_cast<double>(e.devices[0].compute_bytes) / k_mib;
  CHECK(std::abs(gpu_mib - 306.75) / 306.75 <= 0.10);
  const double host_mib = static_cast<double>(e.devices[1].compute_bytes) / k_mib;
  CHECK(std::abs(host_mib - 74.01) <= 16.0);  // 10 MiB of input rows + the f32 mask, 32768 x 512 x 4
  CHECK(host_mib == Approx(74.0).margin(0.1));
}
