#include "gguf/tensor_name_traits.hpp"

#include <string_view>
#include <utility>

namespace r1tag::detail {

namespace {

bool contains(std::string_view name, std::string_view part) { return name.find(part) != std::string_view::npos; }

NameTraits substring_traits(std::string_view name) {
  NameTraits n;
  n.weight = name.size() >= 6 && name.substr(name.size() - 6) == "weight";
  n.norm = contains(name, "_norm.weight");
  n.router = contains(name, "ffn_gate_inp.weight");
  n.attn_v = contains(name, "attn_v.weight");
  n.attn_qkv = contains(name, "attn_qkv.weight");
  n.attn_kv_b = contains(name, "attn_kv_b.weight");
  n.attn_k = contains(name, "attn_k.weight");
  n.attn_q = contains(name, "attn_q.weight");
  n.attn_output = contains(name, "attn_output.weight");
  n.ffn_down = contains(name, "ffn_down");
  n.ffn_gate = contains(name, "ffn_gate");
  n.ffn_up = contains(name, "ffn_up");
  return n;
}

// A block tensor's name without its "blk.N." prefix; other names whole.
std::string_view without_block_prefix(std::string_view name) {
  if (name.substr(0, 4) != "blk.") return name;
  const std::size_t dot = name.find('.', 4);
  return dot == std::string_view::npos ? name : name.substr(dot + 1);
}

}  // namespace

// Block after block the names repeat with only the number changed, and no pattern can match across the
// "blk.N." prefix (none holds a digit or "blk."), so the substring tests run once per distinct name
// without its prefix. Blocks also repeat in the same order, so the search starts after the previous hit.
std::vector<NameTraits> name_traits(const std::vector<TensorInfo>& tensors) {
  std::vector<std::pair<std::string_view, NameTraits>> seen;
  std::vector<NameTraits> out;
  out.reserve(tensors.size());
  std::size_t next = 0;
  for (const TensorInfo& t : tensors) {
    const std::string_view key = without_block_prefix(t.name);
    std::size_t found = seen.size();
    for (std::size_t k = 0; k < seen.size() && found == seen.size(); ++k) {
      const std::size_t i = (next + k) % seen.size();
      if (seen[i].first == key) found = i;
    }
    if (found == seen.size()) seen.emplace_back(key, substring_traits(key));
    next = found + 1;
    NameTraits n = seen[found].second;
    n.output = t.name == "output.weight";
    n.token_embd = t.name == "token_embd.weight";
    out.push_back(n);
  }
  return out;
}

}  // namespace r1tag::detail
