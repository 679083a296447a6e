// Plans of the embedded catalogue's published variants, computed at build time by r1tag_tablegen with
// the engine itself (compute_file_size, estimate_custom_mix_plan), so that a command over the embedded
// tables starts from finished plans instead of planning every tensor of every variant at each run.
// PlanCache consults them; `--data` tables and names the catalogue does not list are planned at run time.
#pragma once

#include <r1tag/gguf/file_size.hpp>
#include <r1tag/gguf/quant_rules.hpp>
#include <r1tag/gguf/tensor_inventory.hpp>

#include <cstdint>
#include <span>
#include <string_view>

namespace r1tag {

struct TypeTotalRecord {
  std::string_view type;
  std::uint32_t tensor_count = 0;
  std::uint64_t elements = 0;
  std::uint64_t bytes = 0;
};

// One FileSize without its tensor list, and what it was planned for.
struct PlanRecord {
  std::uint32_t model_index = 0;   // into the embedded catalogue's models
  std::uint32_t scheme_index = 0;  // into its schemes
  bool imatrix = false;
  RuleSet rules = RuleSet::llama_cpp_2025;
  KvLayout layout = KvLayout::standard;
  std::uint64_t custom_mix_bytes = 0;  // a custom mix scaled to this published total; 0: llama.cpp's rules

  std::uint64_t tensor_count = 0;
  std::uint64_t tensor_bytes = 0;
  std::uint64_t padding_bytes = 0;
  std::uint64_t header_bytes = 0;
  std::uint64_t kv_bytes = 0;
  std::uint64_t tensor_info_bytes = 0;
  std::uint64_t metadata_bytes = 0;
  std::uint64_t total_bytes = 0;
  std::uint64_t parameters = 0;
  double bits_per_weight = 0;
  std::span<const TypeTotalRecord> histogram;
  std::string_view metadata_basis;

  std::span<const std::uint64_t> block_bytes;
  std::span<const std::uint64_t> block_expert_bytes;
  std::span<const std::uint64_t> block_parameters;
  std::span<const std::uint64_t> block_expert_parameters;
  std::uint64_t input_bytes = 0;
  std::uint64_t input_parameters = 0;
  std::uint64_t output_layer_bytes = 0;
  std::uint64_t output_layer_parameters = 0;
  std::uint64_t first_block_bytes = 0;
  std::uint64_t first_block_parameters = 0;
  bool output_is_token_embd = false;
};

// The plans r1tag_tablegen computed for embedded_catalog() (generated with it).
std::span<const PlanRecord> embedded_plans();

// The FileSize a record holds: every field but `tensors`, which stays empty (tensor_count says how many).
FileSize file_size_of(const PlanRecord& record);

}  // namespace r1tag
