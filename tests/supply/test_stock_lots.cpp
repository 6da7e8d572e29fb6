// StockLots: doses as lots that expire together, used earliest expiry first. Hand cases for each
// operation, and share_out's exactness and fairness over random stocks.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <cmath>
#include <cstdint>
#include <map>
#include <ostream>
#include <stdexcept>
#include <vector>

#include "vaxsim/supply/stock_lots.hpp"

using namespace vaxsim;
using supply::kNeverExpires;
using supply::Lot;
using supply::StockLots;
using ::testing::ElementsAre;

namespace vaxsim::supply {
// Readable failures: "{doses}@{expires}".
void PrintTo(const Lot& lot, std::ostream* out) {
  *out << lot.doses << "@";
  if (lot.expires == kNeverExpires) {
    *out << "never";
  } else {
    *out << lot.expires;
  }
}
}  // namespace vaxsim::supply

namespace {

StockLots lots_of(std::initializer_list<Lot> lots) {
  StockLots s;
  for (const Lot& lot : lots) s.add(lot.doses, lot.expires);
  return s;
}

}  // namespace

TEST(StockLots, AddKeepsLotsInExpiryOrderAndMergesTheSameDay) {
  StockLots s;
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(s.earliest_expiry(), kNeverExpires);
  s.add(100);  // no shelf life
  s.add(30, 9);
  s.add(20, 4);
  s.add(5, 9);
  s.add(0, 1);  // nothing: no empty lot
  EXPECT_EQ(s.total(), 155);
  EXPECT_THAT(s.lots(), ElementsAre(Lot{20, 4}, Lot{35, 9}, Lot{100, kNeverExpires}));
  EXPECT_EQ(s.earliest_expiry(), 4);
  StockLots other = lots_of({{7, 4}, {1, 2}});
  s.add(other);
  EXPECT_THAT(s.lots(), ElementsAre(Lot{1, 2}, Lot{27, 4}, Lot{35, 9}, Lot{100, kNeverExpires}));
  EXPECT_EQ(s.total(), 163);
}

TEST(StockLots, TakeTakesTheEarliestLotsFirst) {
  StockLots s = lots_of({{100, kNeverExpires}, {20, 4}, {30, 9}});
  // 20 of day 4, then 25 of day 9's 30.
  const StockLots taken = s.take(45);
  EXPECT_THAT(taken.lots(), ElementsAre(Lot{20, 4}, Lot{25, 9}));
  EXPECT_EQ(taken.total(), 45);
  EXPECT_THAT(s.lots(), ElementsAre(Lot{5, 9}, Lot{100, kNeverExpires}));
  EXPECT_EQ(s.total(), 105);
  EXPECT_TRUE(s.take(0).empty());
  EXPECT_EQ(s.take(105).total(), 105);
  EXPECT_TRUE(s.empty());
  EXPECT_TRUE(s.lots().empty());
}

TEST(StockLots, UseRemovesTheSameDosesAsTake) {
  StockLots a = lots_of({{20, 4}, {30, 9}, {100, kNeverExpires}});
  StockLots b = a;
  for (const std::int64_t n : {0, 7, 13, 10, 19}) {
    a.use(n);
    b.take(n);
    EXPECT_EQ(a.lots(), b.lots()) << "after using " << n;
    EXPECT_EQ(a.total(), b.total());
  }
  EXPECT_THAT(a.lots(), ElementsAre(Lot{1, 9}, Lot{100, kNeverExpires}));
}

TEST(StockLots, ExpireRemovesWhatIsLeftOnTheMorningOfTheExpiryDay) {
  StockLots s = lots_of({{20, 4}, {30, 9}, {100, kNeverExpires}});
  EXPECT_EQ(s.expire(3), 0) << "usable up to the day before";
  s.use(5);
  EXPECT_EQ(s.expire(4), 15);
  EXPECT_THAT(s.lots(), ElementsAre(Lot{30, 9}, Lot{100, kNeverExpires}));
  EXPECT_EQ(s.expire(4), 0) << "already gone";
  EXPECT_EQ(s.expire(50), 30) << "a late morning removes every lot due by then";
  EXPECT_EQ(s.total(), 100);
  EXPECT_EQ(s.expire(kNeverExpires - 1), 0) << "doses without a shelf life never expire";
}

TEST(StockLots, RefusesNegativeDosesAndMoreThanItHolds) {
  StockLots s = lots_of({{10, 3}});
  EXPECT_THROW(s.add(-1, 3), std::invalid_argument);
  EXPECT_THROW(s.take(-1), std::invalid_argument);
  EXPECT_THROW(s.take(11), std::invalid_argument);
  EXPECT_THROW(s.use(11), std::invalid_argument);
  const std::vector<std::int64_t> too_many{6, 5};
  EXPECT_THROW(s.share_out(too_many), std::invalid_argument);
  const std::vector<std::int64_t> negative{12, -2};
  EXPECT_THROW(s.share_out(negative), std::invalid_argument);
  EXPECT_EQ(s.total(), 10) << "a refused call changes nothing";
  EXPECT_THAT(s.lots(), ElementsAre(Lot{10, 3}));
}

TEST(StockLots, ShareOutGivesEveryTakerItsShareOfEachLot) {
  // 40 of {10 expiring day 3, 30 day 9, 50 never}: the 50 stay. Day 3's 10 by what the takers
  // lack, 30:10 -> 7.5 and 2.5 -> 7 and 2, the tied remainder to the lower index -> 8 and 2; then
  // day 9's 30 by 22:8 -> 22 and 8.
  StockLots s = lots_of({{50, kNeverExpires}, {10, 3}, {30, 9}});
  const std::vector<std::int64_t> parts{30, 0, 10};
  const auto pieces = s.share_out(parts);
  ASSERT_EQ(pieces.size(), 4u);
  EXPECT_EQ(pieces[0].taker, 0u);
  EXPECT_EQ(pieces[0].lot, (Lot{8, 3}));
  EXPECT_EQ(pieces[1].taker, 2u);
  EXPECT_EQ(pieces[1].lot, (Lot{2, 3}));
  EXPECT_EQ(pieces[2].taker, 0u);
  EXPECT_EQ(pieces[2].lot, (Lot{22, 9}));
  EXPECT_EQ(pieces[3].taker, 2u);
  EXPECT_EQ(pieces[3].lot, (Lot{8, 9}));
  EXPECT_THAT(s.lots(), ElementsAre(Lot{50, kNeverExpires}));
}

TEST(StockLots, ShareOutOfOneLotIsOnePiecePerTaker) {
  StockLots s = lots_of({{1000, kNeverExpires}});
  const std::vector<std::int64_t> parts{300, 0, 450};
  const auto pieces = s.share_out(parts);
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_EQ(pieces[0].taker, 0u);
  EXPECT_EQ(pieces[0].lot.doses, 300);
  EXPECT_EQ(pieces[1].taker, 2u);
  EXPECT_EQ(pieces[1].lot.doses, 450);
  EXPECT_EQ(s.total(), 250);
}

// Over random stocks and parts: each taker gets exactly its part, what is taken is the earliest
// doses, and each taker's piece of a lot is within one dose of its proportional share.
TEST(StockLots, ShareOutIsExactAndFairOverRandomStocks) {
  boost::random::mt19937_64 rng{7};
  boost::random::uniform_int_distribution<int> n_lots{1, 6}, n_takers{1, 8}, day{0, 60};
  boost::random::uniform_int_distribution<std::int64_t> doses{0, 5'000'000};
  for (int trial = 0; trial < 3'000; ++trial) {
    StockLots s;
    for (int l = n_lots(rng); l > 0; --l) s.add(doses(rng) + 1, day(rng));
    const StockLots before = s;
    std::vector<std::int64_t> parts(static_cast<std::size_t>(n_takers(rng)));
    std::int64_t asked = 0;
    for (std::int64_t& p : parts) {
      p = std::min<std::int64_t>(doses(rng) / static_cast<std::int64_t>(parts.size()),
                                 s.total() - asked);
      if (trial % 5 == 0) p = 0;  // takers that want nothing
      asked += p;
    }
    StockLots reference = before;
    const StockLots earliest = reference.take(asked);
    const auto pieces = s.share_out(parts);

    EXPECT_EQ(s.lots(), reference.lots()) << "trial " << trial << ": the latest doses stay";
    std::vector<std::int64_t> got(parts.size(), 0);
    std::map<int, std::int64_t> by_lot;
    for (const auto& piece : pieces) {
      ASSERT_LT(piece.taker, parts.size());
      ASSERT_GT(piece.lot.doses, 0);
      got[piece.taker] += piece.lot.doses;
      by_lot[piece.lot.expires] += piece.lot.doses;
    }
    EXPECT_EQ(got, parts) << "trial " << trial;
    std::map<int, std::int64_t> taken;
    for (const Lot& lot : earliest.lots()) taken[lot.expires] = lot.doses;
    EXPECT_EQ(by_lot, taken) << "trial " << trial;

    // Fairness: replay the lots in order with what each taker still lacks.
    std::vector<std::int64_t> lacking = parts;
    std::int64_t lacking_total = asked;
    for (const Lot& lot : earliest.lots()) {
      for (std::size_t i = 0; i < parts.size(); ++i) {
        std::int64_t piece = 0;
        for (const auto& p : pieces) {
          if (p.taker == i && p.lot.expires == lot.expires) piece = p.lot.doses;
        }
        const double fair = static_cast<double>(lot.doses) * static_cast<double>(lacking[i]) /
                            static_cast<double>(lacking_total);
        EXPECT_LT(std::abs(static_cast<double>(piece) - fair), 1.0 + 1e-6)
            << "trial " << trial << " taker " << i;
        lacking[i] -= piece;
      }
      lacking_total -= lot.doses;
    }
  }
}
