// Text from users and files made safe to put in a one-line message: control characters (newlines, ESC),
// C1 controls and bytes that are not UTF-8 are shown as escapes (`\n`, `\x1b`), so an error, hint or
// warning is always exactly one line and never sends terminal control sequences.
#pragma once

#include <string>
#include <string_view>

namespace r1tag {

// `text` with every control character and invalid UTF-8 byte escaped: "\n", "\r", "\t", else "\xHH"
// (C1 controls, two bytes in UTF-8, as "\xc2\x9b"). Printable ASCII and valid UTF-8 are kept as they are.
// Example: escaped_for_message("8\nGB") -> "8\\nGB"; escaped_for_message("\x1b[31m") -> "\\x1b[31m".
std::string escaped_for_message(std::string_view text);

}  // namespace r1tag
