#pragma once
// A vaccine product and its two-dose schedule.

#include <optional>
#include <string>

#include "vaxsim/sim/distributions.hpp"

namespace vaxsim::model {

/// A two-dose product. Both doses of a person are the same product ("person-vaccine matching").
struct Product {
  std::string name;
  /// The second dose is given no earlier than this many days after the first...
  int min_interval_days = 21;
  /// ...and counts as late (but is still given: no restart) after this many.
  int max_interval_days = 56;
  /// When people come back, in days after their first dose: their booked return. Draws below
  /// the minimum interval are raised to it.
  sim::Distribution return_after_days = sim::Distribution::constant(21.0);
  /// Days a delivery of this product can be used, counted from its (planned) delivery date, or
  /// from the campaign's start for the initial stock: doses delivered on day d expire on the
  /// morning of day d + shelf_life_days. None: they never expire. A delivery's own `expires`
  /// date, when given, wins.
  std::optional<int> shelf_life_days = std::nullopt;
};

}  // namespace vaxsim::model
