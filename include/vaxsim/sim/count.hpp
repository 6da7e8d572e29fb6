#pragma once
// Whole counts (people, doses, appointments) from doubles: a capacity times a number of days, a
// share of a population. One rule, so that every layer rounds such a count alike.

#include <cmath>
#include <cstdint>

namespace vaxsim::sim {

/// A count from a product of doubles: the floor, forgiving the rounding that leaves a whole
/// number just below itself (x.9999999999 is x). Beyond +-2^62, more than any campaign holds,
/// it saturates (NaN is 0): the cast of an out-of-range double would be undefined behaviour,
/// and the loader's plausible ranges keep real inputs far below.
inline std::int64_t floor_to_count(double x) {
  constexpr double kLimit = 4611686018427387904.0;  // 2^62
  const double f = std::floor(x + 1e-9);
  if (f < kLimit && f > -kLimit) return static_cast<std::int64_t>(f);
  if (std::isnan(f)) return 0;
  return f > 0 ? std::int64_t{1} << 62 : -(std::int64_t{1} << 62);
}

}  // namespace vaxsim::sim
