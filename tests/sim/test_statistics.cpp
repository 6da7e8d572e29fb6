// Tests for Tally, TimeWeighted and Histogram.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

#include "vaxsim/sim/detail/sampling.hpp"
#include "vaxsim/sim/histogram.hpp"
#include "vaxsim/sim/random.hpp"
#include "vaxsim/sim/tally.hpp"
#include "vaxsim/sim/time.hpp"
#include "vaxsim/sim/time_weighted.hpp"

namespace vaxsim::sim {
namespace {

using namespace std::chrono_literals;

constexpr double kInf = std::numeric_limits<double>::infinity();

RandomEngine test_engine(std::string_view purpose) {
  return RandomStreams(20240611, 0).engine(purpose_id(purpose), 0);
}

void expect_relative(double actual, double expected, double tolerance) {
  EXPECT_LE(std::abs(actual - expected), tolerance * std::abs(expected))
      << "actual " << actual << " expected " << expected;
}

// ---------------------------------------------------------------------------------------------
// Tally

TEST(Tally, EmptyAndSingle) {
  Tally t;
  EXPECT_EQ(t.count(), 0);
  EXPECT_EQ(t.sum(), 0.0);
  EXPECT_TRUE(std::isnan(t.mean()));
  EXPECT_TRUE(std::isnan(t.variance()));
  EXPECT_TRUE(std::isnan(t.stddev()));
  EXPECT_TRUE(std::isnan(t.standard_error()));
  EXPECT_TRUE(std::isnan(t.min()));
  EXPECT_TRUE(std::isnan(t.max()));

  t.add(-3.5);
  EXPECT_EQ(t.count(), 1);
  EXPECT_EQ(t.mean(), -3.5);
  EXPECT_EQ(t.min(), -3.5);
  EXPECT_EQ(t.max(), -3.5);
  EXPECT_EQ(t.sum(), -3.5);
  EXPECT_TRUE(std::isnan(t.variance()));  // undefined for one observation
}

TEST(Tally, HandComputed) {
  // 2 4 4 4 5 5 7 9: sum 40, mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32,
  // sample variance 32/7, standard error sqrt(32/7)/sqrt(8) = sqrt(4/7).
  Tally t;
  for (double x : {2, 4, 4, 4, 5, 5, 7, 9}) t.add(x);
  EXPECT_EQ(t.count(), 8);
  EXPECT_DOUBLE_EQ(t.sum(), 40.0);
  EXPECT_DOUBLE_EQ(t.mean(), 5.0);
  EXPECT_DOUBLE_EQ(t.variance(), 32.0 / 7.0);
  EXPECT_DOUBLE_EQ(t.stddev(), std::sqrt(32.0 / 7.0));
  EXPECT_DOUBLE_EQ(t.standard_error(), std::sqrt(4.0 / 7.0));
  EXPECT_EQ(t.min(), 2.0);
  EXPECT_EQ(t.max(), 9.0);
}

TEST(Tally, StableWithLargeOffset) {
  // 1e9 + {4, 7, 13, 16}: variance 90/3 = 30. Sums of x and x^2 would lose it entirely
  // (x^2 ~ 1e18, whose ulp is 128).
  Tally t;
  for (double x : {4, 7, 13, 16}) t.add(1e9 + x);
  EXPECT_NEAR(t.mean(), 1e9 + 10, 1e-6);
  EXPECT_NEAR(t.variance(), 30.0, 1e-6);
}

TEST(Tally, MergeOfPartsEqualsOnePass) {
  RandomEngine engine = test_engine("tally");
  const auto d = Distribution::truncated_normal(1000, 3, 0, kInf);
  std::vector<double> x(10'001);
  for (double& v : x) v = d.sample(engine);

  Tally all;
  for (double v : x) all.add(v);
  // Unequal parts (3000 / 7001), and also many small parts merged one by one, as per-thread or
  // per-replication tallies would be.
  Tally first;
  Tally second;
  for (std::size_t i = 0; i < x.size(); ++i) (i < 3000 ? first : second).add(x[i]);
  Tally halves = first;
  halves.merge(second);
  Tally chunks;
  for (std::size_t start = 0; start < x.size(); start += 97) {
    Tally chunk;
    for (std::size_t i = start; i < std::min(x.size(), start + 97); ++i) chunk.add(x[i]);
    chunks.merge(chunk);
  }
  for (const Tally& merged : {halves, chunks}) {
    EXPECT_EQ(merged.count(), all.count());
    EXPECT_EQ(merged.min(), all.min());
    EXPECT_EQ(merged.max(), all.max());
    expect_relative(merged.mean(), all.mean(), 1e-12);
    expect_relative(merged.variance(), all.variance(), 1e-12);
    expect_relative(merged.sum(), all.sum(), 1e-12);
  }
}

TEST(Tally, MergeWithEmptyAndSelf) {
  Tally t;
  for (double x : {1, 2, 6}) t.add(x);
  Tally empty;

  Tally a = t;
  a.merge(empty);
  EXPECT_EQ(a.count(), 3);
  EXPECT_EQ(a.mean(), 3.0);
  EXPECT_EQ(a.variance(), 7.0);

  Tally b;
  b.merge(t);
  EXPECT_EQ(b.count(), 3);
  EXPECT_EQ(b.mean(), 3.0);
  EXPECT_EQ(b.variance(), 7.0);
  EXPECT_EQ(b.min(), 1.0);
  EXPECT_EQ(b.max(), 6.0);

  // Self-merge is every observation twice: {1, 1, 2, 2, 6, 6}, squared deviations 2 * 14.
  Tally c = t;
  c.merge(c);
  EXPECT_EQ(c.count(), 6);
  EXPECT_DOUBLE_EQ(c.mean(), 3.0);
  EXPECT_DOUBLE_EQ(c.variance(), 28.0 / 5.0);
  EXPECT_EQ(c.sum(), 18.0);
}

// ---------------------------------------------------------------------------------------------
// TimeWeighted

TEST(TimeWeighted, HandComputed) {
  // Queue length: 2 on [0, 10 s), 5 on [10 s, 30 s), 4 on [30 s, 60 s).
  // Integral 2*10 + 5*20 + 4*30 = 240 value-seconds; mean over 60 s = 4; max 5; min 2.
  const Time t0 = kEpoch + 8h;
  TimeWeighted q(t0, 2.0);
  EXPECT_EQ(q.value(), 2.0);
  EXPECT_EQ(q.mean(t0), 2.0);  // empty window: the current value
  q.set(t0 + 10s, 5.0);
  q.add(t0 + 30s, -1.0);
  EXPECT_EQ(q.value(), 4.0);
  EXPECT_DOUBLE_EQ(q.integral(t0 + 60s), 240.0);
  EXPECT_DOUBLE_EQ(q.mean(t0 + 60s), 4.0);
  EXPECT_DOUBLE_EQ(q.integral(t0 + 90s), 240.0 + 4 * 30);  // asking is not updating
  EXPECT_DOUBLE_EQ(q.integral(t0 + 60s), 240.0);
  EXPECT_EQ(q.max(), 5.0);
  EXPECT_EQ(q.min(), 2.0);
  EXPECT_EQ(q.window_start(), t0);

  // Several changes at the same instant: only the last value is held.
  q.set(t0 + 60s, 100.0);
  q.set(t0 + 60s, 1.0);
  EXPECT_DOUBLE_EQ(q.integral(t0 + 70s), 250.0);
  EXPECT_EQ(q.max(), 100.0);  // the extremes do see the instantaneous value

  // A new window (say the next day) keeps the value but forgets the past.
  q.reset(t0 + 70s);
  EXPECT_EQ(q.window_start(), t0 + 70s);
  EXPECT_EQ(q.value(), 1.0);
  EXPECT_EQ(q.max(), 1.0);
  EXPECT_EQ(q.min(), 1.0);
  q.set(t0 + 80s, 3.0);
  EXPECT_DOUBLE_EQ(q.integral(t0 + 100s), 1 * 10 + 3 * 20);
  EXPECT_DOUBLE_EQ(q.mean(t0 + 100s), 70.0 / 30.0);
  EXPECT_EQ(q.max(), 3.0);
}

TEST(TimeWeighted, SubSecondTicksAndFractionalValues) {
  TimeWeighted stock(kEpoch, 0.5);
  stock.set(kEpoch + 250ms, 1.5);
  EXPECT_DOUBLE_EQ(stock.integral(kEpoch + 1s), 0.5 * 0.25 + 1.5 * 0.75);
  EXPECT_DOUBLE_EQ(stock.mean(kEpoch + 1s), 1.25);
}

TEST(TimeWeighted, IntegerCountsAreExactOverLongHorizons) {
  // Two years of a queue alternating 0 / 7 every 3.7 s: integer value x integer ms sums exactly.
  TimeWeighted q(kEpoch, 0.0);
  const Duration step = 3700ms;
  const std::int64_t steps = (2 * 365 * kDay) / step;
  for (std::int64_t i = 1; i <= steps; ++i) q.set(kEpoch + i * step, (i % 2 == 1) ? 7.0 : 0.0);
  const Time end = kEpoch + steps * step;
  // Value 7 was held during every even-numbered interval [i step, (i+1) step) with i odd.
  const std::int64_t held = steps / 2;
  const std::int64_t exact_value_ms = 7 * held * 3700;
  EXPECT_EQ(q.integral(end), static_cast<double>(exact_value_ms) / 1000.0);  // bit-exact
}

TEST(TimeWeighted, TimeGoingBackwardsThrows) {
  TimeWeighted q(kEpoch + 10s, 1.0);
  EXPECT_THROW(q.set(kEpoch + 9s, 2.0), std::invalid_argument);
  q.set(kEpoch + 20s, 2.0);
  EXPECT_THROW(q.add(kEpoch + 19s, 1.0), std::invalid_argument);
  EXPECT_THROW(q.integral(kEpoch + 19s), std::invalid_argument);
  EXPECT_THROW(q.mean(kEpoch + 19s), std::invalid_argument);
  EXPECT_THROW(q.reset(kEpoch + 19s), std::invalid_argument);
  // Nothing was corrupted by the rejected calls.
  EXPECT_EQ(q.value(), 2.0);
  EXPECT_DOUBLE_EQ(q.integral(kEpoch + 30s), 1.0 * 10 + 2.0 * 10);
}

// ---------------------------------------------------------------------------------------------
// Histogram

TEST(Histogram, LayoutAndBinning) {
  Histogram h(10.0, 0.5, 4);  // [10, 12)
  EXPECT_EQ(h.lo(), 10.0);
  EXPECT_EQ(h.hi(), 12.0);
  EXPECT_EQ(h.bins(), 4u);
  EXPECT_EQ(h.bin_width(), 0.5);
  EXPECT_EQ(h.bin_lo(3), 11.5);

  h.add(10.0);                       // lower edge: first bin
  h.add(10.49);                      // first bin
  h.add(10.5);                       // second bin
  h.add(std::nextafter(12.0, 0.0));  // just below hi: last bin
  h.add(12.0);                       // hi itself: overflow
  h.add(kInf);                       // overflow
  h.add(std::nextafter(10.0, 0.0));  // just below lo: underflow
  h.add(-kInf);                      // underflow
  EXPECT_EQ(h.bin_count(0), 2);
  EXPECT_EQ(h.bin_count(1), 1);
  EXPECT_EQ(h.bin_count(2), 0);
  EXPECT_EQ(h.bin_count(3), 1);
  EXPECT_EQ(h.overflow(), 2);
  EXPECT_EQ(h.underflow(), 2);
  EXPECT_EQ(h.count(), 8);
  EXPECT_THROW(h.add(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
  EXPECT_EQ(h.count(), 8);
  EXPECT_THROW(h.bin_count(4), std::out_of_range);
}

// Each value lands in bin floor((x - lo) / w), whatever the width: a power of two (binned by a
// multiplication), or not. Values at and near every bin edge, and random ones, on four layouts.
TEST(Histogram, BinsAreTheDivisionRuleForAnyWidth) {
  RandomEngine engine = RandomStreams(5, 0).engine(purpose_id("histogram"), 0);
  for (const auto& [lo, width] : {std::pair{0.0, 1.0}, {-3.0, 0.25}, {0.0, 0.1}, {2.5, 3.0}}) {
    const std::size_t bins = 50;
    std::vector<double> xs;
    for (std::size_t i = 0; i <= bins; ++i) {
      const double edge = lo + width * static_cast<double>(i);
      xs.insert(xs.end(), {edge, std::nextafter(edge, -kInf), std::nextafter(edge, kInf)});
    }
    for (int i = 0; i < 10000; ++i) {
      xs.push_back(lo + detail::uniform_draw(engine) * width * static_cast<double>(bins));
    }
    Histogram h(lo, width, bins);
    std::vector<std::int64_t> want(bins, 0);
    std::int64_t outside = 0;
    for (const double x : xs) {
      h.add(x);
      if (x < lo || x >= h.hi()) {
        ++outside;
        continue;
      }
      want[std::min(bins - 1, static_cast<std::size_t>((x - lo) / width))] += 1;
    }
    for (std::size_t i = 0; i < bins; ++i) {
      EXPECT_EQ(h.bin_count(i), want[i]) << "width " << width << ", bin " << i;
    }
    EXPECT_EQ(h.underflow() + h.overflow(), outside);
  }
}

// A batch counts as adding its values one by one, up to a NaN, which throws after counting
// those before it.
TEST(Histogram, ABatchCountsAsOneByOne) {
  RandomEngine engine = RandomStreams(6, 0).engine(purpose_id("histogram"), 1);
  std::vector<double> xs{kInf, -kInf, -1.0, 10.0};
  for (int i = 0; i < 5000; ++i) xs.push_back(detail::uniform_draw(engine, -1.0, 11.0));
  Histogram one(0.0, 0.1, 100), batch(0.0, 0.1, 100);
  for (const double x : xs) one.add(x);
  batch.add(xs);
  for (std::size_t i = 0; i < 100; ++i) EXPECT_EQ(batch.bin_count(i), one.bin_count(i));
  EXPECT_EQ(batch.underflow(), one.underflow());
  EXPECT_EQ(batch.overflow(), one.overflow());
  EXPECT_EQ(batch.count(), one.count());

  Histogram cut(0.0, 1.0, 10);
  const std::vector<double> with_nan{1.5, -2.0, std::numeric_limits<double>::quiet_NaN(), 3.5};
  EXPECT_THROW(cut.add(with_nan), std::invalid_argument);
  EXPECT_EQ(cut.count(), 2);
  EXPECT_EQ(cut.bin_count(1), 1);
  EXPECT_EQ(cut.bin_count(3), 0);
  EXPECT_EQ(cut.underflow(), 1);
}

// Whole numbers divided by a denominator count as add() counts each quotient, on layouts binned
// by integer quotient (lo 0, power-of-two width, whole numerators per bin) and on those that
// are not: around every bin edge, at and past the ends, and at random.
TEST(Histogram, QuotientsCountAsTheirValues) {
  RandomEngine engine = RandomStreams(7, 0).engine(purpose_id("histogram"), 2);
  struct Layout {
    double lo, width;
    std::size_t bins;
    std::int64_t denominator;
  };
  for (const Layout& l :
       {Layout{0.0, 1.0, 1440, 60'000}, Layout{0.0, 0.5, 100, 60'000}, Layout{0.0, 2.0, 20, 7},
        Layout{0.0, 0.25, 64, 12},
        // 49 numerators a bin: k x 49 x fl(1/49) rounds below k.
        Layout{0.0, 1.0, 100, 49}, Layout{0.0, 0.5, 100, 98}, Layout{0.0, 1.0, 30, 3},
        Layout{0.0, 0.25, 50, 3}, Layout{-3.0, 0.25, 50, 1000}, Layout{0.0, 0.1, 50, 60'000}}) {
    const auto step =
        static_cast<std::int64_t>(std::ceil(l.width * static_cast<double>(l.denominator)));
    std::vector<std::int64_t> ns{-1, std::numeric_limits<std::int64_t>::min(),
                                 std::numeric_limits<std::int64_t>::max(), std::int64_t{1} << 53};
    for (std::int64_t k = 0; k <= static_cast<std::int64_t>(l.bins) + 1; ++k) {
      ns.insert(ns.end(), {k * step - 1, k * step, k * step + 1});
    }
    const auto span = static_cast<std::int64_t>(step * static_cast<std::int64_t>(l.bins));
    for (int i = 0; i < 20000; ++i) {
      ns.push_back(static_cast<std::int64_t>(detail::uniform_draw(engine) * 1.1 *
                                             static_cast<double>(span)));
    }
    Histogram quotients(l.lo, l.width, l.bins), values(l.lo, l.width, l.bins);
    quotients.add_quotients(ns, l.denominator);
    for (const std::int64_t n : ns)
      values.add(static_cast<double>(n) / static_cast<double>(l.denominator));
    for (std::size_t i = 0; i < l.bins; ++i) {
      ASSERT_EQ(quotients.bin_count(i), values.bin_count(i))
          << "width " << l.width << ", denominator " << l.denominator << ", bin " << i;
    }
    EXPECT_EQ(quotients.underflow(), values.underflow());
    EXPECT_EQ(quotients.overflow(), values.overflow());
    EXPECT_EQ(quotients.count(), values.count());
  }
  Histogram h(0.0, 1.0, 10);
  EXPECT_THROW(h.add_quotients(std::vector<std::int64_t>{1}, 0), std::invalid_argument);
}

TEST(Histogram, InvalidLayoutThrows) {
  EXPECT_THROW(Histogram(0, 0, 10), std::invalid_argument);
  EXPECT_THROW(Histogram(0, -1, 10), std::invalid_argument);
  EXPECT_THROW(Histogram(0, 1, 0), std::invalid_argument);
  EXPECT_THROW(Histogram(kInf, 1, 10), std::invalid_argument);
  EXPECT_THROW(Histogram(0, std::numeric_limits<double>::quiet_NaN(), 10), std::invalid_argument);
  EXPECT_THROW(Histogram(0, 1e308, 10), std::invalid_argument);  // hi overflows
}

TEST(Histogram, QuantilesHandComputed) {
  // Bins of width 1 on [0, 4): counts 1, 2, 0, 1 (values 0.5, 1.5, 1.5, 3.5).
  Histogram h(0.0, 1.0, 4);
  EXPECT_TRUE(std::isnan(h.quantile(0.5)));  // empty
  for (double x : {0.5, 1.5, 1.5, 3.5}) h.add(x);
  EXPECT_EQ(h.quantile(0.0), 0.0);    // lower edge of the first non-empty bin
  EXPECT_EQ(h.quantile(0.25), 1.0);   // rank 1: end of bin 0
  EXPECT_EQ(h.quantile(0.5), 1.5);    // rank 2: half-way through bin 1's two observations
  EXPECT_EQ(h.quantile(0.75), 2.0);   // rank 3: end of bin 1
  EXPECT_EQ(h.quantile(0.875), 3.5);  // rank 3.5: the empty bin 2 is skipped
  EXPECT_EQ(h.quantile(1.0), 4.0);
  EXPECT_THROW(h.quantile(-0.1), std::invalid_argument);
  EXPECT_THROW(h.quantile(1.1), std::invalid_argument);
  EXPECT_THROW(h.quantile(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
}

TEST(Histogram, QuantilesInUnderflowOrOverflowAreInfinite) {
  Histogram h(0.0, 1.0, 2);
  for (double x : {-1.0, 0.5, 1.5, 5.0}) h.add(x);
  EXPECT_EQ(h.quantile(0.0), -kInf);
  EXPECT_EQ(h.quantile(0.25), -kInf);  // rank 1: the underflow observation itself
  EXPECT_EQ(h.quantile(0.5), 1.0);
  EXPECT_EQ(h.quantile(0.75), 2.0);
  EXPECT_EQ(h.quantile(0.76), kInf);
  EXPECT_EQ(h.quantile(1.0), kInf);
}

TEST(Histogram, QuantilesOfUniformSampleWithinOneBin) {
  // 100,000 draws from U[0, 100) in 40 bins of 2.5 (plus a few outside the range). Every
  // quantile must be within one bin width of the sample quantile x_(k), k = max(1, ceil(q n)),
  // which is the documented guarantee, and therefore close to the true quantile 100 q as well.
  RandomEngine engine = test_engine("histogram");
  const auto d = Distribution::uniform(0.0, 100.0);
  Histogram h(0.0, 2.5, 40);
  std::vector<double> x;
  for (int i = 0; i < 100'000; ++i) {
    x.push_back(d.sample(engine));
    h.add(x.back());
  }
  std::sort(x.begin(), x.end());
  const double n = static_cast<double>(x.size());
  for (double q : {0.0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1.0}) {
    const auto k = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(q * n)));
    const double sample_quantile = x[k - 1];
    EXPECT_LE(std::abs(h.quantile(q) - sample_quantile), h.bin_width()) << "q = " << q;
    // Sampling error of the order statistic is ~ 100 sqrt(q (1-q) / n) <= 0.16, far below a bin.
    EXPECT_LE(std::abs(h.quantile(q) - 100 * q), h.bin_width() + 0.8) << "q = " << q;
  }
}

TEST(Histogram, MergeAndClear) {
  RandomEngine engine = test_engine("histogram/merge");
  const auto d = Distribution::exponential(10.0);
  Histogram all(1.0, 0.25, 100);
  Histogram a(1.0, 0.25, 100);
  Histogram b(1.0, 0.25, 100);
  for (int i = 0; i < 5000; ++i) {
    const double v = d.sample(engine);
    all.add(v);
    (i % 3 == 0 ? a : b).add(v);
  }
  ASSERT_GT(all.underflow(), 0);
  ASSERT_GT(all.overflow(), 0);
  a.merge(b);
  EXPECT_EQ(a.count(), all.count());
  EXPECT_EQ(a.underflow(), all.underflow());
  EXPECT_EQ(a.overflow(), all.overflow());
  for (std::size_t i = 0; i < all.bins(); ++i) EXPECT_EQ(a.bin_count(i), all.bin_count(i));
  for (double q : {0.1, 0.5, 0.9}) EXPECT_EQ(a.quantile(q), all.quantile(q));

  EXPECT_THROW(a.merge(Histogram(0.0, 0.25, 100)), std::invalid_argument);
  EXPECT_THROW(a.merge(Histogram(1.0, 0.5, 100)), std::invalid_argument);
  EXPECT_THROW(a.merge(Histogram(1.0, 0.25, 99)), std::invalid_argument);

  a.clear();
  EXPECT_EQ(a.count(), 0);
  EXPECT_EQ(a.underflow(), 0);
  EXPECT_EQ(a.overflow(), 0);
  EXPECT_EQ(a.bin_count(5), 0);
  EXPECT_EQ(a.bins(), 100u);
  EXPECT_TRUE(std::isnan(a.quantile(0.5)));
}

}  // namespace
}  // namespace vaxsim::sim
