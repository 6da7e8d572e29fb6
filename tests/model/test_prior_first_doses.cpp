// When the people with one dose at the start had their first dose (prior_first_doses.hpp): hand
// cases of the record's curve, the even spread against its person-by-person rule, exact totals
// over random curves, and a campaign whose second doses fall due on the days the record implies.

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

#include "../../lib/model/prior_first_doses.hpp"
#include "support/towns.hpp"
#include "vaxsim/model/campaign.hpp"

using namespace std::chrono_literals;
using namespace vaxsim;
using model::DatedCurve;
using model::Measure;
using model::detail::DayWeights;
using model::detail::FirstDoseDays;
using model::detail::recent_first_doses;
using model::detail::spread_by;
using model::detail::spread_evenly;

namespace {

sim::Date day_of(const char* text) { return sim::parse_date(text); }

// The run starts on 1 May 2021: 1 April is day -30, 11 April day -20.
const sim::Calendar kCalendar{day_of("2021-05-01")};

// 0 people by 1 April, 100 by 11 April: 10 more each day from 2 to 11 April.
DatedCurve ten_a_day() { return {{{day_of("2021-04-01"), 0.0}, {day_of("2021-04-11"), 100.0}}}; }

std::vector<std::int64_t> people_from(const FirstDoseDays& days, int first_day) {
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < days.people.size(); ++i) {
    if (days.first_day + static_cast<int>(i) >= first_day) out.push_back(days.people[i]);
  }
  return out;
}

}  // namespace

TEST(PriorFirstDoses, TheRecordsMostRecentPeopleFallOnItsLastDaysAsItRises) {
  // 30 of the curve's 100: those counted above 70, on 9, 10 and 11 April, 10 a day.
  const DayWeights w = recent_first_doses(ten_a_day(), 30, kCalendar);
  EXPECT_EQ(w.first_day, -29);  // 2 April: the first point dates nobody
  ASSERT_EQ(w.weight.size(), 10u);
  const FirstDoseDays days = spread_by(30, w);
  EXPECT_EQ(days.people, (std::vector<std::int64_t>{0, 0, 0, 0, 0, 0, 0, 10, 10, 10}));
}

TEST(PriorFirstDoses, ADayTheCurvePassesItsLevelCountsOnlyTheRiseAboveIt) {
  // 25 of 100: above 75, so 5 on 9 April (70 -> 80), then 10 and 10.
  const FirstDoseDays days = spread_by(25, recent_first_doses(ten_a_day(), 25, kCalendar));
  EXPECT_EQ(people_from(days, -22), (std::vector<std::int64_t>{5, 10, 10}));
  EXPECT_EQ(std::accumulate(days.people.begin(), days.people.end(), std::int64_t{0}), 25);
}

TEST(PriorFirstDoses, ACitysShareFollowsTheSameDaysByLargestRemainders) {
  // A city with 20 of the province's 30: 20/3 a day, the two doses left over to the earliest.
  const DayWeights w = recent_first_doses(ten_a_day(), 30, kCalendar);
  EXPECT_EQ(people_from(spread_by(20, w), -22), (std::vector<std::int64_t>{7, 7, 6}));
  EXPECT_EQ(people_from(spread_by(10, w), -22), (std::vector<std::int64_t>{4, 3, 3}));
}

TEST(PriorFirstDoses, AFlatStretchOfTheRecordDatesNobody) {
  // 0 by 1 April, 40 by 5 April, still 40 by 15 April, 60 by 17 April; 50 most recent: above 10.
  const DatedCurve record{{{day_of("2021-04-01"), 0.0},
                           {day_of("2021-04-05"), 40.0},
                           {day_of("2021-04-15"), 40.0},
                           {day_of("2021-04-17"), 60.0}}};
  const FirstDoseDays days = spread_by(50, recent_first_doses(record, 50, kCalendar));
  // 2 April rises 0 -> 10, none of it above 10; 3-5 April 10 each; 6-15 April none (flat);
  // 16 and 17 April 10 each.
  std::vector<std::int64_t> expected(16, 0);  // 2 to 17 April
  expected[1] = 10;
  expected[2] = 10;
  expected[3] = 10;
  expected[14] = 10;
  expected[15] = 10;
  EXPECT_EQ(days.people, expected);
}

TEST(PriorFirstDoses, TheEvenSpreadPutsPersonKOnTheDayOfTheWindowsRule) {
  // Person k of n on day from + (to - from + 1) k / n, rounded down, counted person by person.
  std::mt19937_64 rng{5};
  for (int trial = 0; trial < 200; ++trial) {
    const std::int64_t n = std::uniform_int_distribution<std::int64_t>{0, 5000}(rng);
    const int from = std::uniform_int_distribution<int>{-400, -1}(rng);
    const int to = std::uniform_int_distribution<int>{from, -1}(rng);
    std::vector<std::int64_t> expected(static_cast<std::size_t>(to - from + 1), 0);
    for (std::int64_t k = 0; k < n; ++k) {
      ++expected[static_cast<std::size_t>((to - from + 1) * k / n)];
    }
    const FirstDoseDays days = spread_evenly(n, from, to);
    EXPECT_EQ(days.first_day, from);
    EXPECT_EQ(days.people, expected) << "n " << n << ", days " << from << ".." << to;
  }
}

TEST(PriorFirstDoses, RandomRecordsGiveExactTotalsOnlyOnDaysTheCurveRoseAboveItsLevel) {
  std::mt19937_64 rng{9};
  for (int trial = 0; trial < 200; ++trial) {
    DatedCurve record;
    sim::Date date = day_of("2021-01-01");
    double people = std::uniform_int_distribution<int>{0, 1000}(rng);
    const int points = std::uniform_int_distribution<int>{2, 6}(rng);
    for (int i = 0; i < points; ++i) {
      record.points.emplace_back(date, people);
      date = sim::Date{std::chrono::sys_days{date} +
                       std::chrono::days{std::uniform_int_distribution<int>{1, 20}(rng)}};
      people += std::uniform_int_distribution<int>{0, 100'000}(rng);
    }
    const double rise = record.points.back().second - record.points.front().second;
    if (rise < 1) continue;
    const auto recent =
        std::uniform_int_distribution<std::int64_t>{1, static_cast<std::int64_t>(rise)}(rng);
    const auto city = std::uniform_int_distribution<std::int64_t>{0, recent}(rng);
    const DayWeights w = recent_first_doses(record, static_cast<double>(recent), kCalendar);
    const FirstDoseDays days = spread_by(city, w);
    ASSERT_EQ(days.people.size(), w.weight.size());
    EXPECT_EQ(std::accumulate(days.people.begin(), days.people.end(), std::int64_t{0}), city);
    // The weights are the recent people's doses each day: they add up to them.
    const auto recent_people = static_cast<double>(recent);
    EXPECT_NEAR(std::accumulate(w.weight.begin(), w.weight.end(), 0.0), recent_people,
                1e-6 * recent_people);
    const double level = record.points.back().second - static_cast<double>(recent);
    for (std::size_t i = 0; i < days.people.size(); ++i) {
      const sim::Date d = kCalendar.date(days.first_day + static_cast<int>(i));
      if (record.at(d) <= level) {
        EXPECT_EQ(days.people[i], 0) << "below the level";
      }
      // Largest remainders: within one of the exact share.
      const double exact = static_cast<double>(city) * w.weight[i] / static_cast<double>(recent);
      EXPECT_LT(std::abs(static_cast<double>(days.people[i]) - exact), 1.0 + 1e-6);
    }
  }
}

// Two towns, the record's 30 most recent people split 20 : 10: their second doses fall due 21
// days after the first (a constant return), on 30 April, 1 and 2 May. With desks to spare and no
// first doses, each town gives its second doses the day they fall due, or on 1 May (day 0) for
// those overdue on 30 April: Town 7 + 7 on day 0 and 6 on day 1, Village 4 + 3 and 3.
TEST(PriorFirstDoses, SecondDosesFallDueOnTheDaysTheRecordDates) {
  model::CampaignConfig c = test::one_desk_town("2021-05-01", "2021-05-10");
  c.sites[0].desks = 10;
  c.cities.push_back({"Village", 1000, {}, {}, 0});
  model::SiteSpec village = c.sites[0];
  village.name = "village clinic";
  village.city = 1;
  c.sites.push_back(village);
  c.supply.initial_stock = {1000};
  c.policies = {{c.start, false, true, 0}};  // second doses only
  c.prior.assign(2, {});
  c.prior[0].one_dose = 20;
  c.prior[1].one_dose = 10;
  c.prior_first_doses_by = ten_a_day();
  const model::CampaignResult r = model::run_campaign(c);
  const model::CityDayTable& t = r.table;
  for (int d = 0; d < t.days(); ++d) {
    EXPECT_EQ(t.at(Measure::second_doses, d, 0), d == 0 ? 14 : d == 1 ? 6 : 0) << "day " << d;
    EXPECT_EQ(t.at(Measure::second_doses, d, 1), d == 0 ? 7 : d == 1 ? 3 : 0) << "day " << d;
    EXPECT_EQ(t.at(Measure::first_doses, d, 0) + t.at(Measure::first_doses, d, 1), 0);
  }
  EXPECT_EQ(t.at(Measure::people_two_doses, t.days() - 1, 0), 20);
  EXPECT_EQ(t.at(Measure::people_two_doses, t.days() - 1, 1), 10);
}
