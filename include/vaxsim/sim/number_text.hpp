#pragma once
// A double as the shortest text that reads back as the same double ("0.1", "30", "1e+06",
// "inf"): the rule of every number in a message (a bad distribution parameter, a scenario value
// out of range) and of the values a scenario override writes into the YAML it changes.
//
// Tables use another rule: report::format_number (csv.hpp) writes whole numbers as integers
// ("1000000", never "1e+06" or "-0") and is not this one.

#include <string>

namespace vaxsim::sim {

/// std::to_chars's shortest round-trip form: fixed or scientific, whichever is shorter (fixed on
/// a tie), so 100000 is "1e+05", 0.0001 "1e-04" and -0 "-0"; "nan", "inf", "-inf".
std::string number_text(double x);

}  // namespace vaxsim::sim
