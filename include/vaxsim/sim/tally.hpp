#pragma once
// Running summary statistics of observations (waits, throughputs, replication results).
//
// Welford's update keeps the mean and the sum of squared deviations directly, instead of sums of
// x and x^2 whose difference cancels catastrophically when the spread is small next to the mean
// (waits of 600 s +- 2 s over a long campaign). Tallies from threads or replications combine
// with merge() (Chan, Golub & LeVeque 1979), which gives the same result, up to rounding, as
// adding every observation to one tally.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace vaxsim::sim {

/// Count, mean, variance, extremes and sum of a stream of doubles, in O(1) memory.
///
/// Undefined statistics are NaN rather than a made-up 0: mean/min/max of no observations, and
/// variance/stddev/standard_error of fewer than two.
class Tally {
 public:
  void add(double x) noexcept {
    ++count_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(count_);
    m2_ += delta * (x - mean_);  // uses the updated mean: Welford's form, never negative
    sum_ += x;
    min_ = std::min(min_, x);
    max_ = std::max(max_, x);
  }

  /// Combines `other` into this tally, as if its observations had been added here.
  /// Exact for count, min and max; mean and variance to rounding error. Safe with `other == *this`.
  void merge(const Tally& other) noexcept {
    if (other.count_ == 0) return;
    if (count_ == 0) {
      *this = other;
      return;
    }
    const Tally b = other;  // copy: `other` may alias *this
    const double n_a = static_cast<double>(count_);
    const double n_b = static_cast<double>(b.count_);
    const double n = n_a + n_b;
    const double delta = b.mean_ - mean_;
    mean_ += delta * (n_b / n);
    m2_ += b.m2_ + delta * delta * (n_a * n_b / n);
    count_ += b.count_;
    sum_ += b.sum_;
    min_ = std::min(min_, b.min_);
    max_ = std::max(max_, b.max_);
  }

  std::int64_t count() const noexcept { return count_; }
  double sum() const noexcept { return sum_; }
  double mean() const noexcept { return count_ > 0 ? mean_ : kNaN; }
  /// Sample variance, dividing by n - 1 (unbiased).
  double variance() const noexcept {
    return count_ > 1 ? m2_ / static_cast<double>(count_ - 1) : kNaN;
  }
  double stddev() const noexcept { return std::sqrt(variance()); }
  /// Standard error of the mean, stddev / sqrt(n): the half-width unit of confidence intervals
  /// when observations are independent (e.g. one per replication).
  double standard_error() const noexcept {
    return std::sqrt(variance() / static_cast<double>(count_));
  }
  double min() const noexcept { return count_ > 0 ? min_ : kNaN; }
  double max() const noexcept { return count_ > 0 ? max_ : kNaN; }

 private:
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

  std::int64_t count_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;  // sum of squared deviations from the mean
  double sum_ = 0.0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

}  // namespace vaxsim::sim
