// libFuzzer target: the observed-progress reader (io::parse_observed). Any text must end in an
// ObservedProgress or a located io::ScenarioError, never another exception or a crash.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "vaxsim/io/observed.hpp"
#include "vaxsim/io/scenario_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    vaxsim::io::parse_observed(text, "fuzz.csv");
  } catch (const vaxsim::io::ScenarioError& e) {
    if (e.line() <= 0 && size > 0) {
      std::fprintf(stderr, "fuzz_observed: an unlocated rejection: %s\n", e.what());
      std::abort();
    }
  }
  return 0;
}
