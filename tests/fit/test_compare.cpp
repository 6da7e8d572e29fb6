// A run against the record (fit/compare.hpp), on the one-desk town: twelve doses a day, given
// 08:00-10:00, so every simulated figure can be computed by hand.

#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "support/towns.hpp"
#include "vaxsim/fit/compare.hpp"
#include "vaxsim/model/campaign.hpp"

namespace vaxsim::fit {
namespace {

using namespace std::chrono_literals;

io::Observation at(const char* date, std::optional<sim::Duration> time, const char* place) {
  io::Observation o;
  o.date = sim::parse_date(date);
  o.time_of_day = time;
  o.place = place;
  o.source = "hand";
  return o;
}

struct OneDeskTown : ::testing::Test {
  model::CampaignConfig config = [] {
    model::CampaignConfig c = test::one_desk_town();
    c.supply.initial_stock = {1000};
    c.prior.push_back({});
    c.prior.front().two_doses = 100;  // 200 doses before the run
    return c;
  }();
  model::CampaignResult result = model::run_campaign(config);
};

TEST_F(OneDeskTown, CumulativeDosesAtTheEndOfADayCountThePriorDosesAndEveryDoseSinceTheStart) {
  // Day 4 is 5 May: five days of twelve first doses.
  const io::Observation o = at("2021-05-05", std::nullopt, "PROVINCE");
  EXPECT_DOUBLE_EQ(*simulated_value(config, result, o, "doses_cumulative"), 200 + 5 * 12);
  EXPECT_DOUBLE_EQ(*simulated_value(config, result, o, "people_one_dose_plus"), 100 + 5 * 12);
  EXPECT_DOUBLE_EQ(*simulated_value(config, result, o, "people_fully"), 100);
  EXPECT_DOUBLE_EQ(*simulated_value(config, result, o, "doses_that_day"), 12);
}

TEST_F(OneDeskTown, AFigureAsOfAnHourTakesTheShareOfTheOpeningTimeGoneBy) {
  // 09:00 is half of 08:00-10:00: four whole days and half of the fifth.
  const io::Observation o = at("2021-05-05", 9h, "Town");
  EXPECT_DOUBLE_EQ(share_of_day(config, o.date, o.time_of_day), 0.5);
  EXPECT_DOUBLE_EQ(*simulated_value(config, result, o, "doses_cumulative"), 200 + 4 * 12 + 6);
  EXPECT_DOUBLE_EQ(*simulated_value(config, result, o, "doses_that_day"), 6);
  // Before opening nothing of the day counts; after closing all of it.
  EXPECT_DOUBLE_EQ(share_of_day(config, o.date, 7h), 0.0);
  EXPECT_DOUBLE_EQ(share_of_day(config, o.date, 23h), 1.0);
  // On the first day, the figure before the day is the prior's.
  const io::Observation first = at("2021-05-01", 8h, "Town");
  EXPECT_DOUBLE_EQ(*simulated_value(config, result, first, "doses_cumulative"), 200);
}

TEST_F(OneDeskTown, SecondDosesCountTwiceInDosesAndOnceInPeopleFullyVaccinated) {
  // Day 21 (22 May): the first day's twelve come back for their second dose.
  const io::Observation o = at("2021-05-22", std::nullopt, "PROVINCE");
  const double given = 200 + 22 * 12;
  EXPECT_DOUBLE_EQ(*simulated_value(config, result, o, "doses_cumulative"), given);
  EXPECT_DOUBLE_EQ(*simulated_value(config, result, o, "people_fully"), 100 + 12);
  // Conservation: doses = people with one dose + twice those with both.
  EXPECT_DOUBLE_EQ(*simulated_value(config, result, o, "people_one_dose_plus") +
                       *simulated_value(config, result, o, "people_fully"),
                   given);
}

TEST_F(OneDeskTown, FiguresOutsideTheRunOrAfterItsLastSimulatedDayCannotBeCompared) {
  EXPECT_FALSE(
      simulated_value(config, result, at("2021-04-30", std::nullopt, "Town"), "doses_cumulative"));
  EXPECT_FALSE(
      simulated_value(config, result, at("2021-05-31", std::nullopt, "Town"), "doses_cumulative"));
  EXPECT_FALSE(simulated_value(config, result, at("2021-05-10", std::nullopt, "Town"),
                               "doses_cumulative", /*last_day=*/8));
  EXPECT_TRUE(simulated_value(config, result, at("2021-05-09", std::nullopt, "Town"),
                              "doses_cumulative", /*last_day=*/8));
}

TEST_F(OneDeskTown, CompareListsEveryFigureWithTheRunsSpreadAndTheError) {
  io::ObservedProgress observed;
  io::Observation o = at("2021-05-05", std::nullopt, "PROVINCE");
  o.doses_cumulative = 250;  // the run has 260
  o.doses_that_day = 12;
  observed.points.push_back(o);
  io::Observation late = at("2021-06-05", std::nullopt, "PROVINCE");
  late.people_fully = 1;
  observed.points.push_back(late);
  const std::vector<model::CampaignResult> runs{result, result};
  const std::vector<ComparedFigure> figures = compare(config, runs, observed);
  ASSERT_EQ(figures.size(), 3u);
  EXPECT_EQ(figures[0].measure, "doses_cumulative");
  EXPECT_DOUBLE_EQ(figures[0].mean, 260);
  EXPECT_DOUBLE_EQ(figures[0].error(), 10);
  EXPECT_DOUBLE_EQ(figures[0].relative_error(), 10.0 / 250);
  EXPECT_FALSE(figures[0].inside_band());  // both runs give 260: the band is [260, 260]
  EXPECT_EQ(figures[1].measure, "doses_that_day");
  EXPECT_TRUE(figures[1].inside_band());
  EXPECT_FALSE(figures[2].comparable());
}

TEST_F(OneDeskTown, AnUnknownPlaceIsRefused) {
  EXPECT_THROW(
      simulated_value(config, result, at("2021-05-05", std::nullopt, "Elsewhere"), "people_fully"),
      std::invalid_argument);
}

}  // namespace
}  // namespace vaxsim::fit
