// Sweeps also carry the second doses missed at each point (model::CampaignResult holds them, the
// verdicts do not): the same numbers as the point's replications run alone.

#include <gtest/gtest.h>

#include <vector>

#include "support/towns.hpp"
#include "vaxsim/model/verdict.hpp"
#include "vaxsim/run/replications.hpp"
#include "vaxsim/run/sweep.hpp"

using namespace vaxsim;

namespace {

// Two towns whose second doses fall due within the run (7 to 9 days) while supply runs short,
// so that some are missed, and by different amounts in different replications.
model::CampaignConfig short_interval(int desks) {
  model::CampaignConfig c = test::two_towns();
  c.products[0].min_interval_days = 7;
  c.products[0].max_interval_days = 9;
  c.products[0].return_after_days = sim::Distribution::uniform(7, 9);
  c.supply.deliveries.resize(1);
  for (auto& site : c.sites) site.desks = desks;
  return c;
}

TEST(SweepMissedSecondDoses, EqualThoseOfEachPointRunAlone) {
  const std::vector<model::CampaignConfig> points = {short_interval(1), short_interval(3)};
  const std::vector<std::uint64_t> seeds = {5, 5};
  // A miss takes bad luck (supply is paced to the second doses): about one replication in ten
  // has one, so 20 replications, in which both points miss some with seed 5.
  const run::ReplicationOptions o{
      .seed = 5, .first_replication = 1, .replications = 20, .threads = 2};
  const std::vector<run::Odds> swept = run::run_sweep(points, seeds, o);
  ASSERT_EQ(swept.size(), 2u);
  for (std::size_t p = 0; p < points.size(); ++p) {
    std::vector<double> missed;
    std::vector<model::Verdict> verdicts;
    for (const model::CampaignResult& r : run::run_replications(points[p], o)) {
      missed.push_back(static_cast<double>(r.missed_second_doses));
      verdicts.push_back(model::judge(points[p], r));
    }
    ASSERT_TRUE(swept[p].missed_second_doses.has_value());
    const run::KeyNumber& n = *swept[p].missed_second_doses;
    const run::KeyNumber alone = run::missed_second_doses_number(missed);
    EXPECT_EQ(n.key, "missed_second_doses");
    EXPECT_EQ(n.mean, alone.mean) << p;
    EXPECT_EQ(n.q05, alone.q05) << p;
    EXPECT_EQ(n.q50, alone.q50) << p;
    EXPECT_EQ(n.q95, alone.q95) << p;
    EXPECT_GT(n.mean, 0) << "the case should miss second doses";
    // The odds from verdicts alone cannot know them.
    EXPECT_FALSE(run::target_odds(points[p], verdicts).missed_second_doses.has_value());
  }
}

TEST(SweepMissedSecondDoses, KeyNumbersAreMeanAndQuantilesInReplicationOrder) {
  const run::KeyNumber n = run::key_number("k", "what", {4.0, 0.0, 2.0, 10.0, 6.0});
  EXPECT_EQ(n.key, "k");
  EXPECT_EQ(n.what, "what");
  EXPECT_DOUBLE_EQ(n.mean, 4.4);
  EXPECT_DOUBLE_EQ(n.q50, 4.0);
  EXPECT_DOUBLE_EQ(n.q05, 0.4);  // h = 0.2 between 0 and 2
  EXPECT_DOUBLE_EQ(n.q95, 9.2);  // h = 3.8 between 6 and 10
}

}  // namespace
