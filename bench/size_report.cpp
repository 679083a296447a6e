// r1tag_size_report: prints, for every published size in the embedded catalogue whose file follows
// llama.cpp's per-tensor rules, the size r1tag computes, the published size, the difference and
// whether it is within tolerance; then the worst row. Files marked `size_follows_rules: false` and
// custom mixes are listed separately, not counted.
//
// Tolerance (the same as tests/gguf/file_size_test.cpp): exact byte counts within 8 KiB, the spread of
// GGUF key/value metadata between publishers of one tokenizer (ollama's /api/tags totals add about
// 2 KB of template/license/params layers; llama.cpp versions add or drop a few keys); sizes shown
// with a unit within max(0.1 %, half a unit of the last shown digit).
#include <r1tag/common/byte_size.hpp>
#include <r1tag/tables/catalog.hpp>
#include <r1tag/common/error.hpp>
#include <r1tag/gguf/file_size.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace {

using namespace r1tag;

constexpr std::uint64_t k_exact_tolerance_bytes = 8192;

struct Row {
  std::string where;
  std::string model;
  std::string scheme;
  std::uint64_t computed_bytes = 0;
  PublishedSize published;
  bool counted = true;  // false: documented exception, shown for information
  std::string remark;
};

double error_percent(const Row& r) {
  return 100.0 * (static_cast<double>(r.computed_bytes) - static_cast<double>(r.published.bytes)) /
         static_cast<double>(r.published.bytes);
}

std::uint64_t tolerance_bytes(const PublishedSize& p) {
  if (p.exact) return k_exact_tolerance_bytes;
  return std::max<std::uint64_t>(p.precision_bytes, p.bytes / 1000);
}

bool within(const Row& r) {
  const std::uint64_t diff =
      r.computed_bytes > r.published.bytes ? r.computed_bytes - r.published.bytes : r.published.bytes - r.computed_bytes;
  return diff <= tolerance_bytes(r.published);
}

std::optional<std::uint64_t> computed(const Catalog& c, std::string_view model_id, std::string_view scheme_name,
                                      bool imatrix, std::string_view kv_layout) {
  const Model* model = c.find_model(model_id);
  const QuantScheme* scheme = c.find_scheme(scheme_name);
  if (model == nullptr || scheme == nullptr) return std::nullopt;
  const QuantOptions options{.imatrix = imatrix, .rules = RuleSet::llama_cpp_2025};
  const auto size = compute_file_size(*model, *scheme, c, options, kv_layout_from(kv_layout));
  if (!size) return std::nullopt;
  return size->total_bytes;
}

std::vector<Row> collect(const Catalog& c, std::vector<std::string>& skipped) {
  std::vector<Row> rows;
  for (const OllamaTag& t : c.ollama_tags) {
    if (!t.published) continue;
    const auto bytes = computed(c, t.model_id, t.scheme, false, t.kv_layout);
    if (!bytes) {
      skipped.push_back(fmt::format("ollama {}: {} is a custom mix (published size only)", t.tag, t.scheme));
      continue;
    }
    rows.push_back({fmt::format("ollama {}", t.tag), std::string(t.model_id), std::string(t.scheme), *bytes,
                    *t.published, t.size_follows_rules,
                    t.size_follows_rules ? "" : "documented exception (catalogue size_note)"});
  }
  for (const HfRepo& r : c.hf_repos) {
    for (const HfFile& f : r.files) {
      if (!f.published) continue;
      const auto bytes = computed(c, r.model_id, f.scheme, r.imatrix, r.kv_layout);
      if (!bytes) {
        skipped.push_back(fmt::format("{} {}: custom mix, published size only", r.repo, f.scheme));
        continue;
      }
      rows.push_back({fmt::format("{} {}", r.repo, f.scheme), std::string(r.model_id), std::string(f.scheme), *bytes, *f.published, true, ""});
    }
  }
  return rows;
}

std::string published_text(const PublishedSize& p) {
  return p.exact ? fmt::format("{} B", p.bytes) : std::string(p.shown);
}

void print_row(const Row& r) {
  fmt::print("{:<62} {:>16} {:>16} {:>+9.4f}%  {}{}\n", r.where, r.computed_bytes, published_text(r.published),
             error_percent(r), within(r) ? "ok" : "OUT", r.remark.empty() ? "" : "  " + r.remark);
}

// How long the whole tensor plan of the largest file takes (no timing assertion anywhere: a figure to read).
void print_timing(const Catalog& c) {
  const Model& r1 = *c.find_model("DeepSeek-R1");
  const QuantScheme& q4 = *c.find_scheme("Q4_K_M");
  constexpr int k_runs = 20;
  const auto start = std::chrono::steady_clock::now();
  std::uint64_t sink = 0;
  for (int i = 0; i < k_runs; ++i) sink += compute_file_size(r1, q4, c, {}, KvLayout::deepseek_legacy)->total_bytes;
  const auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
  fmt::print("compute_file_size(DeepSeek-R1, Q4_K_M, 1025 tensors): {:.2f} ms per call ({} bytes)\n",
             elapsed.count() / k_runs, sink / k_runs);
}

}  // namespace

int main() {
  try {
    const Catalog& c = embedded_catalog();
    std::vector<std::string> skipped;
    const std::vector<Row> rows = collect(c, skipped);
    fmt::print("r1tag size report: computed (llama.cpp 2025 rules) vs published\n");
    fmt::print("tolerance: exact bytes +-{} B (metadata estimate); shown sizes max(0.1 %, shown rounding)\n\n",
               k_exact_tolerance_bytes);
    fmt::print("{:<62} {:>16} {:>16} {:>10}\n", "file", "computed bytes", "published", "error");
    const Row* worst = nullptr;
    const Row* worst_exact = nullptr;
    int counted = 0;
    int out = 0;
    for (const Row& r : rows) {
      print_row(r);
      if (!r.counted) continue;
      ++counted;
      if (!within(r)) ++out;
      if (worst == nullptr || std::fabs(error_percent(r)) > std::fabs(error_percent(*worst))) worst = &r;
      if (r.published.exact &&
          (worst_exact == nullptr || std::fabs(error_percent(r)) > std::fabs(error_percent(*worst_exact))))
        worst_exact = &r;
    }
    fmt::print("\n{} rows counted, {} outside tolerance\n", counted, out);
    if (worst != nullptr) {
      fmt::print("worst row: ");
      print_row(*worst);
    }
    if (worst_exact != nullptr) {
      fmt::print("worst exact-bytes row: ");
      print_row(*worst_exact);
    }
    for (const std::string& s : skipped) fmt::print("not computed: {}\n", s);
    print_timing(c);
    return out == 0 ? 0 : 1;
  } catch (const Error& e) {
    std::fprintf(stderr, "r1tag_size_report: error: %s\n", e.what());
    return static_cast<int>(e.code());
  }
}
