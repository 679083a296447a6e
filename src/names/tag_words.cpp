#include "names/tag_words.hpp"

#include <r1tag/names/tag_parser.hpp>

#include "common/ascii.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace r1tag {

using detail::iends_with;
using detail::iequals;
using detail::istarts_with;
using detail::lower;
using detail::split;
using detail::upper;

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool all_digits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), is_digit); }

// The letters after a quant's bit count: "_K_M", "_0", "_XXS", "_K_XL"; each part alnum.
bool is_quant_suffix(std::string_view s) {
  if (s.empty()) return true;
  if (s.front() != '_') return false;
  for (const std::string& part : split(s.substr(1), '_')) {
    if (part.empty() || part.size() > 3) return false;
    for (const char c : part)
      if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

// Declared in tag_parser.hpp: the parser's public answer to "is this word a quant?".
std::string canonical_quant(std::string_view token) {
  std::string_view t = token;
  std::string prefix;
  if (istarts_with(t, "ud-")) {
    prefix = "UD-";
    t.remove_prefix(3);
  }
  const std::string low = lower(t);
  // ollama writes fp16; llama.cpp and the hubs write F16.
  if (low == "fp16" || low == "f16") return prefix + "F16";
  if (low == "fp32" || low == "f32") return prefix + "F32";
  if (low == "bf16") return prefix + "BF16";
  if (low == "mxfp4" || low == "mxfp4_moe") return prefix + upper(low);
  std::size_t pos = 0;
  if (low.compare(0, 2, "iq") == 0 || low.compare(0, 2, "tq") == 0) {
    pos = 2;
  } else if (!low.empty() && low[0] == 'q') {
    pos = 1;
  } else {
    return {};
  }
  if (pos >= low.size() || !is_digit(low[pos])) return {};
  ++pos;
  if (!is_quant_suffix(std::string_view(low).substr(pos))) return {};
  return prefix + upper(low);
}

namespace detail {

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = s.find(sep, start);
    out.emplace_back(s.substr(start, at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return out;
}

bool is_size_token(std::string_view t) {
  if (t.size() < 2) return false;
  const char unit = detail::to_lower(t.back());
  if (unit != 'b' && unit != 'm' && unit != 't') return false;
  const std::string_view number = t.substr(0, t.size() - 1);
  const std::size_t dot = number.find('.');
  if (dot == std::string_view::npos) return all_digits(number);
  return all_digits(number.substr(0, dot)) && all_digits(number.substr(dot + 1));
}

bool is_expert_token(std::string_view t) {
  const std::size_t x = t.find_first_of("xX");
  return x != std::string_view::npos && all_digits(t.substr(0, x)) && is_size_token(t.substr(x + 1));
}

bool is_revision_token(std::string_view t) { return t.size() == 4 && all_digits(t); }

void TagWords::word(const std::string& token) { out.unplaced.push_back(token); }

void TagWords::quant(const std::string& written, const std::string& canonical) {
  // In GGUF-convention names ("DeepSeek-R1-BF16-256x20B-Q8_0-…") the source encoding comes first;
  // the last quant token is the file's own.
  if (!out.quant.empty() && out.source_encoding.empty()) out.source_encoding = out.quant;
  out.quant_text = written;
  out.quant = canonical;
}

void TagWords::words(const std::vector<std::string>& tokens) {
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    const std::string low = lower(t);
    if (t.empty()) continue;
    if (low == "deepseek" && i + 1 < tokens.size() && iequals(tokens[i + 1], "r1")) {
      out.names_r1 = true;
      ++i;
    } else if (low == "ud" && i + 1 < tokens.size() && !canonical_quant(tokens[i + 1]).empty()) {
      quant(t + "-" + tokens[i + 1], canonical_quant("ud-" + tokens[i + 1]));
      ++i;
    } else if (all_digits(t) && t.size() == 5 && i + 2 < tokens.size() && iequals(tokens[i + 1], "of") &&
               all_digits(tokens[i + 2])) {
      shard(t, tokens[i + 2], ShardKind::gguf_split);
      i += 2;
    } else if (is_size_token(t)) {
      out.size_label = low;
    } else if (is_expert_token(t)) {
      out.expert_label = t;
    } else if (is_revision_token(t)) {
      out.revision = t;
    } else if (low == "qwen" || low == "llama" || low == "qwen3") {
      out.base = low;
    } else if (low == "distill") {
      out.distill = true;
    } else if (low == "i1") {
      out.imatrix_marker = true;
    } else if (low == "gguf" && i + 1 == tokens.size()) {
      // "-GGUF" ends a repository name: the format, not a model word.
    } else if (const std::string q = canonical_quant(t); !q.empty()) {
      quant(t, q);
    } else {
      word(t);
    }
  }
}

void TagWords::shard(const std::string& index, const std::string& count, ShardKind kind) {
  std::uint32_t i = 0;
  std::uint32_t n = 0;
  std::from_chars(index.data(), index.data() + index.size(), i);
  std::from_chars(count.data(), count.data() + count.size(), n);
  if (i == 0 || n == 0 || i > n) {
    word(index + "-of-" + count);
    return;
  }
  out.shard = Shard{i, n, kind};
}

std::string dots_to_dashes(std::string_view s) {
  std::string out(s);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] != '.') continue;
    const bool inside_number = i > 0 && i + 1 < out.size() && is_digit(out[i - 1]) && is_digit(out[i + 1]);
    if (!inside_number) out[i] = '-';
  }
  return out;
}

void parse_file_stem(TagWords& p, std::string name) {
  // "….gguf.part1of2": mradermacher's byte-split parts.
  if (const std::size_t at = lower(name).rfind(".gguf.part"); at != std::string::npos) {
    const std::string part = name.substr(at + 10);
    const std::size_t of = lower(part).find("of");
    if (of != std::string::npos && all_digits(part.substr(0, of)) && all_digits(part.substr(of + 2))) {
      p.shard(part.substr(0, of), part.substr(of + 2), ShardKind::byte_part);
      name.erase(at);
    }
  } else if (iends_with(name, ".gguf")) {
    name.erase(name.size() - 5);
  }
  // bartowski prefixes the org in newer repositories: "deepseek-ai_DeepSeek-R1-0528-Q4_K_M".
  if (const std::size_t underscore = name.find('_');
      underscore != std::string::npos && istarts_with(name.substr(underscore + 1), "deepseek")) {
    p.out.org_prefix = name.substr(0, underscore);
    name.erase(0, underscore + 1);
  }
  p.words(split(dots_to_dashes(name), '-'));
}

}  // namespace detail

}  // namespace r1tag
