#include <r1tag/error.hpp>

#include <utility>

namespace r1tag {

Error::Error(ExitCode code, std::string message, std::string hint)
    : std::runtime_error(std::move(message)), m_code(code), m_hint(std::move(hint)) {}

Error Error::usage(std::string message, std::string hint) {
  return Error(ExitCode::usage, std::move(message), std::move(hint));
}

Error Error::bad_input(std::string message, std::string hint) {
  return Error(ExitCode::bad_input, std::move(message), std::move(hint));
}

Error Error::bad_table(const std::string& file, const std::string& pointer, const std::string& what) {
  return Error(ExitCode::bad_data, file + ": " + (pointer.empty() ? std::string("/") : pointer) + ": " + what);
}

}  // namespace r1tag
