#include <r1tag/gguf/tensor_inventory.hpp>

#include <r1tag/common/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <initializer_list>

// Tensor names and shapes follow llama.cpp's tensor name table (gguf-py/gguf/constants.py,
// MODEL_TENSOR -> "blk.{bid}.attn_q" etc.) and the shapes llama-model.cpp's load_tensors creates
// (ggml-org/llama.cpp, 2025): a weight that maps n_in -> n_out is stored as ne = [n_in, n_out].
namespace r1tag {

namespace {

// One tensor of a group before the group is placed: its name without the "blk.N." prefix.
struct TensorSpec {
  std::string_view suffix;
  std::array<std::uint64_t, 4> ne{1, 1, 1, 1};
  std::uint32_t n_dims = 1;
};

// The tensors of one kind of group (the top level, or every block of one kind), in loader order.
//
// llama_model_loader keeps tensors in a std::map whose comparator orders by block number first (names
// without "blk.N." count as -1) and by byte-wise name inside a block (weight_name_comparer in
// src/llama-model-loader.h). llama_model_quantize_impl walks that map, and its counters depend on it.
// Inside one block every name starts with the same "blk.N.", so ordering the suffixes once orders every
// block of that kind; the names themselves are only written when the group is stamped out.
class GroupTemplate {
 public:
  void add(std::string_view suffix, std::initializer_list<std::uint64_t> shape) {
    TensorSpec t;
    t.suffix = suffix;
    t.n_dims = static_cast<std::uint32_t>(shape.size());
    std::copy(shape.begin(), shape.end(), t.ne.begin());
    m_specs.push_back(t);
  }

  void sort_by_name() {
    std::sort(m_specs.begin(), m_specs.end(),
              [](const TensorSpec& a, const TensorSpec& b) { return a.suffix < b.suffix; });
  }

  std::size_t size() const { return m_specs.size(); }

  // Appends the group's tensors for block `layer` (-1: the top level, names without a prefix).
  void stamp(int layer, std::vector<TensorInfo>& out) const {
    // "blk." + up to 10 digits + "."; built once per block rather than formatted per tensor.
    char prefix[16] = "blk.";
    std::size_t prefix_size = 0;
    if (layer >= 0) {
      char* end = std::to_chars(prefix + 4, prefix + sizeof prefix - 1, layer).ptr;
      *end++ = '.';
      prefix_size = static_cast<std::size_t>(end - prefix);
    }
    for (const TensorSpec& spec : m_specs) {
      TensorInfo& t = out.emplace_back();
      t.name.reserve(prefix_size + spec.suffix.size());
      t.name.append(prefix, prefix_size).append(spec.suffix);
      t.ne = spec.ne;
      t.n_dims = spec.n_dims;
      t.layer = layer;
    }
  }

 private:
  std::vector<TensorSpec> m_specs;
};

GroupTemplate top_level(const Hyperparameters& h) {
  GroupTemplate top;
  top.add("token_embd.weight", {h.embedding_length, h.vocab_size});
  top.add("output_norm.weight", {h.embedding_length});
  // Tied embeddings: the converter writes no output.weight and llama.cpp reuses token_embd.
  if (!h.tied_embeddings) top.add("output.weight", {h.embedding_length, h.vocab_size});
  // Llama-3.1-style rope scaling is stored as a tensor of per-frequency factors
  // (convert_hf_to_gguf.py LlamaModel.generate_extra_tensors).
  if (h.rope_freqs_tensor) top.add("rope_freqs.weight", {h.key_length / 2});
  top.sort_by_name();
  return top;
}

void add_dense_ffn(GroupTemplate& block, std::uint64_t n_embd, std::uint64_t n_ff) {
  block.add("ffn_gate.weight", {n_embd, n_ff});
  block.add("ffn_up.weight", {n_embd, n_ff});
  block.add("ffn_down.weight", {n_ff, n_embd});
}

// qwen2, llama, qwen3: grouped-query attention and a SwiGLU feed-forward block.
GroupTemplate dense_block(const Hyperparameters& h) {
  const std::uint64_t n_embd = h.embedding_length;
  const std::uint64_t q_width = std::uint64_t{h.head_count} * h.key_length;
  const std::uint64_t kv_width = std::uint64_t{h.head_count_kv} * h.key_length;
  const std::uint64_t v_width = std::uint64_t{h.head_count_kv} * h.value_length;
  GroupTemplate block;
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
  block.sort_by_name();
  return block;
}

// deepseek2 multi-head latent attention (llama-model.cpp LLM_ARCH_DEEPSEEK2). Queries go through a
// low-rank q_a/q_b pair; keys and values through a shared latent (kv_a_mqa), expanded either by one
// attn_kv_b or, in MLA GGUFs (PR #12801), by attn_k_b (stored transposed) and attn_v_b per head.
void add_mla_attention(const Hyperparameters& h, KvLayout layout, GroupTemplate& block) {
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
void add_moe_ffn(const Hyperparameters& h, GroupTemplate& block) {
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

// DeepSeek-V3/R1 keep a dense feed-forward block in the first `leading_dense_block_count` layers and a
// mixture of experts in the others; `moe` picks which.
GroupTemplate deepseek2_block(const Hyperparameters& h, KvLayout layout, bool moe) {
  GroupTemplate block;
  block.add("attn_norm.weight", {h.embedding_length});
  add_mla_attention(h, layout, block);
  block.add("ffn_norm.weight", {h.embedding_length});
  if (moe) {
    add_moe_ffn(h, block);
  } else {
    add_dense_ffn(block, h.embedding_length, h.feed_forward_length);
  }
  block.sort_by_name();
  return block;
}

}  // namespace

KvLayout kv_layout_from(std::string_view text) {
  if (text.empty()) return KvLayout::standard;
  if (text == "legacy") return KvLayout::deepseek_legacy;
  if (text == "mla") return KvLayout::deepseek_mla;
  throw Error::bad_input(fmt::format("unknown kv layout '{}'", text), "expected \"legacy\" or \"mla\"");
}

std::vector<TensorInfo> tensor_inventory(const Model& model, KvLayout layout) {
  const std::string_view arch = model.architecture;
  const bool dense = arch == "qwen2" || arch == "llama" || arch == "qwen3";
  if (!dense && arch != "deepseek2") {
    throw Error::bad_input(fmt::format("no tensor inventory for architecture '{}' of {}", arch, model.id));
  }
  const Hyperparameters& h = model.hparams;
  const std::uint32_t blocks = h.block_count;
  // Dense architectures have one kind of block; deepseek2 has leading dense blocks, then MoE blocks.
  const std::uint32_t leading = dense ? blocks : std::min(h.leading_dense_block_count, blocks);
  const GroupTemplate top = top_level(h);
  const GroupTemplate first = dense ? dense_block(h) : deepseek2_block(h, layout, false);
  const GroupTemplate rest = dense ? GroupTemplate{} : deepseek2_block(h, layout, true);

  std::vector<TensorInfo> out;
  out.reserve(top.size() + leading * first.size() + (blocks - leading) * rest.size());
  top.stamp(-1, out);
  for (std::uint32_t layer = 0; layer < blocks; ++layer) {
    (layer < leading ? first : rest).stamp(static_cast<int>(layer), out);
  }
  return out;
}

}  // namespace r1tag
