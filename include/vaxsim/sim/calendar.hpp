#pragma once
// Dates and times of day on the simulation clock.
//
// A campaign runs on civil dates ("from 1 May", "by 30 June") while the simulator counts ticks.
// The calendar fixes the epoch (local midnight of the first campaign day) and converts both ways.
// There is no time-zone or daylight-saving handling: every time is local to the province.

#include <chrono>
#include <string>
#include <string_view>

#include "vaxsim/sim/time.hpp"

namespace vaxsim::sim {

/// A civil date, e.g. 2021-06-30.
using Date = std::chrono::year_month_day;

/// Parses an ISO 8601 calendar date "YYYY-MM-DD"; throws std::invalid_argument on anything else
/// (wrong shape, month 13, 30 February...).
Date parse_date(std::string_view iso);

/// Formats a date as "YYYY-MM-DD".
std::string format_date(Date date);

/// Parses a time of day "HH:MM" (00:00 to 24:00); throws std::invalid_argument otherwise.
Duration parse_time_of_day(std::string_view hh_mm);

/// Formats a time of day as "HH:MM" (seconds are dropped).
std::string format_time_of_day(Duration since_midnight);

/// Maps simulated time to campaign days and civil dates.
class Calendar {
 public:
  explicit Calendar(Date epoch) : epoch_{std::chrono::sys_days{epoch}} {}

  Date epoch() const { return Date{epoch_}; }

  /// Day index of a time: 0 for the epoch's date. Times before the epoch give negative days.
  int day_index(Time t) const {
    return static_cast<int>(std::chrono::floor<std::chrono::days>(t.time_since_epoch()).count());
  }
  /// Time since the midnight that starts t's day.
  Duration time_of_day(Time t) const { return t - start_of_day(day_index(t)); }

  Time start_of_day(int day) const { return kEpoch + std::chrono::days{day}; }
  int day_index(Date date) const {
    return static_cast<int>((std::chrono::sys_days{date} - epoch_).count());
  }
  Date date(int day) const { return Date{epoch_ + std::chrono::days{day}}; }
  Date date(Time t) const { return date(day_index(t)); }

  /// The time of a civil date at a given time of day.
  Time at(Date date, Duration time_of_day = Duration::zero()) const {
    return start_of_day(day_index(date)) + time_of_day;
  }

 private:
  std::chrono::sys_days epoch_;
};

}  // namespace vaxsim::sim
