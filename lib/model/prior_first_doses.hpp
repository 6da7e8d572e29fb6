#pragma once
// When the people with one dose at the start had their first dose: the days before the run, and
// how many of them on each. Their second doses fall due from these days (second_dose_book.hpp).
//
// Two ways to say it (campaign_config.hpp, PriorVaccinations and prior_first_doses_by):
//   evenly     over first_doses_from..first_doses_to: person k of n on day
//              from + (to - from + 1) k / n (whole days, rounded down);
//   the record a cumulative count of people with at least one dose, by date (linear between its
//              points). The one-dose people are the curve's most recent first doses: its last
//              `recent` people, those counted after it passed (its end - recent). On each day
//              they get as many first doses as the curve rises that day above that level, so
//              the days follow the curve's density.

#include <cstdint>
#include <vector>

#include "vaxsim/model/population.hpp"
#include "vaxsim/sim/calendar.hpp"

namespace vaxsim::model::detail {

/// People with a first dose on each day from `first_day` (a day index of the run, negative:
/// before it) on: people[i] on day first_day + i.
struct FirstDoseDays {
  int first_day = 0;
  std::vector<std::int64_t> people;
};

/// `people` spread evenly over days `from` to `to` (as above).
FirstDoseDays spread_evenly(std::int64_t people, int from, int to);

/// How much of the record's curve each day's first doses are, for its last `recent` people: the
/// curve's rise on each day (its value at the day's end less the day before's) above the level
/// (its end - recent), from the day after its first point to its last. The curve's first point
/// dates nobody: the people it counts had their first dose on or before it.
struct DayWeights {
  int first_day = 0;
  std::vector<double> weight;
};
DayWeights recent_first_doses(const DatedCurve& record, double recent,
                              const sim::Calendar& calendar);

/// `people` over the days in proportion to their weights, by largest remainders: the total is
/// exact.
FirstDoseDays spread_by(std::int64_t people, const DayWeights& days);

}  // namespace vaxsim::model::detail
