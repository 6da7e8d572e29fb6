#pragma once
// Whole counts (people, doses, appointments) from doubles: a capacity times a number of days, a
// share of a population. One rule, so that every layer rounds such a count alike.

#include <cmath>
#include <cstdint>

namespace vaxsim::sim {

/// A count from a product of doubles: the floor, forgiving the rounding that leaves a whole
/// number just below itself (x.9999999999 is x).
inline std::int64_t floor_to_count(double x) {
  return static_cast<std::int64_t>(std::floor(x + 1e-9));
}

}  // namespace vaxsim::sim
