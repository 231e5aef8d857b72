// libFuzzer target: config::parseJson5 on arbitrary bytes (with the positions map).
// Contract: it returns a value or throws Json5Error; any other exception, crash or sanitizer
// report is a finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config/json5.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  openclaw::config::Json5Positions positions;
  try {
    const nlohmann::json value = openclaw::config::parseJson5(text, &positions);
    // Every parsed document has a root position.
    if (positions.find("") == positions.end()) __builtin_trap();
    // Re-serialising must not throw for valid UTF-8 output (strings are documented as valid
    // UTF-8; NaN/inf serialise as null).
    (void)value.dump();
  } catch (const openclaw::config::Json5Error&) {
  }
  return 0;
}
