#include <gtest/gtest.h>

#include "support/towns.hpp"
#include "vaxsim/model/campaign.hpp"
#include "vaxsim/sim/eigen_view.hpp"

using namespace std::chrono_literals;
using namespace vaxsim;
using model::Measure;

namespace {

// The one-desk town of the hand-computed case (test_campaign.cpp) with four desks: 48 doses a day
// at most, with weekly deliveries of 100 doses, allocated daily, not paced.
model::CampaignConfig town() {
  model::CampaignConfig c = test::one_desk_town("2021-05-01", "2021-05-28");
  c.name = "town";
  c.sites[0].desks = 4;
  c.demand.pace_to_supply = false;
  for (int week = 0; week < 4; ++week) {
    c.supply.deliveries.push_back({sim::Calendar{c.start}.date(7 * week), 0, 100});
  }
  c.supply.allocation_every_days = 1;
  return c;
}

double total(const model::CampaignResult& r, Measure m) {
  return as_eigen(r.table.column(m)).sum();
}

TEST(Uncertainty, DeliveryQuantityFactorScalesEveryDelivery) {
  model::CampaignConfig c = town();
  c.uncertainty.delivery_quantity_factor = sim::Distribution::constant(0.5);
  const model::CampaignResult r = model::run_campaign(c);
  EXPECT_EQ(r.province_received, 4 * 50);
  EXPECT_EQ(total(r, Measure::delivered), 200);
}

TEST(Uncertainty, DeliveryDelayShiftsArrivals) {
  model::CampaignConfig c = town();
  c.uncertainty.delivery_delay_days = sim::Distribution::constant(3);
  const model::CampaignResult r = model::run_campaign(c);
  for (int d = 0; d < r.table.days(); ++d) {
    EXPECT_EQ(r.table.at(Measure::delivered, d, 0), d % 7 == 3 ? 100 : 0) << "day " << d;
  }
  // The last delivery (day 21) arrives on day 24, inside the run; one pushed past the end
  // would never arrive.
  c.uncertainty.delivery_delay_days = sim::Distribution::constant(10);
  EXPECT_EQ(model::run_campaign(c).province_received, 300);
}

TEST(Uncertainty, StaffAbsenceClosesDesks) {
  model::CampaignConfig c = town();
  c.uncertainty.staff_absence = sim::Distribution::constant(0.5);
  const model::CampaignResult r = model::run_campaign(c);
  EXPECT_EQ(r.table.at(Measure::desks_open, 0, 0), 2);
  EXPECT_EQ(r.table.at(Measure::capacity, 0, 0), 24);  // 2 desks x 12
}

TEST(Uncertainty, SlowerServiceThanPlannedSendsPeopleHome) {
  model::CampaignConfig c = town();
  c.supply.deliveries.clear();
  c.supply.initial_stock = {1000};
  c.uncertainty.service_time_factor = sim::Distribution::constant(2.0);
  const model::CampaignResult r = model::run_campaign(c);
  // Booking still plans 10 minutes (48 a day on 4 desks); 20-minute services serve 24, and 24
  // are still queueing at 10:00.
  EXPECT_EQ(r.table.at(Measure::booked, 0, 0), 48);
  EXPECT_EQ(r.table.at(Measure::first_doses, 0, 0), 24);
  EXPECT_EQ(r.table.at(Measure::unmet, 0, 0), 24);
}

TEST(Uncertainty, UptakeAndNoShowsChangeDemand) {
  model::CampaignConfig c = town();
  c.uncertainty.uptake_factor = sim::Distribution::constant(0.0);
  EXPECT_EQ(total(model::run_campaign(c), Measure::first_doses), 0);
  c = town();
  c.uncertainty.no_show = sim::Distribution::constant(0.99);
  const auto few = total(model::run_campaign(c), Measure::first_doses);
  EXPECT_LT(few, 30) << "with 99% no-shows almost nobody comes";
}

// Replications differ when something is uncertain; each uncertainty has its own stream, so
// adding one leaves the draws of the others (and of everything else) as they were: common
// random numbers between scenarios.
TEST(Uncertainty, ReplicationsDifferAndStreamsStayApart) {
  model::CampaignConfig c = town();
  c.uncertainty.delivery_quantity_factor = sim::Distribution::uniform(0.5, 1.5);
  const auto a = model::run_campaign(c, {.seed = 3, .replication = 0});
  const auto b = model::run_campaign(c, {.seed = 3, .replication = 1});
  EXPECT_NE(a.province_received, b.province_received);
  c.uncertainty.uptake_factor = sim::Distribution::uniform(0.9, 1.0);
  c.uncertainty.staff_absence = sim::Distribution::uniform(0.0, 0.1);
  const auto a2 = model::run_campaign(c, {.seed = 3, .replication = 0});
  EXPECT_EQ(a.province_received, a2.province_received);
  EXPECT_TRUE(a.table.column(Measure::delivered) == a2.table.column(Measure::delivered));
}

TEST(Uncertainty, NegativeDistributionsAreRejected) {
  model::CampaignConfig c = town();
  c.uncertainty.staff_absence = sim::Distribution::uniform(-0.1, 0.1);
  const auto problems = model::validate(c);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "uncertainty.staff_absence");
}

}  // namespace
