#pragma once
// Time-weighted statistics of a piecewise-constant quantity (queue length, busy desks, stock).
//
// A queue that holds 50 people for one minute and 0 for the rest of the day has a small average
// length; averaging the values it was set to would say 25. So each value is weighted by how long
// it was held: the integral of the quantity over time, divided by the elapsed time.

#include <algorithm>
#include <stdexcept>
#include <string>

#include "vaxsim/sim/time.hpp"

namespace vaxsim::sim {

/// Tracks one piecewise-constant quantity over simulated time within an observation window.
///
/// Only the running integral is kept, not the history, so every `now` argument (queries
/// included) must be at or after the last set/add/reset; earlier times throw
/// std::invalid_argument.
///
/// The integral is accumulated in value x milliseconds (the tick) and reported in
/// value x seconds. Integer-valued quantities (counts) therefore accumulate exactly, with no
/// rounding at all, while the integral stays below 2^53 value-ms (a queue of 1,000 for 100 years).
class TimeWeighted {
 public:
  TimeWeighted(Time start, double initial) noexcept
      : start_(start), last_(start), value_(initial), max_(initial), min_(initial) {}

  /// The quantity becomes `value` at `now`. Throws std::invalid_argument if `now` is earlier
  /// than the last update: that is a simulator bug, and silently accepting it would corrupt the
  /// integral.
  void set(Time now, double value) {
    advance(now);
    value_ = value;
    max_ = std::max(max_, value);
    min_ = std::min(min_, value);
  }
  /// The quantity changes by `delta` at `now` (arrivals +1, departures -1).
  void add(Time now, double delta) { set(now, value_ + delta); }

  /// Starts a new observation window at `now` (e.g. each simulated midnight, for per-day
  /// statistics). The current value carries over and is the new window's first max and min.
  void reset(Time now) {
    advance(now);
    start_ = now;
    integral_ms_ = 0.0;
    max_ = value_;
    min_ = value_;
  }

  double value() const noexcept { return value_; }
  /// Largest and smallest value held in the current window (including its starting value).
  double max() const noexcept { return max_; }
  double min() const noexcept { return min_; }
  Time window_start() const noexcept { return start_; }

  /// Integral of the quantity from the window start to `now`, in value x seconds
  /// (a queue of 3 people for 2 minutes contributes 360 person-seconds).
  double integral(Time now) const { return pending_integral_ms(now) / 1000.0; }

  /// Time average from the window start to `now`. For an empty window (now == start) this is the
  /// current value, the limit as the window shrinks, rather than 0/0.
  double mean(Time now) const {
    const double integral_ms = pending_integral_ms(now);
    const auto elapsed_ms = (now - start_).count();
    if (elapsed_ms == 0) return value_;
    return integral_ms / static_cast<double>(elapsed_ms);
  }

 private:
  void check_not_before_last(Time now) const {
    if (now < last_) {
      throw std::invalid_argument("TimeWeighted: time went backwards, from " +
                                  std::to_string(last_.time_since_epoch().count()) + " ms to " +
                                  std::to_string(now.time_since_epoch().count()) + " ms");
    }
  }
  double pending_integral_ms(Time now) const {
    check_not_before_last(now);
    return integral_ms_ + value_ * static_cast<double>((now - last_).count());
  }
  void advance(Time now) {
    integral_ms_ = pending_integral_ms(now);
    last_ = now;
  }

  Time start_;
  Time last_;               // time of the last change (or window start)
  double value_;            // held since last_
  double integral_ms_ = 0;  // from start_ to last_, in value x ms
  double max_;
  double min_;
};

}  // namespace vaxsim::sim
