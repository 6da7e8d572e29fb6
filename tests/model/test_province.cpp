// The province's value of each measure, hand-computed on two cities: sums for counts, weighted
// rules for utilisation, open hours and waits (the one rule the CSV, run::Ensemble and the
// reports read), and the province's bottleneck.

#include <gtest/gtest.h>

#include "vaxsim/model/results.hpp"
#include "vaxsim/sim/calendar.hpp"

namespace {

using vaxsim::model::Bottleneck;
using vaxsim::model::CityDayTable;
using vaxsim::model::Measure;

// Day 0: a big city and a small one, both open.
//   A: 10 desks open 14 h, busy 90%; 300 + 100 served, waiting 12 min on average, p95 40 min.
//   B:  2 desks open  8 h, busy 25%;  50 +   0 served, waiting  3 min on average, p95 55 min.
// Day 1: A as on day 0; B closed (no desk, nobody served) with stale waits and utilisation.
CityDayTable two_cities() {
  CityDayTable t(vaxsim::sim::parse_date("2021-05-01"), 2, {"A", "B"});
  for (int d = 0; d < 2; ++d) {
    t.at(Measure::desks_open, d, 0) = 10;
    t.at(Measure::open_hours, d, 0) = 14;
    t.at(Measure::utilisation, d, 0) = 0.9;
    t.at(Measure::first_doses, d, 0) = 300;
    t.at(Measure::second_doses, d, 0) = 100;
    t.at(Measure::mean_wait, d, 0) = 12;
    t.at(Measure::p95_wait, d, 0) = 40;
    t.at(Measure::unmet, d, 0) = 7;
    t.bottleneck(d, 0) = Bottleneck::desks;
  }
  t.at(Measure::desks_open, 0, 1) = 2;
  t.at(Measure::open_hours, 0, 1) = 8;
  t.at(Measure::utilisation, 0, 1) = 0.25;
  t.at(Measure::first_doses, 0, 1) = 50;
  t.at(Measure::mean_wait, 0, 1) = 3;
  t.at(Measure::p95_wait, 0, 1) = 55;
  t.at(Measure::unmet, 0, 1) = 5;
  t.bottleneck(0, 1) = Bottleneck::no_stock;
  t.at(Measure::utilisation, 1, 1) = 0.7;  // closed on day 1: these carry no weight
  t.at(Measure::mean_wait, 1, 1) = 30;
  t.at(Measure::p95_wait, 1, 1) = 99;
  return t;
}

TEST(ProvinceRule, CountsAddUp) {
  const CityDayTable t = two_cities();
  EXPECT_EQ(t.province(Measure::first_doses, 0), 350);
  EXPECT_EQ(t.province(Measure::second_doses, 0), 100);
  EXPECT_EQ(t.province(Measure::desks_open, 0), 12);
  EXPECT_EQ(t.province(Measure::unmet, 0), 12);
  EXPECT_EQ(t.province(Measure::first_doses, 1), 300);
}

TEST(ProvinceRule, UtilisationIsWeightedByOpenDeskTime) {
  const CityDayTable t = two_cities();
  // Busy desk-hours over open desk-hours: (0.9 x 140 + 0.25 x 16) / 156 = 130 / 156 = 5/6, where
  // a sum of the cities would give 1.15, more than every desk busy all day.
  EXPECT_DOUBLE_EQ(t.province(Measure::utilisation, 0), 130.0 / 156.0);
  EXPECT_DOUBLE_EQ(t.province(Measure::utilisation, 1), 0.9);  // B had no desk open
}

TEST(ProvinceRule, OpenHoursAreWeightedByDesks) {
  const CityDayTable t = two_cities();
  EXPECT_DOUBLE_EQ(t.province(Measure::open_hours, 0), (14.0 * 10 + 8.0 * 2) / 12);  // 13 h
  EXPECT_DOUBLE_EQ(t.province(Measure::open_hours, 1), 14.0);
}

TEST(ProvinceRule, WaitsAreWeightedByPeopleServedAndP95IsTheWorstCity) {
  const CityDayTable t = two_cities();
  EXPECT_DOUBLE_EQ(t.province(Measure::mean_wait, 0), (12.0 * 400 + 3.0 * 50) / 450);  // 11 min
  EXPECT_EQ(t.province(Measure::p95_wait, 0), 55);  // not 95, the sum
  // B served nobody on day 1: its waits are not the province's.
  EXPECT_DOUBLE_EQ(t.province(Measure::mean_wait, 1), 12.0);
  EXPECT_EQ(t.province(Measure::p95_wait, 1), 40);
}

TEST(ProvinceRule, NothingOpenGivesZeroes) {
  CityDayTable t(vaxsim::sim::parse_date("2021-05-01"), 1, {"A", "B"});
  t.at(Measure::utilisation, 0, 0) = 0.5;
  t.at(Measure::p95_wait, 0, 1) = 20;
  for (const Measure m :
       {Measure::utilisation, Measure::open_hours, Measure::mean_wait, Measure::p95_wait}) {
    EXPECT_EQ(t.province(m, 0), 0.0) << to_string(m);
  }
  EXPECT_EQ(t.province_bottleneck(0), Bottleneck::none);
}

TEST(ProvinceRule, BottleneckIsTheMostCommonReasonTiesInRuleOrder) {
  const CityDayTable t = two_cities();
  EXPECT_EQ(t.province_bottleneck(0), Bottleneck::no_stock);  // desks once, supply once: supply
  EXPECT_EQ(t.province_bottleneck(1), Bottleneck::desks);     // B fell short of nothing
}

TEST(ProvinceRule, OnlyTheFourAveragesDoNotAddUp) {
  for (int i = 0; i < vaxsim::model::kMeasureCount; ++i) {
    const auto m = static_cast<Measure>(i);
    const bool average = m == Measure::utilisation || m == Measure::open_hours ||
                         m == Measure::mean_wait || m == Measure::p95_wait;
    EXPECT_EQ(vaxsim::model::adds_up(m), !average) << to_string(m);
  }
}

}  // namespace
