#pragma once
// What the plan promises, so a run can say whether it keeps the promise.

#include <cstdint>
#include <vector>

#include "vaxsim/sim/calendar.hpp"

namespace vaxsim::model {

struct Targets {
  /// Province doses per day, from a date ("at least 800,000 a day from May").
  std::int64_t daily_doses = 0;
  sim::Date daily_from;
  /// The deadline for the totals below.
  sim::Date deadline;
  /// People with both doses by the deadline (14.91 M).
  std::int64_t people_fully_vaccinated = 0;
  /// Doses given by the deadline, counting doses given before the campaign (29.82 M).
  std::int64_t doses = 0;
  /// Coverage levels to date (0.4, 0.5, 0.6), as shares of `coverage_base` fully vaccinated.
  std::vector<double> coverage_levels;
  /// The population the coverage shares refer to: the plan used end-2019 residents (37.29 M),
  /// the 3 June report the 2020 census (34.9 M).
  std::int64_t coverage_base = 0;
  /// The opening hours a day the plan asks of sites (08:00-22:00 is 14): a city-day held back by
  /// capacity is put down to hours when its sites were open less than this (see bottleneck.hpp).
  double reference_open_hours = 14.0;
  /// The most doses a desk has been recorded to give in a day: 134, China's record day of March
  /// 2021 (over 10 M doses on 74,766 desks; docs/sources.md, [F]). The verdict warns when a
  /// run's desks give more (see verdict.hpp, BestDeskDay).
  double best_desk_doses_per_day = 134.0;
};

}  // namespace vaxsim::model
