#include <r1tag/sources/split_set.hpp>

#include <r1tag/common/error.hpp>

#include <fmt/format.h>

#include <cctype>

#include <sys/stat.h>

namespace r1tag {

namespace {

bool iends_with(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[text.size() - suffix.size() + i])) != suffix[i]) return false;
  return true;
}

// The digits that end `text` (at most 9 of them), or nullopt.
std::optional<std::pair<std::uint32_t, std::size_t>> trailing_number(std::string_view text) {
  std::size_t start = text.size();
  while (start > 0 && std::isdigit(static_cast<unsigned char>(text[start - 1])) && text.size() - start < 9) --start;
  if (start == text.size()) return std::nullopt;
  std::uint32_t value = 0;
  for (std::size_t i = start; i < text.size(); ++i) value = value * 10 + static_cast<std::uint32_t>(text[i] - '0');
  return std::pair{value, text.size() - start};
}

bool exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

}  // namespace

std::optional<SplitName> parse_split_name(std::string_view path) {
  if (!iends_with(path, ".gguf")) return std::nullopt;
  std::string_view rest = path.substr(0, path.size() - 5);
  const auto count = trailing_number(rest);
  if (!count) return std::nullopt;
  rest.remove_suffix(count->second);
  if (!iends_with(rest, "-of-")) return std::nullopt;
  rest.remove_suffix(4);
  const auto part = trailing_number(rest);
  if (!part || part->second != count->second) return std::nullopt;
  rest.remove_suffix(part->second);
  if (rest.empty() || rest.back() != '-') return std::nullopt;
  rest.remove_suffix(1);
  if (part->first < 1 || part->first > count->first) return std::nullopt;
  return SplitName{std::string(rest), part->first, count->first, count->second};
}

std::string split_part_path(const SplitName& name, std::uint32_t part) {
  return fmt::format("{}-{:0{}}-of-{:0{}}.gguf", name.stem, part, name.digits, name.count, name.digits);
}

std::vector<std::string> split_set_paths(const std::string& path) {
  const auto name = parse_split_name(path);
  if (!name || name->count == 1) return {path};
  std::vector<std::string> paths;
  paths.reserve(name->count);
  for (std::uint32_t part = 1; part <= name->count; ++part) {
    // The part given keeps its own spelling (its extension's case).
    std::string part_path = part == name->part ? path : split_part_path(*name, part);
    if (part != name->part && !exists(part_path))
      throw Error(ExitCode::bad_file,
                  fmt::format("{}: part {} of {} of the split set is missing", part_path, part, name->count),
                  "download every part into the same folder");
    paths.push_back(std::move(part_path));
  }
  return paths;
}

bool is_local_model_path(const std::string& argument) {
  struct stat st {};
  const bool found = ::stat(argument.c_str(), &st) == 0;
  if (found && S_ISREG(st.st_mode)) return true;
  if (!iends_with(argument, ".gguf")) return false;
  if (found) return true;
  const std::string_view a = argument;
  return a.starts_with("./") || a.starts_with("../") || a.starts_with("/") || a.starts_with("~/");
}

}  // namespace r1tag
