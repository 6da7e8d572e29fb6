#pragma once
// Why a city-day fell short of its target: the rule every report and test reads.
//
// Each morning a city books min(capacity, stock, demand) appointments, where
//   capacity = appointments its open desks can take (desks x open minutes / mean service time,
//              or the observation seats' limit if lower, x booking fill),
//   stock    = doses it lets itself use today (held in the city, less what is reserved for
//              coming second doses, paced over the days until the next delivery),
//   demand   = people ready to come (second doses due, registered and eligible first doses).
// The bottleneck of a city-day that falls short of the city's daily target is the smallest of
// the three (ties: supply, then capacity, then demand), with capacity split in two:
//   supply  stock was the limit: more doses would have given more doses;
//   hours   capacity was the limit and the city's sites were open fewer hours than the reference
//           day (the plan's 08:00-22:00, 14 h): longer hours would add capacity;
//   desks   capacity was the limit although hours were full: only more desks (or staff, or
//           observation seats) add capacity;
//   demand  too few people were ready to come.
// A city-day that meets its target (or has none) has no bottleneck. People sent home at closing
// or turned away for want of a dose are counted (unmet, no_stock) but do not change the rule:
// they are the day's noise around the morning's limits.

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

/// The morning's three limits, for one city-day.
struct DayLimits {
  double capacity = 0;
  double stock = 0;
  double demand = 0;
  double open_hours = 0;        // desk-weighted mean opening hours of the city's open sites
  double reference_hours = 14;  // the hours the plan asks for
};

/// Applies the rule above; `met` says whether the city-day reached its target.
constexpr Bottleneck classify(const DayLimits& d, bool met) {
  if (met) return Bottleneck::none;
  if (d.stock <= d.capacity && d.stock <= d.demand) return Bottleneck::supply;
  if (d.capacity <= d.demand) {
    return d.open_hours + 1e-9 < d.reference_hours ? Bottleneck::hours : Bottleneck::desks;
  }
  return Bottleneck::demand;
}

}  // namespace vaxsim::model
