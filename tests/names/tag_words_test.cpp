// tag_words: the vocabulary of model names (sizes, expert labels, revisions, quants) and how a file
// stem's words fill a ParsedTag. The dialects around them are tag_parser_test's.
#include "names/tag_words.hpp"

#include <catch2/catch.hpp>

#include <string>

using r1tag::ShardKind;
using r1tag::detail::TagWords;

TEST_CASE("tag_words knows a size from a revision and an expert label", "[tag_words]") {
  using r1tag::detail::is_expert_token;
  using r1tag::detail::is_revision_token;
  using r1tag::detail::is_size_token;
  for (const char* size : {"7b", "1.5B", "70B", "671b", "335m", "1t"}) {
    CAPTURE(size);
    CHECK(is_size_token(size));
  }
  for (const char* not_size : {"b", "7", "1.5", "1.5.1b", "qwen", "q8", "0528", "b7"}) {
    CAPTURE(not_size);
    CHECK_FALSE(is_size_token(not_size));
  }
  CHECK(is_expert_token("256x20B"));  // GGUF naming convention: experts x expert size
  CHECK_FALSE(is_expert_token("x20B"));
  CHECK_FALSE(is_expert_token("256x"));
  CHECK(is_revision_token("0528"));
  CHECK_FALSE(is_revision_token("528"));
  CHECK_FALSE(is_revision_token("05-28"));
}

TEST_CASE("tag_words turns mradermacher's dots into word breaks but keeps decimal points", "[tag_words]") {
  using r1tag::detail::dots_to_dashes;
  CHECK(dots_to_dashes("DeepSeek-R1-Distill-Qwen-7B.i1-Q4_K_M") == "DeepSeek-R1-Distill-Qwen-7B-i1-Q4_K_M");
  CHECK(dots_to_dashes("DeepSeek-R1-Distill-Qwen-1.5B.Q8_0") == "DeepSeek-R1-Distill-Qwen-1.5B-Q8_0");
}

TEST_CASE("tag_words reads a file stem: extension, byte part and org prefix off, words placed", "[tag_words]") {
  SECTION("bartowski's org prefix and a revision") {
    TagWords w;
    parse_file_stem(w, "deepseek-ai_DeepSeek-R1-0528-Q4_K_M.gguf");
    CHECK(w.out.org_prefix == "deepseek-ai");
    CHECK(w.out.names_r1);
    CHECK(w.out.revision == "0528");
    CHECK(w.out.quant == "Q4_K_M");
    CHECK(w.out.unplaced.empty());
  }
  SECTION("a byte part of mradermacher's") {
    TagWords w;
    parse_file_stem(w, "DeepSeek-R1-Distill-Llama-70B.i1-Q6_K.gguf.part1of2");
    REQUIRE(w.out.shard);
    CHECK(w.out.shard->index == 1);
    CHECK(w.out.shard->count == 2);
    CHECK(w.out.shard->kind == ShardKind::byte_part);
    CHECK(w.out.imatrix_marker);
    CHECK(w.out.size_label == "70b");
    CHECK(w.out.base == "llama");
    CHECK(w.out.quant == "Q6_K");
  }
  SECTION("the GGUF convention: the source encoding first, the file's quant last") {
    TagWords w;
    parse_file_stem(w, "DeepSeek-R1-BF16-256x20B-Q8_0-00001-of-00016.gguf");
    CHECK(w.out.source_encoding == "BF16");
    CHECK(w.out.quant == "Q8_0");
    CHECK(w.out.expert_label == "256x20B");
    REQUIRE(w.out.shard);
    CHECK(w.out.shard->kind == ShardKind::gguf_split);
  }
  SECTION("a shard count that makes no sense stays a word") {
    TagWords w;
    parse_file_stem(w, "DeepSeek-R1-Q4_K_M-00004-of-00003.gguf");
    CHECK_FALSE(w.out.shard);
    REQUIRE(w.out.unplaced.size() == 1);
    CHECK(w.out.unplaced[0] == "00004-of-00003");
  }
}
