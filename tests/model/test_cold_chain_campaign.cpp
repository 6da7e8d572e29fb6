// The cold chain inside a campaign: trucks and cold stores limit what reaches each city, and
// lead times delay it (the network itself is tested in tests/supply/test_cold_chain.cpp).

#include <gtest/gtest.h>

#include "vaxsim/model/campaign.hpp"
#include "vaxsim/model/verdict.hpp"

using namespace std::chrono_literals;
using namespace vaxsim;
using model::Measure;

namespace {

// Two towns with plenty of desks; the province gets 7,000 doses on day 0 and allocates them by
// population (2:1). Trucks: 1 truck x 100 doses x 2 trips = 200 a day to North (lead 2 days),
// 3 x 100 x 1 = 300 a day to South (lead 1 day).
model::CampaignConfig two_towns() {
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

TEST(ColdChainCampaign, TrucksAndLeadTimesShapeDeliveries) {
  const model::CampaignResult r = model::run_campaign(two_towns());
  const model::CityDayTable& t = r.table;
  const model::NetworkRecord& n = r.network;
  ASSERT_EQ(n.links.size(), 2u);
  EXPECT_EQ(n.links[0], "CDC -> North");
  // North is owed 4,667 (2/3 of 7,000 by largest remainder), South 2,333. At 200 and 300 a day
  // North's trucks run for 24 days (23 x 200 + 67), South's for 8 (7 x 300 + 233).
  for (int d = 0; d < t.days(); ++d) {
    const double north_loaded = n.link_flow(d, 0);
    const double south_loaded = n.link_flow(d, 1);
    EXPECT_EQ(north_loaded, d < 23 ? 200 : (d == 23 ? 67 : 0)) << "day " << d;
    EXPECT_EQ(south_loaded, d < 7 ? 300 : (d == 7 ? 233 : 0)) << "day " << d;
    // What is loaded arrives after the link's lead time, never before.
    EXPECT_EQ(t.at(Measure::delivered, d, 0), d >= 2 ? n.link_flow(d - 2, 0) : 0) << "day " << d;
    EXPECT_EQ(t.at(Measure::delivered, d, 1), d >= 1 ? n.link_flow(d - 1, 1) : 0) << "day " << d;
    // The day's movement never exceeds the network's bound (500 a day here).
    EXPECT_LE(n.shipped[d], n.bound[d]);
    EXPECT_EQ(n.bound[d], 500);
  }
  // On the first day both links are full: both are in the cut.
  EXPECT_EQ(n.binding_links[0], (std::vector<std::uint32_t>{0, 1}));
}

// With targets the trucks cannot meet, the verdict names the links that held the cities back.
TEST(ColdChainCampaign, TheVerdictNamesTheBindingLinks) {
  model::CampaignConfig c = two_towns();
  c.cities[0].daily_target = 1000;  // North gets 200 a day at most
  c.cities[1].daily_target = 1000;
  const model::CampaignResult r = model::run_campaign(c);
  const model::Verdict v = model::judge(c, r);
  ASSERT_FALSE(v.binding_links.empty());
  EXPECT_EQ(v.binding_links[0].link, "CDC -> North") << "North's trucks bind longest";
  EXPECT_GE(v.binding_links[0].days, 20);
  // Without a cold chain there is nothing to name.
  c.supply.cold_chain.reset();
  EXPECT_TRUE(model::judge(c, model::run_campaign(c)).binding_links.empty());
}

TEST(ColdChainCampaign, DosesAreConservedAtEveryNodeEveryDay) {
  const model::CampaignConfig c = two_towns();
  const model::CampaignResult r = model::run_campaign(c);
  const model::CityDayTable& t = r.table;
  double loaded = 0, delivered_total = 0;
  for (int city = 0; city < 2; ++city) {
    double delivered = 0, given = 0, wasted = 0;
    for (int d = 0; d < t.days(); ++d) {
      delivered += t.at(Measure::delivered, d, city);
      given += t.at(Measure::first_doses, d, city) + t.at(Measure::second_doses, d, city);
      wasted += t.at(Measure::wasted, d, city);
      ASSERT_EQ(delivered, given + t.at(Measure::stock, d, city) + wasted) << city << " " << d;
    }
    delivered_total += delivered;
  }
  for (int d = 0; d < t.days(); ++d) loaded += r.network.shipped[d];
  // Province: received = loaded + still at the province; loaded = delivered + on the road.
  EXPECT_EQ(static_cast<double>(r.province_received),
            loaded + static_cast<double>(r.province_stock_end));
  EXPECT_EQ(loaded, delivered_total + static_cast<double>(r.in_transit_end));
}

TEST(ColdChainCampaign, AFullColdStoreHoldsTrucksBack) {
  model::CampaignConfig c = two_towns();
  c.supply.cold_chain->nodes[2].storage_capacity = 100;  // South's store
  const model::CampaignResult r = model::run_campaign(c);
  for (int d = 0; d < r.table.days(); ++d) {
    EXPECT_LE(r.network.link_flow(d, 1), 100) << "never more than the store's room";
  }
}

TEST(ColdChainCampaign, EveryCityNeedsANode) {
  model::CampaignConfig c = two_towns();
  c.supply.cold_chain->nodes[2].name = "Elsewhere";
  const auto problems = model::validate(c);
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0].field, "supply.cold_chain.nodes");
  EXPECT_NE(problems[0].message.find("South"), std::string::npos);
}

}  // namespace
