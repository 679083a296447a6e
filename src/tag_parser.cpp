#include <r1tag/tag_parser.hpp>

#include <r1tag/error.hpp>

#include "ascii.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace r1tag {

using detail::iends_with;
using detail::iequals;
using detail::istarts_with;
using detail::lower;
using detail::upper;

const char* to_string(Dialect d) {
  switch (d) {
    case Dialect::ollama: return "ollama";
    case Dialect::hf_file: return "hf_file";
    case Dialect::hf_repo: return "hf_repo";
    case Dialect::hf_reference: return "hf_reference";
  }
  return "unknown";
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool all_digits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), is_digit); }

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

// "7b", "1.5B", "70B", "335m": a parameter count with a unit letter.
bool is_size_token(std::string_view t) {
  if (t.size() < 2) return false;
  const char unit = detail::to_lower(t.back());
  if (unit != 'b' && unit != 'm' && unit != 't') return false;
  const std::string_view number = t.substr(0, t.size() - 1);
  const std::size_t dot = number.find('.');
  if (dot == std::string_view::npos) return all_digits(number);
  return all_digits(number.substr(0, dot)) && all_digits(number.substr(dot + 1));
}

// GGUF convention expert label: "256x20B".
bool is_expert_token(std::string_view t) {
  const std::size_t x = t.find_first_of("xX");
  return x != std::string_view::npos && all_digits(t.substr(0, x)) && is_size_token(t.substr(x + 1));
}

// A date-like revision such as DeepSeek's "0528".
bool is_revision_token(std::string_view t) { return t.size() == 4 && all_digits(t); }

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

namespace {

struct Parser {
  ParsedTag out;

  void word(const std::string& token) { out.unplaced.push_back(token); }

  void quant(const std::string& written, const std::string& canonical) {
    // In GGUF-convention names ("DeepSeek-R1-BF16-256x20B-Q8_0-…") the source encoding comes first;
    // the last quant token is the file's own.
    if (!out.quant.empty() && out.source_encoding.empty()) out.source_encoding = out.quant;
    out.quant_text = written;
    out.quant = canonical;
  }

  // Classifies the '-'-separated words of a tag, file stem or repository name.
  void words(const std::vector<std::string>& tokens) {
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

  void shard(const std::string& index, const std::string& count, ShardKind kind) {
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
};

// Dots separate words in mradermacher's names ("…-7B.i1-Q4_K_M") but not inside a number ("1.5B").
std::string dots_to_dashes(std::string_view s) {
  std::string out(s);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] != '.') continue;
    const bool inside_number = i > 0 && i + 1 < out.size() && is_digit(out[i - 1]) && is_digit(out[i + 1]);
    if (!inside_number) out[i] = '-';
  }
  return out;
}

void parse_file_stem(Parser& p, std::string name) {
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

// "https://huggingface.co/owner/repo/blob/main/file.gguf" -> "owner/repo/file.gguf".
std::string strip_hf_url(std::string_view s, bool& was_hf) {
  for (const std::string_view scheme : {"https://", "http://"})
    if (istarts_with(s, scheme)) s.remove_prefix(scheme.size());
  for (const std::string_view host : {"hf.co/", "huggingface.co/", "www.huggingface.co/"}) {
    if (istarts_with(s, host)) {
      s.remove_prefix(host.size());
      was_hf = true;
    }
  }
  std::vector<std::string> parts = split(s, '/');
  if (parts.size() >= 4 && (parts[2] == "blob" || parts[2] == "resolve" || parts[2] == "tree")) {
    parts.erase(parts.begin() + 2, parts.begin() + 4);  // the verb and the revision
  }
  std::string joined;
  for (const std::string& part : parts) {
    if (!joined.empty()) joined += '/';
    joined += part;
  }
  return joined;
}

void parse_hf(Parser& p, const std::string& text, bool hf_host) {
  std::string body = text;
  std::string quant_tag;
  if (const std::size_t colon = body.rfind(':'); colon != std::string::npos) {
    quant_tag = body.substr(colon + 1);
    body.erase(colon);
  }
  const std::vector<std::string> parts = split(body, '/');
  const bool is_file = iends_with(parts.back(), ".gguf") || lower(parts.back()).find(".gguf.part") != std::string::npos;
  const bool repo_first = parts.size() >= 2 && (hf_host || iends_with(parts[1], "-gguf") || parts.size() >= 3 || !is_file);
  std::size_t file_start = 0;
  if (repo_first) {
    p.out.hf_repo = parts[0] + "/" + parts[1];
    file_start = 2;
  }
  if (is_file && file_start < parts.size()) {
    p.out.dialect = Dialect::hf_file;
    for (std::size_t i = file_start; i < parts.size(); ++i) {
      if (!p.out.path.empty()) p.out.path += '/';
      p.out.path += parts[i];
    }
    p.out.file_name = parts.back();
    // Folder names ("DeepSeek-R1-Q4_K_M/", "UD-IQ2_XXS/") repeat the file's words; the file decides.
    parse_file_stem(p, p.out.file_name);
  } else {
    p.out.dialect = hf_host ? Dialect::hf_reference : Dialect::hf_repo;
    if (!p.out.hf_repo.empty()) p.words(split(dots_to_dashes(parts[1]), '-'));
    for (std::size_t i = file_start; i < parts.size(); ++i) p.word(parts[i]);
  }
  if (!quant_tag.empty()) {
    p.out.dialect = Dialect::hf_reference;
    // A full file name also works as the tag (`…:DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf`).
    if (iends_with(quant_tag, ".gguf")) {
      p.out.file_name = quant_tag;
      parse_file_stem(p, quant_tag);
    } else if (const std::string q = canonical_quant(quant_tag); !q.empty()) {
      p.quant(quant_tag, q);
    } else {
      p.word(quant_tag);
    }
  }
}

void parse_ollama(Parser& p, const std::string& text) {
  p.out.dialect = Dialect::ollama;
  std::string name = text;
  std::string tag = "latest";
  if (const std::size_t colon = name.rfind(':'); colon != std::string::npos) {
    tag = name.substr(colon + 1);
    name.erase(colon);
  }
  std::vector<std::string> parts = split(name, '/');
  p.out.ollama_model = parts.back();
  if (parts.size() >= 2) p.out.ollama_namespace = parts[parts.size() - 2];
  if (parts.size() >= 3) p.out.registry = parts[0];
  p.out.ollama_tag = tag;
  if (iequals(p.out.ollama_model, "deepseek-r1")) {
    p.out.names_r1 = true;
  } else {
    p.word(p.out.ollama_model);
  }
  if (!iequals(tag, "latest")) p.words(split(tag, '-'));
}

// A bare tag starts with a size ("7b-qwen-distill-q4_K_M", "671b-0528-q8_0") or is "latest".
bool looks_like_bare_tag(const std::string& text) {
  if (iequals(text, "latest")) return true;
  const std::vector<std::string> words = split(text, '-');
  return is_size_token(words.front());
}

}  // namespace

ParsedTag parse_tag(std::string_view text) {
  // Surrounding whitespace comes from copy and paste; inner whitespace is never part of a name.
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  if (text.empty()) throw Error::bad_input("empty model name");
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x21 || u > 0x7e) {
      throw Error::bad_input("'" + std::string(text) + "' is not a model name: it contains a space or a control or non-ASCII character");
    }
  }
  Parser p;
  p.out.input = std::string(text);
  bool hf_host = false;
  const std::string body = strip_hf_url(text, hf_host);
  const bool has_slash = body.find('/') != std::string::npos;
  const bool has_gguf = lower(body).find(".gguf") != std::string::npos;
  const bool has_colon = body.find(':') != std::string::npos;
  if (hf_host || has_gguf || (has_slash && !has_colon && iends_with(split(body, '/').back(), "-gguf"))) {
    parse_hf(p, body, hf_host);
  } else if (has_colon || iequals(split(body, '/').back(), "deepseek-r1")) {
    parse_ollama(p, body);
  } else if (looks_like_bare_tag(body)) {
    parse_ollama(p, "deepseek-r1:" + body);
  } else if (has_slash) {
    parse_hf(p, body, false);
  } else {
    // A GGUF-style name without extension: "DeepSeek-R1-UD-IQ1_S", "DeepSeek-R1-Distill-Qwen-7B".
    p.out.dialect = Dialect::hf_file;
    p.out.file_name = body;
    parse_file_stem(p, body);
  }
  return p.out;
}

}  // namespace r1tag
