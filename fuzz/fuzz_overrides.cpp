// libFuzzer target: the override parser and its application (`vaxsim sweep --vary`). The first
// line of the input is a --vary argument (KEY=V1,V2,...), the rest a scenario (a small one of
// our own when empty). Every value must end in a Scenario, an io::ScenarioError, or, for a
// malformed argument, std::invalid_argument, as the command line reports them.

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "vaxsim/io/overrides.hpp"
#include "vaxsim/io/scenario_error.hpp"
#include "vaxsim/run/sweep.hpp"

namespace {

constexpr std::string_view kBase = R"(name: base
start: 2021-04-01
end: 2021-04-10
products:
  - {name: A, interval_days: {min: 3, max: 7}}
cities:
  - {name: North, residents: 300}
  - {name: South, residents: 200}
groups:
  - {name: adults, share: 0.8}
sites:
  - name: clinic
    city: all
    desks: 2
    hours:
      - {open: "08:00", close: "18:00"}
supply:
  initial_stock: {A: 1000}
  deliveries:
    - {product: A, doses: 100, from: 2021-04-02, every_days: 2}
targets:
  city_daily_doses: {all: 10}
  coverage_levels: [0.4, 0.5]
)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t line_end = input.find('\n');
  const std::string_view vary = input.substr(0, line_end);
  const std::string_view rest =
      line_end == std::string_view::npos ? std::string_view{} : input.substr(line_end + 1);
  const std::string_view yaml = rest.empty() ? kBase : rest;
  vaxsim::run::Axis axis;
  try {
    axis = vaxsim::run::parse_axis(vary);
  } catch (const std::invalid_argument&) {
    return 0;  // the command line says so, exit 2
  }
  for (const std::string& value : axis.values) {
    const std::vector<vaxsim::io::Override> overrides = {{axis.key, value}};
    try {
      vaxsim::io::parse_scenario(yaml, "fuzz.yaml", overrides);
    } catch (const vaxsim::io::ScenarioError&) {
    }
  }
  return 0;
}
