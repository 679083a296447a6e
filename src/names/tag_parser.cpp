#include <r1tag/names/tag_parser.hpp>

#include <r1tag/common/error.hpp>

#include <fmt/format.h>

#include "common/ascii.hpp"
#include "names/tag_words.hpp"

#include <algorithm>
#include <cctype>

namespace r1tag {

using detail::iends_with;
using detail::iequals;
using detail::istarts_with;
using detail::lower;
using detail::is_size_token;
using detail::parse_file_stem;
using detail::split;
using detail::TagWords;

const char* to_string(Dialect d) {
  switch (d) {
    case Dialect::ollama: return "ollama";
    case Dialect::hf_file: return "hf_file";
    case Dialect::hf_repo: return "hf_repo";
    case Dialect::hf_reference: return "hf_reference";
    case Dialect::file: return "file";
  }
  return "unknown";
}

namespace {

// Folders in a path ("DeepSeek-R1-Q4_K_M/", "UD-IQ2_XXS/", "BF16/") normally repeat the file's own
// words; the file decides. A folder that names R1 or a quant is still read, so a word of it that the file
// does not repeat, or a quant that contradicts the file's, is reported rather than dropped. Other
// folders ("models/", "/data/") only say where the file lies and stay in ParsedTag::path.
void check_folders(TagWords& p, const std::vector<std::string>& folders);

// Where a Hugging Face name came from: a bare "hf.co/owner/repo:quant" is a reference as ollama and
// llama.cpp take it (a missing quant means their default); a web address with a scheme is a page or
// file of the hub, so a repository address names the repository, not a default file.
struct HfName {
  std::string body;      // "owner/repo/path" with host, verb and revision removed
  bool hf_host = false;  // hf.co/, huggingface.co/ or hf: was given
  bool web_url = false;  // http:// or https:// was given
};

// "https://huggingface.co/owner/repo/blob/main/file.gguf?download=true" -> "owner/repo/file.gguf".
// node-llama-cpp's "hf:owner/repo:quant" is the same reference.
HfName strip_hf_url(std::string_view s) {
  HfName out;
  for (const std::string_view scheme : {"https://", "http://"}) {
    if (istarts_with(s, scheme)) {
      s.remove_prefix(scheme.size());
      out.web_url = true;
    }
  }
  for (const std::string_view host : {"hf.co/", "huggingface.co/", "www.huggingface.co/", "hf:"}) {
    if (istarts_with(s, host)) {
      s.remove_prefix(host.size());
      out.hf_host = true;
    }
  }
  // A query or fragment ("?download=true") belongs to the URL, not to the name.
  if (out.hf_host) s = s.substr(0, s.find_first_of("?#"));
  std::vector<std::string> parts = split(s, '/');
  if (parts.size() >= 4 && (parts[2] == "blob" || parts[2] == "resolve" || parts[2] == "tree")) {
    parts.erase(parts.begin() + 2, parts.begin() + 4);  // the verb and the revision
  }
  for (std::size_t i = 0; i < parts.size(); ++i) out.body += (i > 0 ? "/" : "") + parts[i];
  return out;
}

bool is_gguf_file(std::string_view name) {
  return iends_with(name, ".gguf") || lower(name).find(".gguf.part") != std::string::npos;
}

// "owner/repo/…": the first component is a Hugging Face owner unless it is a folder named after a
// repository ("DeepSeek-R1-GGUF/…", as `huggingface-cli download --local-dir` leaves it). A file
// needs owner, repository and its own name; "owner/file.gguf" names no repository.
bool starts_with_owner(const std::vector<std::string>& parts, bool is_file) {
  const std::size_t needed = is_file ? 3 : 2;
  return parts.size() >= needed && !parts[0].empty() && !iends_with(parts[0], "-gguf");
}

// The text after the last ':' of an hf reference, unless that ':' is inside the path.
std::string take_tag(std::string& body) {
  const std::size_t colon = body.rfind(':');
  if (colon == std::string::npos || body.find('/', colon) != std::string::npos) return {};
  std::string tag = body.substr(colon + 1);
  body.erase(colon);
  return tag;
}

void parse_hf_tag(TagWords& p, const std::string& tag) {
  p.out.dialect = Dialect::hf_reference;
  // ollama fills an empty or "latest" tag with its default: Q4_K_M if the repository has it.
  if (tag.empty() || iequals(tag, "latest")) return;
  if (is_gguf_file(tag)) {  // a full file name also works as the tag
    p.out.file_name = tag;
    parse_file_stem(p, tag);
  } else if (const std::string q = canonical_quant(tag); !q.empty()) {
    // The tag is the file's quant, even when the repository name carries one ("…-Q8_0-GGUF:Q8_0").
    p.out.quant_text = tag;
    p.out.quant = q;
  } else {
    p.word(tag);
  }
}

void parse_hf(TagWords& p, const std::string& text, bool hf_host, bool web_url) {
  std::string body = text;
  const std::string tag = take_tag(body);
  const bool has_tag = body.size() != text.size();
  const std::vector<std::string> parts = split(body, '/');
  const bool is_file = is_gguf_file(parts.back());
  std::size_t file_start = 0;
  if (starts_with_owner(parts, is_file)) {
    p.out.hf_repo = parts[0] + "/" + parts[1];
    file_start = 2;
  }
  if (is_file) {
    p.out.dialect = Dialect::hf_file;
    for (std::size_t i = file_start; i < parts.size(); ++i) p.out.path += (i > file_start ? "/" : "") + parts[i];
    p.out.file_name = parts.back();
    parse_file_stem(p, p.out.file_name);
    check_folders(p, std::vector<std::string>(parts.begin() + static_cast<std::ptrdiff_t>(file_start), parts.end() - 1));
  } else {
    p.out.dialect = hf_host && !web_url ? Dialect::hf_reference : Dialect::hf_repo;
    if (!p.out.hf_repo.empty()) parse_file_stem(p, parts[1]);
    // A folder inside the repository ("…/tree/main/DeepSeek-R1-UD-IQ1_S") names the quant's files.
    for (std::size_t i = file_start; i < parts.size(); ++i) parse_file_stem(p, parts[i]);
  }
  if (has_tag) parse_hf_tag(p, tag);
}

void check_folders(TagWords& p, const std::vector<std::string>& folders) {
  for (const std::string& folder : folders) {
    TagWords scratch;
    parse_file_stem(scratch, folder);
    const ParsedTag& f = scratch.out;
    if (!f.names_r1 && f.quant.empty()) continue;
    for (const std::string& w : f.unplaced) {
      const bool known = std::any_of(p.out.unplaced.begin(), p.out.unplaced.end(), [&](const std::string& u) { return iequals(u, w); });
      if (!known) p.word(w);
    }
    if (f.quant.empty()) continue;
    if (p.out.quant.empty()) {
      // "Q4_K_M/model-00001-of-00009.gguf": only the folder says which quant the shards hold.
      p.out.quant_text = f.quant_text;
      p.out.quant = f.quant;
    } else if (f.quant != p.out.quant) {
      p.word(folder);  // the folder and the file disagree about the quant
    }
  }
}

// A path on the user's disk: "/data/…", "./…", "~/…", "C:\models\…". Only the file name and the
// folders that name R1 are read; a local folder never names a Hugging Face repository.
bool looks_like_local_path(std::string_view s) {
  if (s.find('\\') != std::string_view::npos) return true;
  if (s.front() == '/' || s.front() == '~' || s.front() == '.') return true;
  return s.size() >= 3 && std::isalpha(static_cast<unsigned char>(s[0])) && s[1] == ':' && (s[2] == '/' || s[2] == '\\');
}

void parse_local_path(TagWords& p, std::string_view text) {
  std::string path(text);
  std::replace(path.begin(), path.end(), '\\', '/');
  p.out.dialect = Dialect::hf_file;
  p.out.path = path;
  std::vector<std::string> parts = split(path, '/');
  while (parts.size() > 1 && parts.back().empty()) parts.pop_back();  // "…/DeepSeek-R1-UD-IQ1_S/"
  p.out.file_name = parts.back();
  parse_file_stem(p, p.out.file_name);
  parts.pop_back();
  check_folders(p, parts);
}

void parse_ollama(TagWords& p, const std::string& text) {
  p.out.dialect = Dialect::ollama;
  std::string name = text;
  std::string tag = take_tag(name);
  // ollama fills an empty tag ("deepseek-r1:") with its default, as it does a missing one.
  if (tag.empty()) tag = "latest";
  std::vector<std::string> parts = split(name, '/');
  const std::size_t n = parts.size();
  p.out.ollama_model = parts.back();
  if (n >= 2) p.out.ollama_namespace = parts[n - 2];
  if (n >= 3) p.out.registry = parts[n - 3];
  for (std::size_t i = 0; i + 3 < n; ++i) p.word(parts[i]);  // more path than registry/namespace/model
  p.out.ollama_tag = tag;
  if (iequals(p.out.ollama_model, "deepseek-r1")) {
    p.out.names_r1 = true;
  } else if (!p.out.ollama_model.empty()) {
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

// ollama's own store keeps a tag's manifest at "…/manifests/registry.ollama.ai/library/deepseek-r1/8b":
// the path is the name, with '/' where the ':' would be.
bool is_ollama_manifest_path(const std::vector<std::string>& parts) {
  return parts.size() >= 2 && iequals(parts[parts.size() - 2], "deepseek-r1") && !parts.back().empty();
}

std::string manifest_path_to_name(const std::vector<std::string>& parts) {
  const std::size_t n = parts.size();
  std::string name;
  for (std::size_t i = n >= 4 ? n - 4 : 0; i + 1 < n; ++i) name += (name.empty() ? "" : "/") + parts[i];
  return name + ":" + parts.back();
}

// "registry.ollama.ai/library/deepseek-r1:8b" or "unsloth/DeepSeek-R1-0528-GGUF:UD-Q4_K_XL" (llama.cpp -hf).
bool names_hf_repo_with_tag(const std::string& body) {
  std::string name = body;
  take_tag(name);
  return name.size() != body.size() && name.find('/') != std::string::npos && iends_with(name, "-gguf");
}

void route(TagWords& p, const HfName& name) {
  const std::string& body = name.body;
  const bool hf_host = name.hf_host;
  const std::vector<std::string> parts = split(body, '/');
  const bool has_slash = parts.size() > 1;
  const bool has_gguf = lower(body).find(".gguf") != std::string::npos;
  const bool has_colon = body.find(':') != std::string::npos;
  if (hf_host || has_gguf || names_hf_repo_with_tag(body) || (has_slash && !has_colon && iends_with(parts.back(), "-gguf"))) {
    parse_hf(p, body, hf_host, name.web_url);
  } else if (has_colon || iequals(parts.back(), "deepseek-r1")) {
    parse_ollama(p, body);
  } else if (is_ollama_manifest_path(parts)) {
    parse_ollama(p, manifest_path_to_name(parts));
  } else if (looks_like_bare_tag(body)) {
    parse_ollama(p, "deepseek-r1:" + body);
  } else if (has_slash) {
    parse_hf(p, body, false, name.web_url);
  } else {
    // A GGUF-style name without extension ("DeepSeek-R1-UD-IQ1_S") or a repository name without its
    // owner ("DeepSeek-R1-Distill-Qwen-7B-GGUF").
    p.out.dialect = iends_with(body, "-gguf") ? Dialect::hf_repo : Dialect::hf_file;
    if (p.out.dialect == Dialect::hf_file) p.out.file_name = body;
    parse_file_stem(p, body);
  }
}

// Names are ASCII without spaces. The message shows the input with anything unprintable escaped, so
// that neither a terminal nor a JSON document receives raw control or invalid UTF-8 bytes.
void check_characters(std::string_view text) {
  std::string shown;
  std::string problem;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto u = static_cast<unsigned char>(text[i]);
    if (u >= 0x21 && u <= 0x7e) {
      shown += text[i];
      continue;
    }
    shown += u == ' ' ? std::string(" ") : fmt::format("\\x{:02x}", u);
    if (problem.empty()) {
      const char* what = u == ' ' ? "a space" : u < 0x80 ? "a control character" : "a non-ASCII character";
      problem = fmt::format("{} at position {}", what, i + 1);
    }
  }
  if (problem.empty()) return;
  throw Error::bad_input(fmt::format("'{}' is not a model name: it contains {}", shown, problem),
                         "model names are ASCII without spaces; give one name per argument, e.g. deepseek-r1:7b");
}

}  // namespace

ParsedTag parse_tag(std::string_view text) {
  // Surrounding whitespace comes from copy and paste; inner whitespace is never part of a name.
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  if (text.empty()) throw Error::bad_input("empty model name", "give a name such as deepseek-r1:7b");
  check_characters(text);
  TagWords p;
  p.out.input = std::string(text);
  if (looks_like_local_path(text) && !is_ollama_manifest_path(split(text, '/'))) {
    parse_local_path(p, text);
    return p.out;
  }
  route(p, strip_hf_url(text));
  return p.out;
}

}  // namespace r1tag
