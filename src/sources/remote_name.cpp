#include <r1tag/sources/remote_name.hpp>

#include <r1tag/common/error.hpp>
#include <r1tag/names/tag_parser.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <vector>

namespace r1tag {

namespace {

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(sep, start);
    out.emplace_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

bool has_upper(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::isupper(c) != 0; });
}

bool ends_with_gguf(std::string_view s) {
  if (s.size() < 5) return false;
  std::string tail(s.substr(s.size() - 5));
  std::transform(tail.begin(), tail.end(), tail.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return tail == "-gguf";
}

bool valid_part(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.';
  });
}

Error not_a_name(std::string_view text) {
  return Error::bad_input(fmt::format("'{}' is not a name --remote can look up", text),
                          "use hf.co/owner/repo:QUANT, owner/repo:QUANT, a huggingface.co file URL, or an ollama name such as deepseek-r1:7b");
}

// "name:tag" -> {name, tag}; the tag is what follows the last ':' after the last '/'.
std::pair<std::string, std::string> take_tag(std::string_view text) {
  const std::size_t slash = text.rfind('/');
  const std::size_t colon = text.find(':', slash == std::string_view::npos ? 0 : slash);
  if (colon == std::string_view::npos) return {std::string(text), ""};
  return {std::string(text.substr(0, colon)), std::string(text.substr(colon + 1))};
}

RemoteName hub_name(std::string_view text, const std::vector<std::string>& parts, const std::string& tag) {
  // parts: owner, repo[, blob|resolve|tree, REV, path…]
  if (parts.size() < 2 || !valid_part(parts[0]) || !valid_part(parts[1])) throw not_a_name(text);
  RemoteName n;
  n.registry = Registry::huggingface;
  n.repo = parts[0] + "/" + parts[1];
  n.quant = tag;
  if (parts.size() == 2) return n;
  if (parts.size() < 4 || (parts[2] != "blob" && parts[2] != "resolve" && parts[2] != "tree")) throw not_a_name(text);
  n.revision = parts[3];
  std::string rest;
  for (std::size_t i = 4; i < parts.size(); ++i) rest += (i > 4 ? "/" : "") + parts[i];
  if (parts[2] == "tree") {
    if (!rest.empty() && n.quant.empty()) n.quant = rest.substr(rest.rfind('/') + 1);  // a quant's folder
  } else {
    if (rest.empty()) throw not_a_name(text);
    n.path = rest;
  }
  return n;
}

RemoteName ollama_name(std::string_view text, const std::vector<std::string>& parts, const std::string& tag) {
  RemoteName n;
  n.registry = Registry::ollama;
  if (parts.size() == 1) {
    n.model = parts[0];
  } else if (parts.size() == 2) {
    n.ns = parts[0];
    n.model = parts[1];
  } else {
    throw not_a_name(text);
  }
  if (!valid_part(n.ns) || !valid_part(n.model)) throw not_a_name(text);
  if (!tag.empty()) n.tag = tag;
  return n;
}

std::string strip_scheme(std::string_view text, bool& was_url) {
  for (const std::string_view scheme : {"https://", "http://"}) {
    if (text.starts_with(scheme)) {
      was_url = true;
      return std::string(text.substr(scheme.size()));
    }
  }
  return std::string(text);
}

}  // namespace

RemoteName parse_remote_name(std::string_view text) {
  if (text.empty() || text.find_first_of(" \t\n?#") != std::string_view::npos) throw not_a_name(text);
  bool was_url = false;
  std::string body = strip_scheme(text, was_url);
  if (body.starts_with("www.")) body.erase(0, 4);
  while (!body.empty() && body.back() == '/') body.pop_back();
  const auto [path, tag] = take_tag(body);
  std::vector<std::string> parts = split(path, '/');
  const std::string host = parts.front();
  if (host == "hf.co" || host == "huggingface.co") {
    parts.erase(parts.begin());
    return hub_name(text, parts, tag);
  }
  if (host == "registry.ollama.ai" || host == "ollama.com") {
    parts.erase(parts.begin());
    return ollama_name(text, parts, tag);
  }
  if (was_url || (host.find('.') != std::string::npos && parts.size() > 2)) throw not_a_name(text);
  if (parts.size() == 1) {
    RemoteName n = ollama_name(text, parts, tag);
    n.reason = "a name without an owner is an ollama library model";
    return n;
  }
  if (parts.size() != 2) return hub_name(text, parts, tag);
  // owner/repo[:TAG]: decide, and keep the other as the fallback.
  const bool quant_tag = !tag.empty() && !canonical_quant(tag).empty() && tag.find_first_of("0123456789") != std::string::npos &&
                         !(tag.size() >= 2 && (tag.back() == 'b' || tag.back() == 'B') && std::isdigit(static_cast<unsigned char>(tag[tag.size() - 2])));
  std::string reason;
  if (quant_tag) reason = fmt::format("the tag {} is a quant label", tag);
  else if (ends_with_gguf(parts[1])) reason = fmt::format("{} ends in -GGUF", parts[1]);
  else if (has_upper(path)) reason = "ollama names are lowercase";
  RemoteName n = reason.empty() ? ollama_name(text, parts, tag) : hub_name(text, parts, tag);
  if (reason.empty()) reason = "a lowercase owner/model with a size tag is an ollama name";
  n.reason = "read as " + std::string(n.registry == Registry::huggingface ? "Hugging Face" : "ollama registry") +
             ": " + reason;
  n.ambiguous = true;
  return n;
}

RemoteName other_registry(const RemoteName& name) {
  RemoteName n = name;
  n.ambiguous = false;
  if (name.registry == Registry::huggingface) {
    const auto slash = name.repo.find('/');
    n.registry = Registry::ollama;
    n.ns = name.repo.substr(0, slash);
    n.model = name.repo.substr(slash + 1);
    n.tag = name.quant.empty() ? "latest" : name.quant;
    n.reason = "read as ollama registry: Hugging Face has no such repository";
  } else {
    n.registry = Registry::huggingface;
    n.repo = name.ns + "/" + name.model;
    n.quant = name.tag == "latest" ? "" : name.tag;
    n.reason = "read as Hugging Face: the ollama registry has no such model";
  }
  return n;
}

std::string describe(const RemoteName& name) {
  if (name.registry == Registry::ollama)
    return fmt::format("registry.ollama.ai/{}/{}:{}", name.ns, name.model, name.tag);
  if (!name.path.empty()) return fmt::format("hf.co/{}/resolve/{}/{}", name.repo, name.revision, name.path);
  return fmt::format("hf.co/{}{}{}", name.repo, name.quant.empty() ? "" : ":", name.quant);
}

std::vector<std::string> llama_server_source(const RemoteName& name) {
  if (name.registry == Registry::ollama) return {};
  if (!name.path.empty()) return {"-hf", name.repo, "--hf-file", name.path};
  if (name.quant.empty()) return {"-hf", name.repo};
  std::string quant = name.quant;
  // Hub quant labels are upper case (Q4_K_M, UD-IQ1_S), as llama.cpp's own -hf examples spell them.
  std::transform(quant.begin(), quant.end(), quant.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return {"-hf", fmt::format("{}:{}", name.repo, quant)};
}

std::string ollama_run_name(const RemoteName& name) {
  if (name.registry != Registry::ollama) return {};
  return name.ns == "library" ? fmt::format("{}:{}", name.model, name.tag) : fmt::format("{}/{}:{}", name.ns, name.model, name.tag);
}

}  // namespace r1tag
