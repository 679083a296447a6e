#include "render/explain_render.hpp"

#include <r1tag/byte_size.hpp>
#include <r1tag/quant_quality.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace r1tag {

namespace {

constexpr std::size_t k_label_width = 10;

// Greedy word wrap; a word longer than `width` gets a row of its own.
std::vector<std::string> wrap(const std::string& text, std::size_t width) {
  std::vector<std::string> rows;
  std::string row;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!row.empty() && row.size() + 1 + word.size() > width) {
      rows.push_back(row);
      row.clear();
    }
    row += (row.empty() ? "" : " ") + word;
    start = end + 1;
  }
  rows.push_back(row);
  return rows;
}

// A labelled block: the label in the left column, continuation lines indented under the text.
class Block {
 public:
  explicit Block(const TextStyle& style) : m_style(style) {}

  void line(const std::string& label, const std::string& text) {
    const std::string shown = m_style.color && !label.empty() ? "\033[1m" + label + "\033[0m" : label;
    std::string prefix = fmt::format("  {}{:<{}}", shown, "", k_label_width - label.size());
    for (const std::string& row : wrap(text, m_style.width - k_label_width - 2)) {
      m_out += prefix + row + "\n";
      prefix = std::string(k_label_width + 2, ' ');
    }
  }
  void more(const std::string& text) { line("", text); }
  void heading(const std::string& text) { m_out += (m_style.color ? "\033[1;36m" + text + "\033[0m" : text) + "\n"; }
  std::string str() const { return m_out; }

 private:
  const TextStyle& m_style;
  std::string m_out;
};

std::string what_it_is(const Model& m) {
  if (m.distilled()) {
    return fmt::format("a distill: {} fine-tuned on reasoning samples written by {}. It is a separate, "
                       "smaller model that learned R1's way of reasoning, not a compressed copy of R1.",
                       m.base_model, m.teacher);
  }
  return fmt::format("DeepSeek's own reasoning model, a mixture of experts: {} parameters in all, of which {} are "
                     "active for each token (built on {}).",
                     m.parameters_printed, m.active_parameters_printed, m.base_model);
}

void model_lines(Block& b, const Model& m) {
  b.line("model", fmt::format("{}: {} parameters, {} architecture, {} layers", m.id, m.parameters_printed,
                              m.architecture, m.hparams.block_count));
  b.more(what_it_is(m));
  b.line("context", fmt::format("{} tokens trained", m.hparams.context_length));
  b.line("licence", m.license);
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
  b.line("quant", s.name + layout);
  b.more(s.meaning);
  const QualityVerdict verdict = quality_verdict(s, c);
  b.more(fmt::format("quality loss: {} ({})", to_string(verdict.loss), verdict.basis));
  for (const QualityFigure& q : s.quality) {
    b.more(fmt::format("quality: {} on {}{}{}", metric_words(q), q.model, q.dataset.empty() ? "" : ", " + q.dataset,
                       q.by.empty() ? "" : " (" + q.by + ")"));
  }
}

void file_lines(Block& b, const Variant& v) {
  if (v.published) {
    const PublishedSize& p = v.published->size;
    const std::string exact = p.exact ? fmt::format(", exactly {} bytes", p.bytes) : fmt::format(", shown as {}", p.shown);
    b.line("file", fmt::format("{} ({}) published{}", format_decimal_gb(p.bytes), format_gib(p.bytes), exact));
    b.more("by " + v.published->where + (v.published->shards > 1 ? fmt::format(", in {} parts", v.published->shards) : ""));
  } else if (v.scheme != nullptr && v.scheme->custom_mix) {
    b.line("file", "no published size found for this file; its per-tensor mix is custom, so r1tag cannot compute it");
  } else if (v.scheme != nullptr) {
    b.line("file", "no published size found for this file");
  }
  if (v.tag.shard) {
    b.more(fmt::format("this name is part {} of {}{}", v.tag.shard->index, v.tag.shard->count,
                       v.tag.shard->kind == ShardKind::gguf_split
                           ? " (llama.cpp loads part 1 and finds the others)"
                           : " (byte-split: concatenate the parts into one .gguf before use)"));
  }
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
  std::vector<std::string> seen;
  for (const HfRepo* repo : repos) {
    const HfFile* f = repo->find_file(v.scheme->name);
    if (f == nullptr || std::find(seen.begin(), seen.end(), repo->repo) != seen.end()) continue;
    seen.push_back(repo->repo);
    add(fmt::format("hf.co/{}:{}  ({})", repo->repo, v.scheme->name, f->path));
  }
}

void variant_text(Block& b, const Variant& v, const Catalog& c) {
  std::string title = v.tag.input;
  if (v.ollama_tag != nullptr && v.tag.dialect == Dialect::ollama &&
      v.tag.ollama_tag != v.ollama_tag->tag) {
    title += fmt::format("  =  {}:{}", c.ollama_library, v.ollama_tag->tag);
  }
  b.heading(title);
  model_lines(b, *v.model);
  if (v.scheme != nullptr) quant_lines(b, *v.scheme, c);
  file_lines(b, v);
  where_lines(b, v, c);
  for (const std::string& note : v.notes) b.line("note", note);
}

}  // namespace

std::string render_explain_text(const std::vector<ExplainOutcome>& outcomes, const Catalog& catalog,
                                const TextStyle& style) {
  std::string out;
  bool first = true;
  for (const ExplainOutcome& o : outcomes) {
    if (!o.variant) continue;  // errors go to stderr, from the CLI
    if (!first) out += "\n";
    first = false;
    Block b(style);
    variant_text(b, *o.variant, catalog);
    out += b.str();
  }
  return out;
}

}  // namespace r1tag
