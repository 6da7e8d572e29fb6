// judge() on hand-built tables, every expected number worked out by hand from the rules at the
// top of lib/model/verdict.cpp:
// - window [targets.daily_from, targets.deadline], clipped to the run; a day meets a target when
//   its doses (first + second) reach it;
// - "sustained from": first day of the window after which no day falls short again;
// - totals at the deadline include prior doses;
// - a coverage level is reached on the first day people with both doses reach level x base;
// - a city's main bottleneck is its most frequent reason among short days in the window (ties:
//   no_stock, held_back, desks, hours, demand).
#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "vaxsim/model/verdict.hpp"

using namespace vaxsim;
using model::Bottleneck;
using model::Measure;

namespace {

sim::Date date(const char* iso) { return sim::parse_date(iso); }

std::size_t idx(Bottleneck b) { return static_cast<std::size_t>(b); }

void fill(model::CityDayTable& t, Measure m, int city, const std::vector<double>& values) {
  ASSERT_EQ(static_cast<int>(values.size()), t.days());
  for (int d = 0; d < t.days(); ++d) t.at(m, d, city) = values[static_cast<std::size_t>(d)];
}

// Three cities over 12 days, 2021-05-01 (day 0) to 2021-05-12 (day 11).
//
// Doses a day (first + second):
//   day        0    1    2    3    4    5    6    7    8    9   10   11
//   A first   30   60   40   70   50   80   60   90   70   50  500  500
//   A second   0    0    0   10    0    0   10    0    0   20    0    0
//   A total   30   60   40   80   50   80   70   90   70   70  500  500
//   B first   20   30   30   20   60   30   40   20   40   40    0    0
//   B second   0   10    0    0    0    0    0    0    0    0    0    0
//   B total   20   40   30   20   60   30   40   20   40   40    0    0
//   C          0 every day
//   province  50  100   70  100  110  110  110  110  110  110  500  500
//
// Bottlenecks recorded in the table (all other city-days: none):
//   A: day 0 hours, day 1 demand (a met day: must not count), day 2 supply, day 4 desks
//   B: day 0 demand, day 3 hours, day 7 hours, day 10 demand, day 11 demand
//   C: day 2 supply (C has no target: must not count)
//
// People with both doses (cumulative):
//   A          0    0    0   10   20   40   60   80  100  120  150  200
//   B          0    0    0    0   10   20   40   60   80  100  120  150
//   province   0    0    0   10   30   60  100  140  180  220  270  350
// People with exactly one dose (cumulative): A 100 + 10 x day, B 50 + 5 x day, C 0.
model::CampaignResult hand_result() {
  model::CampaignResult r;
  r.table = model::CityDayTable{date("2021-05-01"), 12, {"A", "B", "C"}};
  model::CityDayTable& t = r.table;
  fill(t, Measure::first_doses, 0, {30, 60, 40, 70, 50, 80, 60, 90, 70, 50, 500, 500});
  fill(t, Measure::second_doses, 0, {0, 0, 0, 10, 0, 0, 10, 0, 0, 20, 0, 0});
  fill(t, Measure::first_doses, 1, {20, 30, 30, 20, 60, 30, 40, 20, 40, 40, 0, 0});
  fill(t, Measure::second_doses, 1, {0, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  fill(t, Measure::people_two_doses, 0, {0, 0, 0, 10, 20, 40, 60, 80, 100, 120, 150, 200});
  fill(t, Measure::people_two_doses, 1, {0, 0, 0, 0, 10, 20, 40, 60, 80, 100, 120, 150});
  for (int d = 0; d < 12; ++d) {
    t.at(Measure::people_one_dose, d, 0) = 100 + 10 * d;
    t.at(Measure::people_one_dose, d, 1) = 50 + 5 * d;
  }
  t.bottleneck(0, 0) = Bottleneck::hours;
  t.bottleneck(1, 0) = Bottleneck::demand;
  t.bottleneck(2, 0) = Bottleneck::no_stock;
  t.bottleneck(4, 0) = Bottleneck::desks;
  t.bottleneck(0, 1) = Bottleneck::demand;
  t.bottleneck(3, 1) = Bottleneck::hours;
  t.bottleneck(7, 1) = Bottleneck::hours;
  t.bottleneck(10, 1) = Bottleneck::demand;
  t.bottleneck(11, 1) = Bottleneck::demand;
  t.bottleneck(2, 2) = Bottleneck::no_stock;
  r.prior_doses = 1000;
  return r;
}

// Province target 100 a day from 2021-05-02 (day 1); deadline 2021-05-10 (day 9), two days
// before the end of the run. City targets A 60, B 30, C none.
model::CampaignConfig hand_config() {
  model::CampaignConfig c;
  c.start = date("2021-05-01");
  c.end = date("2021-05-12");
  c.cities.push_back({"A", 1000, {}, {}, 60});
  c.cities.push_back({"B", 800, {}, {}, 30});
  c.cities.push_back({"C", 100, {}, {}, 0});
  c.targets.daily_doses = 100;
  c.targets.daily_from = date("2021-05-02");
  c.targets.deadline = date("2021-05-10");
  c.targets.people_fully_vaccinated = 200;
  c.targets.doses = 2000;
  c.targets.coverage_base = 1000;
  c.targets.coverage_levels = {0.1, 0.25, 0.5};
  return c;
}

}  // namespace

TEST(Verdict, ProvinceDailyWindow) {
  const model::Verdict v = model::judge(hand_config(), hand_result());
  EXPECT_EQ(v.daily_target, 100);
  // Window days 1..9: 9 days.
  EXPECT_EQ(v.daily_days_in_window, 9);
  // Province 100 70 100 110 110 110 110 110 110: only day 2 (70) is short -> 8 met
  // (day 1 and day 3 meet with exactly 100).
  EXPECT_EQ(v.daily_days_met, 8);
  // First day at or above 100 in the window: day 1 = 2021-05-02 (day 0 is outside the window).
  EXPECT_EQ(v.daily_first_reached, date("2021-05-02"));
  // Days 3..9 all meet and day 2 does not: sustained from day 3 = 2021-05-04.
  EXPECT_EQ(v.daily_sustained_from, date("2021-05-04"));
  // Best in the window: 110 (the 500s of days 10-11 are after the deadline).
  EXPECT_EQ(v.daily_best, 110);
  // Mean: (100 + 70 + 100 + 6 x 110) / 9 = 930 / 9.
  EXPECT_DOUBLE_EQ(v.daily_mean, 930.0 / 9.0);
}

TEST(Verdict, LastDayShortMeansNotSustained) {
  model::CampaignResult r = hand_result();
  // B gives nothing on day 9: province day 9 = 70 + 0 = 70 < 100.
  r.table.at(Measure::first_doses, 9, 1) = 0;
  const model::Verdict v = model::judge(hand_config(), r);
  // Walking back from the deadline, day 9 already falls short -> never sustained.
  EXPECT_EQ(v.daily_sustained_from, std::nullopt);
  // Met: days 1, 3..8 = 7; first reached still day 1.
  EXPECT_EQ(v.daily_days_met, 7);
  EXPECT_EQ(v.daily_first_reached, date("2021-05-02"));
  // Mean: (930 - 40) / 9 = 890 / 9.
  EXPECT_DOUBLE_EQ(v.daily_mean, 890.0 / 9.0);
}

TEST(Verdict, EveryDayMeetsSoSustainedFromTheWindowStart) {
  model::CampaignConfig c = hand_config();
  // Window days 3..9: province 100 110 110 110 110 110 110, all >= 100.
  c.targets.daily_from = date("2021-05-04");
  const model::Verdict v = model::judge(c, hand_result());
  EXPECT_EQ(v.daily_days_in_window, 7);
  EXPECT_EQ(v.daily_days_met, 7);
  EXPECT_EQ(v.daily_first_reached, date("2021-05-04"));
  EXPECT_EQ(v.daily_sustained_from, date("2021-05-04"));
  // Mean: (100 + 6 x 110) / 7 = 760 / 7.
  EXPECT_DOUBLE_EQ(v.daily_mean, 760.0 / 7.0);
  EXPECT_EQ(v.daily_best, 110);
}

TEST(Verdict, NoDailyTargetMeansNothingReached) {
  model::CampaignConfig c = hand_config();
  c.targets.daily_doses = 0;
  const model::Verdict v = model::judge(c, hand_result());
  EXPECT_EQ(v.daily_target, 0);
  EXPECT_EQ(v.daily_days_met, 0);
  EXPECT_EQ(v.daily_first_reached, std::nullopt);
  EXPECT_EQ(v.daily_sustained_from, std::nullopt);
  // The window's statistics are still there: 9 days, best 110, mean 930 / 9.
  EXPECT_EQ(v.daily_days_in_window, 9);
  EXPECT_EQ(v.daily_best, 110);
  EXPECT_DOUBLE_EQ(v.daily_mean, 930.0 / 9.0);
}

TEST(Verdict, Cities) {
  const model::Verdict v = model::judge(hand_config(), hand_result());
  ASSERT_EQ(v.cities.size(), 3u);

  // A, target 60, window days 1..9: 60 40 80 50 80 70 90 70 70.
  // Short: day 2 (40, supply) and day 4 (50, desks); day 1 (60 = target) meets although the
  // table says demand. Met 7. Supply 1 = desks 1: tie -> supply.
  const model::CityVerdict& a = v.cities[0];
  EXPECT_EQ(a.city, "A");
  EXPECT_EQ(a.target, 60);
  EXPECT_EQ(a.days_in_window, 9);
  EXPECT_EQ(a.days_met, 7);
  EXPECT_EQ(a.short_days_by[idx(Bottleneck::no_stock)], 1);
  EXPECT_EQ(a.short_days_by[idx(Bottleneck::desks)], 1);
  EXPECT_EQ(a.short_days_by[idx(Bottleneck::hours)], 0);  // day 0 is outside the window
  EXPECT_EQ(a.short_days_by[idx(Bottleneck::demand)], 0);
  EXPECT_EQ(a.short_days_by[idx(Bottleneck::none)], 0);
  EXPECT_EQ(a.main_bottleneck, Bottleneck::no_stock);
  // Best 90; mean (60+40+80+50+80+70+90+70+70) / 9 = 610 / 9.
  EXPECT_EQ(a.best_day, 90);
  EXPECT_DOUBLE_EQ(a.mean_daily, 610.0 / 9.0);

  // B, target 30, window days 1..9: 40 30 20 60 30 40 20 40 40.
  // Short: day 3 (20, hours) and day 7 (20, hours); 30 = target meets. Met 7; main hours.
  const model::CityVerdict& b = v.cities[1];
  EXPECT_EQ(b.city, "B");
  EXPECT_EQ(b.target, 30);
  EXPECT_EQ(b.days_in_window, 9);
  EXPECT_EQ(b.days_met, 7);
  EXPECT_EQ(b.short_days_by[idx(Bottleneck::hours)], 2);
  EXPECT_EQ(b.short_days_by[idx(Bottleneck::demand)], 0);  // days 0, 10, 11 outside
  EXPECT_EQ(b.main_bottleneck, Bottleneck::hours);
  // Best 60; mean (40+30+20+60+30+40+20+40+40) / 9 = 320 / 9.
  EXPECT_EQ(b.best_day, 60);
  EXPECT_DOUBLE_EQ(b.mean_daily, 320.0 / 9.0);

  // C, no target: never met, never short (its day-2 supply tag is not counted).
  const model::CityVerdict& cc = v.cities[2];
  EXPECT_EQ(cc.city, "C");
  EXPECT_EQ(cc.target, 0);
  EXPECT_EQ(cc.days_in_window, 9);
  EXPECT_EQ(cc.days_met, 0);
  EXPECT_EQ(cc.short_days_by, (std::array<int, model::kBottleneckKinds>{}));
  EXPECT_EQ(cc.main_bottleneck, Bottleneck::none);
  EXPECT_EQ(cc.best_day, 0);
  EXPECT_EQ(cc.mean_daily, 0);

  // Province city-days short, by bottleneck: A supply 1, desks 1; B hours 2.
  EXPECT_EQ(v.short_city_days_by[idx(Bottleneck::none)], 0);
  EXPECT_EQ(v.short_city_days_by[idx(Bottleneck::no_stock)], 1);
  EXPECT_EQ(v.short_city_days_by[idx(Bottleneck::desks)], 1);
  EXPECT_EQ(v.short_city_days_by[idx(Bottleneck::hours)], 2);
  EXPECT_EQ(v.short_city_days_by[idx(Bottleneck::demand)], 0);
}

namespace {

// One city, target 10, n days with no doses at all (every day short), the given bottlenecks.
model::Bottleneck main_bottleneck_of(const std::vector<Bottleneck>& days) {
  model::CampaignConfig c;
  c.cities.push_back({"X", 100, {}, {}, 10});
  c.targets.daily_from = date("2021-05-01");
  c.targets.deadline = date("2021-05-31");
  model::CampaignResult r;
  r.table = model::CityDayTable{date("2021-05-01"), static_cast<int>(days.size()), {"X"}};
  for (std::size_t d = 0; d < days.size(); ++d)
    r.table.bottleneck(static_cast<int>(d), 0) = days[d];
  return model::judge(c, r).cities.at(0).main_bottleneck;
}

}  // namespace

TEST(Verdict, MainBottleneckTies) {
  using B = Bottleneck;
  // One each: no_stock before held_back, held_back before desks, desks before hours, hours
  // before demand.
  EXPECT_EQ(main_bottleneck_of({B::held_back, B::no_stock}), B::no_stock);
  EXPECT_EQ(main_bottleneck_of({B::desks, B::held_back}), B::held_back);
  EXPECT_EQ(main_bottleneck_of({B::desks, B::no_stock}), B::no_stock);
  EXPECT_EQ(main_bottleneck_of({B::hours, B::desks}), B::desks);
  EXPECT_EQ(main_bottleneck_of({B::demand, B::hours}), B::hours);
  EXPECT_EQ(main_bottleneck_of({B::demand, B::no_stock}), B::no_stock);
  // All once: no_stock.
  EXPECT_EQ(main_bottleneck_of({B::demand, B::hours, B::desks, B::held_back, B::no_stock}),
            B::no_stock);
  // Two-two tie behind a single no_stock: hours 2 = demand 2 > no_stock 1 -> hours.
  EXPECT_EQ(main_bottleneck_of({B::no_stock, B::demand, B::hours, B::demand, B::hours}), B::hours);
  // A strict majority wins whatever the order: demand 2 > no_stock 1.
  EXPECT_EQ(main_bottleneck_of({B::no_stock, B::demand, B::demand}), B::demand);
}

TEST(Verdict, TotalsAtTheDeadlineIncludePriorDoses) {
  const model::Verdict v = model::judge(hand_config(), hand_result());
  EXPECT_EQ(v.deadline, date("2021-05-10"));
  // Doses days 0..9: 50 + 930 = 980 (days 10-11, 1000 doses, are after the deadline);
  // plus 1000 prior doses = 1980.
  EXPECT_EQ(v.doses_target, 2000);
  EXPECT_EQ(v.doses_by_deadline, 1980);
  EXPECT_FALSE(v.doses_met());  // 1980 < 2000
  // Both doses on day 9: A 120 + B 100 + C 0 = 220.
  EXPECT_EQ(v.people_fully_target, 200);
  EXPECT_EQ(v.people_fully_by_deadline, 220);
  EXPECT_TRUE(v.people_met());  // 220 >= 200
  // At least one dose on day 9: 220 + exactly one dose (A 100 + 90 = 190, B 50 + 45 = 95) = 505.
  EXPECT_EQ(v.people_one_dose_by_deadline, 505);
}

TEST(Verdict, EarlierDeadline) {
  model::CampaignConfig c = hand_config();
  c.targets.deadline = date("2021-05-05");  // day 4
  const model::Verdict v = model::judge(c, hand_result());
  // Window days 1..4: 100 70 100 110 -> 4 days, met 3, first day 1, sustained from day 3,
  // best 110, mean 380 / 4 = 95.
  EXPECT_EQ(v.daily_days_in_window, 4);
  EXPECT_EQ(v.daily_days_met, 3);
  EXPECT_EQ(v.daily_first_reached, date("2021-05-02"));
  EXPECT_EQ(v.daily_sustained_from, date("2021-05-04"));
  EXPECT_EQ(v.daily_best, 110);
  EXPECT_DOUBLE_EQ(v.daily_mean, 95.0);
  // Doses days 0..4: 50 + 100 + 70 + 100 + 110 = 430, + 1000 prior = 1430.
  EXPECT_EQ(v.doses_by_deadline, 1430);
  // Day 4: both doses 20 + 10 = 30; one dose A 140 + B 70 = 210 -> at least one: 240.
  EXPECT_EQ(v.people_fully_by_deadline, 30);
  EXPECT_EQ(v.people_one_dose_by_deadline, 240);
  // A, window days 1..4: 60 40 80 50 -> met 2, short 2 (supply, desks).
  EXPECT_EQ(v.cities[0].days_in_window, 4);
  EXPECT_EQ(v.cities[0].days_met, 2);
  EXPECT_EQ(v.cities[0].main_bottleneck, Bottleneck::no_stock);
  // B, window days 1..4: 40 30 20 60 -> met 3, short 1 (day 3, hours).
  EXPECT_EQ(v.cities[1].days_met, 3);
  EXPECT_EQ(v.cities[1].main_bottleneck, Bottleneck::hours);
}

TEST(Verdict, CoverageDates) {
  const model::Verdict v = model::judge(hand_config(), hand_result());
  ASSERT_EQ(v.coverage.size(), 3u);
  // 0.1 x 1000 = 100 people: province both doses 0 0 0 10 30 60 100 -> day 6 = 2021-05-07
  // (exactly 100: "at or above").
  EXPECT_EQ(v.coverage[0].level, 0.1);
  EXPECT_EQ(v.coverage[0].people, 100);
  EXPECT_EQ(v.coverage[0].reached, date("2021-05-07"));
  // 0.25 x 1000 = 250: day 9 has 220, day 10 has 270 -> 2021-05-11. Coverage looks at the
  // whole run, so a date after the deadline is still reported.
  EXPECT_EQ(v.coverage[1].people, 250);
  EXPECT_EQ(v.coverage[1].reached, date("2021-05-11"));
  // 0.5 x 1000 = 500: at most 350 in the run -> not reached.
  EXPECT_EQ(v.coverage[2].people, 500);
  EXPECT_EQ(v.coverage[2].reached, std::nullopt);
}

TEST(Verdict, CoveragePeopleIsLevelTimesBase) {
  // 0.29 x 100 = 29 people (in doubles 0.29 * 100 = 28.999999999999996). One city, both doses
  // 28, 29, 30 on days 0, 1, 2: 29 people are first reached on day 1 = 2021-05-02.
  model::CampaignConfig c;
  c.cities.push_back({"X", 100, {}, {}, 0});
  c.targets.daily_from = date("2021-05-01");
  c.targets.deadline = date("2021-05-03");
  c.targets.coverage_base = 100;
  c.targets.coverage_levels = {0.29, 0.57};
  model::CampaignResult r;
  r.table = model::CityDayTable{date("2021-05-01"), 3, {"X"}};
  fill(r.table, Measure::people_two_doses, 0, {28, 29, 57});
  const model::Verdict v = model::judge(c, r);
  ASSERT_EQ(v.coverage.size(), 2u);
  EXPECT_EQ(v.coverage[0].people, 29);
  EXPECT_EQ(v.coverage[0].reached, date("2021-05-02"));
  // 0.57 x 100 = 57 (56.99999999999999 in doubles): reached on day 2 = 2021-05-03.
  EXPECT_EQ(v.coverage[1].people, 57);
  EXPECT_EQ(v.coverage[1].reached, date("2021-05-03"));
}

TEST(Verdict, WindowClippedToTheRun) {
  model::CampaignConfig c = hand_config();
  c.targets.daily_from = date("2021-04-20");  // before the run: clipped to day 0
  c.targets.deadline = date("2021-06-30");    // after the run: clipped to day 11
  const model::Verdict v = model::judge(c, hand_result());
  // Window days 0..11: 50 100 70 100 110 110 110 110 110 110 500 500.
  EXPECT_EQ(v.daily_days_in_window, 12);
  // Short: day 0 (50) and day 2 (70) -> met 10.
  EXPECT_EQ(v.daily_days_met, 10);
  EXPECT_EQ(v.daily_first_reached, date("2021-05-02"));
  EXPECT_EQ(v.daily_sustained_from, date("2021-05-04"));
  EXPECT_EQ(v.daily_best, 500);
  // Mean: (50 + 930 + 1000) / 12 = 1980 / 12 = 165.
  EXPECT_DOUBLE_EQ(v.daily_mean, 165.0);
  // Totals at the end of the run: 1000 prior + 1980 = 2980; both doses day 11: 200 + 150.
  EXPECT_EQ(v.doses_by_deadline, 2980);
  EXPECT_EQ(v.people_fully_by_deadline, 350);
  // At least one dose: 350 + A (100 + 110) + B (50 + 55) = 350 + 210 + 105 = 665.
  EXPECT_EQ(v.people_one_dose_by_deadline, 665);
  // The reported deadline stays the configured one.
  EXPECT_EQ(v.deadline, date("2021-06-30"));

  // A, days 0..11: 30 60 40 80 50 80 70 90 70 70 500 500: short days 0 (hours), 2 (supply),
  // 4 (desks) -> met 9; one each -> supply.
  EXPECT_EQ(v.cities[0].days_in_window, 12);
  EXPECT_EQ(v.cities[0].days_met, 9);
  EXPECT_EQ(v.cities[0].short_days_by[idx(Bottleneck::hours)], 1);
  EXPECT_EQ(v.cities[0].main_bottleneck, Bottleneck::no_stock);
  // B, days 0..11: 20 40 30 20 60 30 40 20 40 40 0 0: short days 0 (demand), 3 (hours),
  // 7 (hours), 10 (demand), 11 (demand) -> met 7; demand 3 > hours 2 -> demand.
  EXPECT_EQ(v.cities[1].days_met, 7);
  EXPECT_EQ(v.cities[1].short_days_by[idx(Bottleneck::demand)], 3);
  EXPECT_EQ(v.cities[1].short_days_by[idx(Bottleneck::hours)], 2);
  EXPECT_EQ(v.cities[1].main_bottleneck, Bottleneck::demand);
  // Province: supply 1, desks 1, hours 1 + 2 = 3, demand 3.
  EXPECT_EQ(v.short_city_days_by[idx(Bottleneck::no_stock)], 1);
  EXPECT_EQ(v.short_city_days_by[idx(Bottleneck::desks)], 1);
  EXPECT_EQ(v.short_city_days_by[idx(Bottleneck::hours)], 3);
  EXPECT_EQ(v.short_city_days_by[idx(Bottleneck::demand)], 3);
}

TEST(Verdict, DailyFromAfterDeadlineGivesAnEmptyWindow) {
  model::CampaignConfig c = hand_config();
  c.targets.daily_from = date("2021-05-08");  // day 7
  c.targets.deadline = date("2021-05-05");    // day 4
  const model::Verdict v = model::judge(c, hand_result());
  EXPECT_EQ(v.daily_days_in_window, 0);
  EXPECT_EQ(v.daily_days_met, 0);
  EXPECT_EQ(v.daily_first_reached, std::nullopt);
  EXPECT_EQ(v.daily_sustained_from, std::nullopt);
  EXPECT_EQ(v.daily_best, 0);
  EXPECT_EQ(v.daily_mean, 0);
  EXPECT_EQ(v.cities[0].days_in_window, 0);
  EXPECT_EQ(v.cities[0].main_bottleneck, Bottleneck::none);
  // The deadline totals do not depend on the window: 1430 as in EarlierDeadline.
  EXPECT_EQ(v.doses_by_deadline, 1430);
}

TEST(Verdict, WindowEntirelyAfterTheRunIsEmpty) {
  model::CampaignConfig c = hand_config();
  c.targets.daily_from = date("2021-06-01");  // both after the run's last day (2021-05-12)
  c.targets.deadline = date("2021-06-10");
  const model::Verdict v = model::judge(c, hand_result());
  // [daily_from, deadline] clipped to [2021-05-01, 2021-05-12] is empty: no days, nothing met.
  EXPECT_EQ(v.daily_days_in_window, 0);  // got 1 (day 11)
  EXPECT_EQ(v.daily_days_met, 0);        // got 1 (day 11 has 500)
  EXPECT_EQ(v.daily_first_reached, std::nullopt);
  EXPECT_EQ(v.cities[0].days_in_window, 0);
}

TEST(Verdict, EmptyTable) {
  model::CampaignConfig c = hand_config();
  model::CampaignResult r;
  r.table = model::CityDayTable{date("2021-05-01"), 0, {"A", "B", "C"}};
  r.prior_doses = 7;
  const model::Verdict v = model::judge(c, r);
  // No days: only the targets are copied.
  EXPECT_EQ(v.daily_target, 100);
  EXPECT_EQ(v.deadline, date("2021-05-10"));
  EXPECT_EQ(v.daily_days_in_window, 0);
  EXPECT_TRUE(v.cities.empty());
  EXPECT_TRUE(v.coverage.empty());
}
