#include <gtest/gtest.h>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <vector>

#include "vaxsim/sim/event_queue.hpp"

using namespace std::chrono_literals;
using namespace vaxsim::sim;

namespace {

PendingEvent event(std::int64_t ms, std::int32_t priority, std::uint64_t seq) {
  return PendingEvent{Time{Duration{ms}}, priority, seq, Action{nullptr, nullptr, seq * 7}};
}

template <class Q>
class EventQueueTest : public ::testing::Test {};

using Queues = ::testing::Types<BinaryHeapQueue, QuaternaryHeapQueue>;
TYPED_TEST_SUITE(EventQueueTest, Queues);

TYPED_TEST(EventQueueTest, StartsEmpty) {
  TypeParam q;
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.size(), 0u);
}

TYPED_TEST(EventQueueTest, OrdersByTimeThenPriorityThenSequence) {
  TypeParam q;
  q.push(event(10, 0, 0));
  q.push(event(5, 1, 1));
  q.push(event(5, -1, 2));
  q.push(event(5, 1, 3));
  q.push(event(0, 127, 4));
  q.push(event(5, -128, 5));
  EXPECT_EQ(q.top_time(), Time{0ms});
  std::vector<std::uint64_t> order;
  while (!q.empty()) {
    const PendingEvent e = q.pop();
    EXPECT_EQ(e.action.tag, e.seq * 7) << "payload travels with its event";
    order.push_back(e.seq);
  }
  EXPECT_EQ(order, (std::vector<std::uint64_t>{4, 5, 2, 1, 3, 0}));
}

TYPED_TEST(EventQueueTest, RoundTripsEveryField) {
  TypeParam q;
  q.push(event(123456789, -7, 42));
  const PendingEvent e = q.pop();
  EXPECT_EQ(e.time, Time{Duration{123456789}});
  EXPECT_EQ(e.priority, -7);
  EXPECT_EQ(e.seq, 42u);
  EXPECT_EQ(e.action.tag, 42u * 7);
  EXPECT_TRUE(q.empty());
}

// An invariant over random input: popping always yields the (time, priority, seq) order, with
// pushes interleaved (as a simulation does) and slots reused.
TYPED_TEST(EventQueueTest, MatchesSortedOrderOnRandomInterleavings) {
  boost::random::mt19937_64 rng{2021};
  boost::random::uniform_int_distribution<std::int64_t> time(0, 50);
  boost::random::uniform_int_distribution<std::int32_t> prio(-2, 2);
  TypeParam q;
  std::uint64_t seq = 0;
  PendingEvent last{};
  bool have_last = false;
  std::int64_t clock = 0;
  for (int round = 0; round < 20000; ++round) {
    const int pushes = static_cast<int>(rng() % 3);
    for (int i = 0; i < pushes; ++i) {
      // Like a simulator: never before the last event popped in (time, priority) order.
      const std::int64_t t = clock + time(rng);
      const std::int32_t p = prio(rng);
      if (have_last && t == clock && p < last.priority) continue;
      q.push(event(t, p, seq++));
    }
    if (!q.empty() && rng() % 2 == 0) {
      const PendingEvent e = q.pop();
      if (have_last) {
        ASSERT_TRUE(runs_before(last, e)) << "round " << round;
      }
      last = e;
      have_last = true;
      clock = e.time.time_since_epoch().count();
    }
  }
  while (!q.empty()) {
    const PendingEvent e = q.pop();
    ASSERT_TRUE(!have_last || runs_before(last, e));
    last = e;
    have_last = true;
  }
}

TYPED_TEST(EventQueueTest, ClearEmptiesTheQueue) {
  TypeParam q;
  for (std::uint64_t i = 0; i < 100; ++i) q.push(event(static_cast<std::int64_t>(i), 0, i));
  q.clear();
  EXPECT_TRUE(q.empty());
  q.push(event(3, 0, 100));
  EXPECT_EQ(q.pop().seq, 100u);
}

}  // namespace
