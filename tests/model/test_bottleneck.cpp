// classify() against the rule documented in bottleneck.hpp, one hand case per branch and tie:
//   met (or no target)                       -> none
//   stock <= capacity and stock <= demand    -> held_back if on hand > capacity or demand,
//                                               no_stock otherwise (ties go to stock first)
//   else capacity <= demand                  -> hours if open_hours < reference_hours
//                                               (1e-9 tolerance), desks otherwise
//   else (demand strictly smallest)          -> demand
#include <gtest/gtest.h>

#include "vaxsim/model/bottleneck.hpp"

using vaxsim::model::Bottleneck;
using vaxsim::model::classify;
using vaxsim::model::DayLimits;

namespace {

// Limits with full (reference) hours and nothing kept back (on hand = stock) unless told
// otherwise.
DayLimits limits(double capacity, double stock, double demand, double open_hours = 14.0,
                 double reference_hours = 14.0) {
  DayLimits d;
  d.capacity = capacity;
  d.stock = stock;
  d.demand = demand;
  d.on_hand = stock;
  d.open_hours = open_hours;
  d.reference_hours = reference_hours;
  return d;
}

}  // namespace

// The rule is constexpr: a planning tool can use it in constant expressions.
static_assert(classify(DayLimits{}, true) == Bottleneck::none);
static_assert(classify(DayLimits{.capacity = 10, .stock = 5, .demand = 20}, false) ==
              Bottleneck::no_stock);

TEST(Bottleneck, MetDayHasNoBottleneckWhateverTheLimits) {
  // met -> none, even where every limit would name a bottleneck.
  EXPECT_EQ(classify(limits(10, 5, 20), true), Bottleneck::none);     // would be no_stock
  EXPECT_EQ(classify(limits(5, 10, 20, 8), true), Bottleneck::none);  // would be hours
  EXPECT_EQ(classify(limits(5, 10, 20), true), Bottleneck::none);     // would be desks
  EXPECT_EQ(classify(limits(20, 10, 5), true), Bottleneck::none);     // would be demand
  EXPECT_EQ(classify(DayLimits{}, true), Bottleneck::none);           // all zero
}

TEST(Bottleneck, StockStrictlySmallestWithNothingKeptBackIsNoStock) {
  // stock 5 < capacity 10, stock 5 < demand 20 -> no_stock.
  EXPECT_EQ(classify(limits(10, 5, 20), false), Bottleneck::no_stock);
  // Short hours do not matter when stock is the limit: stock 5 is smallest -> no_stock.
  EXPECT_EQ(classify(limits(10, 5, 20, 6), false), Bottleneck::no_stock);
  // No stock at all: 0 <= 10, 0 <= 20 -> no_stock.
  EXPECT_EQ(classify(limits(10, 0, 20), false), Bottleneck::no_stock);
}

TEST(Bottleneck, StockWinsTiesWithCapacity) {
  // stock 10 == capacity 10 < demand 20: tie stock/capacity -> no_stock (stock comes first).
  EXPECT_EQ(classify(limits(10, 10, 20), false), Bottleneck::no_stock);
  // Same with short hours: still supply, not hours.
  EXPECT_EQ(classify(limits(10, 10, 20, 8), false), Bottleneck::no_stock);
}

TEST(Bottleneck, StockWinsTiesWithDemand) {
  // stock 10 == demand 10 < capacity 20: tie stock/demand -> no_stock.
  EXPECT_EQ(classify(limits(20, 10, 10), false), Bottleneck::no_stock);
}

TEST(Bottleneck, StockWinsAThreeWayTie) {
  // 10 == 10 == 10 -> no_stock; all zero (nothing at all) -> no_stock as well.
  EXPECT_EQ(classify(limits(10, 10, 10), false), Bottleneck::no_stock);
  EXPECT_EQ(classify(limits(10, 10, 10, 8), false), Bottleneck::no_stock);
  EXPECT_EQ(classify(DayLimits{}, false), Bottleneck::no_stock);
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

TEST(Bottleneck, StockBetweenCapacityAndDemandIsNotAStockReason) {
  // stock 10 > capacity 5 (stock is not smallest), capacity 5 < demand 20 -> desks (14 h).
  EXPECT_EQ(classify(limits(5, 10, 20), false), Bottleneck::desks);
  // stock 10 > demand 5, capacity 20 > demand 5 -> demand.
  EXPECT_EQ(classify(limits(20, 10, 5), false), Bottleneck::demand);
}

TEST(Bottleneck, Names) {
  EXPECT_EQ(to_string(Bottleneck::none), "none");
  EXPECT_EQ(to_string(Bottleneck::no_stock), "no_stock");
  EXPECT_EQ(to_string(Bottleneck::held_back), "held_back");
  EXPECT_EQ(to_string(Bottleneck::desks), "desks");
  EXPECT_EQ(to_string(Bottleneck::hours), "hours");
  EXPECT_EQ(to_string(Bottleneck::demand), "demand");
  EXPECT_EQ(vaxsim::model::kBottleneckKinds, 6);
}

// Stock the limit, but the sites had more on hand than the desks or the people could take: only
// keeping doses back (the reserve, pacing) made stock the limit.
DayLimits kept_back(double capacity, double stock, double demand, double on_hand) {
  DayLimits d = limits(capacity, stock, demand);
  d.on_hand = on_hand;
  return d;
}

TEST(Bottleneck, StockKeptBelowCapacityWithMoreOnHandIsHeldBack) {
  // On hand 15 > capacity 10: using them all, the desks would have been the limit.
  EXPECT_EQ(classify(kept_back(10, 5, 20, 15), false), Bottleneck::held_back);
  // Nothing usable at all, though 30 were on hand.
  EXPECT_EQ(classify(kept_back(10, 0, 20, 30), false), Bottleneck::held_back);
}

TEST(Bottleneck, StockKeptBelowDemandWithMoreOnHandIsHeldBack) {
  // On hand 9 > demand 8 (capacity 10): using them all, demand would have been the limit.
  EXPECT_EQ(classify(kept_back(10, 5, 8, 9), false), Bottleneck::held_back);
}

TEST(Bottleneck, SomeKeptBackButTooFewOnHandAnywayIsNoStock) {
  // 3 kept back, yet the 8 on hand are fewer than capacity 10 and demand 20.
  EXPECT_EQ(classify(kept_back(10, 5, 20, 8), false), Bottleneck::no_stock);
  // On hand exactly capacity: all used, stock and capacity tie, and ties go to stock.
  EXPECT_EQ(classify(kept_back(10, 5, 20, 10), false), Bottleneck::no_stock);
}

TEST(Bottleneck, DosesOnHandDoNotMatterWhenStockIsNotTheLimit) {
  EXPECT_EQ(classify(kept_back(5, 10, 20, 100), false), Bottleneck::desks);
  EXPECT_EQ(classify(kept_back(20, 10, 5, 100), false), Bottleneck::demand);
  EXPECT_EQ(classify(kept_back(10, 5, 20, 15), true), Bottleneck::none);
}

TEST(Bottleneck, TheReasonsAreListedInTheRulesOrder) {
  using vaxsim::model::kShortfallReasons;
  EXPECT_EQ(kShortfallReasons.size(),
            static_cast<std::size_t>(vaxsim::model::kBottleneckKinds - 1));
  for (std::size_t i = 0; i < kShortfallReasons.size(); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(kShortfallReasons[i]), i + 1) << "enum order is tie order";
  }
}
