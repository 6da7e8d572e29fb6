#include "support/towns.hpp"

#include <chrono>

#include "support/files.hpp"
#include "vaxsim/sim/calendar.hpp"
#include "vaxsim/sim/distributions.hpp"
#include "vaxsim/supply/allocation.hpp"
#include "vaxsim/supply/cold_chain.hpp"

namespace vaxsim::test {

using namespace std::chrono_literals;

model::CampaignConfig one_desk_town(const char* start, const char* end) {
  model::CampaignConfig c;
  c.name = "one desk";
  c.start = sim::parse_date(start);
  c.end = sim::parse_date(end);
  c.products.push_back({"inactivated", 21, 56, sim::Distribution::constant(21)});
  c.groups.push_back({"everyone", 1.0, c.start, 1.0});
  c.cities.push_back({"Town", 1000, {}, {}, 0});
  model::SiteSpec site;
  site.name = "clinic";
  site.desks = 1;
  site.observation = 0min;
  site.service_minutes = sim::Distribution::constant(10.0);
  site.hours.push_back({c.start, 8h, 10h});
  c.sites.push_back(site);
  c.demand.booking_fill = 1.0;
  c.demand.no_show = 0.0;
  c.demand.arrival_profile = sim::Distribution::constant(0.0);
  c.supply.lead_days = 0;
  c.targets.deadline = c.end;
  c.targets.daily_from = c.start;
  return c;
}

model::CampaignConfig one_day_binomial(double no_show) {
  model::CampaignConfig c = one_desk_town("2021-05-01", "2021-05-01");
  c.name = "one day";
  c.demand.pace_to_supply = false;
  c.demand.no_show = no_show;
  c.supply.initial_stock = {1000};
  return c;
}

model::CampaignConfig two_towns() {
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

model::CampaignConfig two_towns_by_truck() {
  model::CampaignConfig c;
  c.name = "two towns";
  c.start = sim::parse_date("2021-05-01");
  c.end = sim::parse_date("2021-05-31");
  c.products.push_back({"A", 21, 56, sim::Distribution::constant(21)});
  c.products.push_back({"B", 21, 56, sim::Distribution::constant(21)});
  c.groups.push_back({"everyone", 1.0, c.start, 1.0});
  c.cities.push_back({"North", 20'000, {}, {}, 0});
  c.cities.push_back({"South", 10'000, {}, {}, 0});
  for (std::size_t city = 0; city < 2; ++city) {
    model::SiteSpec site;
    site.name = "hall";
    site.city = city;
    site.desks = 20;
    site.service_minutes = sim::Distribution::constant(3.0);
    site.hours.push_back({c.start, 8h, 20h});
    site.observation_seats = 200;
    c.sites.push_back(site);
  }
  c.supply.initial_stock = {4'200, 2'800};
  c.supply.wastage_rate = 0.03;
  supply::ColdChainConfig net;
  net.nodes = {{"CDC", supply::NodeKind::province, supply::unlimited},
               {"North", supply::NodeKind::city, supply::unlimited},
               {"South", supply::NodeKind::city, supply::unlimited}};
  net.links = {{0, 1, 2, 1, 100, 2.0}, {0, 2, 1, 3, 100, 1.0}};
  c.supply.cold_chain = net;
  c.targets.deadline = c.end;
  c.targets.daily_from = c.start;
  return c;
}

model::CampaignConfig two_towns_by_truck_with_targets() {
  model::CampaignConfig c = two_towns_by_truck();
  c.name = "two towns, by truck";
  c.products.pop_back();  // A only
  c.cities[0].daily_target = 400;
  c.cities[1].daily_target = 250;
  for (model::SiteSpec& site : c.sites)
    site.service_minutes = sim::Distribution::lognormal(3.0, 1.0);
  c.demand.no_show = 0.2;
  c.supply.initial_stock = {7'000};
  c.supply.wastage_rate = 0.0;
  c.targets.daily_doses = 600;
  c.targets.daily_from = sim::parse_date("2021-05-03");
  c.targets.deadline = sim::parse_date("2021-05-28");
  c.targets.doses = 6'000;
  c.targets.people_fully_vaccinated = 500;
  c.targets.coverage_levels = {0.01, 0.05};
  c.targets.coverage_base = 30'000;
  return c;
}

std::filesystem::path two_towns_yaml() { return source_file("tests/support/two-towns.yaml"); }

}  // namespace vaxsim::test
