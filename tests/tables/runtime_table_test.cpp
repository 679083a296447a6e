// runtime_table: data/runtimes.json is read, typed and validated with file + JSON pointer errors.
#include <r1tag/common/error.hpp>
#include <r1tag/tables/tables.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

namespace {

using r1tag::Error;
using r1tag::ExitCode;

r1tag::RawTables source_tables() { return r1tag::read_tables_from(std::string(R1TAG_SOURCE_DIR) + "/data"); }

template <typename Edit>
std::string broken_runtimes(Edit edit) {
  r1tag::RawTables tables = source_tables();
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(tables.at("runtimes.json"));
  edit(j);
  tables["runtimes.json"] = j.dump();
  try {
    r1tag::parse_catalog(tables);
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::bad_data);
    return e.what();
  }
  FAIL("parse_catalog accepted a broken runtimes.json");
  return {};
}

}  // namespace

TEST_CASE("runtime_table reads every profile with its versions and sources", "[runtime_table]") {
  const r1tag::Catalog c = r1tag::parse_catalog(source_tables());
  REQUIRE(c.runtimes.size() == 3);
  CHECK(c.runtimes[0].name == "llama.cpp");
  CHECK(c.runtimes[1].name == "ollama");
  CHECK(c.runtimes[2].name == "ollama@0.29");
  CHECK(c.runtimes[0].kv_padding_tokens.value == 256);
  CHECK(c.runtimes[0].v_less_mla_cache.value);
  CHECK(c.runtimes[1].v_less_mla_cache.value);
  CHECK(c.runtimes[1].first_version.value == "0.30.0");
  CHECK(c.runtimes[1].placement.value == "llama_server_fit");
  CHECK_FALSE(c.runtimes[2].v_less_mla_cache.value);
  CHECK(c.runtimes[2].placement.value == "ollama_estimator");
  CHECK(c.runtimes[2].default_context.back().tiers.size() == 3);
  CHECK(c.runtimes[2].gpu_overhead.front().bytes == 457ULL * 1024 * 1024);
  CHECK(r1tag::embedded_catalog().runtimes.size() == 3);
  CHECK(r1tag::embedded_catalog().runtimes[2].gpu_overhead.back().source == c.runtimes[2].gpu_overhead.back().source);
  CHECK(r1tag::embedded_catalog().runtimes[1].host_prompt_cache_bytes.value == 8192ULL * 1024 * 1024);
}

TEST_CASE("runtime_table names the file and JSON pointer of a broken profile", "[runtime_table]") {
  CHECK(broken_runtimes([](auto& j) { j["ollama"]["kv_padding_tokens"]["value"] = 0; }) ==
        "runtimes.json: /ollama/kv_padding_tokens/value: expected a positive integer");
  CHECK(broken_runtimes([](auto& j) { j["llama.cpp"]["v_less_mla_cache"].erase("source"); }) ==
        "runtimes.json: /llama.cpp/v_less_mla_cache/source: every figure needs a source: expected a non-empty string");
  CHECK(broken_runtimes([](auto& j) { j["ollama"]["output_layer_offload"]["value"] = "last"; }) ==
        "runtimes.json: /ollama/output_layer_offload/value: unknown value 'last'");
  CHECK(broken_runtimes([](auto& j) { j["ollama"]["gpu_overhead"][0]["backend"] = "vulkan"; }) ==
        "runtimes.json: /ollama/gpu_overhead/0/backend: unknown backend 'vulkan'");
  CHECK(broken_runtimes([](auto& j) { j["ollama@0.29"]["default_context"][2]["since_version"] = "v0.15"; }) ==
        "runtimes.json: /ollama@0.29/default_context/2/since_version: expected a version such as \"0.6.7\", got \"v0.15\"");
  CHECK(broken_runtimes([](auto& j) {
          j["ollama@0.29"]["default_context"][2]["tiers"][2]["min_total_vram_bytes"] = 1;
        }) == "runtimes.json: /ollama@0.29/default_context/2/tiers/2/min_total_vram_bytes: tiers must be in increasing order of VRAM");
  CHECK(broken_runtimes([](auto& j) { j["ollama"]["placement"]["value"] = "guess"; }) ==
        "runtimes.json: /ollama/placement/value: unknown value 'guess'");
  CHECK(broken_runtimes([](auto& j) { j["ollama"]["first_version"]["value"] = "v0.30"; }) ==
        "runtimes.json: /ollama/first_version/value: expected a version such as \"0.30.0\", got \"v0.30\"");
}
