#include <r1tag/sources/remote_settings.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>

namespace r1tag {
namespace {

VariableLookup from(const std::map<std::string, std::string, std::less<>>& vars) {
  return [vars](std::string_view name) -> std::string_view {
    const auto found = vars.find(name);
    return found == vars.end() ? std::string_view{} : std::string_view{found->second};
  };
}

}  // namespace

TEST_CASE("remote settings: endpoints and the cache folder from the environment", "[sources]") {
  const RemoteSettings defaults = remote_settings(from({}));
  CHECK(defaults.hf_endpoint == "https://huggingface.co");
  CHECK(defaults.ollama_registry == "https://registry.ollama.ai");
  CHECK(defaults.cache_dir.empty());
  const RemoteSettings s = remote_settings(from({{"HF_ENDPOINT", "https://hf-mirror.com/"}, {"R1TAG_OLLAMA_REGISTRY", "http://127.0.0.1:9/"},
                                                 {"HOME", "/home/u"}}));
  CHECK(s.hf_endpoint == "https://hf-mirror.com");
  CHECK(s.ollama_registry == "http://127.0.0.1:9");
  CHECK(s.cache_dir == std::filesystem::path("/home/u/.cache/r1tag"));
  CHECK(remote_settings(from({{"HOME", "/home/u"}, {"XDG_CACHE_HOME", "/c"}})).cache_dir == std::filesystem::path("/c/r1tag"));
}

TEST_CASE("remote settings: HF_TOKEN, else the token file huggingface_hub writes", "[sources]") {
  const auto home = std::filesystem::temp_directory_path() / "r1tag-settings-test";
  std::filesystem::remove_all(home);
  std::filesystem::create_directories(home / ".cache" / "huggingface");
  std::ofstream(home / ".cache" / "huggingface" / "token") << "hf_from_default_file\n";
  const std::string h = home.string();
  CHECK(remote_settings(from({{"HOME", h}, {"HF_TOKEN", "hf_env"}})).hf_token == "hf_env");
  const RemoteSettings file = remote_settings(from({{"HOME", h}}));
  CHECK(file.hf_token == "hf_from_default_file");
  CHECK(file.hf_token_source == (home / ".cache" / "huggingface" / "token").string());
  std::filesystem::create_directories(home / "hfhome");
  std::ofstream(home / "hfhome" / "token") << "  hf_from_hf_home  ";
  CHECK(remote_settings(from({{"HOME", h}, {"HF_HOME", (home / "hfhome").string()}})).hf_token == "hf_from_hf_home");
  CHECK(remote_settings(from({})).hf_token.empty());
  std::filesystem::remove_all(home);
}

}  // namespace r1tag
