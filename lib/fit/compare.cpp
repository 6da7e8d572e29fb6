// A run against the record: the rule is stated once, in include/vaxsim/fit/compare.hpp.

#include "vaxsim/fit/compare.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "vaxsim/run/quantiles.hpp"

namespace vaxsim::fit {
namespace {

using model::Measure;

// A place's column in the table, or -1 for the province.
int column_of(const model::CityDayTable& table, const std::string& place) {
  if (place == io::kProvince) return -1;
  const auto& names = table.city_names();
  const auto it = std::find(names.begin(), names.end(), place);
  if (it == names.end()) {
    throw std::invalid_argument("compare: '" + place +
                                "' is neither PROVINCE nor a city of the run");
  }
  return static_cast<int>(it - names.begin());
}

double value(const model::CityDayTable& table, Measure m, int day, int column) {
  return column < 0 ? table.province(m, day) : table.at(m, day, column);
}

// A measure's level at the end of `day`, which may be -1: the level the run started from. The
// levels are people; doses given are one per person with one dose and two per person with both
// (the model's products have two doses).
double level(const model::CityDayTable& table, std::string_view measure, int day, int column) {
  double one = value(table, Measure::people_one_dose, std::max(day, 0), column);
  double two = value(table, Measure::people_two_doses, std::max(day, 0), column);
  // Before the run, back from day 0: one(0) = one(-1) + first(0) - second(0), and
  // two(0) = two(-1) + second(0).
  if (day < 0) {
    const double first = value(table, Measure::first_doses, 0, column);
    const double second = value(table, Measure::second_doses, 0, column);
    one += second - first;
    two -= second;
  }
  if (measure == "doses_cumulative") return one + 2 * two;
  if (measure == "people_one_dose_plus") return one + two;
  return two;  // people_fully
}

}  // namespace

double ComparedFigure::relative_error() const {
  return error() / (observed != 0 ? std::abs(observed) : 1.0);
}

double share_of_day(const model::CampaignConfig& config, sim::Date date,
                    std::optional<sim::Duration> time_of_day) {
  if (!time_of_day) return 1.0;
  sim::Duration open = sim::kDay;
  sim::Duration close = sim::Duration::zero();
  for (const model::SiteSpec& site : config.sites) {
    const model::OpeningHours* in_force = nullptr;
    for (const model::OpeningHours& h : site.hours) {
      if (in_force == nullptr || h.from <= date) in_force = &h;
    }
    if (in_force == nullptr) continue;
    open = std::min(open, in_force->open);
    close = std::max(close, in_force->close);
  }
  if (close <= open) {
    open = std::chrono::hours{8};
    close = std::chrono::hours{22};
  }
  const double share = static_cast<double>((*time_of_day - open).count()) /
                       static_cast<double>((close - open).count());
  return std::clamp(share, 0.0, 1.0);
}

std::optional<double> simulated_value(const model::CampaignConfig& config,
                                      const model::CampaignResult& result,
                                      const io::Observation& at, std::string_view measure,
                                      int last_day) {
  const model::CityDayTable& table = result.table;
  const int day = static_cast<int>(
      (std::chrono::sys_days{at.date} - std::chrono::sys_days{table.start()}).count());
  const int simulated_days = last_day < 0 ? table.days() : std::min(table.days(), last_day + 1);
  if (day < 0 || day >= simulated_days) return std::nullopt;
  const int column = column_of(table, at.place);
  const double share = share_of_day(config, at.date, at.time_of_day);
  if (measure == "doses_that_day") {
    return share * (value(table, Measure::first_doses, day, column) +
                    value(table, Measure::second_doses, day, column));
  }
  if (measure != "doses_cumulative" && measure != "people_one_dose_plus" &&
      measure != "people_fully") {
    throw std::invalid_argument("simulated_value: unknown measure '" + std::string(measure) + "'");
  }
  const double before = level(table, measure, day - 1, column);
  return before + share * (level(table, measure, day, column) - before);
}

std::vector<ComparedFigure> compare(const model::CampaignConfig& config,
                                    std::span<const model::CampaignResult> replications,
                                    const io::ObservedProgress& observed, int last_day) {
  if (replications.empty()) throw std::invalid_argument("compare: no replications");
  std::vector<ComparedFigure> out;
  for (const io::Observation& point : observed.points) {
    for (const io::ObservedMeasure& m : io::kObservedMeasures) {
      const std::optional<double>& figure = point.*m.value;
      if (!figure) continue;
      ComparedFigure c;
      c.date = point.date;
      c.time_of_day = point.time_of_day;
      c.place = point.place;
      c.measure = std::string(m.column);
      c.observed = *figure;
      c.source = point.source;
      c.line = point.line;
      c.day_share = share_of_day(config, point.date, point.time_of_day);
      for (const model::CampaignResult& r : replications) {
        const std::optional<double> v = simulated_value(config, r, point, m.column, last_day);
        if (!v) break;
        c.simulated.push_back(*v);
      }
      if (c.comparable()) {
        double sum = 0;
        for (const double v : c.simulated) sum += v;  // in replication order
        c.mean = sum / static_cast<double>(c.simulated.size());
        std::vector<double> sorted = c.simulated;
        std::sort(sorted.begin(), sorted.end());
        c.q05 = run::quantile_of_sorted(sorted, 0.05);
        c.q50 = run::quantile_of_sorted(sorted, 0.50);
        c.q95 = run::quantile_of_sorted(sorted, 0.95);
      }
      out.push_back(std::move(c));
    }
  }
  return out;
}

}  // namespace vaxsim::fit
