// What observed figures must agree on: the cells of one row, the rows of one place over time,
// and the places with a scenario's cities. Each problem is placed at the cell that breaks the
// rule and names the row it contradicts, so a planner can see both figures.

#include "observed_checks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "text_helpers.hpp"
#include "vaxsim/io/observed.hpp"
#include "vaxsim/io/scenario_error.hpp"
#include "vaxsim/sim/calendar.hpp"
#include "vaxsim/sim/number_text.hpp"

namespace vaxsim::io {
namespace detail {
namespace {

/// A figure as a planner writes it: whole numbers in full (6435000, not 6.435e+06).
std::string figure_text(double x) {
  if (x == std::floor(x) && std::abs(x) < 9.0e15) {
    return std::to_string(static_cast<std::int64_t>(x));
  }
  return sim::number_text(x);
}

/// "2021-05-18 19:00", or "2021-05-25" when the report gives no hour.
std::string moment_text(const Observation& o) {
  std::string out = sim::format_date(o.date);
  if (o.time_of_day) out += " " + sim::format_time_of_day(*o.time_of_day);
  return out;
}

[[noreturn]] void fail_at(const ObservedProgress& observed, const Observation& o,
                          std::string_view column, const std::string& message) {
  throw ScenarioError(observed.file, o.line, observed.column_number(column), std::string(column),
                      message);
}

/// The figures of one row: the fully vaccinated are among the people with one dose, and each
/// of those has had a dose.
void check_row(const ObservedProgress& observed, const Observation& o) {
  if (o.people_fully && o.people_one_dose_plus && *o.people_fully > *o.people_one_dose_plus) {
    fail_at(observed, o, "people_fully",
            "more people fully vaccinated (" + figure_text(*o.people_fully) +
                ") than with at least one dose (people_one_dose_plus, " +
                figure_text(*o.people_one_dose_plus) + "): the fully vaccinated are among them");
  }
  if (o.people_one_dose_plus && o.doses_cumulative &&
      *o.people_one_dose_plus > *o.doses_cumulative) {
    fail_at(observed, o, "people_one_dose_plus",
            "more people with at least one dose (" + figure_text(*o.people_one_dose_plus) +
                ") than doses given (doses_cumulative, " + figure_text(*o.doses_cumulative) +
                "): each of them has had a dose");
  }
}

bool same_moment(const Observation& a, const Observation& b) {
  return a.place == b.place && a.date == b.date && a.as_of() == b.as_of();
}

/// The rows of each place in time order, a moment's rows in file order.
std::vector<const Observation*> by_place_and_time(const std::vector<Observation>& points) {
  std::vector<const Observation*> out;
  for (const Observation& o : points) out.push_back(&o);
  std::stable_sort(out.begin(), out.end(), [](const Observation* a, const Observation* b) {
    if (a->place != b->place) return a->place < b->place;
    if (a->date != b->date) return a->date < b->date;
    return a->as_of() < b->as_of();
  });
  return out;
}

}  // namespace

void check_observed_figures(const ObservedProgress& observed) {
  for (const Observation& o : observed.points) check_row(observed, o);

  const std::vector<const Observation*> ordered = by_place_and_time(observed.points);
  // One row per place and moment: two would be two answers to one question.
  for (std::size_t i = 1; i < ordered.size(); ++i) {
    const Observation& earlier = *ordered[i - 1];
    const Observation& o = *ordered[i];
    if (!same_moment(earlier, o)) continue;
    std::string message = o.place + " is already observed at " + moment_text(earlier) +
                          ", on line " + std::to_string(earlier.line);
    if (earlier.time_of_day.has_value() != o.time_of_day.has_value()) {
      message += " (a date without an hour stands for the end of that day, 24:00)";
    }
    fail_at(observed, o, "date", message);
  }
  // Doses given and people vaccinated so far only grow: a fall is a typo or a mixed-up source.
  std::map<std::string_view, const Observation*> last;  // per measure, within the current place
  for (std::size_t i = 0; i < ordered.size(); ++i) {
    const Observation& o = *ordered[i];
    if (i > 0 && ordered[i - 1]->place != o.place) last.clear();
    for (const ObservedMeasure& m : kObservedMeasures) {
      if (!m.cumulative || !(o.*m.value)) continue;
      const Observation*& before = last[m.column];
      if (before != nullptr && *(o.*m.value) < *(before->*m.value)) {
        fail_at(observed, o, m.column,
                std::string(m.column) + " falls from " + figure_text(*(before->*m.value)) + " on " +
                    moment_text(*before) + " (line " + std::to_string(before->line) + ") to " +
                    figure_text(*(o.*m.value)) + " on " + moment_text(o) +
                    ": a cumulative figure of one place cannot fall");
      }
      before = &o;
    }
  }
}

}  // namespace detail

void check_places(const ObservedProgress& observed, std::span<const std::string> city_names) {
  std::vector<std::string> known{std::string(kProvince)};
  known.insert(known.end(), city_names.begin(), city_names.end());
  const Observation* first = nullptr;  // the first unknown place in the file
  for (const Observation& o : observed.points) {
    if (std::find(known.begin(), known.end(), o.place) != known.end()) continue;
    if (first == nullptr || o.line < first->line) first = &o;
  }
  if (first == nullptr) return;
  std::string message = "unknown place " + detail::quote(first->place);
  if (const auto guess = detail::closest(first->place, known)) {
    message += " (did you mean " + detail::quote(*guess) + "?)";
  } else {
    message += "; known: " + detail::join(known);
  }
  detail::fail_at(observed, *first, "place", message);
}

}  // namespace vaxsim::io
