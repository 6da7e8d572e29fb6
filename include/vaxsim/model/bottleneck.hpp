#pragma once
// Why a city-day fell short of its target: the rule every report and test reads.
//
// Each morning a city books min(capacity, stock, demand) appointments, where
//   capacity = appointments its open desks can take (desks x open minutes / mean service time,
//              or the observation seats' limit if lower, x booking fill),
//   stock    = doses it lets itself use today: the doses its open sites hold after the morning
//              top-up (on hand), less what is kept for coming second doses (the reserve) and,
//              when pacing, what is spread over the days until the next delivery,
//   demand   = people ready to come (second doses due, registered and eligible first doses).
// The bottleneck of a city-day that falls short of the city's daily target is the smallest of
// the three (ties: stock, then capacity, then demand), each of stock and capacity split in two:
//   no_stock   stock was the limit and would have been with every dose on hand used (on hand
//              <= capacity and demand): the doses were not there, more would have given more;
//   held_back  stock was the limit only because doses on hand were kept back (on hand above
//              capacity or demand), for coming second doses or by pacing: the stores had them;
//   hours      capacity was the limit and the city's sites were open fewer hours than the
//              reference day (the plan's 08:00-22:00, 14 h): longer hours would add capacity;
//   desks      capacity was the limit although hours were full: only more desks (or staff, or
//              observation seats) add capacity;
//   demand     too few people were ready to come.
// A city-day that meets its target (or has none) has no bottleneck. People sent home at closing
// or turned away for want of a dose are counted (unmet, no_stock) but do not change the rule:
// they are the day's noise around the morning's limits.

#include <array>
#include <cstdint>
#include <string_view>

namespace vaxsim::model {

enum class Bottleneck : std::uint8_t { none = 0, no_stock, held_back, desks, hours, demand };

inline constexpr int kBottleneckKinds = 6;

/// The reasons a city-day falls short, in the rule's order: the order of tables, and of ties
/// wherever the most frequent reason is named.
inline constexpr std::array<Bottleneck, 5> kShortfallReasons = {
    Bottleneck::no_stock, Bottleneck::held_back, Bottleneck::desks, Bottleneck::hours,
    Bottleneck::demand};

constexpr std::string_view to_string(Bottleneck b) {
  switch (b) {
    case Bottleneck::none:
      return "none";
    case Bottleneck::no_stock:
      return "no_stock";
    case Bottleneck::held_back:
      return "held_back";
    case Bottleneck::desks:
      return "desks";
    case Bottleneck::hours:
      return "hours";
    case Bottleneck::demand:
      return "demand";
  }
  return "?";
}

/// The morning's limits, for one city-day.
struct DayLimits {
  double capacity = 0;
  double stock = 0;
  double demand = 0;
  double on_hand = 0;           // doses at the open sites before any was kept back (>= stock)
  double open_hours = 0;        // desk-weighted mean opening hours of the city's open sites
  double reference_hours = 14;  // the hours the plan asks for
};

/// Applies the rule above; `met` says whether the city-day reached its target.
constexpr Bottleneck classify(const DayLimits& d, bool met) {
  if (met) return Bottleneck::none;
  if (d.stock <= d.capacity && d.stock <= d.demand) {
    const bool kept_back = d.on_hand > d.capacity || d.on_hand > d.demand;
    return kept_back ? Bottleneck::held_back : Bottleneck::no_stock;
  }
  if (d.capacity <= d.demand) {
    return d.open_hours + 1e-9 < d.reference_hours ? Bottleneck::hours : Bottleneck::desks;
  }
  return Bottleneck::demand;
}

}  // namespace vaxsim::model
