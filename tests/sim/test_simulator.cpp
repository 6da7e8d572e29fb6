#include <gtest/gtest.h>

#include <stdexcept>
#include <utility>
#include <vector>

#include "vaxsim/sim/simulator.hpp"

using namespace std::chrono_literals;
using namespace vaxsim::sim;

namespace {

// Records what ran, and when.
struct Log {
  Simulator* sim = nullptr;
  std::vector<std::pair<std::int64_t, std::uint64_t>> seen;  // (ms, tag)
  void note(std::uint64_t tag) { seen.emplace_back(sim->now().time_since_epoch().count(), tag); }
  void note_zero() { note(0); }
};

Time at_ms(std::int64_t ms) { return Time{Duration{ms}}; }

TEST(Simulator, EmptyRunDoesNothing) {
  Simulator sim;
  sim.run();
  EXPECT_EQ(sim.now(), kEpoch);
  EXPECT_FALSE(sim.step());
  EXPECT_EQ(sim.pending(), 0u);
  EXPECT_EQ(sim.events_processed(), 0u);
}

TEST(Simulator, RunsEventsInTimeThenPriorityThenSchedulingOrder) {
  Simulator sim;
  Log log{&sim, {}};
  sim.at<&Log::note>(at_ms(20), log, 1);
  sim.at<&Log::note>(at_ms(10), log, 2, /*priority=*/5);
  sim.at<&Log::note>(at_ms(10), log, 3, /*priority=*/-5);
  sim.at<&Log::note>(at_ms(10), log, 4, /*priority=*/5);
  sim.at<&Log::note_zero>(at_ms(15), log);
  sim.run();
  const std::vector<std::pair<std::int64_t, std::uint64_t>> expected{
      {10, 3}, {10, 2}, {10, 4}, {15, 0}, {20, 1}};
  EXPECT_EQ(log.seen, expected);
  EXPECT_EQ(sim.now(), at_ms(20));
  EXPECT_EQ(sim.events_processed(), 5u);
}

struct Chain {
  Simulator* sim;
  int left;
  std::vector<std::int64_t> times;
  void tick() {
    times.push_back(sim->now().time_since_epoch().count());
    if (--left > 0) sim->after<&Chain::tick>(250ms, *this);
  }
};

TEST(Simulator, HandlersScheduleFurtherEvents) {
  Simulator sim;
  Chain chain{&sim, 4, {}};
  sim.after<&Chain::tick>(1s, chain);
  sim.run();
  EXPECT_EQ(chain.times, (std::vector<std::int64_t>{1000, 1250, 1500, 1750}));
}

TEST(Simulator, RunUntilStopsBeforeTheLimitAndAdvancesTheClock) {
  Simulator sim;
  Log log{&sim, {}};
  sim.at<&Log::note>(at_ms(100), log, 1);
  sim.at<&Log::note>(at_ms(200), log, 2);
  sim.at<&Log::note>(at_ms(300), log, 3);
  sim.run_until(at_ms(200));
  ASSERT_EQ(log.seen.size(), 1u);  // the event at exactly 200 stays pending
  EXPECT_EQ(sim.now(), at_ms(200));
  EXPECT_EQ(sim.pending(), 2u);
  sim.run_until(at_ms(1000));
  EXPECT_EQ(log.seen.size(), 3u);
  EXPECT_EQ(sim.now(), at_ms(1000));
  EXPECT_THROW(sim.run_until(at_ms(999)), std::invalid_argument);
}

struct Stopper {
  Simulator* sim;
  int runs = 0;
  void fire() {
    ++runs;
    sim->stop();
  }
};

TEST(Simulator, StopEndsTheRunAfterTheCurrentEvent) {
  Simulator sim;
  Stopper s{&sim};
  sim.at<&Stopper::fire>(at_ms(1), s);
  sim.at<&Stopper::fire>(at_ms(2), s);
  sim.run();
  EXPECT_EQ(s.runs, 1);
  EXPECT_EQ(sim.now(), at_ms(1));
  sim.run_until(at_ms(10));  // stops inside, at 2; the clock stays at the stopping event
  EXPECT_EQ(s.runs, 2);
  EXPECT_EQ(sim.now(), at_ms(2));
}

TEST(Simulator, CancelledEventsDoNotRun) {
  Simulator sim;
  Log log{&sim, {}};
  const EventId a = sim.at<&Log::note>(at_ms(10), log, 1);
  const EventId b = sim.at<&Log::note>(at_ms(20), log, 2);
  sim.at<&Log::note>(at_ms(30), log, 3);
  EXPECT_EQ(sim.pending(), 3u);
  EXPECT_TRUE(sim.cancel(b));
  EXPECT_FALSE(sim.cancel(b)) << "cancelling twice";
  EXPECT_EQ(sim.pending(), 2u);
  sim.run();
  ASSERT_EQ(log.seen.size(), 2u);
  EXPECT_EQ(log.seen[0].second, 1u);
  EXPECT_EQ(log.seen[1].second, 3u);
  EXPECT_FALSE(sim.cancel(a)) << "an event that already ran";
  EXPECT_FALSE(sim.cancel(EventId{at_ms(99), 0, 12345})) << "an id never issued";
  EXPECT_EQ(sim.pending(), 0u);
}

TEST(Simulator, RunUntilSkipsACancelledEventWithoutRunningLaterOnes) {
  Simulator sim;
  Log log{&sim, {}};
  const EventId a = sim.at<&Log::note>(at_ms(10), log, 1);
  sim.at<&Log::note>(at_ms(50), log, 2);
  sim.cancel(a);
  sim.run_until(at_ms(20));
  EXPECT_TRUE(log.seen.empty());
  EXPECT_EQ(sim.now(), at_ms(20));
}

struct SelfCanceller {
  Simulator* sim;
  EventId self{};
  EventId later{};
  bool cancelled_self = true;
  bool cancelled_later = false;
  int ran_later = 0;
  void fire() {
    cancelled_self = sim->cancel(self);
    cancelled_later = sim->cancel(later);
  }
  void other() { ++ran_later; }
};

TEST(Simulator, AnEventCanCancelOthersButNotItself) {
  Simulator sim;
  SelfCanceller s{&sim};
  s.self = sim.at<&SelfCanceller::fire>(at_ms(5), s);
  s.later = sim.at<&SelfCanceller::other>(at_ms(5), s);  // same time, scheduled after
  sim.run();
  EXPECT_FALSE(s.cancelled_self);
  EXPECT_TRUE(s.cancelled_later);
  EXPECT_EQ(s.ran_later, 0);
}

struct Urgent {
  Simulator* sim;
  bool threw = false;
  void fire() {
    try {
      sim->at<&Urgent::nothing>(sim->now(), *this, 0, /*priority=*/-1);
    } catch (const std::invalid_argument&) {
      threw = true;
    }
    sim->at<&Urgent::nothing>(sim->now(), *this, 0, /*priority=*/0);  // same priority: fine
  }
  void nothing() {}
};

TEST(Simulator, RejectsSchedulingIntoThePast) {
  Simulator sim;
  Log log{&sim, {}};
  sim.at<&Log::note>(at_ms(100), log, 1);
  sim.run();
  EXPECT_THROW(sim.at<&Log::note>(at_ms(99), log), std::invalid_argument);
  EXPECT_THROW(sim.after<&Log::note>(-1ms, log), std::invalid_argument);
  EXPECT_THROW(sim.schedule_at(at_ms(200), Action{}), std::invalid_argument);
  EXPECT_THROW(sim.at<&Log::note>(at_ms(200), log, 0, 128), std::invalid_argument);
  EXPECT_THROW(sim.at<&Log::note>(at_ms(200), log, 0, -129), std::invalid_argument);

  Simulator sim2;
  Urgent u{&sim2};
  sim2.at<&Urgent::fire>(at_ms(1), u);
  sim2.run();
  EXPECT_TRUE(u.threw);
}

TEST(Simulator, GuardsAgainstTimeOverflow) {
  Simulator sim;
  Log log{&sim, {}};
  EXPECT_NO_THROW(sim.at<&Log::note>(kMaxTime, log));
  EXPECT_THROW(sim.at<&Log::note>(kMaxTime + 1ms, log), std::overflow_error);
  EXPECT_THROW(sim.after<&Log::note>(Duration::max(), log), std::overflow_error);
  sim.run();
  EXPECT_EQ(sim.now(), kMaxTime);
  EXPECT_THROW(sim.after<&Log::note>(1ms, log), std::overflow_error);
}

struct Thrower {
  void fire() { throw std::runtime_error("model failure"); }
};

TEST(Simulator, ExceptionsFromHandlersPropagateAndLeaveTheRestPending) {
  Simulator sim;
  Thrower t;
  Log log{&sim, {}};
  sim.at<&Thrower::fire>(at_ms(1), t);
  sim.at<&Log::note>(at_ms(2), log, 7);
  EXPECT_THROW(sim.run(), std::runtime_error);
  EXPECT_EQ(sim.pending(), 1u);
  sim.run();
  ASSERT_EQ(log.seen.size(), 1u);
  EXPECT_EQ(log.seen[0].second, 7u);
}

TEST(Simulator, FingerprintFollowsTheEventTrace) {
  const auto trace = [](std::int64_t shift) {
    Simulator sim;
    Log log{&sim, {}};
    for (std::int64_t i = 0; i < 50; ++i)
      sim.at<&Log::note>(at_ms(i * 3 + (i == 7 ? shift : 0)), log);
    sim.run();
    return sim.fingerprint();
  };
  EXPECT_EQ(trace(0), trace(0));
  EXPECT_NE(trace(0), trace(1));
}

TEST(Simulator, WorksWithTheBinaryHeapQueueToo) {
  BasicSimulator<BinaryHeapQueue> sim;
  struct Counter {
    int n = 0;
    void inc() { ++n; }
  } c;
  for (int i = 0; i < 10; ++i) sim.at<&Counter::inc>(Time{Duration{10 - i}}, c);
  sim.run();
  EXPECT_EQ(c.n, 10);
  EXPECT_EQ(sim.now(), Time{Duration{10}});
}

}  // namespace
