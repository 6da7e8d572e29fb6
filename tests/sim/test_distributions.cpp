// Tests for Distribution and the discrete helpers.
//
// Moment checks. For N independent draws with variance s2 and fourth central moment m4:
//   * the sample mean has standard error sqrt(s2 / N);
//   * the sample variance (n - 1 divisor) is unbiased with
//       Var = m4 / N - s2^2 (N - 3) / (N (N - 1))       (e.g. Cramer 1946, 27.4),
//     so its standard error is about sqrt((m4 - s2^2) / N).
// We require both within 5 standard errors of theory. For a correct sampler a deviation that
// large has probability ~ 6e-7 (normal approximation, N >= 1e5), while the mistakes these tests
// are after (rate for mean, sd for variance, wrong lognormal conversion, wrong truncation) shift
// the moments by tens or thousands of standard errors. Seeds are fixed, so the tests are
// deterministic; the bound is what makes them meaningful for any seed.
// Theory values are computed independently of the implementation: textbook formulas, or direct
// numerical integration of the density where the formulas are the thing under test.

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <ostream>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "vaxsim/sim/detail/sampling.hpp"
#include "vaxsim/sim/random.hpp"

namespace vaxsim::sim {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kDraws = 200'000;

RandomEngine test_engine(std::string_view purpose, std::uint64_t entity = 0) {
  return RandomStreams(20240611, 0).engine(purpose_id(purpose), entity);
}

struct Moments {
  double mean;
  double variance;
  double mu4;  // fourth central moment
};

struct SampleStats {
  double mean;
  double variance;
  double min;
  double max;
};

SampleStats sample_stats(const std::vector<double>& x) {
  double sum = 0;
  for (double v : x) sum += v;
  const double mean = sum / static_cast<double>(x.size());
  double ss = 0;
  for (double v : x) ss += (v - mean) * (v - mean);
  const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
  return {mean, ss / static_cast<double>(x.size() - 1), *lo, *hi};
}

std::vector<double> draw(const Distribution& d, RandomEngine engine, int n = kDraws) {
  std::vector<double> x(static_cast<std::size_t>(n));
  for (double& v : x) v = d.sample(engine);
  return x;
}

// Checks sample mean and variance of `x` against theory, within 5 standard errors (see top).
void expect_moments(const std::vector<double>& x, const Moments& theory) {
  const double n = static_cast<double>(x.size());
  const SampleStats s = sample_stats(x);
  const double se_mean = std::sqrt(theory.variance / n);
  const double s2 = theory.variance * theory.variance;
  const double se_var = std::sqrt(theory.mu4 / n - s2 * (n - 3.0) / (n * (n - 1.0)));
  EXPECT_NEAR(s.mean, theory.mean, 5.0 * se_mean) << "mean; SE " << se_mean;
  EXPECT_NEAR(s.variance, theory.variance, 5.0 * se_var) << "variance; SE " << se_var;
}

// Central moments from raw moments E[X], E[X^2], E[X^3], E[X^4].
Moments from_raw(double e1, double e2, double e3, double e4) {
  return {e1, e2 - e1 * e1, e4 - 4 * e1 * e3 + 6 * e1 * e1 * e2 - 3 * e1 * e1 * e1 * e1};
}

// Moments of Normal(mu, sd) truncated to [lo, hi] by composite Simpson integration of the
// density, independent of the closed-form truncated mean in the implementation. The density is
// scaled by its value at the interval's highest point so far tails do not underflow, and the
// range is cut 12 sd beyond that point (the neglected mass is below e^-72 of the total).
Moments truncated_normal_moments(double mu, double sd, double lo, double hi) {
  const double lo_z = (lo - mu) / sd;
  const double hi_z = (hi - mu) / sd;
  const double a = std::max(lo_z, std::min(hi_z, 0.0) - 12.0);
  const double b = std::min(hi_z, std::max(a, 0.0) + 12.0);
  const double peak = std::clamp(0.0, a, b);
  constexpr int kIntervals = 20'000;
  const double h = (b - a) / kIntervals;
  auto integrate = [&](auto f) {
    double total = 0;
    for (int i = 0; i <= kIntervals; ++i) {
      const double z = a + h * i;
      const double w = (i == 0 || i == kIntervals) ? 1.0 : (i % 2 == 1 ? 4.0 : 2.0);
      total += w * std::exp(-0.5 * (z * z - peak * peak)) * f(z);
    }
    return total * h / 3.0;
  };
  const double mass = integrate([](double) { return 1.0; });
  const double ez = integrate([](double z) { return z; }) / mass;
  const double var_z = integrate([&](double z) { return (z - ez) * (z - ez); }) / mass;
  const double mu4_z = integrate([&](double z) { return std::pow(z - ez, 4); }) / mass;
  return {mu + sd * ez, sd * sd * var_z, sd * sd * sd * sd * mu4_z};
}

// ---------------------------------------------------------------------------------------------

TEST(Distribution, DefaultIsConstantZero) {
  const Distribution d;
  RandomEngine engine = test_engine("default");
  EXPECT_EQ(d.sample(engine), 0.0);
  EXPECT_EQ(d.mean(), 0.0);
  EXPECT_EQ(d.min(), 0.0);
  EXPECT_EQ(d.describe(), "constant(0)");
}

TEST(Distribution, Constant) {
  const auto d = Distribution::constant(4.5);
  RandomEngine engine = test_engine("constant");
  for (int i = 0; i < 100; ++i) EXPECT_EQ(d.sample(engine), 4.5);
  EXPECT_EQ(d.mean(), 4.5);
  EXPECT_EQ(d.min(), 4.5);
  EXPECT_EQ(d.describe(), "constant(4.5)");
  EXPECT_EQ(Distribution::constant(-2).mean(), -2.0);  // negative is allowed: not only durations
}

TEST(Distribution, Exponential) {
  // mean m: variance m^2, fourth central moment 9 m^4.
  const auto d = Distribution::exponential(30.0);
  const auto x = draw(d, test_engine("exponential"));
  expect_moments(x, {30.0, 900.0, 9.0 * 810'000.0});
  EXPECT_GE(sample_stats(x).min, 0.0);
  EXPECT_EQ(d.mean(), 30.0);
  EXPECT_EQ(d.min(), 0.0);
  EXPECT_EQ(d.describe(), "exponential(mean=30)");
}

TEST(Distribution, Gamma) {
  // shape k, scale t: mean k t, variance k t^2, fourth central moment 3 k (k + 2) t^4.
  // Boost uses different algorithms for k < 1, k == 1 and k > 1; cover all three.
  for (const auto& [k, t] : {std::pair{2.5, 4.0}, std::pair{1.0, 3.0}, std::pair{0.5, 2.0}}) {
    SCOPED_TRACE(testing::Message() << "shape " << k << " scale " << t);
    const auto d = Distribution::gamma(k, t);
    const auto x = draw(d, test_engine("gamma", static_cast<std::uint64_t>(k * 10)));
    expect_moments(x, {k * t, k * t * t, 3 * k * (k + 2) * t * t * t * t});
    EXPECT_GE(sample_stats(x).min, 0.0);
    EXPECT_DOUBLE_EQ(d.mean(), k * t);
    EXPECT_EQ(d.min(), 0.0);
  }
  EXPECT_EQ(Distribution::gamma(2.5, 4).describe(), "gamma(shape=2.5, scale=4)");
}

TEST(Distribution, Uniform) {
  // Width w: variance w^2/12, fourth central moment w^4/80.
  const auto d = Distribution::uniform(2.0, 5.0);
  const auto x = draw(d, test_engine("uniform"));
  expect_moments(x, {3.5, 9.0 / 12.0, 81.0 / 80.0});
  const SampleStats s = sample_stats(x);
  EXPECT_GE(s.min, 2.0);
  EXPECT_LT(s.max, 5.0);
  EXPECT_EQ(d.mean(), 3.5);
  EXPECT_EQ(d.min(), 2.0);
  EXPECT_EQ(d.describe(), "uniform(lo=2, hi=5)");

  // lo == hi is a point mass (Boost's uniform_real would loop forever on it).
  const auto point = Distribution::uniform(3.0, 3.0);
  RandomEngine engine = test_engine("uniform/point");
  EXPECT_EQ(point.sample(engine), 3.0);
}

// uniform_draw is Boost's uniform_01 and uniform_real_distribution without the branchy
// conversion: the very same numbers, also for words with the top bit set and words so close to
// 2^64 that the draw rounds up to 1 (drawn again).
TEST(UniformDraw, GivesBoostsNumbers) {
  RandomEngine ours = test_engine("uniform_draw");
  RandomEngine boosts = ours;
  for (int i = 0; i < kDraws; ++i) {
    ASSERT_EQ(detail::uniform_draw(ours), boost::random::uniform_01<double>()(boosts)) << i;
    ASSERT_EQ(detail::uniform_draw(ours, 21.0, 28.0),
              boost::random::uniform_real_distribution<double>(21.0, 28.0)(boosts))
        << i;
  }
  const std::uint64_t top = std::uint64_t{1} << 63;
  const std::uint64_t all = ~std::uint64_t{0};
  for (const std::uint64_t word : std::vector<std::uint64_t>{
           0, 1, top, top + 1, top - 1, all - 1024, all - 1025, 0x9e3779b97f4a7c15ULL}) {
    EXPECT_EQ(detail::to_double_exactly(word), static_cast<double>(word)) << word;
  }
}

TEST(Distribution, LogNormalIsParametrisedByItsOwnMeanAndSd) {
  // Theory mean and variance are the parameters themselves. mu4 (only needed for the error
  // bound) from the log-normal raw moments E[X^k] = exp(k mu + k^2 s^2 / 2).
  const double mean = 10.0;
  const double sd = 5.0;
  const double s2 = std::log(1.0 + (sd / mean) * (sd / mean));
  const double mu = std::log(mean) - s2 / 2;
  auto raw = [&](double k) { return std::exp(k * mu + k * k * s2 / 2); };
  const Moments theory = from_raw(raw(1), raw(2), raw(3), raw(4));
  ASSERT_NEAR(theory.mean, mean, 1e-12);
  ASSERT_NEAR(theory.variance, sd * sd, 1e-9);

  const auto d = Distribution::lognormal(mean, sd);
  const auto x = draw(d, test_engine("lognormal"));
  expect_moments(x, {mean, sd * sd, theory.mu4});
  EXPECT_GT(sample_stats(x).min, 0.0);
  EXPECT_EQ(d.mean(), 10.0);
  EXPECT_EQ(d.min(), 0.0);
  EXPECT_EQ(d.describe(), "lognormal(mean=10, sd=5)");

  // sd == 0: a point mass exactly at the mean.
  const auto point = Distribution::lognormal(7.25, 0.0);
  RandomEngine engine = test_engine("lognormal/point");
  EXPECT_EQ(point.sample(engine), 7.25);
  EXPECT_EQ(point.min(), 7.25);
}

// The same normals as Boost's lognormal_distribution, but exp over a batch by libmvec rather than
// std::exp: values within a few ulp of Boost's.
TEST(Distribution, LogNormalIsBoostsWithinAFewUlp) {
  const double mean = 4.0;
  const double sd = 1.5;
  const double s2 = std::log1p((sd / mean) * (sd / mean));
  boost::random::lognormal_distribution<double> boost_lognormal(std::log(mean) - s2 / 2,
                                                                std::sqrt(s2));
  RandomEngine engine = test_engine("lognormal/exp");
  RandomEngine boost_engine = engine;
  std::vector<double> x(100'000);
  Distribution::lognormal(mean, sd).sample(engine, x);
  double worst = 0.0;
  for (const double v : x) {
    const double expected = boost_lognormal(boost_engine);
    worst = std::max(worst, std::abs(v - expected) / expected);
  }
  EXPECT_LE(worst, 1e-15);  // 4.5 ulp
  EXPECT_TRUE(engine == boost_engine) << "the same number of engine outputs";
}

// A draw's value does not depend on the batch it falls in, nor on its place there: service times
// are drawn in batches of whatever size a site-day needs.
TEST(Distribution, LogNormalGivesTheSameValuesInBatchesOfAnySize) {
  const auto d = Distribution::lognormal(4.0, 1.5);
  const RandomEngine start = test_engine("lognormal/batches");
  constexpr std::size_t kN = 1000;

  std::vector<double> whole(kN);
  RandomEngine engine = start;
  d.sample(engine, whole);

  std::vector<double> pieces(kN);
  engine = start;
  for (std::size_t done = 0, size = 1; done < kN; done += size, size = size % 13 + 1) {
    size = std::min(size, kN - done);
    d.sample(engine, std::span<double>(pieces).subspan(done, size));
  }

  engine = start;
  for (std::size_t i = 0; i < kN; ++i) {
    const double one = d.sample(engine);
    ASSERT_EQ(std::bit_cast<std::uint64_t>(whole[i]), std::bit_cast<std::uint64_t>(one)) << i;
    ASSERT_EQ(std::bit_cast<std::uint64_t>(pieces[i]), std::bit_cast<std::uint64_t>(one)) << i;
  }
}

struct TruncatedCase {
  double mean, sd, lo, hi;
  const char* what;
};

void PrintTo(const TruncatedCase& c, std::ostream* os) {
  *os << c.what << ": normal(" << c.mean << ", " << c.sd << ") on [" << c.lo << ", " << c.hi << "]";
}

class TruncatedNormalTest : public ::testing::TestWithParam<TruncatedCase> {};

TEST_P(TruncatedNormalTest, MomentsBoundsAndMean) {
  const TruncatedCase c = GetParam();
  const auto d = Distribution::truncated_normal(c.mean, c.sd, c.lo, c.hi);
  const Moments theory = truncated_normal_moments(c.mean, c.sd, c.lo, c.hi);
  // The closed-form truncated mean agrees with numerical integration.
  EXPECT_NEAR(d.mean(), theory.mean, 1e-9 * c.sd);
  EXPECT_EQ(d.min(), c.lo);

  const auto x = draw(d, test_engine(std::string("truncated_normal/") + c.what));
  const SampleStats s = sample_stats(x);
  EXPECT_GE(s.min, c.lo);
  EXPECT_LE(s.max, c.hi);
  expect_moments(x, theory);
}

INSTANTIATE_TEST_SUITE_P(
    RejectionAndInverseCdfPaths, TruncatedNormalTest,
    ::testing::Values(
        // Acceptance >= 0.6: rejection from the parent normal.
        TruncatedCase{10, 3, 5, 20, "two_sided_wide"},
        TruncatedCase{2, 4, 0, kInf, "lower_bound_only"},  // acceptance 0.69
        TruncatedCase{-1, 2, -kInf, kInf, "untruncated"},
        // Acceptance < 0.6: inverse CDF; upper tail, mirrored lower tail, narrow middle, far tails.
        TruncatedCase{0, 1, 0, kInf, "half_normal"}, TruncatedCase{0, 1, 3, kInf, "upper_tail"},
        TruncatedCase{0, 1, -kInf, -3, "lower_tail"},
        TruncatedCase{100, 10, 0, 60, "mirrored_two_sided"},
        TruncatedCase{0, 1, -0.01, 0.02, "narrow_middle"},
        TruncatedCase{0, 1, 6, 6.5, "far_tail_two_sided"},
        TruncatedCase{0, 1, 8, kInf, "mass_6e_16"}, TruncatedCase{5, 2, 65, kInf, "mass_1e_198"}),
    [](const auto& test_info) { return std::string(test_info.param.what); });

TEST(Distribution, TruncatedNormalDegenerateCases) {
  RandomEngine engine = test_engine("truncated_normal/degenerate");
  // sd == 0: the limit sd -> 0, a point mass at the mean clamped into [lo, hi].
  EXPECT_EQ(Distribution::truncated_normal(4, 0, 0, 10).sample(engine), 4.0);
  EXPECT_EQ(Distribution::truncated_normal(-4, 0, 0, 10).sample(engine), 0.0);
  EXPECT_EQ(Distribution::truncated_normal(-4, 0, 0, 10).mean(), 0.0);
  EXPECT_EQ(Distribution::truncated_normal(-4, 0, 0, 10).min(), 0.0);
  // lo == hi: the only possible value.
  EXPECT_EQ(Distribution::truncated_normal(4, 1, 2, 2).sample(engine), 2.0);
  EXPECT_EQ(Distribution::truncated_normal(10, 3, 5, kInf).describe(),
            "truncated_normal(mean=10, sd=3, lo=5, hi=inf)");
}

TEST(Distribution, EmpiricalMomentsAndSupport) {
  // Uniform on [1, 2] with mass 0.3, an atom of 0.2 at 2, a gap (2, 5), uniform on [5, 10] with
  // 0.4 and on [10, 30] with 0.1. The leading (0, 0) knot adds nothing: support starts at 1.
  const std::vector<Distribution::Point> knots = {{0, 0},   {1, 0},    {2, 0.3}, {2, 0.5},
                                                  {5, 0.5}, {10, 0.9}, {30, 1}};
  const auto d = Distribution::empirical(knots);

  // Raw moments: a segment [a, b] of mass w contributes w (b^(k+1) - a^(k+1)) / ((k+1)(b-a)),
  // or w a^k for an atom.
  double raw[5] = {};
  for (std::size_t i = 1; i < knots.size(); ++i) {
    const double w = knots[i].cdf - knots[i - 1].cdf;
    const double a = knots[i - 1].x;
    const double b = knots[i].x;
    for (int k = 1; k <= 4; ++k) {
      raw[k] += w * (a == b ? std::pow(a, k)
                            : (std::pow(b, k + 1) - std::pow(a, k + 1)) / ((k + 1) * (b - a)));
    }
  }
  const Moments theory = from_raw(raw[1], raw[2], raw[3], raw[4]);
  EXPECT_NEAR(d.mean(), theory.mean, 1e-12);
  EXPECT_EQ(d.min(), 1.0);

  const auto x = draw(d, test_engine("empirical"));
  expect_moments(x, theory);
  const SampleStats s = sample_stats(x);
  EXPECT_GE(s.min, 1.0);
  EXPECT_LE(s.max, 30.0);
  EXPECT_EQ(std::count_if(x.begin(), x.end(), [](double v) { return v > 2 && v < 5; }), 0)
      << "no draws in the gap";
}

// Kolmogorov-type check: the empirical CDF of the draws matches F at every knot (both F(x) and
// the left limit F(x-), which differ at an atom) and at segment midpoints. By the
// Dvoretzky-Kiefer-Wolfowitz inequality (Massart's constant), P(sup_x |F_n - F| > e) <= 2 exp(-2 N
// e^2) for any F; with e = sqrt(ln(2 / 1e-6) / (2 N)) a correct sampler fails with p < 1e-6.
TEST(Distribution, EmpiricalReproducesItsCdf) {
  const std::vector<Distribution::Point> knots = {{0, 0},     {1, 0.1},  {1, 0.25}, {4, 0.6},
                                                  {4.5, 0.6}, {9, 0.95}, {20, 1}};
  const auto d = Distribution::empirical(knots);
  auto x = draw(d, test_engine("empirical/cdf"));
  std::sort(x.begin(), x.end());
  const double n = static_cast<double>(x.size());
  const double tolerance = std::sqrt(std::log(2.0 / 1e-6) / (2.0 * n));

  auto fraction_le = [&](double v) {
    return static_cast<double>(std::upper_bound(x.begin(), x.end(), v) - x.begin()) / n;
  };
  auto fraction_lt = [&](double v) {
    return static_cast<double>(std::lower_bound(x.begin(), x.end(), v) - x.begin()) / n;
  };
  double worst = 0;
  for (std::size_t i = 0; i < knots.size(); ++i) {
    // F at a knot is the largest cdf listed for that x; its left limit the smallest.
    double f = knots[i].cdf;
    double f_left = knots[i].cdf;
    for (const auto& k : knots) {
      if (k.x == knots[i].x) {
        f = std::max(f, k.cdf);
        f_left = std::min(f_left, k.cdf);
      }
    }
    worst = std::max(worst, std::abs(fraction_le(knots[i].x) - f));
    worst = std::max(worst, std::abs(fraction_lt(knots[i].x) - f_left));
    if (i > 0 && knots[i].x > knots[i - 1].x) {
      const double mid = 0.5 * (knots[i - 1].x + knots[i].x);
      worst = std::max(worst, std::abs(fraction_le(mid) - 0.5 * (knots[i - 1].cdf + knots[i].cdf)));
    }
  }
  EXPECT_LT(worst, tolerance);
  // And the atom really is an atom: about 15% of draws equal exactly 1.
  EXPECT_NEAR(fraction_le(1.0) - fraction_lt(1.0), 0.15, tolerance);
}

TEST(Distribution, EmpiricalToleratesRoundingAtTheEnds) {
  const auto d = Distribution::empirical({{0, 1e-12}, {1, 0.333}, {2, 0.666}, {3, 1 - 1e-12}});
  RandomEngine engine = test_engine("empirical/rounding");
  for (int i = 0; i < 1000; ++i) {
    const double v = d.sample(engine);
    ASSERT_GE(v, 0.0);
    ASSERT_LE(v, 3.0);
  }
  EXPECT_EQ(Distribution::empirical({{0, 0}, {10, 1}}).describe(), "empirical((0, 0), (10, 1))");
  EXPECT_DOUBLE_EQ(Distribution::empirical({{0, 0}, {10, 1}}).mean(), 5.0);
}

// The sampler as it was before the knot count got a fixed length: F at each knot between the
// first and the last compared with u in turn, or a binary search above 16 knots.
double empirical_reference(const std::vector<Distribution::Point>& knots, double u) {
  std::size_t i = 1;
  if (knots.size() <= 16) {
    for (std::size_t j = 1; j + 1 < knots.size(); ++j) i += knots[j].cdf <= u ? 1u : 0u;
  } else {
    i = static_cast<std::size_t>(
        std::upper_bound(knots.begin(), knots.end(), u,
                         [](double v, const Distribution::Point& p) { return v < p.cdf; }) -
        knots.begin());
  }
  const Distribution::Point& a = knots[i - 1];
  const Distribution::Point& b = knots[i];
  return std::clamp(a.x + (u - a.cdf) / (b.cdf - a.cdf) * (b.x - a.x), a.x, b.x);
}

TEST(Distribution, EmpiricalGivesTheKnotByKnotSearchsValuesBitForBit) {
  constexpr std::size_t kN = 50'000;
  const RandomEngine start = test_engine("empirical/exact");
  // The uniforms sample() will draw; the first ones are also the knots' F, so that some draws
  // land exactly on a knot.
  std::vector<double> u(kN);
  RandomEngine engine = start;
  for (double& v : u) v = detail::uniform_draw(engine);

  // Knot counts for each length of the fixed count (4, 8, 16 inner knots) and binary search.
  for (const std::size_t n : std::initializer_list<std::size_t>{2, 3, 6, 7, 10, 11, 16, 17, 40}) {
    for (const bool repeated_ends : {false, true}) {
      std::vector<double> f(u.begin(), u.begin() + static_cast<std::ptrdiff_t>(n - 2));
      std::sort(f.begin(), f.end());
      if (f.size() >= 3) f[2] = f[1];  // a flat stretch: no mass between two knots
      if (repeated_ends && f.size() >= 2) {
        f.front() = 0.0;  // knots at F == 0 and F == 1 besides the first and the last
        f.back() = 1.0;
      }
      std::vector<Distribution::Point> knots = {{0.0, 0.0}};
      for (const double v : f) knots.push_back({knots.back().x + 1.0, v});
      knots.push_back({knots.back().x + 1.0, 1.0});
      if (n >= 4) knots[2].x = knots[1].x;  // an atom
      const auto d = Distribution::empirical(knots);
      SCOPED_TRACE(testing::Message() << n << " knots, repeated ends " << repeated_ends);

      RandomEngine one_by_one = start;
      std::vector<double> batch(kN);
      RandomEngine batched = start;
      d.sample(batched, batch);
      for (std::size_t k = 0; k < kN; ++k) {
        const double expected = empirical_reference(knots, u[k]);
        ASSERT_EQ(std::bit_cast<std::uint64_t>(d.sample(one_by_one)),
                  std::bit_cast<std::uint64_t>(expected))
            << "u = " << u[k];
        ASSERT_EQ(std::bit_cast<std::uint64_t>(batch[k]), std::bit_cast<std::uint64_t>(expected))
            << "u = " << u[k];
      }
    }
  }
}

// Expects std::invalid_argument whose message names the factory.
template <typename F>
void expect_invalid(F make, const std::string& factory) {
  try {
    make();
    ADD_FAILURE() << "no exception for " << factory;
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("Distribution::" + factory), std::string::npos)
        << e.what();
  }
}

TEST(Distribution, InvalidParametersThrow) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  expect_invalid([] { return Distribution::constant(kInf); }, "constant");
  expect_invalid([&] { return Distribution::constant(nan); }, "constant");
  expect_invalid([] { return Distribution::exponential(-1); }, "exponential");
  expect_invalid([] { return Distribution::exponential(0); }, "exponential");
  expect_invalid([&] { return Distribution::exponential(nan); }, "exponential");
  expect_invalid([] { return Distribution::truncated_normal(0, -1, 0, 1); }, "truncated_normal");
  expect_invalid([] { return Distribution::truncated_normal(0, 1, 2, 1); }, "truncated_normal");
  expect_invalid([] { return Distribution::truncated_normal(0, 1, kInf, kInf); },
                 "truncated_normal");
  expect_invalid([] { return Distribution::truncated_normal(0, 1, -kInf, -kInf); },
                 "truncated_normal");
  expect_invalid([&] { return Distribution::truncated_normal(nan, 1, 0, 1); }, "truncated_normal");
  expect_invalid([&] { return Distribution::truncated_normal(0, 1, nan, 1); }, "truncated_normal");
  expect_invalid([] { return Distribution::truncated_normal(0, kInf, 0, 1); }, "truncated_normal");
  // 40 sd above the mean: the interval's probability underflows double.
  expect_invalid([] { return Distribution::truncated_normal(0, 1, 40, kInf); }, "truncated_normal");
  expect_invalid([] { return Distribution::lognormal(-1, 1); }, "lognormal");
  expect_invalid([] { return Distribution::lognormal(0, 1); }, "lognormal");
  expect_invalid([] { return Distribution::lognormal(1, -1); }, "lognormal");
  expect_invalid([] { return Distribution::gamma(0, 1); }, "gamma");
  expect_invalid([] { return Distribution::gamma(-2, 1); }, "gamma");
  expect_invalid([] { return Distribution::gamma(2, 0); }, "gamma");
  expect_invalid([] { return Distribution::uniform(5, 2); }, "uniform");
  expect_invalid([] { return Distribution::uniform(0, kInf); }, "uniform");
  using P = std::vector<Distribution::Point>;
  expect_invalid([] { return Distribution::empirical(P{}); }, "empirical");
  expect_invalid([] { return Distribution::empirical(P{{0, 0}}); }, "empirical");
  expect_invalid([] { return Distribution::empirical(P{{0, 0}, {2, 0.7}, {1, 1}}); }, "empirical");
  expect_invalid(
      [] {
        return Distribution::empirical(P{{0, 0}, {1, 0.7}, {2, 0.5}, {3, 1}});
      },
      "empirical");
  expect_invalid([] { return Distribution::empirical(P{{0, 0.1}, {1, 1}}); }, "empirical");
  expect_invalid([] { return Distribution::empirical(P{{0, 0}, {1, 0.9}}); }, "empirical");
  expect_invalid([] { return Distribution::empirical(P{{0, 0}, {1, 1.5}}); }, "empirical");
  expect_invalid([] { return Distribution::empirical(P{{0, -0.1}, {1, 1}}); }, "empirical");
  expect_invalid(
      [&] {
        return Distribution::empirical(P{{0, 0}, {nan, 0.5}, {1, 1}});
      },
      "empirical");

  // The message says what was wrong and with which value.
  try {
    Distribution::exponential(-3);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("-3"), std::string::npos) << e.what();
  }
}

TEST(Distribution, SamplingIsReproducibleAndCopiesShareNothing) {
  const auto d = Distribution::empirical({{0, 0}, {5, 0.5}, {10, 1}});
  const Distribution copy = d;
  RandomEngine a = test_engine("reproducible");
  RandomEngine b = test_engine("reproducible");
  for (int i = 0; i < 100; ++i) EXPECT_EQ(d.sample(a), copy.sample(b));
}

// ---------------------------------------------------------------------------------------------
// Discrete helpers.

TEST(Bernoulli, FrequencyAndEdgeCases) {
  // Frequency within 5 SE = 5 sqrt(p (1 - p) / N).
  RandomEngine engine = test_engine("bernoulli");
  int hits = 0;
  for (int i = 0; i < kDraws; ++i) hits += bernoulli(engine, 0.3) ? 1 : 0;
  EXPECT_NEAR(hits / static_cast<double>(kDraws), 0.3, 5 * std::sqrt(0.21 / kDraws));

  EXPECT_FALSE(bernoulli(engine, 0.0));
  EXPECT_FALSE(bernoulli(engine, -0.5));
  EXPECT_TRUE(bernoulli(engine, 1.0));
  EXPECT_TRUE(bernoulli(engine, 1.5));
  EXPECT_THROW(bernoulli(engine, std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
}

TEST(Bernoulli, AlwaysConsumesExactlyOneDraw) {
  // Keeps later draws aligned between scenarios that differ only in p (common random numbers).
  for (const double p : {-1.0, 0.0, 1e-9, 0.5, 1.0, 2.0}) {
    RandomEngine engine = test_engine("bernoulli/one");
    RandomEngine expected = engine;
    bernoulli(engine, p);
    expected.discard(1);
    EXPECT_TRUE(engine == expected) << "p = " << p;
  }
}

// Selections by geometric gaps must look like a bernoulli(p) per index: the frequency, the
// frequency of two neighbours both selected (p^2, independence), and the frequency in the first
// and last tenth (no drift along the list); indices strictly increase and stay inside [0, n).
TEST(EachSelected, LooksLikeABernoulliPerIndex) {
  RandomEngine engine = test_engine("each_selected");
  for (const double p : {0.03, 0.3, 0.9}) {
    constexpr std::int64_t kN = 400'000;
    std::vector<char> hit(kN, 0);
    std::int64_t last = -1;
    each_selected(engine, kN, p, [&](std::int64_t i) {
      ASSERT_GT(i, last);
      ASSERT_LT(i, kN);
      hit[static_cast<std::size_t>(i)] = 1;
      last = i;
    });
    const auto frequency = [&](std::int64_t from, std::int64_t to) {
      return static_cast<double>(std::count(hit.begin() + from, hit.begin() + to, 1)) /
             static_cast<double>(to - from);
    };
    const double se = std::sqrt(p * (1 - p) / kN);
    EXPECT_NEAR(frequency(0, kN), p, 5 * se) << p;
    EXPECT_NEAR(frequency(0, kN / 10), p, 5 * se * std::sqrt(10.0)) << p;
    EXPECT_NEAR(frequency(kN - kN / 10, kN), p, 5 * se * std::sqrt(10.0)) << p;
    std::int64_t pairs = 0;
    for (std::size_t i = 0; i + 1 < hit.size(); i += 2) pairs += hit[i] && hit[i + 1];
    const double pair_p = p * p;
    EXPECT_NEAR(static_cast<double>(pairs) / (kN / 2), pair_p,
                5 * std::sqrt(pair_p * (1 - pair_p) / (kN / 2)))
        << p;
  }
}

TEST(EachSelected, EdgeCases) {
  RandomEngine engine = test_engine("each_selected/edges");
  std::vector<std::int64_t> got;
  const auto collect = [&](std::int64_t i) { got.push_back(i); };
  each_selected(engine, 5, 0.0, collect);
  each_selected(engine, 5, -1.0, collect);
  each_selected(engine, 0, 0.5, collect);
  each_selected(engine, 1'000, 1e-300, collect);  // gaps far past any int64: no overflow
  EXPECT_TRUE(got.empty());
  each_selected(engine, 4, 1.0, collect);
  EXPECT_EQ(got, (std::vector<std::int64_t>{0, 1, 2, 3}));
  EXPECT_THROW(each_selected(engine, 3, std::numeric_limits<double>::quiet_NaN(), collect),
               std::invalid_argument);
}

TEST(Binomial, MomentsAndEdgeCases) {
  // Mean n p, variance n p q, fourth central moment n p q (1 + 3 (n - 2) p q), q = 1 - p.
  struct Case {
    std::int64_t n;
    double p;
    int draws;
  };
  for (const Case c :
       {Case{20, 0.3, kDraws}, Case{50, 0.9, kDraws}, Case{1'000'000'000, 0.25, 20'000}}) {
    SCOPED_TRACE(testing::Message() << "n " << c.n << " p " << c.p);
    RandomEngine engine = test_engine("binomial", static_cast<std::uint64_t>(c.n));
    std::vector<double> x;
    for (int i = 0; i < c.draws; ++i) {
      const std::int64_t k = binomial(engine, c.n, c.p);
      ASSERT_GE(k, 0);
      ASSERT_LE(k, c.n);
      x.push_back(static_cast<double>(k));
    }
    const double n = static_cast<double>(c.n);
    const double npq = n * c.p * (1 - c.p);
    expect_moments(x, {n * c.p, npq, npq * (1 + 3 * (n - 2) * c.p * (1 - c.p))});
  }
  RandomEngine engine = test_engine("binomial/edge");
  EXPECT_EQ(binomial(engine, 0, 0.5), 0);
  EXPECT_EQ(binomial(engine, 10, 0.0), 0);
  EXPECT_EQ(binomial(engine, 10, -0.1), 0);
  EXPECT_EQ(binomial(engine, 10, 1.0), 10);
  EXPECT_EQ(binomial(engine, 10, 1.1), 10);
  EXPECT_THROW(binomial(engine, -1, 0.5), std::invalid_argument);
  EXPECT_THROW(binomial(engine, 10, std::numeric_limits<double>::quiet_NaN()),
               std::invalid_argument);
}

TEST(Poisson, MomentsAndEdgeCases) {
  // Mean = variance = m, fourth central moment m (1 + 3 m). Boost switches algorithm at m = 10.
  for (const double m : {3.7, 250.0}) {
    SCOPED_TRACE(testing::Message() << "mean " << m);
    RandomEngine engine = test_engine("poisson", static_cast<std::uint64_t>(m));
    std::vector<double> x;
    for (int i = 0; i < kDraws; ++i) {
      const std::int64_t k = poisson(engine, m);
      ASSERT_GE(k, 0);
      x.push_back(static_cast<double>(k));
    }
    expect_moments(x, {m, m, m * (1 + 3 * m)});
  }
  RandomEngine engine = test_engine("poisson/edge");
  EXPECT_EQ(poisson(engine, 0.0), 0);
  EXPECT_THROW(poisson(engine, -1.0), std::invalid_argument);
  EXPECT_THROW(poisson(engine, kInf), std::invalid_argument);
  EXPECT_THROW(poisson(engine, std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
}

}  // namespace
}  // namespace vaxsim::sim
