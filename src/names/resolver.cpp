#include <r1tag/names/resolver.hpp>

#include <r1tag/common/error.hpp>
#include <r1tag/common/suggest.hpp>
#include <r1tag/names/tag_parser.hpp>

#include "common/ascii.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace r1tag {

using detail::iequals;
using detail::lower;

namespace {

// The words of a model id ("DeepSeek-R1-0528-Qwen3-8B") read with the same parser as user input,
// so matching compares like with like.
struct ModelWords {
  std::string base;
  std::string revision;
};

ModelWords model_words(const Model& m) {
  const ParsedTag words = parse_tag(m.id);
  return {words.base, words.revision};
}

double size_value(std::string_view label) {
  double scale = 1.0;
  if (!label.empty() && detail::to_lower(label.back()) == 't') scale = 1000.0;
  if (!label.empty() && detail::to_lower(label.back()) == 'm') scale = 0.001;
  return std::strtod(std::string(label).c_str(), nullptr) * scale;
}

std::string capitalised(const std::string& base) {
  if (base == "qwen") return "Qwen";
  if (base == "qwen3") return "Qwen3";
  if (base == "llama") return "Llama";
  return base;
}

// The size words the catalogue knows, in order of size.
std::vector<std::string_view> known_sizes(const Catalog& c) {
  std::vector<std::string_view> sizes;
  for (const Model& m : c.models)
    if (std::find(sizes.begin(), sizes.end(), m.size_label) == sizes.end()) sizes.push_back(m.size_label);
  std::sort(sizes.begin(), sizes.end(), [](const auto& a, const auto& b) { return size_value(a) < size_value(b); });
  return sizes;
}

std::string nearest_size(const Catalog& c, const std::string& label) {
  const double want = size_value(label);
  std::string best;
  double best_gap = 0;
  for (const std::string_view s : known_sizes(c)) {
    const double gap = std::fabs(std::log(size_value(s) / want));
    if (best.empty() || gap < best_gap) {
      best = s;
      best_gap = gap;
    }
  }
  return best;
}

// How ollama names a model's variant without the quant: "7b-qwen-distill", "8b-0528-qwen3", "671b".
std::string ollama_stem(const Model& m) {
  const ModelWords w = model_words(m);
  std::string stem(m.size_label);
  if (!w.revision.empty()) stem += "-" + w.revision;
  if (!w.base.empty()) stem += "-" + w.base;
  if (m.distilled() && w.revision.empty()) stem += "-distill";
  return stem;
}

// "7b is a Qwen distill; there is no 7b-llama-distill". A size may name several models (8b: the Llama
// distill and the 0528 Qwen3 distill); all are listed, and the hint is the one whose base is spelled
// most like the base the user wrote ("qwen" -> qwen3).
[[noreturn]] void throw_wrong_base(const ParsedTag& tag, const std::string& size, const std::vector<const Model*>& sized) {
  std::vector<std::string> what;
  std::vector<std::string> bases;
  for (const Model* m : sized) {
    const ModelWords w = model_words(*m);
    bases.push_back(w.base);
    const std::string it = w.base.empty() ? std::string("DeepSeek-R1 itself, not a distill")
                                           : fmt::format("{}{} distill", w.revision.empty() ? "a " : "the " + w.revision + " ", capitalised(w.base));
    // 671b is R1 and R1-0528: one description for both.
    if (std::find(what.begin(), what.end(), it) == what.end()) what.push_back(it);
  }
  std::size_t meant = 0;
  if (const auto best = closest_match(tag.base, {bases.begin(), bases.end()})) meant = static_cast<std::size_t>(std::find(bases.begin(), bases.end(), *best) - bases.begin());
  throw Error::bad_input(fmt::format("{} is {}; there is no {}-{}{}", size, fmt::join(what, " or "), size, tag.base, tag.distill ? "-distill" : ""),
                         fmt::format("did you mean {}?", ollama_stem(*sized[meant])));
}

const Model& match_model(const ParsedTag& tag, const Catalog& c) {
  std::string size = tag.size_label;
  if (size.empty() && !tag.expert_label.empty()) size = "671b";  // the only MoE of the family
  if (!size.empty() && std::none_of(c.models.begin(), c.models.end(), [&](const Model& m) { return m.size_label == size; })) {
    throw Error::bad_input(fmt::format("{} has no {}", c.ollama_library, size),
                           fmt::format("did you mean {}?", nearest_size(c, size)));
  }
  std::vector<const Model*> sized;
  for (const Model& m : c.models)
    if (size.empty() || m.size_label == size) sized.push_back(&m);

  // A model without a base word is R1 itself; a size alone ("7b") matches whichever model has it.
  std::vector<const Model*> matches;
  for (const Model* m : sized) {
    const ModelWords w = model_words(*m);
    const bool base_ok = tag.base.empty() ? (size.empty() ? w.base.empty() : true) : tag.base == w.base;
    if (base_ok && tag.revision == w.revision) matches.push_back(m);
  }
  if (matches.empty() && !tag.base.empty() && !size.empty()) throw_wrong_base(tag, size, sized);
  if (matches.empty() && !tag.revision.empty()) {
    throw Error::bad_input(fmt::format("no {} model has revision {}", size.empty() ? "DeepSeek-R1" : size, tag.revision),
                           "DeepSeek published the 0528 revision for 671b (R1-0528) and 8b (R1-0528-Qwen3-8B)");
  }
  if (matches.empty()) throw Error::bad_input(fmt::format("'{}' does not name a DeepSeek-R1 model", tag.input));
  return *matches.front();
}

// The dynamic quants r1tag knows, for the hint on an unknown "UD-…" name.
std::string dynamic_scheme_list(const Catalog& c) {
  std::vector<std::string_view> names;
  for (const QuantScheme& s : c.schemes)
    if (s.name.starts_with("UD-")) names.push_back(s.name);
  return fmt::format("{}", fmt::join(names, ", "));
}

const QuantScheme& match_scheme(const ParsedTag& tag, const Catalog& c) {
  if (const QuantScheme* s = c.find_scheme(tag.quant)) return *s;
  // unsloth's repositories name UD-Q4_K_XL files "Q4_K_XL" in ollama and llama.cpp references
  // ("hf.co/unsloth/DeepSeek-R1-0528-Qwen3-8B-GGUF:Q4_K_XL"); no other scheme has that name.
  if (const QuantScheme* s = c.find_scheme("UD-" + tag.quant); s != nullptr && tag.quant.rfind("UD-", 0) != 0) return *s;
  const std::string message = fmt::format("unknown quant '{}'", tag.quant_text);
  if (tag.quant.rfind("UD-", 0) == 0) {
    throw Error::bad_input(message, fmt::format("r1tag knows unsloth's dynamic quants {}", dynamic_scheme_list(c)));
  }
  std::string hint;
  if (const auto best = closest_match(tag.quant_text, c.scheme_spellings())) {
    hint = fmt::format("did you mean {}?", c.find_scheme(*best)->name);
  }
  throw Error::bad_input(message, hint);
}

std::string ollama_quant_list(const Catalog& c, const Model& m) {
  std::vector<std::string_view> quants;
  for (const OllamaTag& t : c.ollama_tags) {
    if (t.model_id != m.id) continue;
    quants.push_back(t.tag.substr(t.tag.rfind('-') + 1));
  }
  if (quants.empty()) return "none";
  std::string out;
  for (std::size_t i = 0; i < quants.size(); ++i) {
    if (i > 0) out += (i + 1 == quants.size()) ? " and " : ", ";
    out += quants[i];
  }
  return out;
}

// ollama pulls only the exact tags of the library. For anything else, find out which word is
// wrong (size, base, quant) so the error can say so, and suggest the tag that was probably meant.
[[noreturn]] void throw_no_such_tag(const ParsedTag& tag, const Catalog& c) {
  const std::string no_tag = fmt::format("{} has no tag '{}'", c.ollama_library, tag.ollama_tag);
  if (!tag.unplaced.empty()) {
    std::vector<std::string_view> all;
    for (const OllamaTag& t : c.ollama_tags) {
      all.push_back(t.tag);
      all.insert(all.end(), t.aliases.begin(), t.aliases.end());
    }
    const auto best = closest_match(tag.ollama_tag, all);
    throw Error::bad_input(no_tag, best ? fmt::format("did you mean {}?", *best)
                                        : "the tags are listed at ollama.com/library/deepseek-r1/tags");
  }
  const Model& model = match_model(tag, c);
  if (tag.quant.empty()) throw Error::bad_input(no_tag, fmt::format("did you mean {}-q4_K_M?", ollama_stem(model)));
  const QuantScheme& scheme = match_scheme(tag, c);
  if (const OllamaTag* meant = c.find_ollama_tag_for(model.id, scheme.name)) {
    throw Error::bad_input(no_tag, fmt::format("did you mean {}?", meant->tag));
  }
  throw Error::bad_input(fmt::format("{}:{} has no {} in the ollama library; it has {}", c.ollama_library,
                                     ollama_stem(model), tag.quant_text, ollama_quant_list(c, model)),
                         fmt::format("Hugging Face publishers may have it: r1tag explain {}-{}", model.id, scheme.name));
}

Variant resolve_ollama(const ParsedTag& tag, const Catalog& c) {
  if (tag.ollama_model.empty()) {
    throw Error::bad_input(fmt::format("'{}' has no model name before the ':'", tag.input),
                           fmt::format("did you mean {}:{}?", c.ollama_library, tag.ollama_tag));
  }
  if (!tag.names_r1) {
    std::string hint = fmt::format("r1tag explains the {} library, e.g. {}:7b", c.ollama_library, c.ollama_library);
    if (const auto best = closest_match(tag.ollama_model, {c.ollama_library})) hint = fmt::format("did you mean {}?", *best);
    throw Error::bad_input(fmt::format("unknown model '{}'", tag.ollama_model), hint);
  }
  Variant v;
  v.tag = tag;
  v.ollama_tag = c.find_ollama_tag(tag.ollama_tag);
  if (v.ollama_tag == nullptr) throw_no_such_tag(tag, c);
  v.model = c.find_model(v.ollama_tag->model_id);
  v.scheme = c.find_scheme(v.ollama_tag->scheme);
  if (v.ollama_tag->published) {
    v.published = PublishedFile{*v.ollama_tag->published, fmt::format("ollama {}:{}", c.ollama_library, v.ollama_tag->tag), 1};
  }
  return v;
}

std::string base_name(std::string_view path) { return std::string(path.substr(path.rfind('/') + 1)); }

// "DeepSeek-R1-UD-IQ1_S-00002-of-00003.gguf" -> "DeepSeek-R1-UD-IQ1_S-of-00003.gguf": every shard of a
// split file compares equal to the first, which is the one the catalogue lists.
std::string without_shard_index(std::string name) {
  const std::size_t of = name.rfind("-of-");
  if (of != std::string::npos && of >= 6 && name[of - 6] == '-') name.erase(of - 6, 6);
  return name;
}

// Hugging Face file names are case-sensitive, and publishers differ only in case: bartowski writes
// "…-f16.gguf", unsloth "…-F16.gguf", ggml-org all lower case. So a file name identifies a file only
// when it matches exactly.
bool same_file(const HfFile& f, const ParsedTag& tag) {
  if (tag.shard && tag.shard->kind == ShardKind::byte_part) return false;  // mradermacher parts are not these files
  return without_shard_index(base_name(f.path)) == without_shard_index(tag.file_name);
}

void attach(Variant& v, const HfRepo& repo, const HfFile& f) {
  v.file = &f;
  v.imatrix = v.imatrix || repo.imatrix;
  if (f.published) v.published = PublishedFile{*f.published, fmt::format("{}/{}", repo.repo, f.path), f.shards};
}

// The file a Hugging Face name points at, and its published size. A named repository is the only
// place looked in; one the catalogue does not know has no file here, because another publisher's
// file of the same quant can differ in size and imatrix. A bare file name is looked up among the
// repositories that publish a file of exactly that name.
void attach_hf_file(Variant& v, const Catalog& c) {
  if (v.scheme == nullptr) return;
  if (v.repo != nullptr) {
    // The importance matrix is the publisher's practice for the whole repository, so it also holds for a
    // file the catalogue does not list (bartowski's Llama-70B Q4_0: ffn_down of the first 10 layers Q4_1).
    v.imatrix = v.imatrix || v.repo->imatrix;
    if (const HfFile* f = v.repo->find_file(v.scheme->name)) attach(v, *v.repo, *f);
    return;
  }
  if (!v.tag.hf_repo.empty()) {
    v.notes.push_back(fmt::format("{} is not in r1tag's catalogue: no published size for its files", v.tag.hf_repo));
    return;
  }
  if (v.tag.file_name.empty()) return;
  std::vector<std::string_view> also;
  for (const HfRepo* repo : c.repos_for(v.model->id)) {
    const HfFile* f = repo->find_file(v.scheme->name);
    if (f == nullptr || !same_file(*f, v.tag)) continue;
    if (v.repo == nullptr) {
      v.repo = repo;
      attach(v, *repo, *f);
    } else {
      also.push_back(repo->repo);
    }
  }
  if (!also.empty()) {
    v.notes.push_back(fmt::format("{} also publish{} a file of this name", fmt::join(also, " and "), also.size() == 1 ? "es" : ""));
  }
}

Variant resolve_hf(const ParsedTag& tag, const Catalog& c) {
  Variant v;
  v.tag = tag;
  if (!tag.hf_repo.empty()) v.repo = c.find_repo(tag.hf_repo);
  if (v.repo != nullptr && tag.size_label.empty() && tag.base.empty() && !tag.names_r1) {
    v.model = c.find_model(v.repo->model_id);
  } else {
    // A size alone does not make a name R1: "Qwen2.5-7B-Instruct-Q4_K_M.gguf" is not the 7b distill.
    if (!tag.names_r1) {
      throw Error::bad_input(fmt::format("'{}' does not name a DeepSeek-R1 model", tag.input),
                             "r1tag explains the DeepSeek-R1 family: its distills and R1 itself");
    }
    v.model = &match_model(tag, c);
  }
  if (v.repo != nullptr && v.repo->model_id != v.model->id) {
    v.notes.push_back(fmt::format("{} publishes {}, but the file name says {}", v.repo->repo, v.repo->model_id, v.model->id));
  }
  if (!tag.quant.empty()) {
    v.scheme = &match_scheme(tag, c);
    if (!iequals(v.scheme->name, tag.quant) && std::none_of(v.scheme->aliases.begin(), v.scheme->aliases.end(), [&](std::string_view a) { return iequals(a, tag.quant); })) {
      v.notes.push_back(fmt::format("{} is unsloth's name for its dynamic quant {}", tag.quant_text, v.scheme->name));
    }
  } else if (tag.dialect == Dialect::hf_reference) {
    // ollama's rule for hf.co names without a tag: Q4_K_M if the repository has it.
    v.scheme = c.find_scheme("Q4_K_M");
    v.notes.push_back("no quant given: ollama and llama.cpp pick Q4_K_M when the repository has it");
  }
  v.imatrix = tag.imatrix_marker;
  attach_hf_file(v, c);
  if (v.scheme != nullptr) v.ollama_tag = c.find_ollama_tag_for(v.model->id, v.scheme->name);
  return v;
}

}  // namespace

Variant resolve(const ParsedTag& tag, const Catalog& catalog) {
  // R1-Zero's names parse as R1's with one word left over; explained as R1 they would get R1's scores.
  const auto is_zero = [](const std::string& word) { return iequals(word, "zero"); };
  if (tag.names_r1 && std::any_of(tag.unplaced.begin(), tag.unplaced.end(), is_zero)) {
    throw Error::bad_input(
        "DeepSeek-R1-Zero is not in r1tag's catalogue: it is R1's reinforcement-learning-only precursor, with its "
        "own weights and scores",
        "r1tag explains DeepSeek-R1 itself (also 671B with 37B active, built on DeepSeek-V3-Base), e.g. r1tag explain "
        "DeepSeek-R1-Q4_K_M");
  }
  Variant v = tag.dialect == Dialect::ollama ? resolve_ollama(tag, catalog) : resolve_hf(tag, catalog);
  for (const std::string& word : tag.unplaced) {
    v.notes.push_back(fmt::format("could not place '{}' in the name: a fine-tune or re-upload may differ from the "
                                  "original weights these figures describe",
                                  word));
  }
  return v;
}

}  // namespace r1tag
