#include <r1tag/gguf/tensor_inventory.hpp>

#include <r1tag/tables/catalog.hpp>
#include <r1tag/common/error.hpp>
#include <r1tag/gguf/file_size.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <string>

namespace {

using r1tag::KvLayout;
using r1tag::TensorInfo;

const r1tag::Model& model(const char* id) {
  const r1tag::Model* m = r1tag::embedded_catalog().find_model(id);
  REQUIRE(m != nullptr);
  return *m;
}

const TensorInfo& find(const std::vector<TensorInfo>& tensors, const std::string& name) {
  const auto it = std::find_if(tensors.begin(), tensors.end(), [&](const TensorInfo& t) { return t.name == name; });
  REQUIRE(it != tensors.end());
  return *it;
}

std::ptrdiff_t position(const std::vector<TensorInfo>& tensors, const std::string& name) {
  const auto it = std::find_if(tensors.begin(), tensors.end(), [&](const TensorInfo& t) { return t.name == name; });
  REQUIRE(it != tensors.end());
  return it - tensors.begin();
}

std::size_t one_dimensional(const std::vector<TensorInfo>& tensors) {
  return static_cast<std::size_t>(
      std::count_if(tensors.begin(), tensors.end(), [](const TensorInfo& t) { return t.n_dims == 1; }));
}

}  // namespace

TEST_CASE("tensor_inventory gives the parameter counts llama.cpp prints for every R1 model", "[tensor_inventory]") {
  // parameters_printed in data/architectures.json is llama.cpp's "model params = 7.62 B" line, quoted
  // from the public logs named in each model's source.
  const auto [id, printed] = GENERATE(table<const char*, const char*>({
      {"DeepSeek-R1-Distill-Qwen-1.5B", "1.78 B"},
      {"DeepSeek-R1-Distill-Qwen-7B", "7.62 B"},
      {"DeepSeek-R1-Distill-Llama-8B", "8.03 B"},
      {"DeepSeek-R1-Distill-Qwen-14B", "14.77 B"},
      {"DeepSeek-R1-Distill-Qwen-32B", "32.76 B"},
      {"DeepSeek-R1-Distill-Llama-70B", "70.55 B"},
      {"DeepSeek-R1-0528-Qwen3-8B", "8.19 B"},
      {"DeepSeek-R1", "671.03 B"},
      {"DeepSeek-R1-0528", "671.03 B"},
  }));
  CAPTURE(id);
  const r1tag::Model& m = model(id);
  REQUIRE(m.parameters_printed == printed);
  const std::uint64_t params = r1tag::parameter_count(r1tag::tensor_inventory(m, KvLayout::standard));
  CHECK(fmt::format("{:.2f} B", static_cast<double>(params) / 1e9) == printed);
}

TEST_CASE("tensor_inventory splits attn_kv_b into attn_k_b and attn_v_b without changing the parameter count",
          "[tensor_inventory]") {
  const r1tag::Model& r1 = model("DeepSeek-R1");
  const auto legacy = r1tag::tensor_inventory(r1, KvLayout::deepseek_legacy);
  const auto mla = r1tag::tensor_inventory(r1, KvLayout::deepseek_mla);
  // llama.cpp's loader logs "... and 1025 tensors" for unsloth's January DeepSeek-R1-GGUF files (legacy)
  // and "... and 1086 tensors" for unsloth's DeepSeek-R1-0528-GGUF files (MLA), in public logs.
  CHECK(legacy.size() == 1025);
  CHECK(mla.size() == 1025 + 61);
  CHECK(r1tag::parameter_count(legacy) == r1tag::parameter_count(mla));
  // Shapes from llama-model.cpp LLM_ARCH_DEEPSEEK2 (PR #12801): k_b is stored transposed, row 128.
  const TensorInfo& k_b = find(mla, "blk.0.attn_k_b.weight");
  CHECK(k_b.ne == std::array<std::uint64_t, 4>{128, 512, 128, 1});
  CHECK(k_b.n_dims == 3);
  CHECK(find(mla, "blk.0.attn_v_b.weight").ne == std::array<std::uint64_t, 4>{512, 128, 128, 1});
  CHECK(find(legacy, "blk.0.attn_kv_b.weight").ne == std::array<std::uint64_t, 4>{512, 32768, 1, 1});
}

TEST_CASE("tensor_inventory writes dense blocks first and 3-D experts after them for the 671B", "[tensor_inventory]") {
  const auto t = r1tag::tensor_inventory(model("DeepSeek-R1"), KvLayout::deepseek_legacy);
  // quant-rules-and-memory.md §1.8 table.
  CHECK(find(t, "blk.2.ffn_down.weight").ne == std::array<std::uint64_t, 4>{18432, 7168, 1, 1});
  CHECK(find(t, "blk.3.ffn_down_exps.weight").ne == std::array<std::uint64_t, 4>{2048, 7168, 256, 1});
  CHECK(find(t, "blk.3.ffn_gate_inp.weight").ne == std::array<std::uint64_t, 4>{7168, 256, 1, 1});
  CHECK(find(t, "blk.60.exp_probs_b.bias").ne == std::array<std::uint64_t, 4>{256, 1, 1, 1});
  CHECK(find(t, "blk.3.attn_q_b.weight").ne == std::array<std::uint64_t, 4>{1536, 24576, 1, 1});
  CHECK(find(t, "blk.3.attn_kv_a_mqa.weight").ne == std::array<std::uint64_t, 4>{7168, 576, 1, 1});
  CHECK(std::none_of(t.begin(), t.end(), [](const TensorInfo& x) { return x.name == "blk.3.ffn_down.weight"; }));
}

TEST_CASE("tensor_inventory follows the loader order the quantizer counts in", "[tensor_inventory]") {
  // llama-model-loader.h weight_name_comparer: top-level tensors by name, then blocks by number (blk.10
  // after blk.9, not after blk.1), names inside a block byte-wise.
  const auto t = r1tag::tensor_inventory(model("DeepSeek-R1"), KvLayout::deepseek_legacy);
  CHECK(t[0].name == "output.weight");
  CHECK(t[1].name == "output_norm.weight");
  CHECK(t[2].name == "token_embd.weight");
  CHECK(position(t, "blk.9.ffn_norm.weight") < position(t, "blk.10.attn_kv_a_mqa.weight"));
  CHECK(position(t, "blk.3.ffn_down_exps.weight") < position(t, "blk.3.ffn_down_shexp.weight"));
  CHECK(t[3].layer == 0);
}

TEST_CASE("tensor_inventory includes qwen2 biases, qwen3 q/k norms and the Llama-3.1 rope_freqs tensor",
          "[tensor_inventory]") {
  SECTION("qwen2 7B: 339 tensors, 141 of them 1-D (llama.cpp logs 'type f32: 141 tensors' for its files)") {
    const auto t = r1tag::tensor_inventory(model("DeepSeek-R1-Distill-Qwen-7B"), KvLayout::standard);
    CHECK(t.size() == 339);
    CHECK(one_dimensional(t) == 141);
    CHECK(find(t, "blk.0.attn_k.bias").ne[0] == 512);  // 4 KV heads x 128
    CHECK(find(t, "output.weight").ne == std::array<std::uint64_t, 4>{3584, 152064, 1, 1});
  }
  SECTION("qwen3 0528 8B: 399 tensors, 145 F32 (LM Studio's load log of the Q8_0: '399 tensors', 'f32: 145')") {
    const auto t = r1tag::tensor_inventory(model("DeepSeek-R1-0528-Qwen3-8B"), KvLayout::standard);
    CHECK(t.size() == 399);
    CHECK(one_dimensional(t) == 145);
    CHECK(find(t, "blk.35.attn_k_norm.weight").ne[0] == 128);
  }
  SECTION("llama 8B: rope_freqs.weight [64] after output_norm (convert_hf_to_gguf.py, llama3 rope scaling)") {
    const auto t = r1tag::tensor_inventory(model("DeepSeek-R1-Distill-Llama-8B"), KvLayout::standard);
    CHECK(t.size() == 292);
    CHECK(t[2].name == "rope_freqs.weight");
    CHECK(t[2].ne[0] == 64);
  }
}

TEST_CASE("tensor_inventory reads the catalogue's kv layout words", "[tensor_inventory]") {
  CHECK(r1tag::kv_layout_from("") == KvLayout::standard);
  CHECK(r1tag::kv_layout_from("legacy") == KvLayout::deepseek_legacy);
  CHECK(r1tag::kv_layout_from("mla") == KvLayout::deepseek_mla);
  REQUIRE_THROWS_MATCHES(r1tag::kv_layout_from("latent"), r1tag::Error,
                         Catch::Matchers::Message("unknown kv layout 'latent'"));
}
