#pragma once
// What the planner does not know for sure. Each item, when set, is drawn from the run's own
// random streams: once per replication (so replications differ as possible Junes do), or per
// delivery or per city-day where that is what varies. Unset items keep their fixed values.

#include <optional>

#include "vaxsim/sim/distributions.hpp"

namespace vaxsim::model {

struct Uncertainty {
  /// Each delivery's quantity is multiplied by its own draw (say, truncated normal around 1).
  std::optional<sim::Distribution> delivery_quantity_factor;
  /// Each delivery arrives this many days late (its own draw, rounded, at least 0).
  std::optional<sim::Distribution> delivery_delay_days;
  /// Every group's uptake is multiplied by one draw per replication (result kept in [0, 1]).
  std::optional<sim::Distribution> uptake_factor;
  /// The no-show probability of a replication (replaces demand.no_show; kept in [0, 0.99]).
  std::optional<sim::Distribution> no_show;
  /// Every site's service times are multiplied by one draw per replication.
  std::optional<sim::Distribution> service_time_factor;
  /// Share of a city's staff absent on a day, drawn per city and day (kept in [0, 1]).
  std::optional<sim::Distribution> staff_absence;

  /// Whether anything is uncertain: without, replications differ only by the day-to-day noise
  /// of arrivals, service times and no-shows.
  bool any() const {
    return delivery_quantity_factor || delivery_delay_days || uptake_factor || no_show ||
           service_time_factor || staff_absence;
  }
};

}  // namespace vaxsim::model
