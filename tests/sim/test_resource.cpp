#include <gtest/gtest.h>

#include <vector>

#include "vaxsim/sim/container.hpp"
#include "vaxsim/sim/resource.hpp"
#include "vaxsim/sim/simulator.hpp"

using namespace std::chrono_literals;
using namespace vaxsim::sim;

namespace {

// People who each hold a desk for a fixed time; records who started when.
struct Clinic {
  Simulator sim;
  Resource desks{sim.clock(), 2};
  Duration service = 10min;
  std::vector<std::pair<std::uint64_t, std::int64_t>> starts;  // (person, minute)

  void arrive(std::uint64_t person) { desks.request(bind<&Clinic::start>(*this, person)); }
  void start(std::uint64_t person) {
    starts.emplace_back(
        person, std::chrono::floor<std::chrono::minutes>(sim.now().time_since_epoch()).count());
    sim.after<&Clinic::finish>(service, *this);
  }
  void finish() { desks.release(); }
};

// Two desks, five people at minute 0, ten minutes each: starts at 0, 0, 10, 10, 20 in arrival
// order; waits 0, 0, 10, 10, 20 min (mean 8 min = 480 s); queue length 3 for 10 min, 1 for 10 min
// (mean over the 30 min: 40/30); two desks busy for 20 min, one for 10 (mean 50/30).
TEST(Resource, ServesFirstComeFirstServedOnEveryDesk) {
  Clinic c;
  for (std::uint64_t p = 0; p < 5; ++p) c.sim.at<&Clinic::arrive>(kEpoch, c, p);
  c.sim.run();
  const std::vector<std::pair<std::uint64_t, std::int64_t>> expected{
      {0, 0}, {1, 0}, {2, 10}, {3, 10}, {4, 20}};
  EXPECT_EQ(c.starts, expected);
  EXPECT_EQ(c.desks.granted(), 5u);
  EXPECT_DOUBLE_EQ(c.desks.waits().mean(), 480.0);
  EXPECT_DOUBLE_EQ(c.desks.waits().max(), 1200.0);
  EXPECT_EQ(c.sim.now(), kEpoch + 30min);
  EXPECT_DOUBLE_EQ(c.desks.queue_length_stats().mean(c.sim.now()), 40.0 / 30.0);
  EXPECT_DOUBLE_EQ(c.desks.busy_stats().mean(c.sim.now()), 50.0 / 30.0);
  EXPECT_EQ(c.desks.busy(), 0);
  EXPECT_EQ(c.desks.queue_length(), 0u);
}

TEST(Resource, MoreDesksStartTheQueueAtOnceFewerDoNotPreempt) {
  Clinic c;
  c.desks.set_capacity(1);
  for (std::uint64_t p = 0; p < 4; ++p) c.sim.at<&Clinic::arrive>(kEpoch, c, p);
  c.sim.run_until(kEpoch + 1min);
  EXPECT_EQ(c.desks.busy(), 1);
  EXPECT_EQ(c.desks.queue_length(), 3u);
  c.desks.set_capacity(3);  // two more desks open: two waiting people start now
  EXPECT_EQ(c.desks.busy(), 3);
  EXPECT_EQ(c.desks.queue_length(), 1u);
  c.desks.set_capacity(0);  // everyone in service finishes; nobody new starts
  c.sim.run();
  EXPECT_EQ(c.desks.busy(), 0);
  EXPECT_EQ(c.desks.queue_length(), 1u);
  EXPECT_EQ(c.starts.size(), 3u);
}

TEST(Resource, TakeWaitingEmptiesTheQueueLongestWaitingFirst) {
  Clinic c;
  c.desks.set_capacity(1);
  for (std::uint64_t p = 0; p < 4; ++p)
    c.sim.at<&Clinic::arrive>(kEpoch + std::chrono::minutes{p}, c, p);
  c.sim.run_until(kEpoch + 5min);
  const auto waiting = c.desks.take_waiting();
  ASSERT_EQ(waiting.size(), 3u);
  EXPECT_EQ(waiting[0].on_granted.tag, 1u);
  EXPECT_EQ(waiting[2].on_granted.tag, 3u);
  EXPECT_EQ(waiting[0].since, kEpoch + 1min);
  EXPECT_EQ(c.desks.queue_length(), 0u);
  c.sim.run();
  EXPECT_EQ(c.starts.size(), 1u);
}

TEST(Resource, ResetStartsANewStatisticsWindow) {
  Clinic c;
  for (std::uint64_t p = 0; p < 3; ++p) c.sim.at<&Clinic::arrive>(kEpoch, c, p);
  c.sim.run();
  c.desks.reset_statistics();
  EXPECT_EQ(c.desks.granted(), 0u);
  EXPECT_EQ(c.desks.waits().count(), 0);
  c.sim.at<&Clinic::arrive>(c.sim.now() + 1h, c, 9);
  c.sim.run();
  EXPECT_EQ(c.desks.granted(), 1u);
  EXPECT_DOUBLE_EQ(c.desks.waits().mean(), 0.0);
}

TEST(Resource, RejectsMisuse) {
  Simulator sim;
  EXPECT_THROW(Resource(sim.clock(), -1), std::invalid_argument);
  Resource r{sim.clock(), 1};
  EXPECT_THROW(r.release(), std::logic_error);
  EXPECT_THROW(r.set_capacity(-2), std::invalid_argument);
}

TEST(Container, PutsAndGetsWholeAmountsWithinCapacity) {
  Simulator sim;
  Container stock{sim.clock(), 10, 100};
  EXPECT_EQ(stock.level(), 10);
  EXPECT_TRUE(stock.get(4));
  EXPECT_FALSE(stock.get(7)) << "all or nothing";
  EXPECT_EQ(stock.level(), 6);
  EXPECT_EQ(stock.put(120), 26) << "what does not fit comes back";
  EXPECT_EQ(stock.level(), 100);
  EXPECT_EQ(stock.space(), 0);
  EXPECT_TRUE(stock.get(0));
  // Conservation: level = initial + added - taken.
  EXPECT_EQ(stock.level(), 10 + stock.added() - stock.taken());
  EXPECT_THROW(stock.get(-1), std::invalid_argument);
  EXPECT_THROW(stock.put(-1), std::invalid_argument);
  EXPECT_THROW(Container(sim.clock(), 5, 4), std::invalid_argument);
  EXPECT_THROW(Container(sim.clock(), -1), std::invalid_argument);
}

struct Fridge {
  Simulator sim;
  Container doses{sim.clock(), 0};
  void deliver() { doses.put(300); }
  void use() { doses.get(100); }
};

// Level 0 for 1 h, 300 for 1 h, 200 for 2 h: time-average (0 + 300 + 400) / 4 = 175.
TEST(Container, AveragesTheLevelOverTime) {
  Fridge f;
  f.sim.at<&Fridge::deliver>(kEpoch + 1h, f);
  f.sim.at<&Fridge::use>(kEpoch + 2h, f);
  f.sim.run_until(kEpoch + 4h);
  EXPECT_DOUBLE_EQ(f.doses.level_stats().mean(f.sim.now()), 175.0);
  EXPECT_DOUBLE_EQ(f.doses.level_stats().max(), 300.0);
}

}  // namespace
