#include "advice/fit_ranking.hpp"

#include <r1tag/common/byte_size.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <tuple>
#include <utility>
#include <vector>

namespace r1tag::detail {

namespace {

// Acceptable loss (llama-quantize's +0.2 perplexity or less, Q4_K_M and up) is one bucket, so a larger
// model at Q4_K_M outranks a smaller one at Q8_0; noticeable and large losses rank after every
// acceptable variant of the same placement.
int loss_bucket(LossClass c) {
  switch (c) {
    case LossClass::negligible:
    case LossClass::very_small:
    case LossClass::small: return 0;
    case LossClass::noticeable: return 1;
    case LossClass::large: return 2;
    case LossClass::unknown: return 3;
  }
  return 3;
}

// Without a speed estimate, fewer bytes per token is faster.
double speed_of(const Candidate& c) {
  if (c.speed) return c.speed->decode_high_tokens_per_second;
  return -static_cast<double>(c.file_bytes);
}

auto balanced_key(const Candidate& c) {
  return std::make_tuple(static_cast<int>(c.placement), loss_bucket(c.quality.loss), -c.capability,
                         static_cast<int>(c.quality.loss), -speed_of(c));
}

auto quality_key(const Candidate& c) {
  return std::make_tuple(loss_bucket(c.quality.loss), -c.capability, static_cast<int>(c.quality.loss),
                         static_cast<int>(c.placement), -speed_of(c));
}

// --prefer speed keeps a quality floor: acceptable quant loss and a model scoring at least the policy's
// share (data/ranking.json) of what the balanced ranking's first choice scores, so "fastest" does not
// always mean the 1.5B distill.
auto speed_key(const Candidate& c, double capability_floor) {
  return std::make_tuple(c.capability < capability_floor, loss_bucket(c.quality.loss), -speed_of(c), -c.capability);
}

std::string gib(std::uint64_t bytes) { return fmt::format("{:.1f} GiB", static_cast<double>(bytes) / (1ULL << 30)); }

std::string placement_words(const Candidate& c) {
  const MemoryEstimate& e = c.fit.estimate;
  switch (c.placement) {
    case PlacementKind::gpu: {
      std::uint64_t gpu_total = 0;
      for (const DeviceMemory& d : e.devices)
        if (d.gpu) gpu_total += d.total_bytes;
      return fmt::format("runs entirely on the GPU ({} of VRAM)", gib(gpu_total));
    }
    case PlacementKind::partial:
      return fmt::format("only {} of {} layers fit on the GPU{}; the rest run from RAM, much slower", e.gpu_layers,
                         e.layer_count, c.experts_on_cpu ? " with the routed experts in RAM" : "");
    case PlacementKind::cpu: return "runs on the CPU from RAM: expect a few tokens per second at best";
  }
  return {};
}

std::string quant_words(const Candidate& c) {
  if (c.scheme == nullptr) return "quant not named by the file (general.file_type): quality loss unknown";
  return fmt::format("{}: {} quality loss", c.scheme->name, to_string(c.quality.loss));
}

std::string scores(const Candidate& c) { return fmt::format("{:.1f}", c.capability); }

}  // namespace

void rank(std::vector<Candidate>& candidates, Preference prefer, const RankingPolicy& policy) {
  // A candidate is large (its memory estimate, commands, reasons): the order is sorted with each key
  // computed once, then every candidate moves once, rather than many times inside the sort.
  const auto by = [&](auto key) {
    std::vector<std::pair<decltype(key(candidates.front())), std::size_t>> order;
    order.reserve(candidates.size());
    for (std::size_t i = 0; i < candidates.size(); ++i) order.emplace_back(key(candidates[i]), i);
    std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<Candidate> sorted;
    sorted.reserve(candidates.size());
    for (const auto& [k, i] : order) sorted.push_back(std::move(candidates[i]));
    candidates = std::move(sorted);
  };
  if (candidates.empty()) return;
  by([](const Candidate& c) { return balanced_key(c); });
  if (prefer == Preference::quality) by([](const Candidate& c) { return quality_key(c); });
  if (prefer == Preference::speed) {
    const double floor = policy.speed_capability_share * candidates.front().capability;
    by([floor](const Candidate& c) { return speed_key(c, floor); });
  }
}

std::string speed_words(const Candidate& c) {
  if (!c.speed) return "";
  return fmt::format("; about {:.0f}-{:.0f} tokens/s", c.speed->decode_low_tokens_per_second,
                     c.speed->decode_high_tokens_per_second);
}

std::string why_first(const Candidate& cand, const FitRequest& request, const RankingPolicy& policy) {
  const std::string where = placement_words(cand);
  switch (request.prefer) {
    case Preference::speed:
      return fmt::format("{}; the fastest variant with acceptable quality loss from a model scoring at least {:.0f} % of "
                         "the best that fits (mean {}){}; {}",
                         where, policy.speed_capability_share * 100, scores(cand), speed_words(cand), quant_words(cand));
    case Preference::quality:
    case Preference::balanced: break;
  }
  std::string benchmarks;
  for (const std::string_view name : policy.capability_benchmarks) (benchmarks += benchmarks.empty() ? "" : " and ") += name;
  return fmt::format("{}; the best published scores of what fits ({} mean {}); {}{}", where, benchmarks, scores(cand),
                     quant_words(cand), speed_words(cand));
}

std::string why(const Candidate& cand, const Candidate* previous, const FitRequest& request, const RankingPolicy& policy) {
  if (previous == nullptr) return why_first(cand, request, policy);
  const std::string where = placement_words(cand) + speed_words(cand);
  const Candidate& p = *previous;
  if (loss_bucket(cand.quality.loss) != loss_bucket(p.quality.loss)) {
    return fmt::format("{}; {} ({}), more than the variants above", where, quant_words(cand), cand.quality.basis);
  }
  if (request.prefer == Preference::speed) return fmt::format("{}; slower than the variant above", where);
  if (cand.placement != p.placement && request.prefer == Preference::balanced) {
    return fmt::format("{}; placement ranks before quality", where);
  }
  if (cand.capability < p.capability) {
    const bool better_quant = static_cast<int>(cand.quality.loss) < static_cast<int>(p.quality.loss);
    return fmt::format("{}; {} scores lower than {} (mean {} vs {}){}", where, cand.model->id, p.model->id,
                       scores(cand), scores(p),
                       better_quant && p.scheme != nullptr ? fmt::format(", which outranks it even at {}", p.scheme->name) : "");
  }
  if (cand.quality.loss != p.quality.loss) {
    return fmt::format("{}; same model as above with more quality loss ({})", where, quant_words(cand));
  }
  if (cand.placement != p.placement) return fmt::format("{}; same model and quality as above, placed less well", where);
  return fmt::format("{}; same model and quality class as above, but slower ({} vs {} file)", where,
                     format_decimal_gb(cand.file_bytes), format_decimal_gb(p.file_bytes));
}

}  // namespace r1tag::detail
