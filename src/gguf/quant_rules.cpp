#include <r1tag/gguf/quant_rules.hpp>

#include <r1tag/common/error.hpp>

#include "gguf/tensor_name_traits.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string>

// Every rule below paraphrases llama_tensor_get_type and llama_model_quantize_impl in llama.cpp's
// src/llama-quant.cpp as vendored by ollama (commits dcfb7a105 … 49a9c9ba6, llama.cpp 46e3556e …
// ec98e2002, Jan–Dec 2025; "LQ-25"), and the 2026 upstream copy ggml-org/llama.cpp @ 007dbbf3
// ("LQ-26"). Section numbers refer to the team notes, quant-rules-and-memory.md §1.
namespace r1tag {

using detail::NameTraits;
using detail::name_traits;

namespace {

// llama-quantize file types (LLAMA_FTYPE_MOSTLY_*).
enum class Ftype {
  f32, f16, bf16, q4_0, q4_1, q5_0, q5_1, q8_0, q2_k, q2_k_s, q3_k_s, q3_k_m, q3_k_l, q4_k_s, q4_k_m, q5_k_s,
  q5_k_m, q6_k, iq2_xxs, iq2_xs, iq2_s, iq2_m, iq3_xxs, iq3_xs, iq3_s, iq3_m, iq1_s, iq1_m, iq4_nl, iq4_xs,
  tq1_0, tq2_0, mxfp4_moe, q1_0, q2_0,
};

struct FtypeName {
  std::string_view scheme;
  Ftype ftype;
};

constexpr std::array<FtypeName, 35> k_ftypes = {{
    {"F32", Ftype::f32},         {"F16", Ftype::f16},         {"BF16", Ftype::bf16},     {"Q4_0", Ftype::q4_0},
    {"Q4_1", Ftype::q4_1},       {"Q5_0", Ftype::q5_0},       {"Q5_1", Ftype::q5_1},     {"Q8_0", Ftype::q8_0},
    {"Q2_K", Ftype::q2_k},       {"Q2_K_S", Ftype::q2_k_s},   {"Q3_K_S", Ftype::q3_k_s}, {"Q3_K_M", Ftype::q3_k_m},
    {"Q3_K_L", Ftype::q3_k_l},   {"Q4_K_S", Ftype::q4_k_s},   {"Q4_K_M", Ftype::q4_k_m}, {"Q5_K_S", Ftype::q5_k_s},
    {"Q5_K_M", Ftype::q5_k_m},   {"Q6_K", Ftype::q6_k},       {"IQ2_XXS", Ftype::iq2_xxs}, {"IQ2_XS", Ftype::iq2_xs},
    {"IQ2_S", Ftype::iq2_s},     {"IQ2_M", Ftype::iq2_m},     {"IQ3_XXS", Ftype::iq3_xxs}, {"IQ3_XS", Ftype::iq3_xs},
    {"IQ3_S", Ftype::iq3_s},     {"IQ3_M", Ftype::iq3_m},     {"IQ1_S", Ftype::iq1_s},   {"IQ1_M", Ftype::iq1_m},
    {"IQ4_NL", Ftype::iq4_nl},   {"IQ4_XS", Ftype::iq4_xs},   {"TQ1_0", Ftype::tq1_0},   {"TQ2_0", Ftype::tq2_0},
    {"MXFP4_MOE", Ftype::mxfp4_moe}, {"Q1_0", Ftype::q1_0},   {"Q2_0", Ftype::q2_0},
}};

template <typename... F>
bool one_of(Ftype f, F... candidates) {
  return ((f == candidates) || ...);
}

// The ggml types the rules name, looked up in the catalogue. A file uses a handful of types, and the
// rules name them with a few string literals and catalogue strings, so each spelling is looked up once
// per call: first by the identity of the text, then by its content, then in the catalogue's type table.
// Only for text that outlives the lookup (literals, catalogue strings).
class TypeLookup {
 public:
  explicit TypeLookup(const Catalog& catalog) : m_catalog(&catalog) {}

  // Throws Error (bad_data) when the catalogue has no type `name`.
  const GgmlType& get(std::string_view name) {
    for (const Seen& s : m_seen)
      if (s.text.data() == name.data() && s.text.size() == name.size()) return *s.type;
    const auto same_name = std::find_if(m_seen.begin(), m_seen.end(), [&](const Seen& s) { return s.type->name == name; });
    const GgmlType* type = same_name != m_seen.end() ? same_name->type : m_catalog->find_type(name);
    if (type == nullptr) throw Error(ExitCode::bad_data, fmt::format("quant_types.json has no ggml type '{}'", name));
    m_seen.push_back({name, type});
    return *type;
  }

 private:
  struct Seen {
    std::string_view text;
    const GgmlType* type;
  };
  const Catalog* m_catalog;
  std::vector<Seen> m_seen;
};

// What the rules look at besides the tensor itself (§1.3), and the running counters.
struct RuleState {
  Ftype ftype = Ftype::q4_k_m;
  std::string_view default_type;  // D, the ftype's default ggml type (quant_schemes.json)
  const QuantOptions* options = nullptr;
  TypeLookup* types = nullptr;
  int n_layer = 0;                 // n_ffn_down = n_ffn_gate = n_ffn_up = block_count
  std::uint32_t n_expert = 0;
  std::uint32_t n_gqa = 1;         // head_count / head_count_kv of layer 0
  bool is_70b = false;
  bool has_output = false;
  int n_attention_wv = 0;
  int i_attention_wv = 0;
  int i_ffn_down = 0;
  int i_ffn_gate = 0;
  int i_ffn_up = 0;

  bool rules_2026() const { return options->rules == RuleSet::llama_cpp_2026; }
  bool imatrix() const { return options->imatrix; }
};

std::uint64_t block_size_of(const RuleState& s, std::string_view type) { return s.types->get(type).block_size; }

// §1.1: only 2-D+ `*weight` tensors other than norms and the MoE router are quantized; everything else
// keeps the converter's type, F32 for every such tensor of the R1 family.
bool is_quantizable(const TensorInfo& t, const NameTraits& n) {
  return n.weight && t.n_dims >= 2 && !n.norm && !n.router;
}

// llama.cpp's model-type detection assigns LLM_TYPE_70B to 80-layer llama models with grouped-query
// attention and to 80-layer qwen2 models (llama-model.cpp load_hparams); attn_v gets a bump for it.
bool is_70b_model(const Model& m) {
  const Hyperparameters& h = m.hparams;
  if (h.block_count != 80) return false;
  return (m.architecture == "llama" && h.head_count != h.head_count_kv) || m.architecture == "qwen2";
}

bool is_very_low_bit(Ftype f) {
  return one_of(f, Ftype::iq2_xxs, Ftype::iq2_xs, Ftype::iq1_s, Ftype::iq2_s, Ftype::iq2_m, Ftype::iq1_m);
}

// The attn_v rule also covers attn_qkv and attn_kv_b in LQ-26 (§1.7); LQ-25 matches attn_v only.
bool is_attn_v_like(const RuleState& s, const NameTraits& n) {
  if (n.attn_v) return true;
  return s.rules_2026() && (n.attn_qkv || n.attn_kv_b);
}

// MoE tensors carry their layer in the name, because with many experts a running counter is no layer
// index (llama-quant.cpp layer_info); dense models use the counter.
int layer_for(const RuleState& s, const TensorInfo& t, int counter) { return s.n_expert > 1 ? t.layer : counter; }

// §1.4 A: output.weight, or token_embd.weight when the embeddings are tied.
std::string_view output_rule(const RuleState& s, const TensorInfo& t) {
  // Jan 2025 compared with QK_K = 256, Feb 2025 on with D's block size; the R1 rows (≥ 1536) pass both.
  if (t.ne[0] % block_size_of(s, s.default_type) != 0) return "Q8_0";
  if (one_of(s.ftype, Ftype::iq2_xxs, Ftype::iq2_xs, Ftype::iq3_xxs, Ftype::iq1_s, Ftype::iq2_s, Ftype::iq2_m,
             Ftype::iq1_m))
    return "Q5_K";
  return s.default_type == "Q8_0" ? std::string_view("Q8_0") : std::string_view("Q6_K");
}

// §1.4 B: token_embd.weight when output.weight exists.
std::string_view token_embd_rule(const RuleState& s) {
  if (one_of(s.ftype, Ftype::iq2_xxs, Ftype::iq2_xs, Ftype::iq1_s, Ftype::iq1_m)) return "Q2_K";
  if (one_of(s.ftype, Ftype::iq2_s, Ftype::iq2_m, Ftype::iq3_xxs)) return "IQ3_S";
  if (one_of(s.ftype, Ftype::tq1_0, Ftype::tq2_0)) return "Q4_K";
  return s.default_type;
}

// §1.4 C: IQ1/IQ2 file types bump only attn_v, attn_k (8 experts), the first ffn_down tensors and
// attn_output; everything else keeps D.
std::string_view very_low_bit_rule(RuleState& s, const NameTraits& n) {
  const bool iq2_s_or_m = one_of(s.ftype, Ftype::iq2_s, Ftype::iq2_m);
  if (is_attn_v_like(s, n)) {
    ++s.i_attention_wv;
    if (s.n_gqa >= 4 || s.n_expert >= 4) return "Q4_K";
    return iq2_s_or_m ? "IQ3_S" : "Q2_K";
  }
  if (s.n_expert == 8 && n.attn_k) return "Q4_K";
  if (n.ffn_down) {
    // The counter, not the layer: for R1-671B the first 7 ffn_down tensors in loader order.
    const bool early = s.i_ffn_down < s.n_layer / 8;
    ++s.i_ffn_down;
    if (early) return iq2_s_or_m ? "IQ3_S" : "Q2_K";
    return s.default_type;
  }
  if (n.attn_output) {
    if (s.n_expert == 8) return "Q5_K";
    if (one_of(s.ftype, Ftype::iq1_s, Ftype::iq1_m)) return "IQ2_XXS";
    if (iq2_s_or_m) return "IQ3_S";
  }
  return s.default_type;
}

// §1.4 D: attn_v.weight (first matching line), then the 70B bump and the 8-expert bump.
std::string_view attn_v_rule(RuleState& s) {
  const Ftype f = s.ftype;
  const int i = s.i_attention_wv;
  std::string_view t = s.default_type;
  if (f == Ftype::q2_k) t = s.n_gqa >= 4 ? "Q4_K" : "Q3_K";
  else if (f == Ftype::q2_k_s && s.n_gqa >= 4) t = "Q4_K";
  else if (f == Ftype::iq3_xxs) t = s.n_gqa >= 4 ? "Q4_K" : (s.imatrix() ? "IQ3_XXS" : "IQ3_S");
  else if (one_of(f, Ftype::iq3_xs, Ftype::iq3_s) && s.n_gqa >= 4) t = "Q4_K";
  else if (f == Ftype::iq3_m) t = "Q4_K";
  else if (f == Ftype::q3_k_m) t = i < 2 ? "Q5_K" : "Q4_K";
  else if (f == Ftype::q3_k_l) t = "Q5_K";
  else if (one_of(f, Ftype::iq4_nl, Ftype::iq4_xs) && s.n_gqa >= 4) t = "Q5_K";
  else if (one_of(f, Ftype::q4_k_m, Ftype::q5_k_m) && detail::use_more_bits(i, s.n_attention_wv)) t = "Q6_K";
  else if (f == Ftype::q4_k_s && i < 4) t = "Q5_K";
  // 70B: 8 heads share each attn_v, so it is 8x smaller than attn_q and more bits cost little.
  if (s.is_70b && (t == "Q3_K" || t == "Q4_K")) t = "Q5_K";
  if (s.n_expert == 8) t = "Q8_0";
  ++s.i_attention_wv;
  return t;
}

// §1.4 E and F: attn_k.weight and attn_q.weight.
std::string_view attn_k_rule(const RuleState& s) {
  if (s.n_expert == 8) return "Q8_0";
  if (s.ftype == Ftype::iq3_xs) return "IQ3_XXS";
  if (s.ftype == Ftype::iq3_xxs) return "IQ2_S";
  return s.default_type;
}

std::string_view attn_q_rule(const RuleState& s) {
  if (s.ftype == Ftype::iq3_xs) return "IQ3_XXS";
  if (s.ftype == Ftype::iq3_xxs) return "IQ2_S";
  return s.default_type;
}

// §1.4 G: ffn_down, ffn_down_exps and ffn_down_shexp (first matching line). No R1 model is Falcon, so
// the Falcon-only variants are left out.
std::string_view ffn_down_rule(RuleState& s, const TensorInfo& t) {
  const Ftype f = s.ftype;
  const int l = layer_for(s, t, s.i_ffn_down);
  const int n = s.n_layer;
  const bool more = detail::use_more_bits(l, n);
  std::string_view r = s.default_type;
  if (f == Ftype::q2_k) r = "Q3_K";
  else if (f == Ftype::q2_k_s) { if (l < n / 8) r = "Q4_K"; }
  else if (f == Ftype::iq3_xxs && !s.imatrix()) r = l < n / 8 ? "Q4_K" : "Q3_K";
  else if (f == Ftype::q3_k_m) r = l < n / 16 ? "Q5_K" : "Q4_K";
  else if (f == Ftype::iq3_m && (l < n / 8 || (s.n_expert == 8 && more))) r = "Q4_K";
  else if (f == Ftype::q3_k_l) r = "Q5_K";
  else if (f == Ftype::q4_k_m) { if (more) r = "Q6_K"; }
  else if (l < n / 8 && one_of(f, Ftype::iq4_nl, Ftype::iq4_xs) && !s.imatrix()) r = "Q5_K";
  else if (f == Ftype::q5_k_m && more) r = "Q6_K";
  else if (f == Ftype::q4_k_s && l < n / 8) r = "Q5_K";
  // With an imatrix only, so that imatrix-free files stay as they were (llama-quant.cpp comment).
  else if (one_of(f, Ftype::q4_0, Ftype::q5_0) && s.imatrix() && l < n / 8) r = f == Ftype::q4_0 ? "Q4_1" : "Q5_1";
  ++s.i_ffn_down;
  return r;
}

// §1.4 H: attn_output.weight (not Falcon).
std::string_view attn_output_rule(const RuleState& s) {
  const Ftype f = s.ftype;
  if (s.n_expert == 8) {
    if (one_of(f, Ftype::q2_k, Ftype::iq3_xs, Ftype::iq3_xxs, Ftype::q3_k_s, Ftype::q3_k_m, Ftype::iq4_nl,
               Ftype::q4_k_s, Ftype::q4_k_m, Ftype::iq3_s, Ftype::iq3_m, Ftype::iq4_xs))
      return "Q5_K";
    return s.default_type;
  }
  if (f == Ftype::q2_k) return "Q3_K";
  if (f == Ftype::iq3_xxs) return "IQ3_S";
  if (f == Ftype::q3_k_m || f == Ftype::iq3_m) return "Q4_K";
  if (f == Ftype::q3_k_l) return "Q5_K";
  return s.default_type;
}

// §1.4 I: attn_qkv.weight (LQ-25 only; no R1 model has one).
std::string_view attn_qkv_rule(const RuleState& s) {
  if (one_of(s.ftype, Ftype::q3_k_m, Ftype::q3_k_l, Ftype::iq3_m)) return "Q4_K";
  if (s.ftype == Ftype::q4_k_m) return "Q5_K";
  if (s.ftype == Ftype::q5_k_m) return "Q6_K";
  return s.default_type;
}

// §1.4 J: ffn_gate / ffn_up, plain, _exps and _shexp.
std::string_view ffn_gate_up_rule(RuleState& s, const TensorInfo& t, int& counter) {
  const int l = layer_for(s, t, counter);
  const int n = s.n_layer;
  ++counter;
  if (s.ftype == Ftype::iq3_xs && l >= n / 8 && l < 7 * n / 8) return "IQ3_XXS";
  return s.default_type;
}

// §1.4 A–J in llama_tensor_get_type's order: names are matched by substring, first branch wins.
std::string_view rule_type(RuleState& s, const TensorInfo& t, const NameTraits& n) {
  if (n.output || (!s.has_output && n.token_embd)) return output_rule(s, t);
  if (n.token_embd) return token_embd_rule(s);
  if (is_very_low_bit(s.ftype)) return very_low_bit_rule(s, n);
  if (is_attn_v_like(s, n)) return attn_v_rule(s);
  if (n.attn_k) return attn_k_rule(s);
  if (n.attn_q) return attn_q_rule(s);
  if (n.ffn_down) return ffn_down_rule(s, t);
  if (n.attn_output) return attn_output_rule(s);
  if (n.attn_qkv) return attn_qkv_rule(s);
  if (n.ffn_gate) return ffn_gate_up_rule(s, t, s.i_ffn_gate);
  if (n.ffn_up) return ffn_gate_up_rule(s, t, s.i_ffn_up);
  return s.default_type;
}

// §1.4 K: a row length that is not a multiple of the chosen type's block gets a 32-wide type, and F16
// if even that does not fit. DeepSeek MLA's attn_k_b (row 128) is the one R1 tensor that hits it.
std::string_view block_size_fallback(const RuleState& s, const TensorInfo& t, std::string_view chosen) {
  if (t.ne[0] % block_size_of(s, chosen) == 0) return chosen;
  std::string_view fallback;
  if (chosen == "Q2_K" || chosen == "Q3_K") fallback = s.rules_2026() ? "Q4_0" : "IQ4_NL";
  else if (chosen.substr(0, 2) == "IQ") fallback = "IQ4_NL";
  else if (chosen == "Q4_K") fallback = "Q5_0";
  else if (chosen == "Q5_K") fallback = "Q5_1";
  else if (chosen == "Q6_K") fallback = "Q8_0";
  else if (chosen == "TQ1_0" || chosen == "TQ2_0") fallback = "Q4_0";
  else
    throw Error::bad_input(fmt::format("{}: row length {} is not a multiple of the {} block and llama.cpp has no "
                                       "fallback for {}",
                                       t.name, t.ne[0], chosen, chosen));
  return t.ne[0] % block_size_of(s, fallback) == 0 ? fallback : std::string_view("F16");
}

// §1.7: MXFP4_MOE (Aug 2025) puts the 3-D expert tensors in MXFP4 and every other quantized tensor,
// output included, in Q8_0.
std::string_view mxfp4_moe_type(const TensorInfo& t) { return t.ne[2] > 1 ? "MXFP4" : "Q8_0"; }

std::string_view choose_type(RuleState& s, const TensorInfo& t, const NameTraits& n) {
  if (!is_quantizable(t, n)) return "F32";
  // F16/BF16/F32 files do no mixing: every quantizable tensor takes D (§1.1).
  if (one_of(s.ftype, Ftype::f32, Ftype::f16, Ftype::bf16)) return s.default_type;
  if (s.ftype == Ftype::mxfp4_moe) return mxfp4_moe_type(t);
  return block_size_fallback(s, t, rule_type(s, t, n));
}

Ftype ftype_of(const QuantScheme& base) {
  const auto it = std::find_if(k_ftypes.begin(), k_ftypes.end(),
                               [&](const FtypeName& f) { return f.scheme == base.name; });
  if (it == k_ftypes.end()) throw Error::bad_input(fmt::format("{} is not a llama-quantize file type", base.name));
  return it->ftype;
}

// A publisher variant is its base llama-quantize scheme plus forced token_embd/output types.
const QuantScheme& base_scheme_of(const QuantScheme& scheme, const Catalog& catalog) {
  if (scheme.custom_mix) {
    throw Error::bad_input(fmt::format("{} is a custom per-tensor mix; its tensor types cannot be predicted from "
                                       "llama.cpp's rules",
                                       scheme.name),
                           "use the published size");
  }
  if (scheme.base_scheme.empty()) return scheme;
  const QuantScheme* base = catalog.find_scheme(scheme.base_scheme);
  if (base == nullptr) throw Error(ExitCode::bad_data, fmt::format("unknown base scheme '{}'", scheme.base_scheme));
  return *base;
}

RuleState initial_state(const Model& model, const std::vector<NameTraits>& names, const QuantScheme& base,
                        TypeLookup& types, const QuantOptions& options) {
  RuleState s;
  s.ftype = ftype_of(base);
  if (one_of(s.ftype, Ftype::q1_0, Ftype::q2_0) && options.rules != RuleSet::llama_cpp_2026) {
    throw Error::bad_input(fmt::format("{} exists only in the 2026 llama.cpp rules", base.name));
  }
  s.default_type = base.default_type;
  s.options = &options;
  s.types = &types;
  const Hyperparameters& h = model.hparams;
  s.n_layer = static_cast<int>(h.block_count);
  s.n_expert = h.expert_count;
  s.n_gqa = h.head_count_kv == 0 ? 1 : h.head_count / h.head_count_kv;
  s.is_70b = is_70b_model(model);
  for (const NameTraits& n : names) {
    if (n.output) s.has_output = true;
    // Counted before the loop over attn_v, attn_qkv and attn_kv_b alike, in both rule sets.
    if (n.attn_v || n.attn_qkv || n.attn_kv_b) ++s.n_attention_wv;
  }
  return s;
}

// --token-embedding-type / --output-tensor-type replace the rules' choice by exact name (§1.5).
std::string_view publisher_override(const QuantScheme& scheme, const NameTraits& n, std::string_view chosen) {
  if (n.token_embd && !scheme.token_embd_type.empty()) return scheme.token_embd_type;
  if (n.output && !scheme.output_type.empty()) return scheme.output_type;
  return chosen;
}

}  // namespace

namespace detail {

bool use_more_bits(int i_layer, int n_layers) {
  return i_layer < n_layers / 8 || i_layer >= 7 * n_layers / 8 || (i_layer - n_layers / 8) % 3 == 2;
}

}  // namespace detail

std::string_view rule_set_label(RuleSet rules) {
  return rules == RuleSet::llama_cpp_2025 ? "llama.cpp 2025 rules" : "llama.cpp 2026 rules";
}

std::vector<const GgmlType*> assign_tensor_types(const Model& model, const std::vector<TensorInfo>& tensors,
                                                 const QuantScheme& scheme, const Catalog& catalog,
                                                 const QuantOptions& options) {
  const QuantScheme& base = base_scheme_of(scheme, catalog);
  const std::vector<NameTraits> names = name_traits(tensors);
  TypeLookup lookup(catalog);
  RuleState state = initial_state(model, names, base, lookup, options);
  std::vector<const GgmlType*> types;
  types.reserve(tensors.size());
  for (std::size_t i = 0; i < tensors.size(); ++i) {
    types.push_back(&lookup.get(publisher_override(scheme, names[i], choose_type(state, tensors[i], names[i]))));
  }
  return types;
}

}  // namespace r1tag
