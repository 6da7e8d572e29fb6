#pragma once
// Who lives where, and who will come when.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "vaxsim/sim/calendar.hpp"

namespace vaxsim::model {

/// A dated curve, linear between its points and flat beyond its ends.
struct DatedCurve {
  std::vector<std::pair<sim::Date, double>> points;  // dates strictly increasing
  double at(sim::Date date) const;
};

/// A population group with one eligibility date (priority group 1, people 60+, ...).
struct PopulationGroup {
  std::string name;
  /// Share of a city's residents in the group (cities may override, see City).
  double share = 0.0;
  /// First day the group may book a first dose; none: not eligible in the campaign.
  std::optional<sim::Date> eligible_from;
  /// Share of the group who will come at all.
  double uptake = 1.0;
};

struct City {
  std::string name;
  std::int64_t residents = 0;
  /// Overrides of PopulationGroup::share for this city, by group index; empty: use the groups'.
  std::vector<double> group_shares;
  /// Medical staff available for desks, by date (linear between points); empty: unlimited.
  DatedCurve staff;
  /// The city's own daily target, doses per day (0: none).
  std::int64_t daily_target = 0;
};

}  // namespace vaxsim::model
