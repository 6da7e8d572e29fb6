#pragma once
// The spread of a quantity over replications: mean and the 5%, 50% and 95% quantiles.
//
// The quantile rule (Hyndman & Fan 1996, type 7; R's default, NumPy's "linear"): with the n
// values sorted, x[0] <= ... <= x[n-1], the p-quantile is found at h = (n - 1) p and is
//   x[floor(h)] + (h - floor(h)) (x[floor(h) + 1] - x[floor(h)]),
// linear interpolation between the two order statistics around h. So the 50% quantile is the
// usual median, q(0) the smallest and q(1) the largest value, and for n = 1 every quantile is
// the one value. The mean adds the values in replication order. If any value is NaN, every
// statistic of that cell is NaN.

#include <span>
#include <vector>

#include "vaxsim/sim/matrix.hpp"

namespace vaxsim::run {

/// The p-quantile (0 <= p <= 1) of values sorted in increasing order, by the rule above; NaN for
/// no values.
double quantile_of_sorted(std::span<const double> sorted, double p);

/// Mean and quantiles, cell by cell: every matrix has the shape of the inputs.
struct Spread {
  sim::Matrix mean;
  sim::Matrix q05;
  sim::Matrix q50;
  sim::Matrix q95;
};

/// The spread of `replications` (one matrix per replication, all the same shape; at least one)
/// cell by cell. Throws std::invalid_argument for no matrices or mismatched shapes.
Spread spread_of(std::span<const sim::Matrix> replications);

/// The same for matrices held elsewhere (e.g. one Measure column of each replication's table).
Spread spread_of(std::span<const sim::Matrix* const> replications);

}  // namespace vaxsim::run
