#include <r1tag/advice/file_explanation.hpp>

#include <r1tag/common/error.hpp>
#include <r1tag/gguf/file_size.hpp>
#include <r1tag/gguf/layer_weights.hpp>
#include <r1tag/gguf/tensor_inventory.hpp>
#include <r1tag/sources/split_set.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <unordered_map>

namespace r1tag {

namespace {

// The architectures r1tag's tensor inventory and memory engine model (tensor_inventory.cpp).
constexpr std::string_view modelled_architectures[] = {"qwen2", "llama", "qwen3", "deepseek2"};
// Far above any published model (DeepSeek-R1: 61 blocks): r1tag keeps a few numbers per block, and a
// hostile block_count of 2^32 must not make it allocate gigabytes.
constexpr std::uint64_t max_block_count = 65536;
// GGUF's fixed header: magic, version, tensor count, key/value count (ggml docs/gguf.md).
constexpr std::uint64_t fixed_header_bytes = 4 + 4 + 8 + 8;

[[noreturn]] void fail(const FileOrigin& origin, std::string_view what) {
  throw Error(ExitCode::bad_file, fmt::format("{}: {}", origin.display_name, what));
}

// Lower-case letters and digits only: "DeepSeek R1 Distill Qwen 7B" and "DeepSeek-R1-Distill-Qwen-7B"
// compare equal.
std::string folded(std::string_view text) {
  std::string out;
  for (const char c : text)
    if (std::isalnum(static_cast<unsigned char>(c))) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

// "blk.12.attn_q.weight" -> 12; -1 outside the blocks.
int block_of(std::string_view name) {
  if (!name.starts_with("blk.")) return -1;
  int block = 0;
  std::size_t i = 4;
  if (i >= name.size() || !std::isdigit(static_cast<unsigned char>(name[i]))) return -1;
  for (; i < name.size() && std::isdigit(static_cast<unsigned char>(name[i])) && block < 1'000'000; ++i)
    block = block * 10 + (name[i] - '0');
  return block;
}

// The split keys of every part agree with the parts given (llama.cpp gguf-split: split.no, split.count).
void check_parts(const std::vector<GgufHeader>& headers, const std::vector<std::uint64_t>& part_bytes,
                 const FileOrigin& origin) {
  if (headers.empty()) fail(origin, "no GGUF parts to explain");
  if (headers.size() != part_bytes.size()) fail(origin, "a part's size is missing");
  const auto count = headers.front().uint("split.count");
  if (count && *count > 1 && *count != headers.size())
    fail(origin, fmt::format("the header says the model is split in {} parts, {} {} found", *count, headers.size(),
                             headers.size() == 1 ? "was" : "were"));
  for (std::size_t i = 0; i < headers.size(); ++i) {
    const auto no = headers[i].uint("split.no");
    if (headers.size() > 1 && no && *no != i)
      fail(origin, fmt::format("{}: split.no is {}, expected {} for part {} of {}", headers[i].source_name, *no, i,
                               i + 1, headers.size()));
  }
}

std::uint32_t u32_or(const GgufHeader& h, std::string_view suffix, std::uint64_t fallback) {
  const auto v = h.arch_uint(suffix);
  return static_cast<std::uint32_t>(std::min<std::uint64_t>(v.value_or(fallback), 0xffffffffu));
}

bool has_tensor(const std::vector<PlannedTensor>& tensors, std::string_view name) {
  return std::any_of(tensors.begin(), tensors.end(), [&](const PlannedTensor& t) { return t.tensor.name == name; });
}

// The hyperparameters named like the catalogue's (Hyperparameters), from the GGUF keys and the tensors.
Hyperparameters hyperparameters_of(const GgufHeader& h, const std::vector<PlannedTensor>& tensors) {
  Hyperparameters p;
  p.block_count = u32_or(h, "block_count", 0);
  p.context_length = u32_or(h, "context_length", 0);
  p.embedding_length = u32_or(h, "embedding_length", 0);
  p.feed_forward_length = u32_or(h, "feed_forward_length", 0);
  p.head_count = u32_or(h, "attention.head_count", 0);
  p.head_count_kv = u32_or(h, "attention.head_count_kv", p.head_count);
  const std::uint32_t head_size = p.head_count > 0 ? p.embedding_length / p.head_count : 0;
  p.key_length = u32_or(h, "attention.key_length", head_size);
  p.value_length = u32_or(h, "attention.value_length", head_size);
  if (const GgufArray* tokens = h.array("tokenizer.ggml.tokens")) p.vocab_size = static_cast<std::uint32_t>(tokens->length);
  for (const PlannedTensor& t : tensors)
    if (t.tensor.name == "token_embd.weight") p.vocab_size = static_cast<std::uint32_t>(t.tensor.ne[1]);
  p.tied_embeddings = !has_tensor(tensors, "output.weight");
  p.attention_bias = has_tensor(tensors, "blk.0.attn_q.bias");
  p.qk_norm = has_tensor(tensors, "blk.0.attn_q_norm.weight");
  p.rope_freqs_tensor = has_tensor(tensors, "rope_freqs.weight");
  p.expert_count = u32_or(h, "expert_count", 0);
  p.expert_used_count = u32_or(h, "expert_used_count", 0);
  p.expert_shared_count = u32_or(h, "expert_shared_count", 0);
  p.expert_feed_forward_length = u32_or(h, "expert_feed_forward_length", 0);
  p.leading_dense_block_count = u32_or(h, "leading_dense_block_count", 0);
  p.q_lora_rank = u32_or(h, "attention.q_lora_rank", 0);
  p.kv_lora_rank = u32_or(h, "attention.kv_lora_rank", 0);
  p.rope_dimension_count = u32_or(h, "rope.dimension_count", 0);
  if (h.architecture() == "deepseek2") {
    // The catalogue keeps the per-head K/V lengths in key_length/value_length and the MLA cache widths in
    // *_mla; llama.cpp's MLA conversion (PR #12801) writes them the other way round.
    if (const auto mla_k = h.arch_uint("attention.key_length_mla")) {
      p.key_length_mla = p.key_length;
      p.value_length_mla = p.value_length;
      p.key_length = static_cast<std::uint32_t>(*mla_k);
      p.value_length = u32_or(h, "attention.value_length_mla", p.value_length);
    } else {
      p.key_length_mla = p.kv_lora_rank + p.rope_dimension_count;
      p.value_length_mla = p.kv_lora_rank;
    }
  }
  return p;
}

// The shapes that identify a model when its header names none.
bool same_shapes(const Hyperparameters& a, const Hyperparameters& b) {
  return a.block_count == b.block_count && a.embedding_length == b.embedding_length && a.vocab_size == b.vocab_size &&
         a.expert_count == b.expert_count;
}

// What the header's names say: a catalogue model named by general.name, or by basename and size label.
const Model* named_model(const FileFacts& f, const Catalog& catalog, std::string& by) {
  for (const Model& m : catalog.models) {
    const std::string id = folded(m.id);
    if (!f.general_name.empty() && folded(f.general_name) == id) {
      by = "general.name";
      return &m;
    }
    if (!f.basename.empty() && folded(f.basename + f.size_label) == id) {
      by = "general.basename and general.size_label";
      return &m;
    }
  }
  return nullptr;
}

const Model* recognise(FileFacts& f, const Hyperparameters& hp, const Catalog& catalog) {
  std::string by;
  const Model* named = named_model(f, catalog, by);
  if (named != nullptr && named->architecture == f.architecture && same_shapes(named->hparams, hp)) {
    f.recognised_by = by;
    return named;
  }
  if (named != nullptr) {
    f.differences.push_back(fmt::format("the header names {}, but its shapes differ from that model's ({} blocks of {}, "
                                        "vocabulary {}): explained from the header alone",
                                        named->id, hp.block_count, hp.embedding_length, hp.vocab_size));
    return nullptr;
  }
  // A header that names its model names another one: the shapes alone do not make it an R1 model.
  if (!f.general_name.empty() || !f.basename.empty()) return nullptr;
  for (const Model& m : catalog.models) {
    if (m.architecture == f.architecture && same_shapes(m.hparams, hp)) {
      f.recognised_by = "shapes (architecture, block count, embedding length, vocabulary; the header names no model)";
      return &m;
    }
  }
  return nullptr;
}

// llama.cpp's "7.62 B" (llama_model_print_info: params / 1e9 with two decimals, or M below a billion).
std::string printed_parameters(std::uint64_t parameters) {
  if (parameters >= 1'000'000'000) return fmt::format("{:.2f} B", static_cast<double>(parameters) / 1e9);
  return fmt::format("{:.2f} M", static_cast<double>(parameters) / 1e6);
}

// The text a header model's string_views point into; lives as long as any copy of the explanation.
struct HeaderModel {
  std::string id, architecture, size_label, base_model, parameters_printed;
  Model model;
};

std::shared_ptr<const Model> header_model(const FileFacts& f, const GgufHeader& h, const Hyperparameters& hp,
                                          std::uint64_t parameters) {
  auto owner = std::make_shared<HeaderModel>();
  owner->id = !f.general_name.empty() ? f.general_name
              : !f.basename.empty() ? f.basename + (f.size_label.empty() ? "" : "-" + f.size_label)
                                    : f.origin.display_name;
  owner->architecture = f.architecture;
  owner->size_label = f.size_label;
  owner->base_model = std::string(h.string("general.base_model.0.name").value_or(""));
  owner->parameters_printed = printed_parameters(parameters);
  owner->model.id = owner->id;
  owner->model.architecture = owner->architecture;
  owner->model.size_label = owner->size_label;
  owner->model.base_model = owner->base_model;
  owner->model.parameters_printed = owner->parameters_printed;
  owner->model.hparams = hp;
  owner->model.source = "the file's GGUF header";
  return std::shared_ptr<const Model>(owner, &owner->model);
}

std::vector<PlannedTensor> planned_tensors(const std::vector<GgufHeader>& headers, const Catalog& catalog,
                                           const FileOrigin& origin) {
  std::vector<PlannedTensor> out;
  std::size_t count = 0;
  for (const GgufHeader& h : headers) count += h.tensors.size();
  out.reserve(count);
  for (const GgufHeader& h : headers) {
    for (const GgufTensorInfo& t : h.tensors) {
      PlannedTensor p;
      p.tensor.name = t.name;
      p.tensor.ne = t.ne;
      p.tensor.n_dims = t.n_dims;
      p.tensor.layer = block_of(t.name);
      p.type = catalog.find_type(t.type_name);
      p.bytes = t.bytes;
      out.push_back(std::move(p));
    }
  }
  if (headers.size() > 1) {
    std::vector<std::string_view> names;
    names.reserve(out.size());
    for (const PlannedTensor& t : out) names.push_back(t.tensor.name);
    std::sort(names.begin(), names.end());
    if (const auto dup = std::adjacent_find(names.begin(), names.end()); dup != names.end())
      fail(origin, fmt::format("tensor '{}' is in two parts of the split set", *dup));
  }
  return out;
}

std::vector<TypeTotal> histogram_of(const std::vector<PlannedTensor>& tensors) {
  std::map<std::string_view, TypeTotal> by_type;
  for (const PlannedTensor& t : tensors) {
    TypeTotal& row = by_type[t.type->name];
    row.type = std::string(t.type->name);
    ++row.tensor_count;
    row.elements += t.tensor.elements();
    row.bytes += t.bytes;
  }
  std::vector<TypeTotal> out;
  for (auto& [name, row] : by_type) out.push_back(std::move(row));
  std::stable_sort(out.begin(), out.end(), [](const TypeTotal& a, const TypeTotal& b) { return a.bytes > b.bytes; });
  return out;
}

// The file as a FileSize: its real tensors, exact metadata and its size on disk.
std::shared_ptr<const FileSize> file_size_of(const std::vector<GgufHeader>& headers,
                                             const std::vector<std::uint64_t>& part_bytes,
                                             std::vector<PlannedTensor> tensors, const Model& model,
                                             const FileOrigin& origin) {
  auto f = std::make_shared<FileSize>();
  for (const PlannedTensor& t : tensors) {
    f->tensor_bytes += t.bytes;
    f->parameters += t.tensor.elements();
  }
  f->tensor_count = tensors.size();
  for (const GgufHeader& h : headers) {
    f->header_bytes += fixed_header_bytes;
    f->kv_bytes += h.tensor_infos_offset - fixed_header_bytes;
    f->tensor_info_bytes += h.header_bytes - h.tensor_infos_offset;
    f->metadata_bytes += h.header_bytes;
  }
  for (const std::uint64_t bytes : part_bytes) f->total_bytes += bytes;
  f->padding_bytes = f->total_bytes - std::min(f->total_bytes, f->metadata_bytes + f->tensor_bytes);
  f->bits_per_weight = f->parameters > 0 ? static_cast<double>(f->tensor_bytes) * 8.0 / static_cast<double>(f->parameters) : 0;
  f->histogram = histogram_of(tensors);
  f->metadata_basis = "exact: read from the file's GGUF header";
  try {
    f->layers = layer_weights(model, tensors);
  } catch (const Error& e) {
    fail(origin, e.what());
  }
  f->tensors = std::move(tensors);
  return f;
}

// The catalogue scheme a general.file_type (llama_ftype) stands for: llama-quantize's own scheme, not a
// publisher's variant or a custom mix sharing its ftype.
const QuantScheme* scheme_of(std::uint32_t file_type, const Catalog& catalog) {
  const QuantScheme* fallback = nullptr;
  for (const QuantScheme& s : catalog.schemes) {
    if (!s.ftype_id || *s.ftype_id != file_type) continue;
    if (!s.custom_mix && s.kind != "publisher-variant") return &s;
    if (fallback == nullptr) fallback = &s;
  }
  return fallback;
}

KvLayout layout_of(const std::vector<PlannedTensor>& tensors, std::string_view architecture) {
  if (architecture != "deepseek2") return KvLayout::standard;
  return has_tensor(tensors, "blk.0.attn_k_b.weight") ? KvLayout::deepseek_mla : KvLayout::deepseek_legacy;
}

// Where the file's tensors differ from what llama-quantize's rules give the recognised model at its
// scheme: another publisher's mix, forced output types, a custom mix.
void note_differences(Explanation& e, const Catalog& catalog) {
  FileFacts& f = *e.file;
  const Variant& v = e.variant;
  if (f.recognised_by.empty() || v.scheme == nullptr || v.scheme->custom_mix) return;
  QuantOptions options;
  options.imatrix = v.imatrix;
  const auto plan = compute_file_size(*v.model, *v.scheme, catalog, options, e.kv_layout);
  if (!plan) return;
  std::unordered_map<std::string_view, const PlannedTensor*> predicted;
  for (const PlannedTensor& t : plan->tensors) predicted.emplace(t.tensor.name, &t);
  std::size_t differing = 0;
  std::size_t absent = 0;
  std::vector<std::string> examples;
  for (const PlannedTensor& t : e.computed->tensors) {
    const auto it = predicted.find(t.tensor.name);
    if (it == predicted.end()) {
      ++absent;
      continue;
    }
    if (it->second->type != nullptr && it->second->type->name != t.type->name) {
      ++differing;
      if (examples.size() < 3)
        examples.push_back(fmt::format("{} is {} (rules: {})", t.tensor.name, t.type->name, it->second->type->name));
    }
  }
  if (differing > 0)
    f.differences.push_back(fmt::format(
        "{} of {} tensors have another type than llama-quantize's {} rules give ({}): another publisher's mix or a "
        "custom mix",
        differing, e.computed->tensors.size(), v.scheme->name, fmt::join(examples, "; ")));
  if (absent > 0 || plan->tensors.size() != e.computed->tensors.size())
    f.differences.push_back(fmt::format("the file has {} tensors, {} not in the catalogue's inventory of {} ({})",
                                        e.computed->tensors.size(), absent, v.model->id, plan->tensors.size()));
  // The metadata is only estimated by the catalogue; only a difference in tensor data is the file's own.
  if (plan->tensor_bytes != e.computed->tensor_bytes)
    f.differences.push_back(fmt::format("{} bytes of tensor data; the catalogue's rules give {} for {} at {} ({:+} bytes)",
                                        e.computed->tensor_bytes, plan->tensor_bytes, v.model->id, v.scheme->name,
                                        static_cast<std::int64_t>(e.computed->tensor_bytes) -
                                            static_cast<std::int64_t>(plan->tensor_bytes)));
}

// The memory engine needs the attention shape; a header without it gets exact weights and says so.
void note_memory_gaps(FileFacts& f, const Hyperparameters& hp) {
  if (!f.memory_modelled) return;
  std::vector<std::string_view> missing;
  if (hp.embedding_length == 0) missing.push_back("embedding_length");
  if (hp.context_length == 0) missing.push_back("context_length");
  if (hp.head_count == 0) missing.push_back("attention.head_count");
  if (hp.head_count_kv == 0) missing.push_back("attention.head_count_kv");
  if (hp.key_length == 0 || hp.value_length == 0) missing.push_back("attention.key_length/value_length");
  if (f.architecture == "deepseek2" && (hp.kv_lora_rank == 0 || hp.key_length_mla == 0))
    missing.push_back("attention.kv_lora_rank");
  if (missing.empty()) return;
  f.memory_modelled = false;
  f.unknown.push_back(fmt::format("KV cache, compute buffers and placement: the header has no {}.{}; the weights "
                                  "above are exact",
                                  f.architecture, fmt::join(missing, ", ")));
}

FileFacts facts_of(const GgufHeader& h, const std::vector<std::uint64_t>& part_bytes, const FileOrigin& origin,
                   const Catalog& catalog) {
  FileFacts f;
  f.origin = origin;
  f.part_bytes = part_bytes;
  for (const std::uint64_t b : part_bytes) f.bytes += b;
  f.version = h.version;
  f.general_name = std::string(h.string("general.name").value_or(""));
  f.basename = std::string(h.string("general.basename").value_or(""));
  f.size_label = std::string(h.string("general.size_label").value_or(""));
  f.architecture = std::string(h.architecture());
  if (f.architecture.empty()) fail(origin, "the header has no general.architecture");
  if (const auto ft = h.uint("general.file_type"); ft && *ft <= 0xffffffffu) {
    f.file_type = static_cast<std::uint32_t>(*ft);
    if (const QuantScheme* s = scheme_of(*f.file_type, catalog)) f.file_type_scheme = std::string(s->name);
  }
  f.memory_modelled = std::find(std::begin(modelled_architectures), std::end(modelled_architectures), f.architecture) !=
                      std::end(modelled_architectures);
  if (!f.memory_modelled)
    f.unknown.push_back(fmt::format("KV cache, compute buffers and placement: r1tag's memory engine models qwen2, llama, "
                                    "qwen3 and deepseek2, not {}; the weights above are exact",
                                    f.architecture));
  return f;
}

}  // namespace

Explanation explain_file(const std::vector<GgufHeader>& headers, const std::vector<std::uint64_t>& part_bytes,
                         const FileOrigin& origin, const Catalog& catalog) {
  check_parts(headers, part_bytes, origin);
  const GgufHeader& first = headers.front();
  Explanation e;
  e.file = facts_of(first, part_bytes, origin, catalog);
  FileFacts& f = *e.file;
  std::vector<PlannedTensor> tensors = planned_tensors(headers, catalog, origin);
  const Hyperparameters hp = hyperparameters_of(first, tensors);
  if (hp.block_count == 0) fail(origin, fmt::format("the header has no {}.block_count", f.architecture));
  if (const auto blocks = first.arch_uint("block_count"); blocks && *blocks > max_block_count)
    fail(origin, fmt::format("{}.block_count {} is above r1tag's cap of {}", f.architecture, *blocks, max_block_count));
  note_memory_gaps(f, hp);
  std::uint64_t parameters = 0;
  for (const PlannedTensor& t : tensors) parameters += t.tensor.elements();
  const Model* model = recognise(f, hp, catalog);
  if (model == nullptr) {
    f.header_model = header_model(f, first, hp, parameters);
    model = f.header_model.get();
  }
  e.variant.model = model;
  e.variant.tag.input = origin.display_name;
  e.variant.tag.dialect = Dialect::file;
  e.variant.tag.path = origin.paths.empty() ? origin.display_name : origin.paths.front();
  if (headers.size() > 1) {
    // The part the user named; the answer is the whole set's.
    const auto named = parse_split_name(origin.display_name);
    e.variant.tag.shard = Shard{named ? named->part : 1, static_cast<std::uint32_t>(headers.size()), ShardKind::gguf_split};
  }
  if (f.file_type) {
    if (const QuantScheme* s = scheme_of(*f.file_type, catalog)) e.variant.scheme = s;
  }
  e.variant.imatrix = first.find("quantize.imatrix.file") != nullptr;
  if (!f.recognised_by.empty() && e.variant.scheme != nullptr)
    e.variant.ollama_tag = catalog.find_ollama_tag_for(model->id, e.variant.scheme->name);
  e.kv_layout = layout_of(tensors, f.architecture);
  e.computed = file_size_of(headers, part_bytes, std::move(tensors), *model, origin);
  e.parameters = e.computed->parameters;
  note_differences(e, catalog);
  return e;
}

Explanation explain_file(const LocalGguf& file, const Catalog& catalog) {
  return explain_file(file.headers, file.part_bytes, file.origin, catalog);
}

}  // namespace r1tag
