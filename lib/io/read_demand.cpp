// The scenario's demand, dose policies and uncertainty, read into the config
// (scenario_reader.hpp): who comes and when, which doses go first, and what the scenario leaves
// uncertain; docs/scenario-format.md, "demand", "policies", "uncertainty".

#include <limits>
#include <optional>
#include <string_view>

#include "scenario_reader.hpp"
#include "vaxsim/sim/number_text.hpp"

namespace vaxsim::io::detail {

// ---- Demand ----

void ScenarioReader::read_demand(const Field& f) {
  const MapView m(*this, f,
                  {"registered", "booking_fill", "no_show", "walk_in_rate", "arrival_profile"});
  model::Demand& d = config_.demand;
  note("demand", f);
  if (const auto r = m.get("registered")) {
    d.registered = dated_curve(*r, [&](const Field& v) { return share(v); });
    for (std::size_t i = 1; i < d.registered.points.size(); ++i) {
      if (d.registered.points[i].second < d.registered.points[i - 1].second) {
        fail(Field{r->node[i][1], index_path(index_path(r->path, i), 1)},
             "registration cannot go down (" + sim::number_text(d.registered.points[i].second) +
                 " after " + sim::number_text(d.registered.points[i - 1].second) + ")");
      }
    }
  }
  if (const auto b = m.get("booking_fill")) {
    d.booking_fill = share(*b);
    if (d.booking_fill == 0) fail(*b, "must be above 0: nobody could book");
  }
  if (const auto n = m.get("no_show")) {
    d.no_show = share(*n);
    if (d.no_show >= 1) fail(*n, "must be below 1: nobody would ever come");
  }
  if (const auto w = m.get("walk_in_rate")) d.walk_in_rate = share(*w);
  if (const auto a = m.get("arrival_profile")) {
    const ParsedDistribution p = distribution(*a);
    if (p.distribution.min() < 0 || !(p.max <= 1)) {
      fail(*a,
           "arrival times are shares of the opening hours: the distribution must lie "
           "within [0, 1] (e.g. {uniform: {lo: 0, hi: 1}} or an empirical CDF on [0, 1])");
    }
    d.arrival_profile = p.distribution;
  }
}

// ---- Uncertainty ----

void ScenarioReader::read_uncertainty(const Field& f) {
  note("uncertainty", f);
  const MapView m(*this, f,
                  {"delivery_quantity_factor", "delivery_delay_days", "uptake_factor", "no_show",
                   "service_time_factor", "staff_absence"});
  model::Uncertainty& u = config_.uncertainty;
  // Factors, delays and shares: none may be negative; shares may not exceed 1.
  // Factors have a plausible range of their mean (docs/scenario-format.md#plausible-ranges):
  // a planner unsure of a delivery's size does not mean a hundredfold.
  struct Range {
    double warn_above;
    double error_above;
  };
  const auto read = [&](std::string_view key, std::optional<sim::Distribution>& out, double max,
                        std::optional<Range> mean_range = std::nullopt) {
    const auto field = m.get(key);
    if (!field) return;
    const ParsedDistribution p = distribution(*field);
    if (p.distribution.min() < 0) fail(*field, "the distribution must not go below 0");
    if (!(p.max <= max)) {
      fail(*field,
           "the distribution must stay within [0, " + sim::number_text(max) + "]: it is a share");
    }
    if (mean_range) {
      const double mean = p.distribution.mean();
      if (mean > mean_range->error_above) {
        reject(*field, "its mean is implausibly large: " + sim::number_text(mean) + " (at most " +
                           sim::number_text(mean_range->error_above) + ")");
      } else if (mean > mean_range->warn_above) {
        warn(*field, "implausible_value",
             "its mean " + sim::number_text(mean) + " is more than the plausible " +
                 sim::number_text(mean_range->warn_above) + "; is it meant?");
      }
    }
    out = p.distribution;
  };
  constexpr double kAny = std::numeric_limits<double>::infinity();
  read("delivery_quantity_factor", u.delivery_quantity_factor, kAny, Range{3, 100});
  read("delivery_delay_days", u.delivery_delay_days, kAny, Range{60, 3650});
  read("uptake_factor", u.uptake_factor, kAny);
  read("no_show", u.no_show, 1.0);
  read("service_time_factor", u.service_time_factor, kAny, Range{3, 20});
  read("staff_absence", u.staff_absence, 1.0);
}

// ---- Dose policies ----

void ScenarioReader::read_policies(const Field& f) {
  note("policies", f);
  std::optional<Date> previous;
  for (const Field& item : list(f)) {
    const MapView m(*this, item,
                    {"from", "first_doses", "second_doses_first", "reserve_second_dose_days"});
    model::DosePolicy p;
    const Field from = m.need("from");
    p.from = date_in_campaign(from);
    check_increasing(from, previous, p.from);
    previous = p.from;
    if (const auto b = m.get("first_doses")) p.first_doses = boolean(*b);
    if (const auto b = m.get("second_doses_first")) p.second_doses_first = boolean(*b);
    if (const auto r = m.get("reserve_second_dose_days")) {
      p.reserve_second_dose_days = small_count(*r);
    }
    note(index_path("policies", config_.policies.size()), item);
    config_.policies.push_back(p);
  }
}

}  // namespace vaxsim::io::detail
