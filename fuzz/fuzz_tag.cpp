// libFuzzer target for the tag parser and the resolver: any byte string must either parse and
// resolve, or fail with r1tag::Error. Any other exception, a crash, UB or a hang is a bug.
// Built and run by fuzz/run.sh (clang only; never part of the default build).
#include <r1tag/tables/catalog.hpp>
#include <r1tag/common/error.hpp>
#include <r1tag/names/resolver.hpp>
#include <r1tag/names/tag_parser.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const r1tag::ParsedTag tag = r1tag::parse_tag(text);
    const r1tag::Variant v = r1tag::resolve(tag, r1tag::embedded_catalog());
    // What the renderers will read must be there whenever resolve succeeds.
    if (v.model == nullptr) __builtin_trap();
  } catch (const r1tag::Error&) {
    // Expected for input that is not a name or not an R1 variant.
  }
  return 0;
}
