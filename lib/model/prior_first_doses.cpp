// The days of the prior one-dose people's first doses (prior_first_doses.hpp).

#include "prior_first_doses.hpp"

#include <algorithm>

#include "vaxsim/supply/allocation.hpp"

namespace vaxsim::model::detail {

FirstDoseDays spread_evenly(std::int64_t people, int from, int to) {
  FirstDoseDays out{from, std::vector<std::int64_t>(static_cast<std::size_t>(to - from + 1), 0)};
  if (people <= 0) return out;
  // Person k is on day i when i <= L k / n < i + 1 (L = the window's days): the people before
  // day i + 1 are those with k < (i + 1) n / L, ceil((i + 1) n / L) of them.
  const std::int64_t length = to - from + 1;
  const auto before = [&](std::int64_t i) { return (i * people + length - 1) / length; };
  for (std::int64_t i = 0; i < length; ++i) {
    out.people[static_cast<std::size_t>(i)] = before(i + 1) - before(i);
  }
  return out;
}

DayWeights recent_first_doses(const DatedCurve& record, double recent,
                              const sim::Calendar& calendar) {
  DayWeights out;
  if (record.points.empty()) return out;
  const int first = calendar.day_index(record.points.front().first);
  const int last = calendar.day_index(record.points.back().first);
  const double level = record.points.back().second - recent;  // the recent are counted above it
  out.first_day = first + 1;
  for (int d = first + 1; d <= last; ++d) {
    const double before = std::max(level, record.at(calendar.date(d - 1)));
    const double after = record.at(calendar.date(d));
    out.weight.push_back(std::max(0.0, after - before));
  }
  return out;
}

FirstDoseDays spread_by(std::int64_t people, const DayWeights& days) {
  return {days.first_day, supply::split_in_proportion(people, days.weight)};
}

}  // namespace vaxsim::model::detail
