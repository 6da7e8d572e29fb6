// Doubles to counts and times (count.hpp, time.hpp): exact where a campaign's numbers are, and
// defined beyond them. A cast of a double outside int64's range is undefined behaviour; before
// issue 17 a factor of 1e300 on a delivery turned into a negative dose count that way.

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "vaxsim/sim/count.hpp"
#include "vaxsim/sim/time.hpp"

namespace {

using vaxsim::sim::floor_to_count;
using vaxsim::sim::from_minutes;
using vaxsim::sim::from_seconds;
using vaxsim::sim::kMaxTime;

constexpr std::int64_t kTwoTo62 = std::int64_t{1} << 62;

TEST(FloorToCount, ForgivesTheRoundingJustBelowAWholeNumber) {
  EXPECT_EQ(floor_to_count(0.1 * 3 * 10), 3);
  EXPECT_EQ(floor_to_count(2.9999999999), 3);
  EXPECT_EQ(floor_to_count(2.5), 2);
  EXPECT_EQ(floor_to_count(-2.5), -3);
}

TEST(FloorToCount, SaturatesFarBeyondAnyCampaignInsteadOfOverflowing) {
  EXPECT_EQ(floor_to_count(1e300), kTwoTo62);
  EXPECT_EQ(floor_to_count(-1e300), -kTwoTo62);
  EXPECT_EQ(floor_to_count(std::numeric_limits<double>::infinity()), kTwoTo62);
  EXPECT_EQ(floor_to_count(std::numeric_limits<double>::quiet_NaN()), 0);
  EXPECT_EQ(floor_to_count(9007199254740992.0), 9007199254740992) << "2^53 stays exact";
}

TEST(FromSeconds, RoundsToTheMillisecond) {
  EXPECT_EQ(from_seconds(1.0004).count(), 1000);
  EXPECT_EQ(from_seconds(1.0005).count(), 1001);
  EXPECT_EQ(from_minutes(30).count(), 30 * 60 * 1000);
}

TEST(FromSeconds, ATimeBeyondTheLastSchedulableIsTheLast) {
  EXPECT_EQ(from_minutes(1e300), kMaxTime.time_since_epoch());
  EXPECT_EQ(from_seconds(-1e300), -kMaxTime.time_since_epoch());
  EXPECT_EQ(from_seconds(std::numeric_limits<double>::quiet_NaN()).count(), 0);
}

}  // namespace
