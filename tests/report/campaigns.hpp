#pragma once
// A small campaign for the report tests that run the real model: two towns supplied through a
// cold chain whose trucks cannot carry what the towns' targets need, so that links bind; random
// service times and no-shows, so that replications differ. A few milliseconds a run.

#include <chrono>

#include "vaxsim/model/campaign_config.hpp"
#include "vaxsim/sim/calendar.hpp"
#include "vaxsim/sim/distributions.hpp"
#include "vaxsim/supply/cold_chain.hpp"

namespace vaxsim_test {

inline vaxsim::model::CampaignConfig cold_chain_towns() {
  using namespace std::chrono_literals;
  namespace model = vaxsim::model;
  namespace sim = vaxsim::sim;
  namespace supply = vaxsim::supply;
  model::CampaignConfig c;
  c.name = "two towns, by truck";
  c.start = sim::parse_date("2021-05-01");
  c.end = sim::parse_date("2021-05-31");
  c.products.push_back({"A", 21, 56, sim::Distribution::constant(21)});
  c.groups.push_back({"everyone", 1.0, c.start, 1.0});
  c.cities.push_back({"North", 20'000, {}, {}, 400});
  c.cities.push_back({"South", 10'000, {}, {}, 250});
  for (std::size_t city = 0; city < 2; ++city) {
    model::SiteSpec site;
    site.name = "hall";
    site.city = city;
    site.desks = 20;
    site.service_minutes = sim::Distribution::lognormal(3.0, 1.0);
    site.hours.push_back({c.start, 8h, 20h});
    site.observation_seats = 200;
    c.sites.push_back(site);
  }
  c.demand.no_show = 0.2;
  c.supply.initial_stock = {7'000};
  // Trucks: 1 x 100 x 2 = 200 a day to North (lead 2 days), 3 x 100 x 1 = 300 to South (1 day).
  supply::ColdChainConfig net;
  net.nodes = {{"CDC", supply::NodeKind::province, supply::unlimited},
               {"North", supply::NodeKind::city, supply::unlimited},
               {"South", supply::NodeKind::city, supply::unlimited}};
  net.links = {{0, 1, 2, 1, 100, 2.0}, {0, 2, 1, 3, 100, 1.0}};
  c.supply.cold_chain = net;
  c.targets.daily_doses = 600;
  c.targets.daily_from = sim::parse_date("2021-05-03");
  c.targets.deadline = sim::parse_date("2021-05-28");
  c.targets.doses = 6'000;
  c.targets.people_fully_vaccinated = 500;
  c.targets.coverage_levels = {0.01, 0.05};
  c.targets.coverage_base = 30'000;
  return c;
}

}  // namespace vaxsim_test
