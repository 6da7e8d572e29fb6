#include <gtest/gtest.h>

#include <cstdint>
#include <deque>
#include <random>
#include <vector>

#include "../../lib/model/due_queue.hpp"

using vaxsim::model::detail::DueQueue;
using vaxsim::model::detail::DueRun;

namespace {

// Who `take` hands out, one person at a time.
std::vector<std::uint32_t> take_people(DueQueue& q, std::int64_t n) {
  std::vector<std::uint32_t> out;
  q.take(n, [&](const DueRun& piece) {
    for (std::uint32_t k = 0; k < piece.count; ++k) out.push_back(piece.first + k);
  });
  return out;
}

TEST(DueQueue, RunsThatGoOnMergeAndTakeCutsAcrossThem) {
  DueQueue q;
  q.push_back({10, 3, 5, 0});  // 10, 11, 12
  q.push_back({13, 2, 5, 0});  // goes on: one run 10..14
  q.push_back({15, 1, 6, 0});  // another first day: its own run
  q.push_back({16, 0, 6, 0});  // nobody: nothing
  EXPECT_EQ(q.size(), 6);
  ASSERT_EQ(q.runs().size(), 2u);
  EXPECT_EQ(q.runs().front().count, 5u);

  std::vector<DueRun> pieces;
  q.take(4, [&](const DueRun& piece) { pieces.push_back(piece); });
  ASSERT_EQ(pieces.size(), 1u);
  EXPECT_EQ(pieces[0].first, 10u);
  EXPECT_EQ(pieces[0].count, 4u);
  EXPECT_EQ(pieces[0].first_day, 5);
  EXPECT_EQ(q.size(), 2);

  // 14 goes back to the front where it left: the run closes up again.
  q.push_front({13, 1, 5, 0});
  EXPECT_EQ(q.runs().size(), 2u);
  EXPECT_EQ(take_people(q, 10), (std::vector<std::uint32_t>{13, 14, 15}));
  EXPECT_TRUE(q.empty());
}

// Against a queue of single people, over random pushes at both ends and takes.
TEST(DueQueue, HandsOutThePeopleOfAPlainQueueInTheSameOrder) {
  std::mt19937 rng{7};
  DueQueue q;
  std::deque<std::uint32_t> plain;
  std::uint32_t next_id = 0;
  for (int step = 0; step < 20000; ++step) {
    const int what = static_cast<int>(rng() % 3);
    if (what == 0) {
      const auto count = static_cast<std::uint32_t>(rng() % 5);
      const auto day = static_cast<std::int16_t>(rng() % 2);
      q.push_back({next_id, count, day, static_cast<std::uint8_t>(day)});
      for (std::uint32_t k = 0; k < count; ++k) plain.push_back(next_id + k);
      next_id += count + static_cast<std::uint32_t>(rng() % 2);  // sometimes a gap
    } else if (what == 1) {
      const std::uint32_t id = next_id++;
      q.push_front({id, 1, 0, 0});
      plain.push_front(id);
    } else {
      const auto n = static_cast<std::int64_t>(rng() % 7);
      const std::vector<std::uint32_t> got = take_people(q, n);
      std::vector<std::uint32_t> want;
      for (std::int64_t k = 0; k < n && !plain.empty(); ++k) {
        want.push_back(plain.front());
        plain.pop_front();
      }
      ASSERT_EQ(got, want) << "step " << step;
    }
    ASSERT_EQ(q.size(), static_cast<std::int64_t>(plain.size()));
  }
}

}  // namespace
