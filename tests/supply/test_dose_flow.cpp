// The dose flow on its own, handed numbers as the campaign hands them: every dose received is
// given, wasted, expired or still held somewhere.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "vaxsim/sim/calendar.hpp"
#include "vaxsim/sim/eigen_view.hpp"
#include "vaxsim/supply/dose_flow.hpp"
#include "vaxsim/supply/supply_plan.hpp"
#include "vaxsim/supply/supply_record.hpp"

namespace supply = vaxsim::supply;

namespace {

struct Totals {
  std::int64_t given = 0;
  std::int64_t wasted = 0;
  std::int64_t expired = 0;
};

// Two cities of two sites each; each site gives up to 25 doses a day and loses one.
Totals run_flow(supply::DoseFlow& flow, int days, std::size_t products) {
  Totals t;
  const std::vector<double> capacity{30.0, 20.0};
  for (int day = 0; day < days; ++day) {
    flow.start_day(day);
    if (flow.allocates_on(day)) {
      flow.allocate(day, std::vector<supply::CityNeeds>{{.residents = 100}, {.residents = 300}});
    }
    flow.move(day);
    for (std::size_t c = 0; c < 2; ++c) flow.dispatch(day, c, capacity);
    for (std::size_t s = 0; s < 4; ++s) {
      std::vector<std::int64_t> given(products, 0);
      std::int64_t left = 25;
      for (std::size_t p = 0; p < products; ++p) {
        given[p] = std::min(left, flow.at_site(s, p));
        left -= given[p];
        t.given += given[p];
      }
      t.wasted += flow.use_at_site(s, given, 1, left);
    }
    for (std::size_t c = 0; c < 2; ++c) t.expired += flow.expired_today(c);
    flow.record_day(day);
  }
  return t;
}

supply::SupplyPlaces two_cities() { return {{"A", "B"}, {{0, ""}, {0, ""}, {1, ""}, {1, ""}}}; }

TEST(DoseFlow, EveryDoseReceivedIsGivenWastedExpiredOrHeld) {
  supply::SupplyPlan plan;
  plan.initial_stock = {1000, 500};
  const vaxsim::sim::Date start = vaxsim::sim::parse_date("2021-05-01");
  plan.deliveries = {{vaxsim::sim::parse_date("2021-05-08"), 0, 700, std::nullopt}};
  const std::vector<std::optional<int>> shelf_lives{std::nullopt, 9};
  supply::DoseFlow flow{plan, plan.deliveries, shelf_lives, start, 30, two_cities()};
  const int days = 30;
  const Totals t = run_flow(flow, days, 2);

  EXPECT_EQ(flow.province_received(), 2200);
  std::int64_t held = flow.province_stock() + flow.in_transit();
  for (std::size_t c = 0; c < 2; ++c) held += flow.city_stock(c);
  const supply::SupplyRecord record = flow.take_record();
  const std::int64_t province_expired = static_cast<std::int64_t>(
      vaxsim::sim::as_eigen(record.expired).col(supply::SupplyRecord::province()).sum());
  EXPECT_GT(t.given, 0);
  EXPECT_GT(t.expired + province_expired, 0);  // the second product's short shelf life
  EXPECT_EQ(t.given + t.wasted + t.expired + province_expired + held, 2200);
  // The record's sites give what the sites gave.
  double sent_by_sites = 0;
  for (int c = 0; c < 2; ++c)
    sent_by_sites += vaxsim::sim::as_eigen(record.sent).col(supply::SupplyRecord::sites(c)).sum();
  EXPECT_EQ(static_cast<std::int64_t>(sent_by_sites), t.given);
}

TEST(DoseFlow, AClosedSiteGetsNothing) {
  supply::SupplyPlan plan;
  plan.initial_stock = {1000};
  plan.lead_days = 0;
  const std::vector<std::optional<int>> shelf_lives{std::nullopt};
  supply::DoseFlow flow{plan, {},          shelf_lives, vaxsim::sim::parse_date("2021-05-01"),
                        5,    two_cities()};
  flow.start_day(0);
  flow.allocate(0, std::vector<supply::CityNeeds>{{.residents = 1}, {.residents = 1}});
  flow.move(0);
  flow.dispatch(0, 0, std::vector<double>{10.0, 0.0});
  EXPECT_EQ(flow.at_site(0, 0), 20);  // two days of cover
  EXPECT_EQ(flow.at_site(1, 0), 0);
}

}  // namespace
