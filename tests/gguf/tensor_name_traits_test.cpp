// tensor_name_traits: what llama-quantize's rules read from tensor names (llama.cpp src/llama-quant.cpp
// llama_tensor_get_type matches names by substring, so "ffn_down" also covers the expert tensors).
#include "gguf/tensor_name_traits.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

r1tag::detail::NameTraits traits_of(const std::string& name) {
  std::vector<r1tag::TensorInfo> tensors(1);
  tensors[0].name = name;
  return r1tag::detail::name_traits(tensors).front();
}

}  // namespace

TEST_CASE("tensor_name_traits matches the substrings llama_tensor_get_type tests", "[tensor_name_traits]") {
  const auto exps = traits_of("blk.7.ffn_down_exps.weight");
  CHECK(exps.ffn_down);
  CHECK(exps.weight);
  CHECK_FALSE(exps.ffn_gate);
  const auto router = traits_of("blk.3.ffn_gate_inp.weight");
  CHECK(router.router);
  CHECK(router.ffn_gate);  // the substring matches the router too; the rules never quantize it
  CHECK(traits_of("blk.0.attn_kv_b.weight").attn_kv_b);
  CHECK_FALSE(traits_of("blk.0.attn_kv_b.weight").attn_k);  // "attn_k.weight" is not a substring of it
  CHECK(traits_of("blk.0.attn_norm.weight").norm);
  CHECK_FALSE(traits_of("blk.0.attn_q.bias").weight);
}

TEST_CASE("tensor_name_traits knows output and token_embd only by their exact names", "[tensor_name_traits]") {
  CHECK(traits_of("output.weight").output);
  CHECK(traits_of("token_embd.weight").token_embd);
  CHECK_FALSE(traits_of("output_norm.weight").output);
  CHECK(traits_of("output_norm.weight").norm);
}

TEST_CASE("tensor_name_traits gives every block the same traits for the same name", "[tensor_name_traits]") {
  std::vector<r1tag::TensorInfo> tensors;
  for (int block = 0; block < 3; ++block)
    for (const char* name : {"attn_v.weight", "ffn_up.weight", "attn_output.weight"}) {
      tensors.emplace_back();
      tensors.back().name = "blk." + std::to_string(block) + "." + name;
    }
  const auto traits = r1tag::detail::name_traits(tensors);
  REQUIRE(traits.size() == 9);
  for (int block = 0; block < 3; ++block) {
    CHECK(traits[3 * block].attn_v);
    CHECK(traits[3 * block + 1].ffn_up);
    CHECK(traits[3 * block + 2].attn_output);
    CHECK_FALSE(traits[3 * block + 2].attn_v);
  }
}
