// The verdict's rules, in one place:
// - the window for daily targets runs from targets.daily_from to targets.deadline (clipped to
//   the run); a day "meets" a target when that day's doses (first + second) reach it;
// - "sustained from" is the first day of the window after which no day falls short again;
// - totals at the deadline include doses and people vaccinated before the campaign;
// - a coverage level is reached on the first day people with both doses reach level x base;
// - a city's main bottleneck is the most frequent reason among its short days in the window
//   (ties: supply, desks, hours, demand, in that order).

#include "vaxsim/model/verdict.hpp"

#include <algorithm>
#include <cmath>

namespace vaxsim::model {
namespace {

double doses_on(const CityDayTable& t, int day, int city) {
  return t.at(Measure::first_doses, day, city) + t.at(Measure::second_doses, day, city);
}

}  // namespace

Verdict judge(const CampaignConfig& config, const CampaignResult& result) {
  const CityDayTable& t = result.table;
  const sim::Calendar calendar{t.start()};
  const Targets& targets = config.targets;
  Verdict v;
  v.daily_target = targets.daily_doses;
  v.deadline = targets.deadline;
  v.people_fully_target = targets.people_fully_vaccinated;
  v.doses_target = targets.doses;
  if (t.days() == 0) return v;

  // The window, clipped to the run; empty (first > last) when it lies wholly outside it.
  const int last = std::min(calendar.day_index(targets.deadline), t.days() - 1);
  const int first = std::max(calendar.day_index(targets.daily_from), 0);

  // Province, day by day.
  std::vector<double> daily(static_cast<std::size_t>(t.days()));
  for (int d = 0; d < t.days(); ++d) {
    daily[static_cast<std::size_t>(d)] =
        t.province(Measure::first_doses, d) + t.province(Measure::second_doses, d);
  }
  double sum = 0;
  for (int d = first; d <= last; ++d) {
    const double x = daily[static_cast<std::size_t>(d)];
    ++v.daily_days_in_window;
    sum += x;
    v.daily_best = std::max(v.daily_best, x);
    if (v.daily_target > 0 && x >= static_cast<double>(v.daily_target)) {
      ++v.daily_days_met;
      if (!v.daily_first_reached) v.daily_first_reached = t.date(d);
    }
  }
  v.daily_mean = v.daily_days_in_window > 0 ? sum / v.daily_days_in_window : 0.0;
  if (v.daily_target > 0) {
    for (int d = last;
         d >= first && daily[static_cast<std::size_t>(d)] >= static_cast<double>(v.daily_target);
         --d) {
      v.daily_sustained_from = t.date(d);
    }
  }

  // Cities.
  for (int c = 0; c < t.cities(); ++c) {
    CityVerdict cv;
    cv.city = t.city_names()[static_cast<std::size_t>(c)];
    cv.target = config.cities[static_cast<std::size_t>(c)].daily_target;
    double city_sum = 0;
    for (int d = first; d <= last; ++d) {
      const double x = doses_on(t, d, c);
      ++cv.days_in_window;
      city_sum += x;
      cv.best_day = std::max(cv.best_day, x);
      if (cv.target > 0 && x >= static_cast<double>(cv.target)) {
        ++cv.days_met;
      } else if (cv.target > 0) {
        const Bottleneck b = t.bottleneck(d, c);
        ++cv.short_days_by[static_cast<std::size_t>(b)];
        ++v.short_city_days_by[static_cast<std::size_t>(b)];
      }
    }
    cv.mean_daily = cv.days_in_window > 0 ? city_sum / cv.days_in_window : 0.0;
    int most = 0;
    for (const Bottleneck b :
         {Bottleneck::supply, Bottleneck::desks, Bottleneck::hours, Bottleneck::demand}) {
      const int n = cv.short_days_by[static_cast<std::size_t>(b)];
      if (n > most) {
        most = n;
        cv.main_bottleneck = b;
      }
    }
    v.cities.push_back(cv);
  }

  // Links in the day's cut while the city they serve was short for lack of supply.
  const NetworkRecord& net = result.network;
  for (std::size_t l = 0; l < net.links.size(); ++l) {
    BindingLink b{net.links[l], 0};
    const int city = net.link_city[l];
    for (int d = first; d <= last && d < static_cast<int>(net.binding_links.size()); ++d) {
      const auto& cut = net.binding_links[static_cast<std::size_t>(d)];
      const bool in_cut = std::find(cut.begin(), cut.end(), l) != cut.end();
      if (in_cut && city >= 0 && t.bottleneck(d, city) == Bottleneck::supply) ++b.days;
    }
    if (b.days > 0) v.binding_links.push_back(b);
  }
  std::stable_sort(v.binding_links.begin(), v.binding_links.end(),
                   [](const BindingLink& a, const BindingLink& b) { return a.days > b.days; });

  // The deadline (before the run: nothing but what was given before it).
  if (last >= 0) {
    v.people_fully_by_deadline =
        static_cast<std::int64_t>(t.province(Measure::people_two_doses, last));
    v.people_one_dose_by_deadline =
        v.people_fully_by_deadline +
        static_cast<std::int64_t>(t.province(Measure::people_one_dose, last));
  }
  double given = static_cast<double>(result.prior_doses);
  for (int d = 0; d <= last; ++d) given += daily[static_cast<std::size_t>(d)];
  v.doses_by_deadline = static_cast<std::int64_t>(given);

  for (const double level : targets.coverage_levels) {
    CoverageDate cd;
    cd.level = level;
    // The whole number of people at or above the level (0.29 x 100 is 28.999... in doubles).
    cd.people = static_cast<std::int64_t>(
        std::ceil(level * static_cast<double>(targets.coverage_base) - 1e-6));
    for (int d = 0; d < t.days(); ++d) {
      if (t.province(Measure::people_two_doses, d) >= static_cast<double>(cd.people)) {
        cd.reached = t.date(d);
        break;
      }
    }
    v.coverage.push_back(cd);
  }
  return v;
}

}  // namespace vaxsim::model
