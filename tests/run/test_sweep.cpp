// Sweeps: the grid, the --vary syntax, and common random numbers (a grid point equals the same
// campaign run alone).

#include <gtest/gtest.h>

#include <vector>

#include "support/towns.hpp"
#include "vaxsim/model/verdict.hpp"
#include "vaxsim/run/replications.hpp"
#include "vaxsim/run/sweep.hpp"

using namespace vaxsim;

namespace {

TEST(Sweep, ParsesAxes) {
  const run::Axis a = run::parse_axis("sites[*].hours[-1].close=18:00, 20:00,22:00");
  EXPECT_EQ(a.key, "sites[*].hours[-1].close");
  EXPECT_EQ(a.values, (std::vector<std::string>{"18:00", "20:00", "22:00"}));
  const run::Axis list = run::parse_axis("targets.coverage_levels=[0.4, 0.5],[0.6],'a,b'");
  EXPECT_EQ(list.values, (std::vector<std::string>{"[0.4, 0.5]", "[0.6]", "'a,b'"}));
  const run::Axis named = run::parse_axis("cities[a=b].residents=x1.1");
  EXPECT_EQ(named.key, "cities[a=b].residents");
  EXPECT_EQ(named.values, (std::vector<std::string>{"x1.1"}));
  EXPECT_THROW(run::parse_axis("desks"), std::invalid_argument);
  EXPECT_THROW(run::parse_axis("=1,2"), std::invalid_argument);
  EXPECT_THROW(run::parse_axis("desks=1,,2"), std::invalid_argument);
  EXPECT_THROW(run::parse_axis("desks="), std::invalid_argument);
}

TEST(Sweep, GridVariesTheFirstAxisSlowest) {
  const std::vector<run::Axis> axes = {{"a", {"1", "2"}}, {"b", {"x", "y", "z"}}};
  const auto points = run::grid(axes);
  ASSERT_EQ(points.size(), 6u);
  EXPECT_EQ(points[0][0].value, "1");
  EXPECT_EQ(points[0][1].value, "x");
  EXPECT_EQ(points[2][1].value, "z");
  EXPECT_EQ(points[3][0].value, "2");
  EXPECT_EQ(points[3][0].key, "a");
  EXPECT_EQ(points[5][1].key, "b");
  EXPECT_EQ(run::grid({}).size(), 1u);  // no axes: the scenario itself
}

void expect_same_odds(const run::Odds& a, const run::Odds& b) {
  ASSERT_EQ(a.replications, b.replications);
  ASSERT_EQ(a.targets.size(), b.targets.size());
  for (std::size_t i = 0; i < a.targets.size(); ++i) {
    EXPECT_EQ(a.targets[i].key, b.targets[i].key);
    EXPECT_EQ(a.targets[i].odds.successes, b.targets[i].odds.successes) << a.targets[i].key;
  }
  ASSERT_EQ(a.dates.size(), b.dates.size());
  for (std::size_t i = 0; i < a.dates.size(); ++i) {
    EXPECT_EQ(a.dates[i].q05, b.dates[i].q05);
    EXPECT_EQ(a.dates[i].q50, b.dates[i].q50);
    EXPECT_EQ(a.dates[i].q95, b.dates[i].q95);
  }
  ASSERT_EQ(a.numbers.size(), b.numbers.size());
  for (std::size_t i = 0; i < a.numbers.size(); ++i) {
    EXPECT_EQ(a.numbers[i].mean, b.numbers[i].mean) << a.numbers[i].key;
    EXPECT_EQ(a.numbers[i].q50, b.numbers[i].q50) << a.numbers[i].key;
  }
}

run::Odds alone(const model::CampaignConfig& c, const run::ReplicationOptions& o,
                const run::OddsOptions& odds = {}) {
  std::vector<model::Verdict> verdicts;
  for (const model::CampaignResult& r : run::run_replications(c, o)) {
    verdicts.push_back(model::judge(c, r));
  }
  return run::target_odds(c, verdicts, odds);
}

TEST(Sweep, EachPointEqualsItsCampaignRunAloneWhateverTheThreads) {
  // Three desks counts at the two sites; the middle one is the campaign as written.
  std::vector<model::CampaignConfig> points;
  for (const int desks : {1, 2, 3}) {
    model::CampaignConfig c = test::two_towns();
    for (auto& site : c.sites) site.desks = desks;
    points.push_back(c);
  }
  const std::vector<std::uint64_t> seeds(points.size(), 5);
  run::ReplicationOptions o{.seed = 5, .first_replication = 2, .replications = 4, .threads = 2};
  run::OddsOptions odds;
  odds.city_days = 3;
  const std::vector<run::Odds> swept = run::run_sweep(points, seeds, o, odds);
  ASSERT_EQ(swept.size(), 3u);
  o.threads = 1;
  expect_same_odds(swept[1], alone(test::two_towns(), o, odds));
  expect_same_odds(swept[2], alone(points[2], o, odds));
  expect_same_odds(swept[0], run::run_sweep(points, seeds, o, odds)[0]);
  // More desks, more doses: the points differ (and by the desks, not by the dice).
  EXPECT_LT(swept[0].numbers[0].mean, swept[2].numbers[0].mean);
}

TEST(Sweep, SameCampaignAtTwoPointsGivesTheSameOdds) {
  const std::vector<model::CampaignConfig> points(2, test::two_towns());
  const std::vector<std::uint64_t> seeds = {8, 8};
  const auto swept = run::run_sweep(points, seeds, {.replications = 3, .threads = 2});
  expect_same_odds(swept[0], swept[1]);
}

}  // namespace
