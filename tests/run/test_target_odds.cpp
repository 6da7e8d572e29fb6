// The probability of meeting each target: Wilson intervals against hand-computed values, the
// counting rules on synthetic verdicts, and a whole campaign whose outcome is Binomial.

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "support/towns.hpp"
#include "vaxsim/model/verdict.hpp"
#include "vaxsim/run/ensemble.hpp"
#include "vaxsim/run/replications.hpp"
#include "vaxsim/run/target_odds.hpp"

using namespace vaxsim;
using model::Measure;

namespace {

// Reference values computed by hand from the formula (z = 1.959963984540054), and matching the
// published tables (e.g. 0 of 10: [0, 0.2775]; 1 of 20: [0.0089, 0.2361]).
TEST(Wilson, MatchesHandComputedIntervals) {
  struct Case {
    int k, n;
    double lo, hi;
  };
  for (const Case c :
       {Case{0, 10, 0.0, 0.277532799863}, Case{10, 10, 0.722467200137, 1.0},
        Case{5, 10, 0.236593090513, 0.763406909487}, Case{50, 100, 0.403831530366, 0.596168469634},
        Case{1, 20, 0.008881448801, 0.236131193447},
        Case{83, 100, 0.744519952324, 0.891064338859}}) {
    const run::Proportion p = run::wilson(c.k, c.n);
    EXPECT_EQ(p.successes, c.k);
    EXPECT_EQ(p.trials, c.n);
    EXPECT_DOUBLE_EQ(p.p, static_cast<double>(c.k) / c.n);
    EXPECT_NEAR(p.lo, c.lo, 1e-11) << c.k << " of " << c.n;
    EXPECT_NEAR(p.hi, c.hi, 1e-11) << c.k << " of " << c.n;
  }
  const run::Proportion none = run::wilson(0, 0);
  EXPECT_EQ(none.lo, 0.0);
  EXPECT_EQ(none.hi, 1.0);
}

TEST(DateQuantile, IsTheDateByWhichEnoughReplicationsGotThere) {
  const auto d = [](const char* s) { return std::optional<sim::Date>(sim::parse_date(s)); };
  // Ten replications: eight reach it (on the 1st ... 8th), two never.
  std::vector<std::optional<sim::Date>> dates = {
      d("2021-05-08"), std::nullopt,    d("2021-05-01"), d("2021-05-02"), d("2021-05-07"),
      d("2021-05-03"), d("2021-05-04"), std::nullopt,    d("2021-05-05"), d("2021-05-06")};
  EXPECT_EQ(run::date_quantile(dates, 0.05), d("2021-05-01"));  // ceil(0.5) = 1st
  EXPECT_EQ(run::date_quantile(dates, 0.50), d("2021-05-05"));  // 5th: half of ten
  EXPECT_EQ(run::date_quantile(dates, 0.80), d("2021-05-08"));  // 8th
  EXPECT_EQ(run::date_quantile(dates, 0.95), std::nullopt);     // 10th: never
  EXPECT_EQ(run::date_quantile({}, 0.5), std::nullopt);
}

// Verdicts made by hand: replication k of 10 reaches the daily target on day k (k < 6), meets
// the doses target when k is even, and city North meets its target on k days.
TEST(TargetOdds, CountsEachTargetByItsRule) {
  model::CampaignConfig c = test::two_towns();
  c.targets.coverage_levels = {0.4};
  std::vector<model::Verdict> verdicts(10);
  const sim::Date start = sim::parse_date("2021-05-10");
  for (int k = 0; k < 10; ++k) {
    model::Verdict& v = verdicts[static_cast<std::size_t>(k)];
    if (k < 6)
      v.daily_first_reached = sim::Date{std::chrono::sys_days{start} + std::chrono::days{k}};
    if (k == 3) v.daily_sustained_from = start;
    v.doses_target = c.targets.doses;
    v.doses_by_deadline = k % 2 == 0 ? c.targets.doses : c.targets.doses - 1;
    v.people_fully_target = c.targets.people_fully_vaccinated;
    v.people_fully_by_deadline = c.targets.people_fully_vaccinated + k;
    v.cities.resize(2);
    v.cities[0].target = 160;
    v.cities[0].days_met = k;
    v.cities[1].target = 100;
    v.cities[1].days_met = 5;
    v.coverage.push_back({0.4, 4000, k == 9 ? std::optional(c.end) : std::nullopt});
    v.daily_best = 100.0 * k;
  }
  run::OddsOptions options;
  options.daily_by = sim::Date{std::chrono::sys_days{start} + std::chrono::days{3}};
  options.city_days = 4;
  const run::Odds odds = run::target_odds(c, verdicts, options);
  EXPECT_EQ(odds.replications, 10);
  const auto successes = [&](const char* key) {
    const run::TargetOdds* t = odds.target(key);
    EXPECT_NE(t, nullptr) << key;
    return t == nullptr ? -1 : t->odds.successes;
  };
  EXPECT_EQ(successes("daily_reached"), 4);  // k = 0..3 reach it by the 13th
  EXPECT_EQ(successes("daily_sustained"), 1);
  EXPECT_EQ(successes("city[North]"), 6);  // k >= 4
  EXPECT_EQ(successes("city[South]"), 10);
  EXPECT_EQ(successes("doses"), 5);
  EXPECT_EQ(successes("people"), 10);
  EXPECT_EQ(successes("coverage[40%]"), 1);
  // All promises at once: daily (k <= 3), North (k >= 4): never together.
  EXPECT_EQ(successes("all"), 0);
  EXPECT_EQ(odds.target("daily_reached")->what, "250 doses a day reached by 2021-05-13");
  EXPECT_DOUBLE_EQ(odds.target("doses")->odds.lo, run::wilson(5, 10).lo);

  const run::KeyDate* first = odds.date("daily_first_reached");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->reached, 6);
  EXPECT_EQ(first->q05, start);
  EXPECT_EQ(first->q50, sim::parse_date("2021-05-14"));  // 5th earliest
  EXPECT_EQ(first->q95, std::nullopt);
  ASSERT_FALSE(odds.numbers.empty());
  EXPECT_EQ(odds.numbers[2].key, "daily_best");
  EXPECT_DOUBLE_EQ(odds.numbers[2].q50, 450.0);  // h = 4.5 between 400 and 500
}

TEST(TargetOdds, ListsOnlyTargetsTheScenarioSets) {
  model::CampaignConfig c = test::two_towns();
  c.targets = {};
  c.targets.deadline = c.end;
  for (auto& city : c.cities) city.daily_target = 0;
  const std::vector<model::Verdict> verdicts(3);
  const run::Odds odds = run::target_odds(c, verdicts);
  EXPECT_TRUE(odds.targets.empty());
  EXPECT_TRUE(odds.dates.empty());
  EXPECT_EQ(odds.numbers.size(), 3u);  // doses, people, best day: always
  EXPECT_THROW(run::target_odds(c, std::vector<model::Verdict>{}), std::invalid_argument);
}

// A known distribution end to end: each of the day's twelve booked people stays home with
// probability 1/2, so the day's doses are Binomial(12, 1/2): P(>= 6) = 2510/4096, quantiles
// 5%, 50%, 95% = 3, 6, 9, mean 6.
TEST(TargetOdds, MatchBinomialOutcomesOfAWholeCampaign) {
  model::CampaignConfig c = test::one_day_binomial(0.5);
  c.targets.daily_doses = 6;
  constexpr int kReplications = 2000;
  const std::vector<model::CampaignResult> results =
      run::run_replications(c, {.seed = 2021, .replications = kReplications, .threads = 2});
  std::vector<model::Verdict> verdicts;
  for (const auto& r : results) verdicts.push_back(model::judge(c, r));
  const run::Odds odds = run::target_odds(c, verdicts);

  const double p = 2510.0 / 4096.0;
  const run::TargetOdds* daily = odds.target("daily_reached");
  ASSERT_NE(daily, nullptr);
  // Within 3.3 standard errors, and inside the 99.9% Wilson interval (each a 1-in-1000 miss for
  // a correct model; the seed is fixed, so the test never flickers).
  EXPECT_NEAR(daily->odds.p, p, 3.3 * std::sqrt(p * (1 - p) / kReplications));
  const run::Proportion wide = run::wilson(daily->odds.successes, kReplications, 3.29);
  EXPECT_LT(wide.lo, p);
  EXPECT_GT(wide.hi, p);
  EXPECT_LT(daily->odds.lo, daily->odds.p);
  EXPECT_GT(daily->odds.hi, daily->odds.p);

  const run::Ensemble e(results);
  const run::Spread& doses = e.province_doses();
  // With 2000 draws the sample quantiles are those of the distribution: for q05 the 100th and
  // 101st smallest lie among the values <= 3 (expected 146 of them) but not <= 2 (expected 39);
  // likewise for the median and q95. Every draw is at most the twelve booked.
  EXPECT_EQ(doses.q05(0, 0), 3);
  EXPECT_EQ(doses.q50(0, 0), 6);
  EXPECT_EQ(doses.q95(0, 0), 9);
  EXPECT_NEAR(doses.mean(0, 0), 6.0, 3.3 * std::sqrt(3.0 / kReplications));
  EXPECT_LE(e.city(Measure::first_doses).q95(0, 0), 12);
}

}  // namespace
