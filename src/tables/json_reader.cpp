#include "tables/json_reader.hpp"

#include <r1tag/common/error.hpp>

#include <fmt/format.h>

#include <limits>
#include <set>

namespace r1tag::detail {

std::string pointer_token(std::string_view key) {
  std::string out = "/";
  for (const char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

// Where the parser is, as a stack of open containers, for the JSON pointer of a problem.
struct Frame {
  bool array = false;
  long index = -1;       // arrays: the element being read
  std::string key;       // objects: the member being read
  std::set<std::string, std::less<>> keys;  // objects: the keys seen so far
};

struct StructureProblem {
  std::string pointer;
  std::string what;
};

std::string pointer_of(const std::vector<Frame>& frames) {
  std::string out;
  for (const Frame& f : frames) out += f.array ? "/" + std::to_string(f.index) : pointer_token(f.key);
  return out;
}

// nlohmann's message after its "line L, column C: " prefix ("syntax error while parsing value - ...").
std::string parse_detail(const nlohmann::json::parse_error& e) {
  const std::string what = e.what();
  const std::size_t column = what.find("column ");
  const std::size_t colon = column == std::string::npos ? std::string::npos : what.find(": ", column);
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

}  // namespace

nlohmann::ordered_json parse_table(std::string_view text, const std::string& file) {
  using Event = nlohmann::ordered_json::parse_event_t;
  std::vector<Frame> frames;
  std::size_t values = 0;
  const auto element_starts = [&] {
    if (!frames.empty() && frames.back().array) ++frames.back().index;
    if (++values > k_table_max_values)
      throw StructureProblem{pointer_of(frames), fmt::format("more than {} values; tables are small", k_table_max_values)};
  };
  const auto watch = [&](int /*depth*/, Event event, nlohmann::ordered_json& parsed) {
    switch (event) {
      case Event::object_start:
      case Event::array_start:
        element_starts();
        if (static_cast<int>(frames.size()) >= k_table_max_depth) {
          throw StructureProblem{pointer_of(frames),
                                 fmt::format("nested deeper than {} levels; tables are shallow", k_table_max_depth)};
        }
        frames.push_back(Frame{event == Event::array_start, -1, {}, {}});
        break;
      case Event::key: {
        Frame& top = frames.back();
        top.key = parsed.get<std::string>();
        if (!top.keys.insert(top.key).second)
          throw StructureProblem{pointer_of(frames), "this key appears twice in its object; keep one"};
        break;
      }
      case Event::value:
        element_starts();
        break;
      case Event::object_end:
      case Event::array_end:
        frames.pop_back();
        break;
    }
    return true;
  };
  // nlohmann's lexer takes a NUL byte for the end of the input and would accept whatever follows it;
  // JSON text never holds one.
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos)
    throw Error(ExitCode::bad_data, fmt::format("{}: not valid JSON (byte {}): a NUL byte", file, nul + 1));
  try {
    return nlohmann::ordered_json::parse(text.begin(), text.end(), watch);
  } catch (const StructureProblem& p) {
    throw Error::bad_table(file, p.pointer, p.what);
  } catch (const nlohmann::json::parse_error& e) {
    throw Error(ExitCode::bad_data, fmt::format("{}: not valid JSON (byte {}): {}", file, e.byte, parse_detail(e)));
  }
}

JsonReader::JsonReader(const nlohmann::ordered_json& value, std::string file, std::string pointer,
                       std::vector<TableProblem>& problems, TextStore& store)
    : m_value(value), m_file(std::move(file)), m_pointer(std::move(pointer)), m_problems(&problems), m_store(&store) {}

namespace {
const nlohmann::ordered_json& null_json() {
  static const nlohmann::ordered_json null_value;
  return null_value;
}
}  // namespace

const nlohmann::ordered_json* JsonReader::find(std::string_view key) const {
  if (!m_value.is_object()) return nullptr;
  const auto it = m_value.find(std::string(key));
  return it == m_value.end() ? nullptr : &*it;
}

JsonReader JsonReader::child(std::string_view key) const {
  const nlohmann::ordered_json* found = find(key);
  return JsonReader(found ? *found : null_json(), m_file, m_pointer + pointer_token(key), *m_problems, *m_store);
}

JsonReader JsonReader::element(std::size_t index) const {
  const nlohmann::ordered_json& v = (m_value.is_array() && index < m_value.size()) ? m_value[index] : null_json();
  return JsonReader(v, m_file, m_pointer + "/" + std::to_string(index), *m_problems, *m_store);
}

bool JsonReader::has(std::string_view key) const {
  const nlohmann::ordered_json* found = find(key);
  return found != nullptr && !found->is_null();
}

void JsonReader::problem(const std::string& what) const {
  m_problems->push_back({m_file, m_pointer.empty() ? "/" : m_pointer, what});
}

bool JsonReader::expect_object() const {
  if (m_value.is_object()) return true;
  problem("expected an object");
  return false;
}

std::string_view JsonReader::string(std::string_view key) const {
  const nlohmann::ordered_json* v = find(key);
  if (v == nullptr || !v->is_string() || v->get_ref<const std::string&>().empty()) {
    child(key).problem("expected a non-empty string");
    return {};
  }
  return keep(v->get<std::string>());
}

std::string_view JsonReader::optional_string(std::string_view key) const {
  const nlohmann::ordered_json* v = find(key);
  if (v == nullptr || v->is_null()) return {};
  if (!v->is_string()) {
    child(key).problem("expected a string or null");
    return {};
  }
  return keep(v->get<std::string>());
}

std::optional<std::uint32_t> JsonReader::optional_natural(std::string_view key) const {
  const nlohmann::ordered_json* v = find(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_number_unsigned() || v->get<std::uint64_t>() > std::numeric_limits<std::uint32_t>::max()) {
    child(key).problem("expected a non-negative integer");
    return std::nullopt;
  }
  return v->get<std::uint32_t>();
}

std::uint32_t JsonReader::natural(std::string_view key) const {
  if (find(key) == nullptr) {
    child(key).problem("expected a non-negative integer");
    return 0;
  }
  return optional_natural(key).value_or(0);
}

std::uint32_t JsonReader::positive(std::string_view key) const {
  const nlohmann::ordered_json* v = find(key);
  if (v == nullptr || !v->is_number_unsigned() || v->get<std::uint64_t>() == 0 ||
      v->get<std::uint64_t>() > std::numeric_limits<std::uint32_t>::max()) {
    child(key).problem("expected a positive integer");
    return 1;
  }
  return v->get<std::uint32_t>();
}

std::uint64_t JsonReader::natural64(std::string_view key) const {
  const nlohmann::ordered_json* v = find(key);
  if (v == nullptr || !v->is_number_unsigned()) {
    child(key).problem("expected a non-negative integer");
    return 0;
  }
  return v->get<std::uint64_t>();
}

std::optional<double> JsonReader::optional_number(std::string_view key) const {
  const nlohmann::ordered_json* v = find(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_number()) {
    child(key).problem("expected a number");
    return std::nullopt;
  }
  return v->get<double>();
}

double JsonReader::number(std::string_view key) const {
  if (find(key) == nullptr) {
    child(key).problem("expected a number");
    return 0;
  }
  return optional_number(key).value_or(0);
}

double JsonReader::positive_number(std::string_view key) const {
  const std::optional<double> v = optional_positive_number(key);
  if (!v && find(key) == nullptr) child(key).problem("expected a positive number");
  return v.value_or(0);
}

std::optional<double> JsonReader::optional_positive_number(std::string_view key) const {
  const std::optional<double> v = optional_number(key);
  if (v && !(*v > 0)) {
    child(key).problem("expected a positive number");
    return std::nullopt;
  }
  return v;
}

double JsonReader::number_within(std::string_view key, double low, double high, std::string_view what) const {
  const nlohmann::ordered_json* found = find(key);
  const double v = number(key);
  if (found != nullptr && found->is_number() && !(v >= low && v <= high)) child(key).problem(fmt::format("expected {}", what));
  return v;
}

bool JsonReader::boolean(std::string_view key, std::optional<bool> fallback) const {
  const nlohmann::ordered_json* v = find(key);
  if ((v == nullptr || v->is_null()) && fallback) return *fallback;
  if (v == nullptr || !v->is_boolean()) {
    child(key).problem("expected true or false");
    return false;
  }
  return v->get<bool>();
}

std::vector<std::string_view> JsonReader::strings(std::string_view key) const {
  const nlohmann::ordered_json* v = find(key);
  if (v == nullptr || v->is_null()) return {};
  std::vector<std::string_view> out;
  if (!v->is_array()) {
    child(key).problem("expected an array of strings");
    return out;
  }
  for (std::size_t i = 0; i < v->size(); ++i) {
    if (!(*v)[i].is_string()) {
      child(key).element(i).problem("expected a string");
      continue;
    }
    out.push_back(keep((*v)[i].get<std::string>()));
  }
  return out;
}

std::string_view JsonReader::source() const {
  const nlohmann::ordered_json* v = find("source");
  if (v != nullptr && v->is_array() && !v->empty()) {
    std::string joined;
    for (std::size_t i = 0; i < v->size(); ++i) {
      if (!(*v)[i].is_string() || (*v)[i].get_ref<const std::string&>().empty()) {
        child("source").element(i).problem("expected a non-empty string");
        continue;
      }
      if (!joined.empty()) joined += "; ";
      joined += (*v)[i].get<std::string>();
    }
    return keep(std::move(joined));
  }
  if (v == nullptr || !v->is_string() || v->get_ref<const std::string&>().empty()) {
    child("source").problem("every figure needs a source: expected a non-empty string");
    return {};
  }
  return keep(v->get<std::string>());
}

std::vector<JsonReader> JsonReader::objects(std::string_view key) const {
  const JsonReader list = child(key);
  std::vector<JsonReader> out;
  if (!list.value().is_array() || list.value().empty()) {
    list.problem("expected a non-empty array");
    return out;
  }
  for (std::size_t i = 0; i < list.value().size(); ++i) {
    const JsonReader e = list.element(i);
    if (e.expect_object()) out.push_back(e);
  }
  return out;
}

std::vector<std::string_view> JsonReader::keys() const {
  std::vector<std::string_view> out;
  if (!m_value.is_object()) return out;
  for (const auto& item : m_value.items()) {
    if (!item.key().empty() && item.key().front() == '_') continue;
    out.push_back(keep(item.key()));
  }
  return out;
}

}  // namespace r1tag::detail
