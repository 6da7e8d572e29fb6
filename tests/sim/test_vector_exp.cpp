// Tests for detail::exp_in_place: libmvec's exp over an array (std::exp without libmvec).

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <boost/random/uniform_real_distribution.hpp>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "vaxsim/sim/random.hpp"
#include "vaxsim/sim/vector_exp.hpp"

namespace vaxsim::sim {
namespace {

std::vector<double> exp_of(std::vector<double> x) {
  detail::exp_in_place(x);
  return x;
}

TEST(ExpInPlace, IsWithinAFewUlpOfStdExp) {
  // Evenly over every argument whose e^x is a normal double, then the special cases.
  std::vector<double> x;
  constexpr int kSteps = 1'000'000;
  const double lo = std::log(std::numeric_limits<double>::min());
  const double hi = std::log(std::numeric_limits<double>::max());
  for (int i = 0; i <= kSteps; ++i) x.push_back(lo + (hi - lo) * static_cast<double>(i) / kSteps);
  const std::vector<double> y = exp_of(x);
  double worst = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double expected = std::exp(x[i]);
    worst = std::max(worst, std::abs(y[i] - expected) / expected);
  }
  EXPECT_LE(worst, 1e-15);  // 4.5 ulp; glibc states 4 ulp for libmvec

  constexpr double kInf = std::numeric_limits<double>::infinity();
  const std::vector<double> special = exp_of({0.0, -0.0, -kInf, kInf, 710.0, -746.0});
  EXPECT_EQ(special, (std::vector<double>{1.0, 1.0, 0.0, kInf, kInf, 0.0}));
  EXPECT_TRUE(std::isnan(exp_of({std::numeric_limits<double>::quiet_NaN()})[0]));
}

// An element's value must not depend on where it sits in the array or on the array's length
// (whole vectors against the padded tail), or batches of different sizes would give different
// runs.
TEST(ExpInPlace, AnElementsValueDependsOnlyOnItsArgument) {
  constexpr std::size_t kN = 64;
  std::vector<double> x(kN);
  RandomEngine engine = RandomStreams(7, 0).engine(purpose_id("exp_in_place"), 0);
  boost::random::uniform_real_distribution<double> uniform(-5.0, 5.0);
  for (double& v : x) v = uniform(engine);
  std::vector<double> alone(kN);
  for (std::size_t i = 0; i < kN; ++i) alone[i] = exp_of({x[i]})[0];

  for (std::size_t length = 1; length <= kN; ++length) {
    for (std::size_t start = 0; start + length <= kN; ++start) {
      std::vector<double> part(x.begin() + static_cast<std::ptrdiff_t>(start),
                               x.begin() + static_cast<std::ptrdiff_t>(start + length));
      detail::exp_in_place(part);
      for (std::size_t i = 0; i < length; ++i) {
        ASSERT_EQ(std::bit_cast<std::uint64_t>(part[i]),
                  std::bit_cast<std::uint64_t>(alone[start + i]))
            << "x = " << x[start + i] << " at " << i << " of " << length;
      }
    }
  }
}

}  // namespace
}  // namespace vaxsim::sim
