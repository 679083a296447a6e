#include <r1tag/tables/catalog.hpp>

#include "common/ascii.hpp"

#include <algorithm>

namespace r1tag {

using detail::iequals;

const HfFile* HfRepo::find_file(std::string_view scheme) const {
  const auto it = std::find_if(files.begin(), files.end(), [&](const HfFile& f) { return iequals(f.scheme, scheme); });
  return it == files.end() ? nullptr : &*it;
}

const GgmlType* Catalog::find_type(std::string_view name) const {
  const auto it = std::find_if(ggml_types.begin(), ggml_types.end(), [&](const GgmlType& t) { return t.name == name; });
  return it == ggml_types.end() ? nullptr : &*it;
}

const Model* Catalog::find_model(std::string_view id) const {
  const auto it = std::find_if(models.begin(), models.end(), [&](const Model& m) { return iequals(m.id, id); });
  return it == models.end() ? nullptr : &*it;
}

const QuantScheme* Catalog::find_scheme(std::string_view name) const {
  for (const QuantScheme& s : schemes)
    if (iequals(s.name, name)) return &s;
  for (const QuantScheme& s : schemes)
    for (const std::string_view alias : s.aliases)
      if (iequals(alias, name)) return &s;
  return nullptr;
}

const OllamaTag* Catalog::find_ollama_tag(std::string_view tag) const {
  for (const OllamaTag& t : ollama_tags)
    if (iequals(t.tag, tag)) return &t;
  for (const OllamaTag& t : ollama_tags)
    for (const std::string_view alias : t.aliases)
      if (iequals(alias, tag)) return &t;
  return nullptr;
}

const HfRepo* Catalog::find_repo(std::string_view repo) const {
  const auto it = std::find_if(hf_repos.begin(), hf_repos.end(), [&](const HfRepo& r) { return iequals(r.repo, repo); });
  return it == hf_repos.end() ? nullptr : &*it;
}

const OllamaTag* Catalog::find_ollama_tag_for(std::string_view model_id, std::string_view scheme) const {
  const auto it = std::find_if(ollama_tags.begin(), ollama_tags.end(), [&](const OllamaTag& t) {
    return t.model_id == model_id && t.scheme == scheme;
  });
  return it == ollama_tags.end() ? nullptr : &*it;
}

std::vector<const HfRepo*> Catalog::repos_for(std::string_view model_id) const {
  std::vector<const HfRepo*> out;
  for (const HfRepo& r : hf_repos)
    if (r.model_id == model_id) out.push_back(&r);
  return out;
}

namespace {
// "RTX 4090" and "rtx-4090" are the same device to a user.
std::string device_key(std::string_view name) {
  std::string key;
  for (const char c : name)
    if (c != ' ' && c != '-' && c != '_') key += detail::to_lower(c);
  return key;
}
}  // namespace

const Device* Catalog::find_device(std::string_view name) const {
  // The speed estimator names the default host exactly, once per variant placed.
  for (const Device& d : devices)
    if (d.name == name) return &d;
  const std::string want = device_key(name);
  for (const Device& d : devices)
    if (device_key(d.name) == want) return &d;
  for (const Device& d : devices)
    for (const std::string_view alias : d.aliases)
      if (device_key(alias) == want) return &d;
  // "Ryzen 9 7950X" names "AMD Ryzen 9 7950X (DDR5-5200 dual channel)" when it is the only such device.
  const Device* only = nullptr;
  for (const Device& d : devices) {
    if (want.size() < 4 || device_key(d.name).find(want) == std::string::npos) continue;
    if (only != nullptr) return nullptr;
    only = &d;
  }
  return only;
}

const DecodeEfficiency* SpeedCalibration::find_decode(std::string_view device_kind) const {
  for (const DecodeEfficiency& e : decode)
    if (e.device_kind == device_kind) return &e;
  return nullptr;
}

const PromptEfficiency* SpeedCalibration::find_prompt(std::string_view device_kind, std::string_view model_kind,
                                                      std::string_view compute_basis) const {
  for (const PromptEfficiency& e : prompt)
    if (e.device_kind == device_kind && e.model_kind == model_kind && e.compute_basis == compute_basis) return &e;
  return nullptr;
}

std::vector<std::string_view> Catalog::scheme_spellings() const {
  std::vector<std::string_view> out;
  for (const QuantScheme& s : schemes) {
    out.push_back(s.name);
    out.insert(out.end(), s.aliases.begin(), s.aliases.end());
  }
  return out;
}

}  // namespace r1tag
