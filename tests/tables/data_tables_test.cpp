// The data tables: the embedded copy is complete and cited, and a broken table is reported with
// its file and JSON pointer.
#include <r1tag/tables/catalog.hpp>
#include <r1tag/common/error.hpp>
#include <r1tag/tables/tables.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

using r1tag::Catalog;
using r1tag::Error;
using r1tag::ExitCode;
using r1tag::RawTables;

namespace {

RawTables source_tables() { return r1tag::read_tables_from(std::string(R1TAG_SOURCE_DIR) + "/data"); }

// The error parse_catalog raises when `file` holds `text`, the other tables being the shipped ones.
Error with_text(const std::string& file, const std::string& text) {
  RawTables tables = source_tables();
  tables[file] = text;
  try {
    r1tag::parse_catalog(tables);
  } catch (const Error& e) {
    return e;
  }
  FAIL("parse_catalog accepted " << file);
  return Error(ExitCode::ok, "");
}

// Applies `edit` to one table of a fresh copy and returns the error parse_catalog raises.
template <typename Edit>
Error broken(const std::string& file, Edit edit) {
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(source_tables().at(file));
  edit(j);
  return with_text(file, j.dump());
}

}  // namespace

TEST_CASE("data_tables: the embedded catalogue equals the tables in data/", "[data_tables]") {
  const Catalog parsed = r1tag::parse_catalog(source_tables());
  const Catalog& embedded = r1tag::embedded_catalog();
  REQUIRE(embedded.ggml_types.size() == parsed.ggml_types.size());
  REQUIRE(embedded.schemes.size() == parsed.schemes.size());
  REQUIRE(embedded.models.size() == parsed.models.size());
  REQUIRE(embedded.ollama_tags.size() == parsed.ollama_tags.size());
  REQUIRE(embedded.hf_repos.size() == parsed.hf_repos.size());
  for (std::size_t i = 0; i < parsed.models.size(); ++i) {
    CHECK(embedded.models[i].id == parsed.models[i].id);
    CHECK(embedded.models[i].hparams.vocab_size == parsed.models[i].hparams.vocab_size);
  }
}

// The catalogue's text is string_views: into the binary for the embedded tables, into the shared
// TextStore for --data. A copy must stay readable after the tables, and the catalogue read from
// them, are gone (ASan in the check preset turns a dangling view into a failure here).
TEST_CASE("data_tables: a catalogue read with --data keeps its text after the tables are freed", "[data_tables]") {
  Catalog copy;
  {
    const Catalog parsed = r1tag::parse_catalog(source_tables());
    copy = parsed;
  }
  REQUIRE(copy.text_store != nullptr);
  CHECK(copy.ollama_library == "deepseek-r1");
  const r1tag::Model* model = copy.find_model("DeepSeek-R1-Distill-Qwen-7B");
  REQUIRE(model != nullptr);
  CHECK(model->base_model == "Qwen2.5-Math-7B");
  const r1tag::QuantScheme* scheme = copy.find_scheme("q4_k");  // an alias, read from an array
  REQUIRE(scheme != nullptr);
  CHECK(scheme->name == "Q4_K_M");
  CHECK(r1tag::embedded_catalog().text_store == nullptr);
}

TEST_CASE("data_tables: ggml block layouts match ggml-common.h", "[data_tables]") {
  // ggml/src/ggml-common.h static_asserts: block_q4_K is 2*fp16 + 12 scale bytes + 128 nibble bytes.
  const Catalog& c = r1tag::embedded_catalog();
  struct Known {
    const char* name;
    std::uint32_t type_id, block_size, type_size_bytes;
  };
  const auto known = GENERATE(values<Known>({{"F32", 0, 1, 4},
                                             {"F16", 1, 1, 2},
                                             {"Q4_0", 2, 32, 18},
                                             {"Q8_0", 8, 32, 34},
                                             {"Q2_K", 10, 256, 84},
                                             {"Q3_K", 11, 256, 110},
                                             {"Q4_K", 12, 256, 144},
                                             {"Q5_K", 13, 256, 176},
                                             {"Q6_K", 14, 256, 210},
                                             {"IQ1_S", 19, 256, 50},
                                             {"IQ4_XS", 23, 256, 136},
                                             {"IQ1_M", 29, 256, 56},
                                             {"BF16", 30, 1, 2},
                                             {"TQ1_0", 34, 256, 54},
                                             {"MXFP4", 39, 32, 17}}));
  CAPTURE(known.name);
  const r1tag::GgmlType* t = c.find_type(known.name);
  REQUIRE(t != nullptr);
  CHECK(t->type_id == known.type_id);
  CHECK(t->block_size == known.block_size);
  CHECK(t->type_size_bytes == known.type_size_bytes);
}

TEST_CASE("data_tables: the ollama library has its 35 tags", "[data_tables]") {
  // ollama.com/library/deepseek-r1/tags: 27 size-variant-quant tags plus 8 short aliases.
  const Catalog& c = r1tag::embedded_catalog();
  std::size_t names = 0;
  for (const auto& t : c.ollama_tags) names += 1 + t.aliases.size();
  CHECK(c.ollama_tags.size() == 27);
  CHECK(names == 35);
  CHECK(c.find_ollama_tag("7b")->tag == "7b-qwen-distill-q4_K_M");
  CHECK(c.find_ollama_tag("latest")->tag == "8b-0528-qwen3-q4_K_M");
  CHECK(c.find_ollama_tag("8b")->tag == "8b-0528-qwen3-q4_K_M");
}

TEST_CASE("data_tables: a broken table names its file and JSON pointer", "[data_tables]") {
  SECTION("a block size that is not a positive integer") {
    const Error e = broken("quant_types.json", [](auto& j) { j["Q4_K"]["block_size"] = "abc"; });
    CHECK(std::string(e.what()) == "quant_types.json: /Q4_K/block_size: expected a positive integer");
    CHECK(e.code() == ExitCode::bad_data);
  }
  SECTION("a missing source") {
    const Error e = broken("quant_types.json", [](auto& j) { j["Q8_0"].erase("source"); });
    CHECK(std::string(e.what()) == "quant_types.json: /Q8_0/source: every figure needs a source: expected a non-empty string");
  }
  SECTION("a scheme whose default type does not exist") {
    const Error e = broken("quant_schemes.json", [](auto& j) { j["Q4_K_M"]["default_type"] = "Q4_X"; });
    CHECK(std::string(e.what()) == "quant_schemes.json: /Q4_K_M/default_type: unknown ggml type 'Q4_X'");
  }
  SECTION("an ollama tag pointing at an unknown model") {
    const Error e = broken("catalogue.json", [](auto& j) { j["ollama"]["tags"]["7b-qwen-distill-q4_K_M"]["model"] = "R2"; });
    CHECK(std::string(e.what()) == "catalogue.json: /ollama/tags/7b-qwen-distill-q4_K_M/model: unknown model 'R2'");
  }
  SECTION("a published size in a form no hub prints") {
    const Error e = broken("catalogue.json", [](auto& j) {
      j["ollama"]["tags"]["7b-qwen-distill-q8_0"]["published"] = {{"shown", "8.1 gigs"}, {"source", "x"}};
    });
    CHECK(std::string(e.what()) ==
          "catalogue.json: /ollama/tags/7b-qwen-distill-q8_0/published/shown: expected a size such as \"4.68 GB\" or "
          "\"131 GiB\", got \"8.1 gigs\"");
  }
  SECTION("a hyperparameter of the wrong type") {
    const Error e = broken("architectures.json",
                           [](auto& j) { j["DeepSeek-R1-Distill-Qwen-7B"]["hyperparameters"]["head_count_kv"] = -4; });
    CHECK(std::string(e.what()) ==
          "architectures.json: /DeepSeek-R1-Distill-Qwen-7B/hyperparameters/head_count_kv: expected a positive integer");
  }
  SECTION("ranking limits that do not increase") {
    const Error e = broken("ranking.json", [](auto& j) { j["loss_classes"]["small_max_ppl_delta"] = 0.01; });
    CHECK(std::string(e.what()) == "ranking.json: /loss_classes: class limits must increase from negligible to noticeable");
  }
  SECTION("a speed share outside 0..1") {
    const Error e = broken("ranking.json", [](auto& j) { j["speed_capability_share"]["value"] = 1.5; });
    CHECK(std::string(e.what()) == "ranking.json: /speed_capability_share/value: expected a share between 0 and 1");
  }
  SECTION("a per-layer latency range upside down") {
    const Error e = broken("speed_calibration.json", [](auto& j) { j["decode"]["apple"]["layer_latency_ms"]["high"] = 0.01; });
    CHECK(std::string(e.what()) == "speed_calibration.json: /decode/apple/layer_latency_ms/high: expected a number >= low");
  }
  SECTION("a per-thread rate for a type ggml does not have") {
    const Error e = broken("speed_calibration.json", [](auto& j) { j["cpu_thread_rates"][0]["ggml_types"][0] = "IQ1_X"; });
    CHECK(std::string(e.what()) == "speed_calibration.json: /cpu_thread_rates/0/ggml_types/0: unknown ggml type 'IQ1_X'");
  }
  SECTION("a measurement's llama.cpp date that is not a date") {
    const Error e = broken("speed_measurements.json", [](auto& j) { j[0]["llama_cpp_date"] = "Jan 2025"; });
    CHECK(std::string(e.what()) == "speed_measurements.json: /0/llama_cpp_date: expected \"YYYY-MM\" or \"YYYY-MM-DD\"");
  }
  SECTION("a measurement run with zero threads") {
    const Error e = broken("speed_measurements.json", [](auto& j) { j[0]["threads"] = 0; });
    CHECK(std::string(e.what()) == "speed_measurements.json: /0/threads: expected a positive integer");
  }
  SECTION("text that is not JSON") {
    RawTables tables = source_tables();
    tables["catalogue.json"] = "{ \"ollama\": ";
    REQUIRE_THROWS_WITH(r1tag::parse_catalog(tables), Catch::Matchers::StartsWith("catalogue.json: not valid JSON"));
  }
}

TEST_CASE("data_tables: a --data directory without the tables is a bad_data error", "[data_tables]") {
  try {
    r1tag::read_tables_from("/nonexistent-r1tag-dir");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "cannot read data table '/nonexistent-r1tag-dir/quant_types.json'");
    CHECK(e.code() == ExitCode::bad_data);
  }
}

// Issue 16: 10,000 levels of [[[…]]] overflowed the stack in the ASan build (1,000,000 in release).
TEST_CASE("data_tables: a table nested deeper than 32 levels is refused with its pointer, not parsed", "[data_tables]") {
  const std::size_t levels = 1000000;
  const Error e = with_text("ranking.json", "{\"x\": " + std::string(levels, '[') + std::string(levels, ']') + "}");
  CHECK(e.code() == ExitCode::bad_data);
  std::string pointer = "/x";
  for (int i = 0; i < 31; ++i) pointer += "/0";  // the 33rd container: the root, then 31 arrays
  CHECK(std::string(e.what()) == "ranking.json: " + pointer + ": nested deeper than 32 levels; tables are shallow");
  // 32 levels are fine as JSON (the table is then wrong for other reasons).
  const Error shallow = with_text("ranking.json", "{\"x\": " + std::string(31, '[') + std::string(31, ']') + "}");
  CHECK(std::string(shallow.what()).find("nested") == std::string::npos);
}

TEST_CASE("data_tables: a key twice in one object is refused with its pointer", "[data_tables]") {
  const Error e = with_text("ranking.json", R"({"a": [{"k": 1}, {"k": 2, "source": "x", "k": 3}]})");
  CHECK(std::string(e.what()) == "ranking.json: /a/1/k: this key appears twice in its object; keep one");
  CHECK(e.code() == ExitCode::bad_data);
}

TEST_CASE("data_tables: bytes after the JSON document are refused", "[data_tables]") {
  const std::string ranking = source_tables().at("ranking.json");
  const Error e = with_text("ranking.json", ranking + "{}");
  CHECK(std::string(e.what()) == "ranking.json: not valid JSON (byte " + std::to_string(ranking.size() + 1) +
                                     "): syntax error while parsing value - unexpected '{'; expected end of input");
  // nlohmann alone stops at a NUL byte and accepts what follows.
  CHECK(std::string(with_text("ranking.json", ranking + std::string(1, '\0') + "garbage").what()) ==
        "ranking.json: not valid JSON (byte " + std::to_string(ranking.size() + 1) + "): a NUL byte");
}

// Issue 16: each of these loaded and printed nonsense with exit 0 ("-32.00 nominal bits per weight").
TEST_CASE("data_tables: every field is checked for its type and range", "[data_tables]") {
  const auto what = [](const Error& e) { return std::string(e.what()); };
  CHECK(what(broken("quant_schemes.json", [](auto& j) { j["Q4_K_M"]["nominal_bits_per_weight"] = -32; })) ==
        "quant_schemes.json: /Q4_K_M/nominal_bits_per_weight: expected bits per weight above 0 and at most 64");
  CHECK(what(broken("quant_schemes.json", [](auto& j) { j["Q4_K_M"]["imatrix"] = nlohmann::ordered_json::array({1}); })) ==
        "quant_schemes.json: /Q4_K_M/imatrix: expected a string or null");
  CHECK(what(broken("architectures.json", [](auto& j) {
          j["DeepSeek-R1-Distill-Qwen-7B"]["benchmarks"][0]["value"] = -5;
        })).ends_with("/benchmarks/0/value: expected a percentage from 0 to 100"));
  CHECK(what(broken("architectures.json", [](auto& j) { j["DeepSeek-R1-Distill-Qwen-7B"]["benchmarks"] = "AIME"; })) ==
        "architectures.json: /DeepSeek-R1-Distill-Qwen-7B/benchmarks: expected an array of scores");
  CHECK(what(broken("gpus.json", [](auto& j) { j["NVIDIA GeForce RTX 4090"]["memory_bytes_options"][0] = 7; })) ==
        "gpus.json: /NVIDIA GeForce RTX 4090/memory_bytes_options/0: expected a byte count: a whole number of MiB, at "
        "least 1 GiB");
  CHECK(what(broken("gpus.json", [](auto& j) { j["NVIDIA GeForce RTX 4090"]["fp16_tflops"] = -1; })) ==
        "gpus.json: /NVIDIA GeForce RTX 4090/fp16_tflops: expected a positive number");
  CHECK(what(broken("speed_measurements.json", [](auto& j) { j[0]["gpu_layers"] = nlohmann::ordered_json::array({8}); })) ==
        "speed_measurements.json: /0/gpu_layers: expected a non-negative integer");
  CHECK(what(broken("speed_measurements.json", [](auto& j) { j[0]["decode_tokens_per_second"] = -3; })) ==
        "speed_measurements.json: /0/decode_tokens_per_second: expected a positive number");
  CHECK(what(broken("ranking.json", [](auto& j) { j["loss_classes"]["large_below_bits_per_weight"] = -1; })) ==
        "ranking.json: /loss_classes/large_below_bits_per_weight: expected a positive number");
}

TEST_CASE("data_tables: a table of more than 65,536 values is refused before it takes the memory", "[data_tables]") {
  std::string zeros;
  for (int i = 0; i < 70000; ++i) zeros += i == 0 ? "0" : ",0";
  const Error e = with_text("gpus.json", "{\"x\": [" + zeros + "]}");
  CHECK(std::string(e.what()) == "gpus.json: /x/65534: more than 65536 values; tables are small");
}
