#include <r1tag/common/error.hpp>

#include <string_view>
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
  // Appended, not chained with +: GCC 12 at -O3 warns falsely (-Wrestrict, GCC bug 105651) on the chain.
  std::string message = file;
  message.append(": ").append(pointer.empty() ? std::string_view("/") : std::string_view(pointer)).append(": ").append(what);
  return Error(ExitCode::bad_data, std::move(message));
}

}  // namespace r1tag
