// Replications in parallel: the same results for any number of threads, each replication the
// same as the run alone, errors and stopping handled like a one-thread run.

#include <gtest/gtest.h>

#include <atomic>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "support/towns.hpp"
#include "vaxsim/model/campaign.hpp"
#include "vaxsim/run/ensemble.hpp"
#include "vaxsim/run/parallel.hpp"
#include "vaxsim/run/replications.hpp"

using namespace vaxsim;
using model::Measure;

namespace {

bool bit_identical(const sim::Matrix& a, const sim::Matrix& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         std::memcmp(a.data(), b.data(), sizeof(double) * static_cast<std::size_t>(a.size())) == 0;
}

void expect_same_tables(const model::CampaignResult& a, const model::CampaignResult& b) {
  for (int m = 0; m < model::kMeasureCount; ++m) {
    const auto measure = static_cast<Measure>(m);
    EXPECT_TRUE(bit_identical(a.table.column(measure), b.table.column(measure)))
        << model::to_string(measure);
  }
  for (int d = 0; d < a.table.days(); ++d) {
    for (int c = 0; c < a.table.cities(); ++c) {
      ASSERT_EQ(a.table.bottleneck(d, c), b.table.bottleneck(d, c));
    }
  }
  EXPECT_EQ(a.events, b.events);
}

void expect_same_spread(const run::Spread& a, const run::Spread& b) {
  EXPECT_TRUE(bit_identical(a.mean, b.mean));
  EXPECT_TRUE(bit_identical(a.q05, b.q05));
  EXPECT_TRUE(bit_identical(a.q50, b.q50));
  EXPECT_TRUE(bit_identical(a.q95, b.q95));
}

TEST(ParallelFor, RunsEveryIndexOnceOnAnyNumberOfThreads) {
  for (const int threads : {1, 2, 3, 8}) {
    std::vector<std::atomic<int>> seen(37);
    run::parallel_for(seen.size(), threads, [&](std::size_t i) { ++seen[i]; });
    for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i].load(), 1) << i;
  }
  run::parallel_for(0, 4, [](std::size_t) { FAIL() << "no task expected"; });
}

TEST(ParallelFor, RethrowsTheLowestFailingIndexLikeOneThread) {
  for (const int threads : {1, 2, 4}) {
    try {
      run::parallel_for(100, threads, [](std::size_t i) {
        if (i == 7 || i == 8 || i == 40) throw std::runtime_error(std::to_string(i));
      });
      FAIL() << "expected an exception";
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "7") << threads << " threads";
    }
  }
}

TEST(Replications, BitIdenticalForOneTwoAndThreeThreads) {
  const model::CampaignConfig c = test::two_towns();
  run::ReplicationOptions o{.seed = 42, .first_replication = 3, .replications = 5, .threads = 1};
  const std::vector<model::CampaignResult> one = run::run_replications(c, o);
  o.threads = 2;
  const std::vector<model::CampaignResult> two = run::run_replications(c, o);
  o.threads = 3;
  const std::vector<model::CampaignResult> three = run::run_replications(c, o);
  ASSERT_EQ(one.size(), 5u);
  ASSERT_EQ(two.size(), 5u);
  ASSERT_EQ(three.size(), 5u);
  for (std::size_t r = 0; r < one.size(); ++r) {
    SCOPED_TRACE("replication " + std::to_string(r));
    expect_same_tables(one[r], two[r]);
    expect_same_tables(one[r], three[r]);
  }
  // And so every statistic over them.
  const run::Ensemble a(one);
  const run::Ensemble b(two);
  for (int m = 0; m < model::kMeasureCount; ++m) {
    const auto measure = static_cast<Measure>(m);
    SCOPED_TRACE(std::string(model::to_string(measure)));
    expect_same_spread(a.city(measure), b.city(measure));
  }
  expect_same_spread(a.province_doses(), b.province_doses());
  expect_same_spread(a.city_doses(), b.city_doses());
}

TEST(Replications, EachIsTheRunAloneWithItsReplicationNumber) {
  const model::CampaignConfig c = test::two_towns();
  const std::vector<model::CampaignResult> results = run::run_replications(
      c, {.seed = 9, .first_replication = 10, .replications = 3, .threads = 2});
  for (int r = 0; r < 3; ++r) {
    const model::CampaignResult alone =
        model::run_campaign(c, {.seed = 9, .replication = static_cast<std::uint64_t>(10 + r)});
    SCOPED_TRACE("replication " + std::to_string(10 + r));
    expect_same_tables(results[static_cast<std::size_t>(r)], alone);
  }
  // Replications are different runs.
  EXPECT_FALSE(bit_identical(results[0].table.column(Measure::mean_wait),
                             results[1].table.column(Measure::mean_wait)));
}

TEST(Replications, ThreadsAreSplitBetweenRunsAndCities) {
  EXPECT_EQ(run::split_threads(2, 100).workers, 2);
  EXPECT_EQ(run::split_threads(2, 100).per_replication, 1);
  EXPECT_EQ(run::split_threads(4, 1).workers, 1);
  EXPECT_EQ(run::split_threads(4, 1).per_replication, 4);
  EXPECT_EQ(run::split_threads(5, 2).workers, 2);
  EXPECT_EQ(run::split_threads(5, 2).per_replication, 2);
  EXPECT_EQ(run::split_threads(0, 0).workers, 1);
}

struct CountingProgress : model::ProgressObserver {
  std::mutex mutex;
  int calls = 0;
  int last_done = 0;
  int total = 0;
  int stop_after = -1;  // stop once this many days are done; -1: never
  bool increasing = true;
  bool on_day(int done, int days) override {
    const std::lock_guard lock(mutex);  // the run layer serialises calls; checked by TSan-free use
    ++calls;
    increasing = increasing && done == last_done + 1;
    last_done = done;
    total = days;
    return stop_after < 0 || done < stop_after;
  }
};

TEST(Replications, ProgressCountsEveryReplicationDay) {
  const model::CampaignConfig c = test::two_towns();  // 28 days
  CountingProgress progress;
  run::run_replications(c, {.seed = 1, .replications = 3, .threads = 2, .progress = &progress});
  EXPECT_EQ(progress.calls, 3 * 28);
  EXPECT_EQ(progress.last_done, 3 * 28);
  EXPECT_EQ(progress.total, 3 * 28);
  EXPECT_TRUE(progress.increasing);
}

TEST(Replications, ProgressCanStopEveryRun) {
  const model::CampaignConfig c = test::two_towns();
  CountingProgress progress;
  progress.stop_after = 10;
  EXPECT_THROW(
      run::run_replications(c, {.seed = 1, .replications = 4, .threads = 2, .progress = &progress}),
      model::Cancelled);
  EXPECT_EQ(progress.calls, 10);  // after the stop, nobody is told again
}

TEST(Replications, RejectsBadInput) {
  model::CampaignConfig c = test::two_towns();
  EXPECT_THROW(run::run_replications(c, {.replications = 0}), std::invalid_argument);
  c.groups[0].share = 2.0;  // does not validate
  EXPECT_THROW(run::run_replications(c, {.replications = 3, .threads = 2}), std::invalid_argument);
}

}  // namespace
