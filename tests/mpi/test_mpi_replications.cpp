// vaxsim::mpi under `mpirun -np 2` (ctest runs it so; any number of ranks works): every rank
// runs the same tests, each rank's calls are collective. Replications and sweeps over ranks equal
// the one-process functions bit for bit, however the runs divide (1, 3, 4 replications over 2
// ranks); a failure on one rank reaches every rank instead of leaving one waiting.
//
// Results are compared as encoded bytes: tests/run/test_result_codec.cpp checks, field by field,
// that the encoding holds every field exactly.

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/towns.hpp"
#include "vaxsim/model/campaign.hpp"
#include "vaxsim/mpi/replications.hpp"
#include "vaxsim/mpi/session.hpp"
#include "vaxsim/mpi/share.hpp"
#include "vaxsim/run/replications.hpp"
#include "vaxsim/run/result_codec.hpp"
#include "vaxsim/run/sweep.hpp"

using namespace vaxsim;

namespace {

int rank() {
  int r = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &r);
  return r;
}

int ranks() {
  int n = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &n);
  return n;
}

// --- share() ----------------------------------------------------------------------------------

TEST(Share, UnevenSplitsOfReplications) {
  using B = mpi::Block;
  // 3 replications of one campaign over 2 ranks: 1 and 2.
  EXPECT_EQ(mpi::share(1, 3, 0, 2), (std::vector<B>{{0, 1, 0, 1}}));
  EXPECT_EQ(mpi::share(1, 3, 1, 2), (std::vector<B>{{0, 1, 1, 2}}));
  // 1 replication over 2 ranks: rank 0, which gathers the results afterwards, runs none.
  EXPECT_TRUE(mpi::share(1, 1, 0, 2).empty());
  EXPECT_EQ(mpi::share(1, 1, 1, 2), (std::vector<B>{{0, 1, 0, 1}}));
  // A 3-point sweep of 3 replications: runs 0-3 and 4-8 in replication-major order.
  EXPECT_EQ(mpi::share(3, 3, 0, 2), (std::vector<B>{{0, 3, 0, 1}, {0, 1, 1, 1}}));
  EXPECT_EQ(mpi::share(3, 3, 1, 2), (std::vector<B>{{1, 2, 1, 1}, {0, 3, 2, 1}}));
  // The end of one replication, whole ones, the start of another.
  EXPECT_EQ(mpi::share(3, 10, 1, 3), (std::vector<B>{{1, 2, 3, 1}, {0, 3, 4, 2}, {0, 2, 6, 1}}));
  EXPECT_TRUE(mpi::share(0, 5, 0, 2).empty());
  EXPECT_THROW(mpi::share(1, 1, 2, 2), std::invalid_argument);
  EXPECT_THROW(mpi::share(1, 1, -1, 2), std::invalid_argument);
}

TEST(Share, EveryRunOnceAndCountsDifferByAtMostOne) {
  for (std::size_t points = 1; points <= 5; ++points) {
    for (int replications = 1; replications <= 9; ++replications) {
      for (int n = 1; n <= 6; ++n) {
        std::vector<int> owner(points * static_cast<std::size_t>(replications), -1);
        std::vector<std::size_t> counts;
        for (int k = 0; k < n; ++k) {
          std::size_t count = 0;
          for (const mpi::Block& b : mpi::share(points, replications, k, n)) {
            ASSERT_LE(b.first_point + b.points, points);
            ASSERT_LE(b.first_index + b.replications, replications);
            ASSERT_GT(b.points * static_cast<std::size_t>(b.replications), 0u);
            for (std::size_t p = b.first_point; p < b.first_point + b.points; ++p) {
              for (int i = b.first_index; i < b.first_index + b.replications; ++i) {
                int& o =
                    owner[p * static_cast<std::size_t>(replications) + static_cast<std::size_t>(i)];
                ASSERT_EQ(o, -1) << "run given twice";
                o = k;
                ++count;
              }
            }
          }
          counts.push_back(count);
        }
        EXPECT_EQ(std::count(owner.begin(), owner.end(), -1), 0);
        const auto [lo, hi] = std::minmax_element(counts.begin(), counts.end());
        EXPECT_LE(*hi - *lo, 1u) << points << " points, " << replications << " replications, " << n
                                 << " ranks";
      }
    }
  }
}

// --- Same results as one process --------------------------------------------------------------

class OverRanks : public ::testing::TestWithParam<int> {};

TEST_P(OverRanks, ReplicationsEqualOneProcessBitForBit) {
  const model::CampaignConfig config = test::two_towns();
  run::ReplicationOptions options;
  options.seed = 17;
  options.first_replication = 5;
  options.replications = GetParam();
  options.threads = 2;
  const std::vector<model::CampaignResult> spread = mpi::run_replications(config, options);
  if (rank() != 0) {
    EXPECT_TRUE(spread.empty());
    return;
  }
  options.threads = 1;
  const std::vector<model::CampaignResult> alone = run::run_replications(config, options);
  ASSERT_EQ(spread.size(), alone.size());
  for (std::size_t i = 0; i < alone.size(); ++i) {
    EXPECT_EQ(run::encode(spread[i]), run::encode(alone[i])) << "replication " << i;
  }
  // Replications differ from each other, so a result in the wrong place would show.
  if (alone.size() > 1) {
    EXPECT_NE(run::encode(alone[0]), run::encode(alone[1]));
  }
}

void expect_same(const run::Odds& a, const run::Odds& b) {
  const auto same = [](double x, double y) {
    return std::bit_cast<std::uint64_t>(x) == std::bit_cast<std::uint64_t>(y);
  };
  EXPECT_EQ(a.replications, b.replications);
  ASSERT_EQ(a.targets.size(), b.targets.size());
  for (std::size_t t = 0; t < a.targets.size(); ++t) {
    EXPECT_EQ(a.targets[t].key, b.targets[t].key);
    EXPECT_EQ(a.targets[t].what, b.targets[t].what);
    EXPECT_EQ(a.targets[t].odds.successes, b.targets[t].odds.successes) << a.targets[t].key;
    EXPECT_EQ(a.targets[t].odds.trials, b.targets[t].odds.trials);
    EXPECT_TRUE(same(a.targets[t].odds.p, b.targets[t].odds.p));
    EXPECT_TRUE(same(a.targets[t].odds.lo, b.targets[t].odds.lo));
    EXPECT_TRUE(same(a.targets[t].odds.hi, b.targets[t].odds.hi));
  }
  ASSERT_EQ(a.dates.size(), b.dates.size());
  for (std::size_t d = 0; d < a.dates.size(); ++d) {
    EXPECT_EQ(a.dates[d].key, b.dates[d].key);
    EXPECT_EQ(a.dates[d].reached, b.dates[d].reached);
    EXPECT_EQ(a.dates[d].q05, b.dates[d].q05);
    EXPECT_EQ(a.dates[d].q50, b.dates[d].q50);
    EXPECT_EQ(a.dates[d].q95, b.dates[d].q95);
  }
  ASSERT_EQ(a.missed_second_doses.has_value(), b.missed_second_doses.has_value());
  if (a.missed_second_doses) {
    EXPECT_TRUE(same(a.missed_second_doses->mean, b.missed_second_doses->mean));
    EXPECT_TRUE(same(a.missed_second_doses->q05, b.missed_second_doses->q05));
    EXPECT_TRUE(same(a.missed_second_doses->q50, b.missed_second_doses->q50));
    EXPECT_TRUE(same(a.missed_second_doses->q95, b.missed_second_doses->q95));
  }
  ASSERT_EQ(a.numbers.size(), b.numbers.size());
  for (std::size_t n = 0; n < a.numbers.size(); ++n) {
    EXPECT_EQ(a.numbers[n].key, b.numbers[n].key);
    EXPECT_TRUE(same(a.numbers[n].mean, b.numbers[n].mean)) << a.numbers[n].key;
    EXPECT_TRUE(same(a.numbers[n].q05, b.numbers[n].q05));
    EXPECT_TRUE(same(a.numbers[n].q50, b.numbers[n].q50));
    EXPECT_TRUE(same(a.numbers[n].q95, b.numbers[n].q95));
  }
}

// Three grid points: the test campaign with 1, 2 and 3 desks per site.
std::vector<model::CampaignConfig> desk_grid() {
  std::vector<model::CampaignConfig> points;
  for (int desks = 1; desks <= 3; ++desks) {
    model::CampaignConfig c = test::two_towns();
    for (model::SiteSpec& site : c.sites) site.desks = desks;
    points.push_back(std::move(c));
  }
  return points;
}

TEST_P(OverRanks, SweepsEqualOneProcessBitForBit) {
  const std::vector<model::CampaignConfig> points = desk_grid();
  const std::vector<std::uint64_t> seeds = {3, 3, 4};
  run::ReplicationOptions options;
  options.replications = GetParam();
  const run::OddsOptions odds{sim::parse_date("2021-05-20"), 2};
  const std::vector<run::Odds> spread = mpi::run_sweep(points, seeds, options, odds);
  if (rank() != 0) {
    EXPECT_TRUE(spread.empty());
    return;
  }
  const std::vector<run::Odds> alone = run::run_sweep(points, seeds, options, odds);
  ASSERT_EQ(spread.size(), alone.size());
  for (std::size_t p = 0; p < alone.size(); ++p) {
    SCOPED_TRACE("point " + std::to_string(p));
    expect_same(spread[p], alone[p]);
  }
}

INSTANTIATE_TEST_SUITE_P(Replications, OverRanks, ::testing::Values(1, 3, 4));

TEST(OverRanks, ProgressCountsThisRanksDays) {
  struct Last final : model::ProgressObserver {
    int day = 0, days = 0;
    bool on_day(int d, int n) override {
      day = d;
      days = n;
      return true;
    }
  } last;
  const model::CampaignConfig config = test::two_towns();  // 28 days
  run::ReplicationOptions options;
  options.replications = 3;
  options.progress = &last;
  mpi::run_replications(config, options);
  int mine = 0;
  for (const mpi::Block& b : mpi::share(1, 3, rank(), ranks())) mine += b.replications;
  EXPECT_EQ(last.days, 28 * mine);
  EXPECT_EQ(last.day, 28 * mine);
}

// --- Failures reach every rank ----------------------------------------------------------------

TEST(OverRanks, AnInvalidConfigFailsOnEveryRankBeforeAnythingRuns) {
  model::CampaignConfig config = test::two_towns();
  config.sites[0].desks = -1;
  run::ReplicationOptions options;
  options.replications = 4;
  std::string alone;
  try {
    run::run_replications(config, options);
  } catch (const std::invalid_argument& e) {
    alone = e.what();
  }
  ASSERT_FALSE(alone.empty());
  try {
    mpi::run_replications(config, options);
    ADD_FAILURE() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(e.what(), alone);  // the same words as in one process, on every rank
  }
  options.replications = 0;
  EXPECT_THROW(mpi::run_replications(test::two_towns(), options), std::invalid_argument);
}

TEST(OverRanks, RanksGivenDifferentArgumentsAllRefuse) {
  if (ranks() < 2) GTEST_SKIP() << "needs 2 ranks";
  run::ReplicationOptions options;
  options.replications = 2 + rank();
  try {
    mpi::run_replications(test::two_towns(), options);
    ADD_FAILURE() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("different"), std::string::npos) << e.what();
  }
}

// Fails (or stops) on the last rank only, at its first simulated day.
struct FailOnLastRank final : model::ProgressObserver {
  bool stop = false;  // false: throw
  bool on_day(int, int) override {
    if (rank() != ranks() - 1) return true;
    if (stop) return false;
    throw std::runtime_error("a disk filled up");
  }
};

TEST(OverRanks, AnErrorOnOneRankIsRaisedOnEveryRank) {
  if (ranks() < 2) GTEST_SKIP() << "needs 2 ranks";
  FailOnLastRank fail;
  run::ReplicationOptions options;
  options.replications = 4;
  options.progress = &fail;
  try {
    mpi::run_replications(test::two_towns(), options);
    ADD_FAILURE() << "no exception";
  } catch (const std::runtime_error& e) {
    const std::string expected =
        "on rank " + std::to_string(ranks() - 1) + " of " + std::to_string(ranks()) + ": ";
    EXPECT_EQ(std::string(e.what()), expected + "a disk filled up");
  }
  // The ranks are still in step: a run after the failure works.
  options.progress = nullptr;
  EXPECT_EQ(mpi::run_replications(test::two_towns(), options).size(), rank() == 0 ? 4u : 0u);
}

TEST(OverRanks, StoppingOneRankStopsEveryRank) {
  if (ranks() < 2) GTEST_SKIP() << "needs 2 ranks";
  FailOnLastRank stop;
  stop.stop = true;
  run::ReplicationOptions options;
  options.replications = 2;
  options.progress = &stop;
  const std::vector<model::CampaignConfig> points = desk_grid();
  const std::vector<std::uint64_t> seeds(points.size(), 1);
  EXPECT_THROW(mpi::run_sweep(points, seeds, options), model::Cancelled);
}

TEST(Session, KnowsItsRankAndSize) {
  // main() made the program's Session; another one neither starts nor ends MPI.
  const mpi::Session nested;
  EXPECT_EQ(nested.rank(), rank());
  EXPECT_EQ(nested.size(), ranks());
}

}  // namespace

int main(int argc, char** argv) {
  const vaxsim::mpi::Session session(argc, argv);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
