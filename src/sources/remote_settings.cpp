#include <r1tag/sources/remote_settings.hpp>

#include <fstream>
#include <sstream>

namespace r1tag {

namespace {

std::string trimmed(std::string text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (!text.empty() && is_space(text.back())) text.pop_back();
  std::size_t start = 0;
  while (start < text.size() && is_space(text[start])) ++start;
  return text.substr(start);
}

std::string read_token_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return {};
  std::ostringstream text;
  text << in.rdbuf();
  return trimmed(text.str());
}

std::string without_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

std::filesystem::path cache_dir(const VariableLookup& variable) {
  if (const std::string_view xdg = variable("XDG_CACHE_HOME"); !xdg.empty()) return std::filesystem::path(xdg) / "r1tag";
  if (const std::string_view home = variable("HOME"); !home.empty()) return std::filesystem::path(home) / ".cache" / "r1tag";
  return {};
}

RemoteSettings remote_settings(const VariableLookup& variable) {
  RemoteSettings s;
  if (const std::string_view v = variable("HF_ENDPOINT"); !v.empty()) s.hf_endpoint = without_trailing_slash(std::string(v));
  if (const std::string_view v = variable("R1TAG_OLLAMA_REGISTRY"); !v.empty()) s.ollama_registry = without_trailing_slash(std::string(v));
  s.cache_dir = cache_dir(variable);
  if (const std::string_view v = variable("HF_TOKEN"); !v.empty()) {
    s.hf_token = trimmed(std::string(v));
    s.hf_token_source = "HF_TOKEN";
    return s;
  }
  std::vector<std::filesystem::path> files;
  if (const std::string_view v = variable("HF_TOKEN_PATH"); !v.empty()) files.emplace_back(v);
  if (const std::string_view v = variable("HF_HOME"); !v.empty()) files.push_back(std::filesystem::path(v) / "token");
  if (const std::string_view v = variable("HOME"); !v.empty()) files.push_back(std::filesystem::path(v) / ".cache" / "huggingface" / "token");
  for (const auto& file : files) {
    s.hf_token = read_token_file(file);
    if (!s.hf_token.empty()) {
      s.hf_token_source = file.string();
      break;
    }
  }
  return s;
}

}  // namespace r1tag
