#pragma once
// Why a city-day fell short of its target: the rule every report and test reads.
//
// Each morning a city books min(capacity, stock, demand) appointments, where
//   capacity = appointments its open desks can take (desks x open minutes / mean service time
//              x booking fill),
//   stock    = doses it holds for the day (less what is reserved for coming second doses),
//   demand   = people ready to come (second doses due, registered and eligible first doses).
// The bottleneck of a city-day that falls short of the city's daily target is:
//   supply  if a site ran out of doses during the day, or stock was the smallest of the three;
//   demand  else if demand was the smallest;
//   hours   else (capacity was smallest, or people were sent home at closing) if the city's
//           sites were open fewer hours than the reference day (the plan's 08:00-22:00, 14 h):
//           longer hours would have added capacity;
//   desks   else: hours were already full, only more desks (or staff, or seats) add capacity.
// A city-day that meets its target (or has none) has no bottleneck.

#include <cstdint>
#include <string_view>

namespace vaxsim::model {

enum class Bottleneck : std::uint8_t { none = 0, supply, desks, hours, demand };

inline constexpr int kBottleneckKinds = 5;

constexpr std::string_view to_string(Bottleneck b) {
  switch (b) {
    case Bottleneck::none:
      return "none";
    case Bottleneck::supply:
      return "supply";
    case Bottleneck::desks:
      return "desks";
    case Bottleneck::hours:
      return "hours";
    case Bottleneck::demand:
      return "demand";
  }
  return "?";
}

/// The morning's three limits and the day's events, for one city-day.
struct DayLimits {
  double capacity = 0;
  double stock = 0;
  double demand = 0;
  bool ran_out = false;         // a site turned someone away for lack of doses
  bool sent_home = false;       // people were still queueing at closing
  double open_hours = 0;        // desk-weighted mean opening hours of the city's open sites
  double reference_hours = 14;  // the hours the plan asks for
};

/// Applies the rule above; `met` says whether the city-day reached its target.
constexpr Bottleneck classify(const DayLimits& d, bool met) {
  if (met) return Bottleneck::none;
  if (d.ran_out || (d.stock < d.demand && d.stock <= d.capacity)) {
    return Bottleneck::supply;
  }
  if (d.demand < d.capacity && !d.sent_home) return Bottleneck::demand;
  return d.open_hours + 1e-9 < d.reference_hours ? Bottleneck::hours : Bottleneck::desks;
}

}  // namespace vaxsim::model
