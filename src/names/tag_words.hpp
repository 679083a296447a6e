// The words of a model name (internal to tag_parser): which words are sizes, expert labels, revisions
// or quants, and how a file stem's words fill a ParsedTag. tag_parser decides which part of a name is a
// file stem, a repository or an ollama tag; this unit reads the words inside them.
#pragma once

#include <r1tag/names/tag.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace r1tag::detail {

std::vector<std::string> split(std::string_view s, char sep);

// "7b", "1.5B", "70B", "335m": a parameter count with a unit letter.
bool is_size_token(std::string_view t);
// GGUF convention expert label: "256x20B".
bool is_expert_token(std::string_view t);
// A date-like revision such as DeepSeek's "0528".
bool is_revision_token(std::string_view t);
// Dots separate words in mradermacher's names ("…-7B.i1-Q4_K_M" -> "…-7B-i1-Q4_K_M") but not inside a
// number ("1.5B").
std::string dots_to_dashes(std::string_view s);

// What the words of a name say, gathered into a ParsedTag as they are read.
struct TagWords {
  ParsedTag out;

  // A word no rule places: kept, never dropped.
  void word(const std::string& token);
  // A quant token as written and in its canonical spelling.
  void quant(const std::string& written, const std::string& canonical);
  // Classifies the '-'-separated words of a tag, file stem or repository name.
  void words(const std::vector<std::string>& tokens);
  // "00001"-"of"-"00003" or a byte part "1"-"of"-"2"; a count that makes no sense stays a word.
  void shard(const std::string& index, const std::string& count, ShardKind kind);
};

// A file name or stem ("DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf", "….gguf.part1of2",
// "deepseek-ai_DeepSeek-R1-0528-Q4_K_M"): extension, byte part and org prefix taken off, the words read.
void parse_file_stem(TagWords& p, std::string name);

}  // namespace r1tag::detail
