#include <gtest/gtest.h>

#include <stdexcept>

#include "vaxsim/sim/calendar.hpp"

using namespace std::chrono_literals;
using namespace vaxsim::sim;

TEST(Calendar, ParsesAndFormatsIsoDates) {
  const Date d = parse_date("2021-06-30");
  EXPECT_EQ(d, Date{std::chrono::year{2021} / 6 / 30});
  EXPECT_EQ(format_date(d), "2021-06-30");
  EXPECT_EQ(format_date(parse_date("0999-01-02")), "0999-01-02");
  EXPECT_EQ(format_date(parse_date("2024-02-29")), "2024-02-29");
}

TEST(Calendar, RejectsBadDates) {
  for (const char* bad : {"2021-02-29", "2021-13-01", "2021-00-10", "2021-04-31", "2021-6-30",
                          "2021/06/30", "", "2021-06-30x", "abcd-ef-gh", "2021-06-3 "}) {
    EXPECT_THROW(parse_date(bad), std::invalid_argument) << bad;
  }
}

TEST(Calendar, ParsesTimesOfDay) {
  EXPECT_EQ(parse_time_of_day("08:00"), 8h);
  EXPECT_EQ(parse_time_of_day("22:30"), 22h + 30min);
  EXPECT_EQ(parse_time_of_day("24:00"), 24h);
  EXPECT_EQ(format_time_of_day(22h + 30min + 15s), "22:30");
  for (const char* bad : {"24:01", "25:00", "8:00", "08:60", "08-00", "", "08:0a"}) {
    EXPECT_THROW(parse_time_of_day(bad), std::invalid_argument) << bad;
  }
}

TEST(Calendar, MapsTimesToDaysAndDates) {
  const Calendar cal{parse_date("2021-04-01")};
  EXPECT_EQ(cal.day_index(parse_date("2021-04-01")), 0);
  EXPECT_EQ(cal.day_index(parse_date("2021-05-01")), 30);
  EXPECT_EQ(cal.day_index(parse_date("2021-06-30")), 90);  // April 30 + May 31 + 29
  EXPECT_EQ(cal.day_index(parse_date("2021-03-31")), -1);

  const Time t = cal.at(parse_date("2021-05-01"), 21h + 59min);
  EXPECT_EQ(cal.day_index(t), 30);
  EXPECT_EQ(cal.time_of_day(t), 21h + 59min);
  EXPECT_EQ(cal.date(t), parse_date("2021-05-01"));
  EXPECT_EQ(cal.start_of_day(30), cal.at(parse_date("2021-05-01")));
  // Midnight belongs to the new day, one tick before it to the old one.
  EXPECT_EQ(cal.day_index(cal.start_of_day(31)), 31);
  EXPECT_EQ(cal.day_index(cal.start_of_day(31) - 1ms), 30);
  EXPECT_EQ(cal.day_index(kEpoch - 1ms), -1);
}

TEST(Time, ConvertsUnits) {
  EXPECT_EQ(from_seconds(1.5), 1500ms);
  EXPECT_EQ(from_seconds(0.0004), 0ms);
  EXPECT_EQ(from_seconds(0.0005), 1ms);
  EXPECT_EQ(from_minutes(30.0), 30min);
  EXPECT_DOUBLE_EQ(to_minutes(90s), 1.5);
  EXPECT_DOUBLE_EQ(to_seconds(250ms), 0.25);
  // A two-year horizon is far from the limit of the clock.
  EXPECT_LT(Time{std::chrono::days{2 * 366}}, kMaxTime);
}
