#include "render/list_render.hpp"

#include <r1tag/common/byte_size.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace r1tag {

namespace {

// "~/.ollama/models/…" for a path below HOME: shorter, and the same on every machine.
std::string shown_path(const std::string& path, const std::string& home) {
  if (home.empty() || home == "/" || !path.starts_with(home)) return path;
  if (path.size() > home.size() && path[home.size()] != '/') return path;
  return "~" + path.substr(home.size());
}

std::string where(const InstalledFile& f, const std::string& home) {
  std::string text = shown_path(f.paths.empty() ? f.store_root : f.paths.front(), home);
  if (f.paths.size() > 1) text += fmt::format(" (+{} more part{})", f.paths.size() - 1, f.paths.size() == 2 ? "" : "s");
  return text;
}


// llama.cpp prints a model's size as "7.62 B" (parameters / 10^9, two decimals).
std::string billions(std::uint64_t parameters) { return fmt::format("{:.2f} B", static_cast<double>(parameters) / 1e9); }

struct Columns {
  std::string params = "?";
  std::string quant = "?";
  std::string arch = "?";
  std::string fit;
  std::string memory;
  std::string context;
};

Columns columns_of(const InstalledModel& m, const std::optional<Candidate>& fit, bool hardware) {
  Columns c;
  if (m.explanation) {
    const Explanation& e = *m.explanation;
    c.params = billions(e.parameters);
    c.quant = e.variant.scheme != nullptr ? std::string(e.variant.scheme->name) : "?";
    c.arch = e.file ? e.file->architecture : std::string(e.variant.model->architecture);
  }
  if (!hardware) return c;
  if (fit) {
    switch (fit->placement) {
      case PlacementKind::gpu: c.fit = "GPU"; break;
      case PlacementKind::partial: c.fit = fmt::format("partial {}/{}", fit->fit.estimate.gpu_layers, fit->fit.estimate.layer_count); break;
      case PlacementKind::cpu: c.fit = "CPU"; break;
    }
    c.memory = format_gib_1(fit->fit.estimate.total_bytes);
    c.context = std::to_string(fit->fit.max_context_tokens);
  } else {
    const bool unknown = !m.explanation || (m.explanation->file && !m.explanation->file->memory_modelled);
    c.fit = unknown ? "unknown" : "no";
    c.memory = "-";
    c.context = "-";
  }
  return c;
}

std::string model_line(const InstalledModel& m) {
  if (!m.explanation) return fmt::format("unreadable: {}", m.unreadable);
  const Explanation& e = *m.explanation;
  if (e.file && e.file->recognised_by.empty())
    return fmt::format("{} (not a DeepSeek-R1 model r1tag knows; named by its header)", e.variant.model->id);
  return fmt::format("{}{}", e.variant.model->id, e.file ? fmt::format(" (recognised by {})", e.file->recognised_by) : "");
}

}  // namespace

std::string render_list_text(const ListView& view) {
  std::string out;
  if (view.models.empty()) {
    out += "No models found. Looked in:\n";
    for (const StoreRoot& r : view.roots) out += fmt::format("  {:<11} {}\n", to_string(r.store), shown_path(r.path, view.home));
    return out;
  }
  const bool hardware = view.request.has_value();
  std::vector<Columns> cols;
  std::size_t name_width = 4;
  std::size_t fit_width = 3;
  for (std::size_t i = 0; i < view.models.size(); ++i) {
    cols.push_back(columns_of(view.models[i], hardware ? view.fits[i] : std::nullopt, hardware));
    name_width = std::max(name_width, view.models[i].file.name.size());
    fit_width = std::max(fit_width, cols.back().fit.size());
  }
  if (hardware)
    out += fmt::format("Fit at {} tokens of context, KV cache {} (FIT: GPU, partial N/M layers on the GPU, CPU, no)\n",
                       view.request->context_tokens, view.request->kv_cache_type);
  std::string head = fmt::format("{:<{}}  {:>9}  {:>9}  {:<8}  {:<10}", "NAME", name_width, "SIZE", "PARAMS", "QUANT", "ARCH");
  if (hardware) head += fmt::format("  {:<{}}  {:>9}  {:>7}", "FIT", fit_width, "MEMORY", "MAX CTX");
  out += head + "  STORE\n";
  std::uint64_t total_bytes = 0;
  for (std::size_t i = 0; i < view.models.size(); ++i) {
    const InstalledModel& m = view.models[i];
    const InstalledFile& f = m.file;
    const Columns& c = cols[i];
    total_bytes += f.bytes;
    std::string row = fmt::format("{:<{}}  {:>9}  {:>9}  {:<8}  {:<10}", f.name, name_width, format_decimal_gb(f.bytes), c.params,
                                  c.quant, c.arch);
    if (hardware) row += fmt::format("  {:<{}}  {:>9}  {:>7}", c.fit, fit_width, c.memory, c.context);
    out += row + "  " + to_string(f.store) + "\n";
    out += fmt::format("    {}\n", model_line(m));
    out += fmt::format("    at {}\n", where(f, view.home));
    if (!f.other_names.empty()) {
      std::string also;
      for (const std::string& n : f.other_names) (also += also.empty() ? "" : ", ") += n;
      out += fmt::format("    also {}\n", also);
    }
    if (!f.missing_parts.empty()) {
      std::string missing;
      for (const std::uint32_t p : f.missing_parts) (missing += missing.empty() ? "" : ", ") += std::to_string(p);
      out += fmt::format("    incomplete: part{} {} of {} missing\n", f.missing_parts.size() == 1 ? "" : "s", missing, f.split_count);
    }
  }
  std::string summary = fmt::format("{} model{}, {} on disk", view.models.size(), view.models.size() == 1 ? "" : "s",
                                    format_decimal_gb(total_bytes));
  if (hardware) {
    const auto fitting = std::count_if(view.fits.begin(), view.fits.end(), [](const auto& f) { return f.has_value(); });
    summary += fmt::format("; {} fit{} (r1tag fit --installed ranks them)", fitting, fitting == 1 ? "s" : "");
  }
  return out + summary + "\n";
}

}  // namespace r1tag
