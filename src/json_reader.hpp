// A cursor into one JSON table that knows its file name and JSON pointer, so every validation
// problem can be reported as "<file>: <pointer>: <what>". Problems are collected, not thrown, so
// one load reports the first of them after checking everything it can.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
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
             std::vector<TableProblem>& problems);

  const nlohmann::ordered_json& value() const { return m_value; }
  const std::string& pointer() const { return m_pointer; }
  JsonReader child(const std::string& key) const;
  JsonReader element(std::size_t index) const;
  bool has(const std::string& key) const;
  bool is_object() const { return m_value.is_object(); }

  void problem(const std::string& what) const;
  // Complains and returns false unless the value is an object.
  bool expect_object() const;

  std::string string(const std::string& key) const;           // required, non-empty
  std::string optional_string(const std::string& key) const;  // missing or null -> ""
  std::uint32_t positive(const std::string& key) const;       // required integer > 0
  std::uint32_t natural(const std::string& key) const;        // required integer >= 0
  std::optional<std::uint32_t> optional_natural(const std::string& key) const;
  std::uint64_t natural64(const std::string& key) const;
  double number(const std::string& key) const;
  std::optional<double> optional_number(const std::string& key) const;
  bool boolean(const std::string& key, std::optional<bool> fallback = std::nullopt) const;
  std::vector<std::string> strings(const std::string& key) const;  // missing -> {}
  // A `source` string, required and non-empty (arrays of strings are joined with "; ").
  std::string source() const;

  // The objects of the non-empty array at `key`; complains about a missing or empty array and about
  // elements that are not objects.
  std::vector<JsonReader> objects(const std::string& key) const;

  // Object members in file order, skipping `_comment` keys.
  std::vector<std::string> keys() const;

 private:
  const nlohmann::ordered_json* find(const std::string& key) const;

  const nlohmann::ordered_json& m_value;
  std::string m_file;
  std::string m_pointer;
  std::vector<TableProblem>* m_problems;
};

// "/" + key, with '~' and '/' escaped as JSON pointers require.
std::string pointer_token(const std::string& key);

}  // namespace r1tag::detail
