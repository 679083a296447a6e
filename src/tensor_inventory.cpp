#include <r1tag/tensor_inventory.hpp>

#include <r1tag/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>

// Tensor names and shapes follow llama.cpp's tensor name table (gguf-py/gguf/constants.py,
// MODEL_TENSOR -> "blk.{bid}.attn_q" etc.) and the shapes llama-model.cpp's load_tensors creates
// (ggml-org/llama.cpp, 2025): a weight that maps n_in -> n_out is stored as ne = [n_in, n_out].
namespace r1tag {

namespace {

// The tensors of one group (the top level or one block) before they are put in loader order.
class TensorList {
 public:
  explicit TensorList(int layer) : m_layer(layer) {}

  void add(std::string_view suffix, std::initializer_list<std::uint64_t> shape) {
    TensorInfo t;
    t.name = m_layer < 0 ? std::string(suffix) : fmt::format("blk.{}.{}", m_layer, suffix);
    t.layer = m_layer;
    t.n_dims = static_cast<std::uint32_t>(shape.size());
    std::copy(shape.begin(), shape.end(), t.ne.begin());
    m_tensors.push_back(std::move(t));
  }

  // llama_model_loader keeps tensors in a std::map whose comparator orders by block number first
  // (names without "blk.N." count as -1) and by byte-wise name inside a block (weight_name_comparer in
  // src/llama-model-loader.h). llama_model_quantize_impl walks that map, and its counters depend on it.
  void append_sorted_to(std::vector<TensorInfo>& out) {
    std::sort(m_tensors.begin(), m_tensors.end(),
              [](const TensorInfo& a, const TensorInfo& b) { return a.name < b.name; });
    std::move(m_tensors.begin(), m_tensors.end(), std::back_inserter(out));
  }

 private:
  int m_layer;
  std::vector<TensorInfo> m_tensors;
};

void add_top_level(const Model& model, std::vector<TensorInfo>& out) {
  const Hyperparameters& h = model.hparams;
  TensorList top(-1);
  top.add("token_embd.weight", {h.embedding_length, h.vocab_size});
  top.add("output_norm.weight", {h.embedding_length});
  // Tied embeddings: the converter writes no output.weight and llama.cpp reuses token_embd.
  if (!h.tied_embeddings) top.add("output.weight", {h.embedding_length, h.vocab_size});
  // Llama-3.1-style rope scaling is stored as a tensor of per-frequency factors
  // (convert_hf_to_gguf.py LlamaModel.generate_extra_tensors).
  if (h.rope_freqs_tensor) top.add("rope_freqs.weight", {h.key_length / 2});
  top.append_sorted_to(out);
}

void add_dense_ffn(TensorList& block, std::uint64_t n_embd, std::uint64_t n_ff) {
  block.add("ffn_gate.weight", {n_embd, n_ff});
  block.add("ffn_up.weight", {n_embd, n_ff});
  block.add("ffn_down.weight", {n_ff, n_embd});
}

// qwen2, llama, qwen3: grouped-query attention and a SwiGLU feed-forward block.
void add_dense_block(const Model& model, int layer, std::vector<TensorInfo>& out) {
  const Hyperparameters& h = model.hparams;
  const std::uint64_t n_embd = h.embedding_length;
  const std::uint64_t q_width = std::uint64_t{h.head_count} * h.key_length;
  const std::uint64_t kv_width = std::uint64_t{h.head_count_kv} * h.key_length;
  const std::uint64_t v_width = std::uint64_t{h.head_count_kv} * h.value_length;
  TensorList block(layer);
  block.add("attn_norm.weight", {n_embd});
  block.add("attn_q.weight", {n_embd, q_width});
  block.add("attn_k.weight", {n_embd, kv_width});
  block.add("attn_v.weight", {n_embd, v_width});
  block.add("attn_output.weight", {std::uint64_t{h.head_count} * h.value_length, n_embd});
  if (h.attention_bias) {  // qwen2 has q/k/v biases (no output bias)
    block.add("attn_q.bias", {q_width});
    block.add("attn_k.bias", {kv_width});
    block.add("attn_v.bias", {v_width});
  }
  if (h.qk_norm) {  // qwen3 normalises each head's q and k
    block.add("attn_q_norm.weight", {h.key_length});
    block.add("attn_k_norm.weight", {h.key_length});
  }
  block.add("ffn_norm.weight", {n_embd});
  add_dense_ffn(block, n_embd, h.feed_forward_length);
  block.append_sorted_to(out);
}

// deepseek2 multi-head latent attention (llama-model.cpp LLM_ARCH_DEEPSEEK2). Queries go through a
// low-rank q_a/q_b pair; keys and values through a shared latent (kv_a_mqa), expanded either by one
// attn_kv_b or, in MLA GGUFs (PR #12801), by attn_k_b (stored transposed) and attn_v_b per head.
void add_mla_attention(const Hyperparameters& h, KvLayout layout, TensorList& block) {
  const std::uint64_t n_embd = h.embedding_length;
  const std::uint64_t n_head = h.head_count;
  const std::uint64_t rope_dim = h.rope_dimension_count;
  const std::uint64_t nope_dim = h.key_length - rope_dim;  // key_length 192 = 128 no-rope + 64 rope
  block.add("attn_q_a.weight", {n_embd, h.q_lora_rank});
  block.add("attn_q_a_norm.weight", {h.q_lora_rank});
  block.add("attn_q_b.weight", {h.q_lora_rank, n_head * h.key_length});
  block.add("attn_kv_a_mqa.weight", {n_embd, h.kv_lora_rank + rope_dim});
  block.add("attn_kv_a_norm.weight", {h.kv_lora_rank});
  if (layout == KvLayout::deepseek_mla) {
    block.add("attn_k_b.weight", {nope_dim, h.kv_lora_rank, n_head});
    block.add("attn_v_b.weight", {h.kv_lora_rank, h.value_length, n_head});
  } else {
    block.add("attn_kv_b.weight", {h.kv_lora_rank, n_head * (nope_dim + h.value_length)});
  }
  block.add("attn_output.weight", {n_head * h.value_length, n_embd});
}

// Routed experts are stacked into one 3-D tensor per projection; the router and its bias stay small.
void add_moe_ffn(const Hyperparameters& h, TensorList& block) {
  const std::uint64_t n_embd = h.embedding_length;
  const std::uint64_t n_expert = h.expert_count;
  const std::uint64_t expert_ff = h.expert_feed_forward_length;
  const std::uint64_t shared_ff = expert_ff * h.expert_shared_count;
  block.add("ffn_gate_inp.weight", {n_embd, n_expert});
  block.add("exp_probs_b.bias", {n_expert});  // DeepSeek-V3's expert-selection bias
  block.add("ffn_gate_exps.weight", {n_embd, expert_ff, n_expert});
  block.add("ffn_up_exps.weight", {n_embd, expert_ff, n_expert});
  block.add("ffn_down_exps.weight", {expert_ff, n_embd, n_expert});
  block.add("ffn_gate_shexp.weight", {n_embd, shared_ff});
  block.add("ffn_up_shexp.weight", {n_embd, shared_ff});
  block.add("ffn_down_shexp.weight", {shared_ff, n_embd});
}

void add_deepseek2_block(const Model& model, KvLayout layout, int layer, std::vector<TensorInfo>& out) {
  const Hyperparameters& h = model.hparams;
  TensorList block(layer);
  block.add("attn_norm.weight", {h.embedding_length});
  add_mla_attention(h, layout, block);
  block.add("ffn_norm.weight", {h.embedding_length});
  // DeepSeek-V3/R1 keep a dense feed-forward block in the first `leading_dense_block_count` layers.
  if (static_cast<std::uint32_t>(layer) < h.leading_dense_block_count) {
    add_dense_ffn(block, h.embedding_length, h.feed_forward_length);
  } else {
    add_moe_ffn(h, block);
  }
  block.append_sorted_to(out);
}

}  // namespace

KvLayout kv_layout_from(std::string_view text) {
  if (text.empty()) return KvLayout::standard;
  if (text == "legacy") return KvLayout::deepseek_legacy;
  if (text == "mla") return KvLayout::deepseek_mla;
  throw Error::bad_input(fmt::format("unknown kv layout '{}'", text), "expected \"legacy\" or \"mla\"");
}

std::vector<TensorInfo> tensor_inventory(const Model& model, KvLayout layout) {
  const std::string& arch = model.architecture;
  const bool dense = arch == "qwen2" || arch == "llama" || arch == "qwen3";
  if (!dense && arch != "deepseek2") {
    throw Error::bad_input(fmt::format("no tensor inventory for architecture '{}' of {}", arch, model.id));
  }
  std::vector<TensorInfo> out;
  add_top_level(model, out);
  for (std::uint32_t layer = 0; layer < model.hparams.block_count; ++layer) {
    if (dense) {
      add_dense_block(model, static_cast<int>(layer), out);
    } else {
      add_deepseek2_block(model, layout, static_cast<int>(layer), out);
    }
  }
  return out;
}

}  // namespace r1tag
