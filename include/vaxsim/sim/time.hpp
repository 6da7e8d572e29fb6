#pragma once
// Simulated time: integer ticks of one millisecond since the campaign epoch.
//
// Integer ticks keep event ordering exact and runs bit-reproducible (no floating-point drift when
// adding many service times). One millisecond resolves the shortest station times (seconds) with
// no rounding bias worth measuring, and int64 milliseconds overflow only after 292 million years;
// the event queue additionally limits times to kMaxTime (about 1.1 million years), far beyond any
// campaign horizon (two years is 6.3e10 ticks).

#include <chrono>
#include <cstdint>
#include <limits>

namespace vaxsim::sim {

/// A length of simulated time. Use std::chrono literals: `30min`, `4s`, `std::chrono::hours{14}`.
using Duration = std::chrono::duration<std::int64_t, std::milli>;

/// The clock of a simulation. It has no now(): only a Simulator knows what time it is.
struct SimClock {
  using rep = Duration::rep;
  using period = Duration::period;
  using duration = Duration;
  using time_point = std::chrono::time_point<SimClock, Duration>;
  static constexpr bool is_steady = true;
};

/// A point in simulated time, measured from the epoch (local midnight of campaign day 0).
using Time = SimClock::time_point;

/// The epoch itself.
inline constexpr Time kEpoch{};

/// The latest time an event may be scheduled at (2^52 ms, about 142,000 years).
inline constexpr Time kMaxTime{Duration{std::int64_t{1} << 52}};

inline constexpr Duration kDay = std::chrono::days{1};

/// Converts a duration to fractional minutes, the unit planners read waits in.
constexpr double to_minutes(Duration d) { return static_cast<double>(d.count()) / 60'000.0; }
/// Converts a duration to fractional seconds.
constexpr double to_seconds(Duration d) { return static_cast<double>(d.count()) / 1'000.0; }

/// Rounds a non-negative number of seconds to the nearest tick; the way random draws become times.
/// A time past kMaxTime (a heavy-tailed draw, a huge factor) is kMaxTime: the cast of an
/// out-of-range double would be undefined behaviour. NaN is 0.
constexpr Duration from_seconds(double seconds) {
  const double ms = seconds * 1'000.0 + 0.5;
  const auto limit = static_cast<double>(kMaxTime.time_since_epoch().count());
  if (ms < limit && ms > -limit) return Duration{static_cast<std::int64_t>(ms)};
  if (ms != ms) return Duration{};
  return ms > 0 ? kMaxTime.time_since_epoch() : -kMaxTime.time_since_epoch();
}
constexpr Duration from_minutes(double minutes) { return from_seconds(minutes * 60.0); }

}  // namespace vaxsim::sim
