// classify() against the rule documented in bottleneck.hpp, one hand case per branch and tie:
//   met (or no target)                       -> none
//   stock <= capacity and stock <= demand    -> supply   (ties go to supply first)
//   else capacity <= demand                  -> hours if open_hours < reference_hours
//                                               (1e-9 tolerance), desks otherwise
//   else (demand strictly smallest)          -> demand
#include <gtest/gtest.h>

#include "vaxsim/model/bottleneck.hpp"

using vaxsim::model::Bottleneck;
using vaxsim::model::classify;
using vaxsim::model::DayLimits;

namespace {

// Limits with full (reference) hours unless told otherwise.
DayLimits limits(double capacity, double stock, double demand, double open_hours = 14.0,
                 double reference_hours = 14.0) {
  DayLimits d;
  d.capacity = capacity;
  d.stock = stock;
  d.demand = demand;
  d.open_hours = open_hours;
  d.reference_hours = reference_hours;
  return d;
}

}  // namespace

// The rule is constexpr: a planning tool can use it in constant expressions.
static_assert(classify(DayLimits{}, true) == Bottleneck::none);
static_assert(classify(DayLimits{.capacity = 10, .stock = 5, .demand = 20}, false) ==
              Bottleneck::supply);

TEST(Bottleneck, MetDayHasNoBottleneckWhateverTheLimits) {
  // met -> none, even where every limit would name a bottleneck.
  EXPECT_EQ(classify(limits(10, 5, 20), true), Bottleneck::none);     // would be supply
  EXPECT_EQ(classify(limits(5, 10, 20, 8), true), Bottleneck::none);  // would be hours
  EXPECT_EQ(classify(limits(5, 10, 20), true), Bottleneck::none);     // would be desks
  EXPECT_EQ(classify(limits(20, 10, 5), true), Bottleneck::none);     // would be demand
  EXPECT_EQ(classify(DayLimits{}, true), Bottleneck::none);           // all zero
}

TEST(Bottleneck, StockStrictlySmallestIsSupply) {
  // stock 5 < capacity 10, stock 5 < demand 20 -> supply.
  EXPECT_EQ(classify(limits(10, 5, 20), false), Bottleneck::supply);
  // Short hours do not matter when stock is the limit: stock 5 is smallest -> supply.
  EXPECT_EQ(classify(limits(10, 5, 20, 6), false), Bottleneck::supply);
  // No stock at all: 0 <= 10, 0 <= 20 -> supply.
  EXPECT_EQ(classify(limits(10, 0, 20), false), Bottleneck::supply);
}

TEST(Bottleneck, SupplyWinsTiesWithCapacity) {
  // stock 10 == capacity 10 < demand 20: tie supply/capacity -> supply (supply comes first).
  EXPECT_EQ(classify(limits(10, 10, 20), false), Bottleneck::supply);
  // Same with short hours: still supply, not hours.
  EXPECT_EQ(classify(limits(10, 10, 20, 8), false), Bottleneck::supply);
}

TEST(Bottleneck, SupplyWinsTiesWithDemand) {
  // stock 10 == demand 10 < capacity 20: tie supply/demand -> supply.
  EXPECT_EQ(classify(limits(20, 10, 10), false), Bottleneck::supply);
}

TEST(Bottleneck, SupplyWinsAThreeWayTie) {
  // 10 == 10 == 10 -> supply; all zero (nothing at all) -> supply as well.
  EXPECT_EQ(classify(limits(10, 10, 10), false), Bottleneck::supply);
  EXPECT_EQ(classify(limits(10, 10, 10, 8), false), Bottleneck::supply);
  EXPECT_EQ(classify(DayLimits{}, false), Bottleneck::supply);
}

TEST(Bottleneck, CapacitySmallestWithShortHoursIsHours) {
  // capacity 5 < stock 10, capacity 5 < demand 20; open 10 h < reference 14 h -> hours.
  EXPECT_EQ(classify(limits(5, 10, 20, 10), false), Bottleneck::hours);
  // A city with no site open at all (capacity 0, open_hours 0 < 14) -> hours.
  EXPECT_EQ(classify(limits(0, 10, 20, 0), false), Bottleneck::hours);
  // Just below the reference, beyond the 1e-9 tolerance: 13.99 + 1e-9 < 14 -> hours.
  EXPECT_EQ(classify(limits(5, 10, 20, 13.99), false), Bottleneck::hours);
}

TEST(Bottleneck, CapacitySmallestWithFullHoursIsDesks) {
  // capacity 5 smallest; open 14 h == reference 14 h: 14 + 1e-9 < 14 is false -> desks.
  EXPECT_EQ(classify(limits(5, 10, 20, 14), false), Bottleneck::desks);
  // Open longer than the reference (16 h > 14 h) -> desks.
  EXPECT_EQ(classify(limits(5, 10, 20, 16), false), Bottleneck::desks);
  // Equal up to rounding noise below 1e-9: 14 - 1e-12 + 1e-9 < 14 is false -> desks.
  EXPECT_EQ(classify(limits(5, 10, 20, 14 - 1e-12), false), Bottleneck::desks);
}

TEST(Bottleneck, ReferenceHoursComeFromTheLimits) {
  // Plan asking 10 h: open 10 h is full hours -> desks; open 9 h < 10 h -> hours.
  EXPECT_EQ(classify(limits(5, 10, 20, 10, 10), false), Bottleneck::desks);
  EXPECT_EQ(classify(limits(5, 10, 20, 9, 10), false), Bottleneck::hours);
  // Plan asking 24 h: open 14 h < 24 h -> hours.
  EXPECT_EQ(classify(limits(5, 10, 20, 14, 24), false), Bottleneck::hours);
}

TEST(Bottleneck, CapacityWinsTiesWithDemand) {
  // capacity 10 == demand 10 < stock 20: tie capacity/demand -> capacity, split by hours:
  // full hours (14 == 14) -> desks, short hours (8 < 14) -> hours.
  EXPECT_EQ(classify(limits(10, 20, 10), false), Bottleneck::desks);
  EXPECT_EQ(classify(limits(10, 20, 10, 8), false), Bottleneck::hours);
}

TEST(Bottleneck, DemandStrictlySmallestIsDemand) {
  // demand 5 < capacity 10, demand 5 < stock 20 -> demand.
  EXPECT_EQ(classify(limits(10, 20, 5), false), Bottleneck::demand);
  // Short hours do not matter when demand is the limit -> demand.
  EXPECT_EQ(classify(limits(10, 20, 5, 6), false), Bottleneck::demand);
  // Nobody ready to come while doses and desks are there: 0 < 10, 0 < 20 -> demand.
  EXPECT_EQ(classify(limits(10, 20, 0), false), Bottleneck::demand);
}

TEST(Bottleneck, StockBetweenCapacityAndDemandIsNotSupply) {
  // stock 10 > capacity 5 (stock is not smallest), capacity 5 < demand 20 -> desks (14 h).
  EXPECT_EQ(classify(limits(5, 10, 20), false), Bottleneck::desks);
  // stock 10 > demand 5, capacity 20 > demand 5 -> demand.
  EXPECT_EQ(classify(limits(20, 10, 5), false), Bottleneck::demand);
}

TEST(Bottleneck, Names) {
  EXPECT_EQ(to_string(Bottleneck::none), "none");
  EXPECT_EQ(to_string(Bottleneck::supply), "supply");
  EXPECT_EQ(to_string(Bottleneck::desks), "desks");
  EXPECT_EQ(to_string(Bottleneck::hours), "hours");
  EXPECT_EQ(to_string(Bottleneck::demand), "demand");
  EXPECT_EQ(vaxsim::model::kBottleneckKinds, 5);
}
