#include <r1tag/gguf/quant_rules.hpp>

#include <r1tag/tables/catalog.hpp>
#include <r1tag/common/error.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace {

using r1tag::KvLayout;
using r1tag::QuantOptions;
using r1tag::RuleSet;

// Tensor name -> chosen ggml type name, for one model and scheme.
std::map<std::string, std::string> plan(const char* model_id, const char* scheme_name, QuantOptions options = {},
                                        KvLayout layout = KvLayout::standard) {
  const r1tag::Catalog& c = r1tag::embedded_catalog();
  const r1tag::Model* model = c.find_model(model_id);
  const r1tag::QuantScheme* scheme = c.find_scheme(scheme_name);
  REQUIRE(model != nullptr);
  REQUIRE(scheme != nullptr);
  const auto tensors = r1tag::tensor_inventory(*model, layout);
  const auto types = r1tag::assign_tensor_types(*model, tensors, *scheme, c, options);
  REQUIRE(types.size() == tensors.size());
  std::map<std::string, std::string> out;
  for (std::size_t i = 0; i < tensors.size(); ++i) out[tensors[i].name] = types[i]->name;
  return out;
}

std::size_t count_of(const std::map<std::string, std::string>& p, const std::string& type) {
  return static_cast<std::size_t>(
      std::count_if(p.begin(), p.end(), [&](const auto& entry) { return entry.second == type; }));
}

std::vector<int> more_bits_layers(int n) {
  std::vector<int> out;
  for (int i = 0; i < n; ++i)
    if (r1tag::detail::use_more_bits(i, n)) out.push_back(i);
  return out;
}

}  // namespace

TEST_CASE("quant_rules picks the use_more_bits layers of the team notes' table", "[quant_rules]") {
  // quant-rules-and-memory.md §1.3.
  CHECK(more_bits_layers(28) == std::vector<int>{0, 1, 2, 5, 8, 11, 14, 17, 20, 23, 24, 25, 26, 27});
  CHECK(more_bits_layers(32).size() == 16);
  CHECK(more_bits_layers(36).size() == 18);
  CHECK(more_bits_layers(48).size() == 24);
  CHECK(more_bits_layers(61).size() == 30);
  CHECK(more_bits_layers(64).size() == 32);
  CHECK(more_bits_layers(80).size() == 40);
}

TEST_CASE("quant_rules gives the 7B Q4_K_M the types its published files have", "[quant_rules]") {
  const auto p = plan("DeepSeek-R1-Distill-Qwen-7B", "Q4_K_M");
  // ollama.com blob 96c415656d37 (deepseek-r1:7b): output Q6_K, token_embd Q4_K, blk.0 attn_v/ffn_down Q6_K.
  CHECK(p.at("output.weight") == "Q6_K");
  CHECK(p.at("token_embd.weight") == "Q4_K");
  CHECK(p.at("blk.0.attn_v.weight") == "Q6_K");
  CHECK(p.at("blk.0.ffn_down.weight") == "Q6_K");
  CHECK(p.at("blk.3.attn_v.weight") == "Q4_K");
  CHECK(p.at("blk.5.ffn_down.weight") == "Q6_K");
  CHECK(p.at("blk.27.attn_v.weight") == "Q6_K");
  CHECK(p.at("blk.0.attn_q.bias") == "F32");
  CHECK(p.at("blk.0.attn_norm.weight") == "F32");
  // llama.cpp's loader census for DeepSeek-R1-Distill-Qwen Q4_K_M files (public load logs of bartowski's
  // and unsloth's files): "type f32: 141 tensors, type q4_K: 169 tensors, type q6_K: 29 tensors".
  CHECK(count_of(p, "F32") == 141);
  CHECK(count_of(p, "Q4_K") == 169);
  CHECK(count_of(p, "Q6_K") == 29);
}

TEST_CASE("quant_rules bumps attn_v to Q5_K in the 70B only", "[quant_rules]") {
  // blk.10 is not a use_more_bits layer for 80 layers (or 32), so Q4_K_M leaves it at Q4_K; the 70B
  // model type lifts it (llama-quant.cpp, LLM_TYPE_70B).
  CHECK(plan("DeepSeek-R1-Distill-Llama-70B", "Q4_K_M").at("blk.10.attn_v.weight") == "Q5_K");
  CHECK(plan("DeepSeek-R1-Distill-Llama-70B", "Q4_K_M").at("blk.12.attn_v.weight") == "Q6_K");
  CHECK(plan("DeepSeek-R1-Distill-Llama-8B", "Q4_K_M").at("blk.10.attn_v.weight") == "Q4_K");
  CHECK(plan("DeepSeek-R1-Distill-Llama-8B", "Q4_K_M").at("rope_freqs.weight") == "F32");
}

TEST_CASE("quant_rules keeps the 671B router in F32 and follows the layer numbers of expert tensors",
          "[quant_rules]") {
  const auto p = plan("DeepSeek-R1", "Q4_K_M", {}, KvLayout::deepseek_legacy);
  CHECK(p.at("blk.3.ffn_gate_inp.weight") == "F32");
  CHECK(p.at("blk.3.exp_probs_b.bias") == "F32");
  CHECK(p.at("blk.2.ffn_down.weight") == "Q6_K");
  CHECK(p.at("blk.3.ffn_down_exps.weight") == "Q6_K");
  CHECK(p.at("blk.3.ffn_down_shexp.weight") == "Q6_K");
  CHECK(p.at("blk.7.ffn_down_exps.weight") == "Q4_K");
  CHECK(p.at("blk.9.ffn_down_exps.weight") == "Q6_K");
  CHECK(p.at("blk.3.ffn_gate_exps.weight") == "Q4_K");
  // No deepseek2 attention tensor matches attn_q/attn_k/attn_v.weight, so all keep D (§1.4 J note).
  CHECK(p.at("blk.0.attn_kv_b.weight") == "Q4_K");
  CHECK(p.at("blk.0.attn_q_b.weight") == "Q4_K");
}

TEST_CASE("quant_rules falls back from Q4_K to Q5_0 for MLA's 128-wide attn_k_b", "[quant_rules]") {
  const auto p = plan("DeepSeek-R1-0528", "Q4_K_M", {}, KvLayout::deepseek_mla);
  CHECK(p.at("blk.0.attn_k_b.weight") == "Q5_0");
  CHECK(p.at("blk.0.attn_v_b.weight") == "Q4_K");
  SECTION("Q2_K falls back to IQ4_NL in 2025 and to Q4_0 in 2026") {
    CHECK(plan("DeepSeek-R1-0528", "Q2_K", {}, KvLayout::deepseek_mla).at("blk.0.attn_k_b.weight") == "IQ4_NL");
    const QuantOptions newer{.imatrix = false, .rules = RuleSet::llama_cpp_2026};
    CHECK(plan("DeepSeek-R1-0528", "Q2_K", newer, KvLayout::deepseek_mla).at("blk.0.attn_k_b.weight") == "Q4_0");
  }
}

TEST_CASE("quant_rules treats attn_kv_b like attn_v only in the 2026 rules", "[quant_rules]") {
  const QuantOptions newer{.imatrix = false, .rules = RuleSet::llama_cpp_2026};
  const auto p = plan("DeepSeek-R1", "Q4_K_M", newer, KvLayout::deepseek_legacy);
  CHECK(p.at("blk.0.attn_kv_b.weight") == "Q6_K");   // i_v 0 of 61: use_more_bits
  CHECK(p.at("blk.7.attn_kv_b.weight") == "Q4_K");   // (7 - 7) % 3 != 2
}

TEST_CASE("quant_rules applies the very-low-bit branch to IQ1/IQ2 files", "[quant_rules]") {
  SECTION("32B IQ2_XXS: embeddings Q2_K, output Q5_K, attn_v Q4_K (5 heads per KV head), first 8 ffn_down Q2_K") {
    const auto p = plan("DeepSeek-R1-Distill-Qwen-32B", "IQ2_XXS", {.imatrix = true});
    CHECK(p.at("token_embd.weight") == "Q2_K");
    CHECK(p.at("output.weight") == "Q5_K");
    CHECK(p.at("blk.20.attn_v.weight") == "Q4_K");
    CHECK(p.at("blk.7.ffn_down.weight") == "Q2_K");
    CHECK(p.at("blk.8.ffn_down.weight") == "IQ2_XXS");
    CHECK(p.at("blk.8.attn_output.weight") == "IQ2_XXS");
    CHECK(p.at("blk.8.attn_q.weight") == "IQ2_XXS");
  }
  SECTION("671B IQ1_S: the first 7 ffn_down tensors in loader order, by counter not by layer") {
    const auto p = plan("DeepSeek-R1", "IQ1_S", {.imatrix = true}, KvLayout::deepseek_legacy);
    CHECK(p.at("blk.2.ffn_down.weight") == "Q2_K");
    CHECK(p.at("blk.4.ffn_down_exps.weight") == "Q2_K");
    CHECK(p.at("blk.4.ffn_down_shexp.weight") == "Q2_K");
    CHECK(p.at("blk.5.ffn_down_exps.weight") == "IQ1_S");
    CHECK(p.at("blk.5.attn_output.weight") == "IQ2_XXS");
  }
}

TEST_CASE("quant_rules changes Q4_0 and IQ4 files when an imatrix is used", "[quant_rules]") {
  // §1.10: bartowski's 14B Q4_0 (imatrix) is 8.54 GB because ffn_down of the first 6 layers is Q4_1.
  CHECK(plan("DeepSeek-R1-Distill-Qwen-14B", "Q4_0", {.imatrix = true}).at("blk.5.ffn_down.weight") == "Q4_1");
  CHECK(plan("DeepSeek-R1-Distill-Qwen-14B", "Q4_0", {.imatrix = true}).at("blk.6.ffn_down.weight") == "Q4_0");
  CHECK(plan("DeepSeek-R1-Distill-Qwen-14B", "Q4_0").at("blk.5.ffn_down.weight") == "Q4_0");
  CHECK(plan("DeepSeek-R1-Distill-Qwen-14B", "IQ4_XS").at("blk.5.ffn_down.weight") == "Q5_K");
  CHECK(plan("DeepSeek-R1-Distill-Qwen-14B", "IQ4_XS", {.imatrix = true}).at("blk.5.ffn_down.weight") == "IQ4_XS");
  // Q4_0 with an imatrix: ffn_down of the first n/8 layers becomes Q4_1 (Llama-70B: layers 0-9).
  const auto llama70 = plan("DeepSeek-R1-Distill-Llama-70B", "Q4_0", {.imatrix = true});
  CHECK(llama70.at("blk.9.ffn_down.weight") == "Q4_1");
  CHECK(llama70.at("blk.10.ffn_down.weight") == "Q4_0");
  CHECK(plan("DeepSeek-R1-Distill-Llama-70B", "Q4_0").at("blk.0.ffn_down.weight") == "Q4_0");
}

TEST_CASE("quant_rules forces Q8_0 embeddings and output in bartowski's _L variants", "[quant_rules]") {
  const auto p = plan("DeepSeek-R1-Distill-Qwen-14B", "Q4_K_L", {.imatrix = true});
  CHECK(p.at("token_embd.weight") == "Q8_0");
  CHECK(p.at("output.weight") == "Q8_0");
  CHECK(p.at("blk.0.attn_v.weight") == "Q6_K");
}

TEST_CASE("quant_rules leaves 16-bit files unmixed", "[quant_rules]") {
  const auto p = plan("DeepSeek-R1", "F16", {}, KvLayout::deepseek_legacy);
  CHECK(p.at("output.weight") == "F16");
  CHECK(p.at("blk.3.ffn_gate_inp.weight") == "F32");
  CHECK(p.at("blk.3.ffn_down_exps.weight") == "F16");
}

TEST_CASE("quant_rules refuses custom mixes whose types cannot be predicted", "[quant_rules]") {
  const r1tag::Catalog& c = r1tag::embedded_catalog();
  const r1tag::Model& r1 = *c.find_model("DeepSeek-R1");
  const auto tensors = r1tag::tensor_inventory(r1, KvLayout::deepseek_legacy);
  REQUIRE_THROWS_MATCHES(
      r1tag::assign_tensor_types(r1, tensors, *c.find_scheme("UD-IQ1_S"), c, {}), r1tag::Error,
      Catch::Matchers::Message("UD-IQ1_S is a custom per-tensor mix; its tensor types cannot be predicted from "
                               "llama.cpp's rules"));
  try {
    r1tag::assign_tensor_types(r1, tensors, *c.find_scheme("UD-IQ1_S"), c, {});
  } catch (const r1tag::Error& e) {
    CHECK(e.code() == r1tag::ExitCode::bad_input);
    CHECK(e.hint() == "use the published size");
  }
}
