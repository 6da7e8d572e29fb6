#pragma once
// How people turn into visits: booking, no-shows, walk-ins, and when in the day they arrive.

#include <vector>

#include "vaxsim/model/population.hpp"
#include "vaxsim/sim/distributions.hpp"

namespace vaxsim::model {

struct Demand {
  /// Share of the willing people of each group registered by date (linear between points);
  /// people book only once registered. Empty: everyone registered from the start.
  DatedCurve registered;
  /// Appointments offered per site-day, as a share of the desks' nominal capacity
  /// (desks x open minutes / mean service time).
  double booking_fill = 0.9;
  /// Spread the doses a city holds evenly over the days until its next delivery arrives, as a
  /// city booking against a weekly allocation does; false: book as many as stock allows today.
  bool pace_to_supply = true;
  /// Probability that a booked person does not come (they book again another day).
  double no_show = 0.05;
  /// Share of the still-unbooked backlog who walk in on a given day without an appointment.
  double walk_in_rate = 0.0;
  /// When in the opening hours people arrive, as a share of the opening time (support [0, 1]).
  sim::Distribution arrival_profile = sim::Distribution::uniform(0.0, 1.0);
};

}  // namespace vaxsim::model
