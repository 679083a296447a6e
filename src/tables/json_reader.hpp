// A cursor into one JSON table that knows its file name and JSON pointer, so every validation
// problem can be reported as "<file>: <pointer>: <what>". Problems are collected, not thrown, so
// one load reports the first of them after checking everything it can. Text it reads is kept in the
// catalogue's TextStore, so the string_views it returns live as long as the catalogue.
#pragma once

#include <r1tag/tables/catalog.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace r1tag::detail {

struct TableProblem {
  std::string file;
  std::string pointer;
  std::string what;
};

class JsonReader {
 public:
  JsonReader(const nlohmann::ordered_json& value, std::string file, std::string pointer,
             std::vector<TableProblem>& problems, TextStore& store);

  const nlohmann::ordered_json& value() const { return m_value; }
  const std::string& pointer() const { return m_pointer; }
  JsonReader child(std::string_view key) const;
  JsonReader element(std::size_t index) const;
  bool has(std::string_view key) const;
  bool is_object() const { return m_value.is_object(); }

  void problem(const std::string& what) const;
  // Complains and returns false unless the value is an object.
  bool expect_object() const;

  std::string_view string(std::string_view key) const;           // required, non-empty
  std::string_view optional_string(std::string_view key) const;  // missing or null -> ""
  std::uint32_t positive(std::string_view key) const;       // required integer > 0
  std::uint32_t natural(std::string_view key) const;        // required integer >= 0
  std::optional<std::uint32_t> optional_natural(std::string_view key) const;
  std::uint64_t natural64(std::string_view key) const;
  double number(std::string_view key) const;
  std::optional<double> optional_number(std::string_view key) const;
  double positive_number(std::string_view key) const;                    // required number > 0
  std::optional<double> optional_positive_number(std::string_view key) const;  // missing or null, or > 0
  // A required number within [low, high]; `what` names the range in the complaint ("a share between 0 and 1").
  double number_within(std::string_view key, double low, double high, std::string_view what) const;
  bool boolean(std::string_view key, std::optional<bool> fallback = std::nullopt) const;
  std::vector<std::string_view> strings(std::string_view key) const;  // missing -> {}
  // A `source` string, required and non-empty (arrays of strings are joined with "; ").
  std::string_view source() const;
  // Text computed from the table, kept as long as the catalogue.
  std::string_view keep(std::string text) const { return m_store->keep(std::move(text)); }

  // The objects of the non-empty array at `key`; complains about a missing or empty array and about
  // elements that are not objects.
  std::vector<JsonReader> objects(std::string_view key) const;

  // Object members in file order, skipping `_comment` keys.
  std::vector<std::string_view> keys() const;

 private:
  const nlohmann::ordered_json* find(std::string_view key) const;

  const nlohmann::ordered_json& m_value;
  std::string m_file;
  std::string m_pointer;
  std::vector<TableProblem>* m_problems;
  TextStore* m_store;
};

// Tables nest at most this deep: five times the deepest shipped table (runtimes.json, catalogue.json: 6).
inline constexpr int k_table_max_depth = 32;

// And hold at most this many values (objects, arrays, numbers, strings...): gpus.json, the largest, holds
// 1,698; the cap bounds the memory a hostile 4 MiB table of `[0,0,0,…]` could make the parse take.
inline constexpr std::size_t k_table_max_values = 65536;

// Parses one table's text: strict JSON (nothing after the document), no object with a key twice, nesting
// at most k_table_max_depth, at most k_table_max_values values (so a hostile [[[[…]]]] never runs the parser or the destructor deep). Throws
// Error (bad_data) "<file>: <pointer>: <what>", or "<file>: not valid JSON (byte N): <what>".
nlohmann::ordered_json parse_table(std::string_view text, const std::string& file);

// "/" + key, with '~' and '/' escaped as JSON pointers require.
std::string pointer_token(std::string_view key);

}  // namespace r1tag::detail
