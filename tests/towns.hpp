#pragma once
// The smallest campaign the tests compute by hand, shared by the test suites that build on it.

#include <chrono>

#include "vaxsim/model/campaign_config.hpp"
#include "vaxsim/sim/calendar.hpp"
#include "vaxsim/sim/distributions.hpp"

namespace vaxsim::test {

/// One town of 1,000, one desk open 08:00-10:00, ten minutes a person, everyone at the door at
/// opening, no no-shows, no observation, no lead time: the desk serves exactly 12 people a day
/// (08:00 ... 09:50). One inactivated product (21-56 days, second dose on day 21). No stock:
/// the caller gives it, and changes what its case needs.
inline model::CampaignConfig one_desk_town(const char* start, const char* end) {
  using namespace std::chrono_literals;
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

}  // namespace vaxsim::test
