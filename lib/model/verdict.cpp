// The verdict's rules, in one place:
// - the window for daily targets runs from targets.daily_from to targets.deadline (clipped to
//   the run); a day "meets" a target when that day's doses (first + second) reach it;
// - "sustained from" is the first day of the window after which no day falls short again;
// - totals at the deadline include doses and people vaccinated before the campaign;
// - a coverage level is reached on the first day people with both doses reach level x base;
// - a city's main bottleneck is the most frequent reason among its short days in the window
//   (ties in the rule's order, kShortfallReasons: no_stock, held_back, desks, hours, demand);
// - the backlog inherited from before the run is cleared on the day the run's second doses
//   reach the people overdue at the start (they are served first, longest overdue first);
// - a desk day beyond the record: on some day of the run the province's doses / desks open
//   exceed targets.best_desk_doses_per_day (the warning names the busiest city-day too).

#include "vaxsim/model/verdict.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

namespace vaxsim::model {
namespace {

double doses_on(const CityDayTable& t, int day, int city) {
  return t.at(Measure::first_doses, day, city) + t.at(Measure::second_doses, day, city);
}

double province_doses_on(const CityDayTable& t, int day) {
  return t.province(Measure::first_doses, day) + t.province(Measure::second_doses, day);
}

// The run's second doses, counted against the backlog inherited from before it first.
InheritedBacklog inherited_backlog(const CampaignResult& result) {
  const CityDayTable& t = result.table;
  InheritedBacklog b;
  b.people = result.overdue_at_start;
  if (b.people <= 0 || t.days() == 0) return b;
  b.first_day_doses = static_cast<std::int64_t>(province_doses_on(t, 0));
  double given = 0;
  for (int d = 0; d < t.days(); ++d) {
    given += t.province(Measure::second_doses, d);
    if (d == 0) b.on_first_day = std::min(b.people, static_cast<std::int64_t>(given));
    if (given >= static_cast<double>(b.people)) {
      b.cleared = t.date(d);
      break;
    }
  }
  return b;
}

// Of the days any desk was open, the first on which the desks gave the most doses each.
BestDeskDay best_desk_day(const CityDayTable& t, double reference) {
  BestDeskDay best;
  best.reference = reference;
  for (int d = 0; d < t.days(); ++d) {
    const double desks = t.province(Measure::desks_open, d);
    if (desks <= 0) continue;
    const double per_desk = province_doses_on(t, d) / desks;
    if (!best.date || per_desk > best.doses_per_desk) {
      best.doses_per_desk = per_desk;
      best.date = t.date(d);
    }
  }
  return best;
}

// A whole number with thousands separators: "1,320,000".
std::string whole(double x) {
  const std::string digits = std::to_string(std::llround(std::abs(x)));
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (x < 0 && std::llround(std::abs(x)) != 0 ? "-" : "") + out;
}

Warning desk_warning(const CityDayTable& t, const BestDeskDay& best) {
  const int day = sim::Calendar{t.start()}.day_index(*best.date);
  const double desks = t.province(Measure::desks_open, day);
  std::string message = "On " + sim::format_date(*best.date) + " the province's open desks gave " +
                        whole(best.doses_per_desk) + " doses each (" +
                        whole(province_doses_on(t, day)) + " doses on " + whole(desks) +
                        (desks == 1 ? " desk" : " desks") +
                        "), more than the best recorded productivity of " + whole(best.reference) +
                        " doses a desk in a day (targets.best_desk_doses_per_day; by default "
                        "134, China's record day of March 2021: over 10 M doses on 74,766 "
                        "desks). The scenario's desks may be faster than real sites are.";
  // The busiest city-day, to say where to look first.
  double top = 0;
  int top_day = -1;
  int top_city = -1;
  for (int d = 0; d < t.days(); ++d) {
    for (int c = 0; c < t.cities(); ++c) {
      const double city_desks = t.at(Measure::desks_open, d, c);
      if (city_desks <= 0) continue;
      const double per_desk = doses_on(t, d, c) / city_desks;
      if (per_desk > top) {
        top = per_desk;
        top_day = d;
        top_city = c;
      }
    }
  }
  if (top_city >= 0) {
    message += " Busiest city-day: " + t.city_names()[static_cast<std::size_t>(top_city)] + " on " +
               sim::format_date(t.date(top_day)) + ", " + whole(top) + " doses a desk.";
  }
  return {"desk_productivity_above_record", std::move(message)};
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
    for (const Bottleneck b : kShortfallReasons) {
      const int n = cv.short_days_by[static_cast<std::size_t>(b)];
      if (n > most) {
        most = n;
        cv.main_bottleneck = b;
      }
    }
    v.cities.push_back(cv);
  }

  // Links in the day's cut while the city they serve was short with stock the limit: whether the
  // doses were not there or kept back for second doses and pacing, more would have helped.
  const NetworkRecord& net = result.network;
  for (std::size_t l = 0; l < net.links.size(); ++l) {
    BindingLink b{net.links[l], 0};
    const int city = net.link_city[l];
    for (int d = first; d <= last && d < static_cast<int>(net.binding_links.size()); ++d) {
      const auto& cut = net.binding_links[static_cast<std::size_t>(d)];
      const bool in_cut = std::find(cut.begin(), cut.end(), l) != cut.end();
      const Bottleneck why = city >= 0 ? t.bottleneck(d, city) : Bottleneck::none;
      if (in_cut && (why == Bottleneck::no_stock || why == Bottleneck::held_back)) ++b.days;
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
  v.inherited_backlog = inherited_backlog(result);
  v.best_desk_day = best_desk_day(t, targets.best_desk_doses_per_day);
  if (v.best_desk_day.date && v.best_desk_day.doses_per_desk > v.best_desk_day.reference) {
    v.warnings.push_back(desk_warning(t, v.best_desk_day));
  }
  return v;
}

}  // namespace vaxsim::model
