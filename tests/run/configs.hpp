#pragma once
// Small in-code campaigns for the run-layer tests: quick to simulate (a few milliseconds a
// replication), random enough that replications differ.

#include <chrono>

#include "../towns.hpp"
#include "vaxsim/model/campaign_config.hpp"
#include "vaxsim/sim/calendar.hpp"
#include "vaxsim/sim/distributions.hpp"
#include "vaxsim/supply/allocation.hpp"

namespace vaxsim::test {

using namespace std::chrono_literals;

/// Two towns, one product, four weeks; random service and return times, no-shows, walk-ins.
inline model::CampaignConfig two_towns() {
  model::CampaignConfig c;
  c.name = "two towns";
  c.start = sim::parse_date("2021-05-01");
  c.end = sim::parse_date("2021-05-28");
  c.products.push_back({"inactivated", 21, 56, sim::Distribution::uniform(21, 28)});
  c.groups.push_back({"priority", 0.1, c.start, 1.0});
  c.groups.push_back({"adults", 0.7, sim::parse_date("2021-05-08"), 0.8});
  c.cities.push_back({"North", 6000, {}, {}, 160});
  c.cities.push_back({"South", 4000, {}, {}, 100});
  for (std::size_t city = 0; city < 2; ++city) {
    model::SiteSpec site;
    site.name = city == 0 ? "north clinic" : "south clinic";
    site.city = city;
    site.desks = 2;
    site.observation_seats = 10;
    site.service_minutes = sim::Distribution::lognormal(4.0, 1.5);
    site.hours = {{c.start, 8h, 18h}, {sim::parse_date("2021-05-15"), 8h, 20h}};
    c.sites.push_back(site);
  }
  c.demand.no_show = 0.1;
  c.demand.walk_in_rate = 0.01;
  c.supply.initial_stock = {2000};
  for (int week = 0; week < 4; ++week) {
    const sim::Date date{std::chrono::sys_days{c.start} + std::chrono::days{7 * week + 2}};
    c.supply.deliveries.push_back({date, 0, 1500});
  }
  c.supply.allocation = supply::make_allocation_policy("population");
  c.targets.daily_doses = 250;
  c.targets.daily_from = sim::parse_date("2021-05-08");
  c.targets.deadline = c.end;
  c.targets.doses = 5000;
  c.targets.people_fully_vaccinated = 300;
  c.targets.coverage_levels = {0.02, 0.05};
  c.targets.coverage_base = 10000;
  return c;
}

/// One day, one desk with twelve appointments (08:00-10:00, ten minutes each), everyone booked
/// at opening and each booked person staying home with probability `no_show`: the day's doses
/// are Binomial(12, 1 - no_show), exactly.
inline model::CampaignConfig one_day_binomial(double no_show) {
  model::CampaignConfig c = one_desk_town("2021-05-01", "2021-05-01");
  c.name = "one day";
  c.demand.pace_to_supply = false;
  c.demand.no_show = no_show;
  c.supply.initial_stock = {1000};
  return c;
}

}  // namespace vaxsim::test
