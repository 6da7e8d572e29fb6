#pragma once
// What a calibration may change, and within which range: `--fit KEY=LO..HI`.
//
//   KEY   a path in the scenario file, as for overrides (io/overrides.hpp), e.g.
//         sites[*].service_minutes.lognormal.mean or demand.booking_fill; or several paths
//         joined by '&', moved together by the one parameter
//         (supply.deliveries[0].doses&supply.deliveries[1].doses=x0.5..x2: two products'
//         deliveries scaled alike)
//   LO..HI  the range of values tried: plain numbers set the value there
//         (demand.booking_fill=0.5..1), numbers written with an x scale what the file has
//         (supply.deliveries[*].doses=x0.5..x1.5: every delivery times the same factor), so one
//         parameter can move many numbers together. Where the scenario wants a whole number
//         (desks, doses, people), the value tried is rounded, as a scaled value is.

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vaxsim/io/overrides.hpp"

namespace vaxsim::fit {

struct FitParameter {
  std::string key;
  double lo = 0;
  double hi = 1;
  bool factor = false;  // "x": the value multiplies the file's numbers

  /// The overrides that set this parameter to `value` (KEY=value, or KEY=x<value>, one per
  /// path of KEY); the reader rounds it where the scenario wants a whole number
  /// (io::Override::rounded).
  std::vector<io::Override> at(double value) const;
  /// The paths KEY names (one, or those joined by '&').
  std::vector<std::string> paths() const;
  /// "KEY=LO..HI" as given.
  std::string text() const;
};

/// Where a search for `parameters` starts in a scenario file: each parameter's value there (the
/// first path's first value; x1 for a factor parameter; NaN where the file has no number, so the
/// search starts at the middle of the range). Throws io::ScenarioError for a key that leads
/// nowhere, as an override would.
std::vector<double> start_values(const std::filesystem::path& scenario,
                                 std::span<const FitParameter> parameters);

/// Parses "KEY=LO..HI" (or "KEY=xLO..xHI"). Throws std::invalid_argument saying what is wrong:
/// no '=', no "..", a bound that is not a finite number, LO >= HI, or a factor range not above 0.
FitParameter parse_fit_parameter(std::string_view text);

}  // namespace vaxsim::fit
