#include "render/explain_render.hpp"
#include "render/system_render.hpp"
#include "render/remote_render.hpp"

#include "common/ascii.hpp"

#include <r1tag/common/byte_size.hpp>
#include <r1tag/advice/quant_quality.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace r1tag {

namespace {

constexpr std::size_t k_label_width = 10;



// Greedy word wrap; a word longer than `width` gets a row of its own.
std::vector<std::string> wrap(std::string_view text, std::size_t width) {
  std::vector<std::string> rows;
  std::string row;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    if (!row.empty() && row.size() + 1 + word.size() > width) {
      rows.push_back(row);
      row.clear();
    }
    (row += row.empty() ? "" : " ") += word;
    start = end + 1;
  }
  rows.push_back(row);
  return rows;
}

// "4,683,073,248": byte counts are easier to compare with separators.
// Built front to back (not by inserting) so GCC 12's -Wrestrict false positive on string::insert stays quiet.
std::string group_digits(std::uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string signed_digits(std::int64_t n) {
  const std::uint64_t magnitude = n < 0 ? static_cast<std::uint64_t>(-n) : static_cast<std::uint64_t>(n);
  std::string out(1, n < 0 ? '-' : '+');
  out += group_digits(magnitude);
  return out;
}

// A labelled block: the label in the left column, continuation lines indented under the text.
class Block {
 public:
  explicit Block(const TextStyle& style) : m_style(style) {}

  void line(std::string_view label, std::string_view text) {
    const std::string shown = m_style.color && !label.empty() ? fmt::format("\033[1m{}\033[0m", label) : std::string(label);
    std::string prefix = fmt::format("  {}{:<{}}", shown, "", k_label_width - label.size());
    for (const std::string& row : wrap(text, m_style.width - k_label_width - 2)) {
      m_out += prefix + row + "\n";
      prefix = std::string(k_label_width + 2, ' ');
    }
  }
  void more(std::string_view text) { line("", text); }
  // A table row: indented like continuation lines, never wrapped, so columns stay aligned.
  void row(const std::string& text) { m_out += std::string(k_label_width + 2, ' ') + text + "\n"; }
  void heading(const std::string& text) { m_out += (m_style.color ? "\033[1;36m" + text + "\033[0m" : text) + "\n"; }
  std::string str() const { return m_out; }

 private:
  const TextStyle& m_style;
  std::string m_out;
};

std::string what_it_is(const Model& m) {
  if (m.family.empty()) {
    return fmt::format("not a model of r1tag's catalogue: described by its GGUF header alone{}",
                       m.base_model.empty() ? "" : fmt::format(" (base model: {})", m.base_model));
  }
  if (m.distilled()) {
    return fmt::format("a distill: {} fine-tuned on reasoning samples written by {}. It is a separate, "
                       "smaller model that learned R1's way of reasoning, not a compressed copy of R1.",
                       m.base_model, m.teacher);
  }
  return fmt::format("DeepSeek's own reasoning model, a mixture of experts: {} parameters in all, of which {} are "
                     "active for each token (built on {}).",
                     m.parameters_printed, m.active_parameters_printed, m.base_model);
}

void model_lines(Block& b, const Model& m, std::uint64_t parameters) {
  b.line("model", fmt::format("{}: {} parameters ({} exactly), {} architecture, {} layers", m.id,
                              m.parameters_printed, group_digits(parameters), m.architecture, m.hparams.block_count));
  b.more(what_it_is(m));
  b.line("context", fmt::format("{} tokens trained", m.hparams.context_length));
  if (!m.benchmarks.empty() && !m.family.empty()) {
    std::string scores;
    for (const Benchmark& s : m.benchmarks) scores += fmt::format("{}{} {:g}", scores.empty() ? "" : ", ", s.name, s.value);
    b.line("scores", scores + " (DeepSeek's model card)");
  }
  if (!m.license.empty()) b.line("licence", m.license);
}

std::string metric_words(const QualityFigure& q) {
  if (q.metric == "ppl_delta") return fmt::format("perplexity {:+.4f}", q.value);
  if (q.metric == "kld_mean") return fmt::format("mean KLD {:.4f}", q.value);
  if (q.metric == "kld_p99") return fmt::format("99th-percentile KLD {:.4f}", q.value);
  if (q.metric == "ppl") return fmt::format("perplexity {:.4f}", q.value);
  if (q.metric == "same_top_p") return fmt::format("same top token {:.1f} %", q.value);
  return fmt::format("{} {}", q.metric, q.value);
}

void quant_lines(Block& b, const QuantScheme& s, const Catalog& c) {
  std::string layout;
  if (const GgmlType* t = c.find_type(s.default_type)) {
    layout = fmt::format(" (mostly {}: {} bytes per {} weights = {:.4g} bits per weight)", t->name, t->type_size_bytes,
                         t->block_size, 8.0 * t->type_size_bytes / t->block_size);
  }
  b.line("quant", fmt::format("{}{}", s.name, layout));
  b.more(s.meaning);
  const QualityVerdict verdict = quality_verdict(s, c);
  b.more(fmt::format("quality loss: {} ({})", to_string(verdict.loss), verdict.basis));
  for (const QualityFigure& q : s.quality) {
    b.more(fmt::format("quality: {} on {}{}{}", metric_words(q), q.model, q.dataset.empty() ? "" : fmt::format(", {}", q.dataset),
                       q.by.empty() ? "" : fmt::format(" ({})", q.by)));
  }
}

std::string signed_percent(std::int64_t diff, std::uint64_t of) {
  return fmt::format("{:+.3f} %", 100.0 * static_cast<double>(diff) / static_cast<double>(of));
}

void computed_lines(Block& b, const Explanation& e) {
  const FileSize& f = *e.computed;
  b.line("file", fmt::format("{} ({}) computed tensor by tensor: {} bytes, {:.2f} bits per weight",
                             format_decimal_gb(f.total_bytes), format_gib(f.total_bytes), group_digits(f.total_bytes),
                             f.bits_per_weight));
  std::string types;
  for (const TypeTotal& t : f.histogram) types += fmt::format("{}{} {}", types.empty() ? "" : ", ", t.tensor_count, t.type);
  b.more(fmt::format("{} tensors: {} ({}; metadata of {} KB estimated from the vocabulary)", f.tensor_count, types,
                     rule_set_label(f.rules), f.kv_bytes / 1000));
}

void published_lines(Block& b, const Explanation& e) {
  const PublishedFile& p = *e.variant.published;
  const std::string how = p.size.exact ? fmt::format("exactly {} bytes", group_digits(p.size.bytes)) : fmt::format("shown as {}", p.size.shown);
  const std::string parts = p.shards > 1 ? fmt::format(" in {} parts", p.shards) : "";
  std::string line = fmt::format("published: {} ({}) by {}{}", how, format_gib(p.size.bytes), p.where, parts);
  if (e.computed) {
    const auto diff = static_cast<std::int64_t>(e.computed->total_bytes) - static_cast<std::int64_t>(p.size.bytes);
    const bool within_rounding = !p.size.exact && static_cast<std::uint64_t>(diff < 0 ? -diff : diff) <= p.size.precision_bytes;
    line += fmt::format("; computed minus published: {} bytes ({}{})", signed_digits(diff), signed_percent(diff, p.size.bytes),
                        within_rounding ? ", within the hub's rounding" : "");
  }
  if (e.computed) {
    b.more(line);
  } else {
    b.line("file", line);
  }
}

std::string parts_text(const FileFacts& f) {
  if (f.part_bytes.size() <= 1) return "";
  return fmt::format(" in {} parts", f.part_bytes.size());
}

// A file that was read: its size on disk, its real tensors, what its header names.
void header_file_lines(Block& b, const Explanation& e) {
  const FileFacts& f = *e.file;
  const FileSize& s = *e.computed;
  b.line("file", fmt::format("{} ({}) on disk{}, read from the GGUF header: {} bytes, {:.2f} bits per weight",
                             format_decimal_gb(f.bytes), format_gib(f.bytes), parts_text(f), group_digits(f.bytes),
                             s.bits_per_weight));
  std::string types;
  for (const TypeTotal& t : s.histogram) types += fmt::format("{}{} {}", types.empty() ? "" : ", ", t.tensor_count, t.type);
  b.more(fmt::format("{} tensors: {}; metadata {} bytes (exact)", s.tensor_count, types, group_digits(s.metadata_bytes)));
  if (f.part_bytes.size() > 1) {
    for (std::size_t i = 0; i < f.part_bytes.size() && i < f.origin.paths.size(); ++i)
      b.more(fmt::format("part {}: {} ({} bytes)", i + 1, f.origin.paths[i], group_digits(f.part_bytes[i])));
  }
  std::string names;
  if (!f.general_name.empty()) names += fmt::format("general.name '{}', ", f.general_name);
  const std::string file_type =
      f.file_type ? fmt::format("general.file_type {}{}", *f.file_type,
                                f.file_type_scheme.empty() ? "" : fmt::format(" ({})", f.file_type_scheme))
                  : std::string("no general.file_type");
  b.line("header", fmt::format("GGUF v{}, {}{}, architecture {}", f.version, names, file_type, f.architecture));
  const Hyperparameters& h = e.variant.model->hparams;
  b.more(fmt::format("{} blocks, embedding {}, feed-forward {}, {} heads ({} KV), vocabulary {}{}", h.block_count,
                     h.embedding_length, h.feed_forward_length, h.head_count, h.head_count_kv, h.vocab_size,
                     h.expert_count > 0 ? fmt::format(", {} experts ({} used)", h.expert_count, h.expert_used_count) : ""));
  if (!f.recognised_by.empty())
    b.more(fmt::format("recognised as {} by {}", e.variant.model->id, f.recognised_by));
  for (const std::string& d : f.differences) b.line("differs", d);
  for (const std::string& u : f.unknown) b.line("unknown", u);
}

void file_lines(Block& b, const Explanation& e) {
  const Variant& v = e.variant;
  if (e.file) {
    header_file_lines(b, e);
    return;
  }
  if (e.computed) computed_lines(b, e);
  if (v.published) published_lines(b, e);
  if (!e.computed_caveat.empty()) b.more(e.computed_caveat);
  if (!e.computed && !v.published && v.scheme != nullptr) {
    b.line("file", v.scheme->custom_mix ? "no published size found; this custom mix cannot be computed from llama.cpp's rules"
                                        : "no published size found");
  } else if (!e.computed && v.scheme != nullptr && v.scheme->custom_mix) {
    b.more("a custom per-tensor mix: only its publisher knows its exact size, so r1tag shows the published one");
  }
  if (v.tag.shard) {
    b.more(fmt::format("this name is part {} of {}{}", v.tag.shard->index, v.tag.shard->count,
                       v.tag.shard->kind == ShardKind::gguf_split
                           ? " (llama.cpp loads part 1 and finds the others)"
                           : " (byte-split: concatenate the parts into one .gguf before use)"));
  }
}

std::string shape_text(const TensorInfo& t) {
  std::string out;
  for (std::uint32_t d = 0; d < t.n_dims; ++d) out += (d == 0 ? "" : " x ") + std::to_string(t.ne[d]);
  return out;
}

std::string tensor_table(const FileSize& f) {
  std::string out = fmt::format("  {:<36} {:>22} {:>8} {:>16}\n", "tensor", "shape", "type", "bytes");
  for (const PlannedTensor& t : f.tensors) {
    out += fmt::format("  {:<36} {:>22} {:>8} {:>16}\n", t.tensor.name, shape_text(t.tensor), t.type->name,
                       group_digits(t.bytes));
  }
  return out;
}

void where_lines(Block& b, const Variant& v, const Catalog& c) {
  bool first = true;
  const auto add = [&](const std::string& text) {
    if (first) {
      b.line("get it", text);
      first = false;
    } else {
      b.more(text);
    }
  };
  if (v.ollama_tag != nullptr) add(fmt::format("ollama pull {}:{}", c.ollama_library, v.ollama_tag->tag));
  if (v.scheme == nullptr) return;
  std::vector<const HfRepo*> repos = c.repos_for(v.model->id);
  if (v.repo != nullptr) repos.insert(repos.begin(), v.repo);
  std::vector<std::string_view> seen;
  for (const HfRepo* repo : repos) {
    const HfFile* f = repo->find_file(v.scheme->name);
    if (f == nullptr || std::find(seen.begin(), seen.end(), repo->repo) != seen.end()) continue;
    seen.push_back(repo->repo);
    add(fmt::format("hf.co/{}:{} ({})", repo->repo, v.scheme->name, f->path));
  }
}

std::string gib2(std::uint64_t bytes) { return fmt::format("{:.2f}", static_cast<double>(bytes) / (1ULL << 30)); }

std::uint64_t gpu_bytes(const MemoryEstimate& m) {
  std::uint64_t total = 0;
  for (const DeviceMemory& d : m.devices)
    if (d.gpu) total += d.total_bytes;
  return total;
}

std::string placement_words(const ContextMemory& c) {
  if (!c.fits) return "does not fit";
  const MemoryEstimate& m = c.memory;
  if (m.gpu_layers == 0) return "CPU only";
  if (m.gpu_layers >= m.layer_count && !c.experts_on_cpu) return "all on GPU";
  return fmt::format("{}/{} layers on GPU{}", m.gpu_layers, m.layer_count, c.experts_on_cpu ? ", experts in RAM" : "");
}

std::string speed_words(const ContextMemory& c) {
  if (!c.speed) return "-";
  return fmt::format("{:.0f}-{:.0f}", c.speed->decode_low_tokens_per_second, c.speed->decode_high_tokens_per_second);
}

void memory_lines(Block& b, const std::vector<ContextMemory>& memory, const MemoryQuestion& q) {
  if (memory.empty()) return;
  const std::string where = q.budget ? "placed on the given hardware" : "all layers on one GPU";
  const std::string assumes = fmt::format("{}, KV cache {}, flash attention {}, {}", where,
                                          detail::lower(q.kv_cache_type), q.flash_attention ? "on" : "off", q.runtime);
  if (memory.size() == 1) {
    const ContextMemory& c = memory.front();
    const MemoryEstimate& m = c.memory;
    b.line("memory", fmt::format("{} GiB of VRAM + {} GiB of RAM at {} tokens ({}){}", gib2(gpu_bytes(m)),
                                 gib2(m.devices.back().total_bytes), c.context_tokens, assumes,
                                 q.budget ? ": " + placement_words(c) : ""));
    b.more(fmt::format("weights {} + KV cache {} + compute {} (est.) + output {} + overhead {} (est.) GiB",
                       gib2(m.weights_bytes), gib2(m.kv_cache_bytes), gib2(m.compute_bytes), gib2(m.output_bytes),
                       gib2(m.overhead_bytes)));
    if (c.speed) {
      b.line("speed", fmt::format("about {} tokens/s generated (estimate): {}", speed_words(c), c.speed->basis));
    }
    return;
  }
  b.line("memory", assumes + "; GiB:");
  const bool placed = q.budget.has_value();
  b.row(fmt::format("{:>9} {:>8} {:>8} {:>9} {:>9}{}", "context", "VRAM", "RAM", "KV cache", "compute",
                    placed ? fmt::format("  {:>11}  {}", "tokens/s", "placement") : ""));
  for (const ContextMemory& c : memory) {
    const MemoryEstimate& m = c.memory;
    b.row(fmt::format("{:>9} {:>8} {:>8} {:>9} {:>9}{}", c.context_tokens, gib2(gpu_bytes(m)),
                      gib2(m.devices.back().total_bytes), gib2(m.kv_cache_bytes), gib2(m.compute_bytes),
                      placed ? fmt::format("  {:>11}  {}", speed_words(c), placement_words(c)) : ""));
  }
}

void explanation_text(Block& b, const Explanation& e, const Catalog& c) {
  const Variant& v = e.variant;
  std::string title = v.tag.input;
  if (v.ollama_tag != nullptr && v.tag.dialect == Dialect::ollama && v.tag.ollama_tag != v.ollama_tag->tag) {
    title += fmt::format("  =  {}:{}", c.ollama_library, v.ollama_tag->tag);
  }
  b.heading(title);
  model_lines(b, *v.model, e.parameters);
  if (v.scheme != nullptr) quant_lines(b, *v.scheme, c);
  file_lines(b, e);
  if (!e.file) where_lines(b, v, c);
  for (const std::string& note : v.notes) b.line("note", note);
}

}  // namespace

std::string render_explain_text(const std::vector<ExplainOutcome>& outcomes, const Catalog& catalog,
                                const ExplainRenderOptions& options, const TextStyle& style) {
  std::string out;
  bool first = true;
  for (const ExplainOutcome& o : outcomes) {
    if (!o.explanation && !o.listing) continue;  // errors go to stderr, from the CLI
    // What was detected heads the answer, and only an answer: a run where every name failed prints nothing.
    if (first && options.detected != nullptr) out += detected_line(*options.detected);
    if (!first) out += "\n";
    first = false;
    if (o.listing) {
      out += remote_listing_text(*o.listing);
      continue;
    }
    Block b(style);
    explanation_text(b, *o.explanation, catalog);
    memory_lines(b, o.memory, options.memory_question);
    out += b.str();
    if (o.remote) out += remote_summary_text(*o.remote);
    if (options.tensors && o.explanation->computed) {
      out += '\n';
      out += tensor_table(*o.explanation->computed);
    }
  }
  return out;
}

}  // namespace r1tag
