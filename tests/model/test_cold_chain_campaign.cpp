// Supply inside a campaign: trucks and cold stores limit what reaches each city, lead times
// delay it, doses expire, and the supply record accounts for every dose at every node and day
// (the network itself is tested in tests/supply/test_cold_chain.cpp, lots in test_stock_lots.cpp).

#include <gtest/gtest.h>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "support/towns.hpp"
#include "vaxsim/model/campaign.hpp"
#include "vaxsim/model/verdict.hpp"
#include "vaxsim/sim/eigen_view.hpp"

using namespace std::chrono_literals;
using namespace vaxsim;
using model::Measure;

namespace {

// Most cases below run test::two_towns_by_truck (support/towns.hpp): two towns with plenty of
// desks; the province holds 7,000 doses on day 0 (4,200 A, 2,800 B) and allocates them by
// population (2:1); trucks carry 1 x 100 x 2 = 200 a day to North (lead 2 days) and 3 x 100 x 1 =
// 300 a day to South (lead 1 day).
TEST(ColdChainCampaign, TrucksAndLeadTimesShapeDeliveries) {
  const model::CampaignResult r = model::run_campaign(test::two_towns_by_truck());
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
  model::CampaignConfig c = test::two_towns_by_truck();
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
  const model::CampaignConfig c = test::two_towns_by_truck();
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
  model::CampaignConfig c = test::two_towns_by_truck();
  c.supply.cold_chain->nodes[2].storage_capacity = 100;  // South's store
  const model::CampaignResult r = model::run_campaign(c);
  for (int d = 0; d < r.table.days(); ++d) {
    EXPECT_LE(r.network.link_flow(d, 1), 100) << "never more than the store's room";
  }
}

TEST(ColdChainCampaign, EveryCityNeedsANode) {
  model::CampaignConfig c = test::two_towns_by_truck();
  c.supply.cold_chain->nodes[2].name = "Elsewhere";
  const auto problems = model::validate(c);
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0].field, "supply.cold_chain.nodes");
  EXPECT_NE(problems[0].message.find("South"), std::string::npos);
}

}  // namespace

// ---- The supply record, expiry ------------------------------------------------------------------

namespace {

using model::SupplyRecord;

sim::Date day_of(const model::CampaignConfig& c, int day) {
  return sim::Calendar{c.start}.date(day);
}

// two_towns_by_truck with 2 desks a town (about 430 doses a day each), so that stock lingers, and
// doses that expire: the initial A after 10 days, weekly A after 10, weekly B on their own dates, 5
// days after delivery.
model::CampaignConfig two_towns_with_expiry() {
  model::CampaignConfig c = test::two_towns_by_truck();
  for (model::SiteSpec& site : c.sites) site.desks = 2;
  c.products[0].shelf_life_days = 10;
  for (int week = 1; week < 4; ++week) {
    const sim::Date date = day_of(c, 7 * week);
    c.supply.deliveries.push_back({date, 0, 1500});
    c.supply.deliveries.push_back({date, 1, 1000, day_of(c, 7 * week + 5)});
  }
  return c;
}

// Every node, every day: stock = yesterday's + received - sent - wasted - expired - overflow.
// Between nodes: a store sends what its own sites receive plus what it loads for its counties, a
// county sends what its sites receive, the sites send what they give, and the province sends what
// the stores receive or is still on the road. The city table agrees (a city holds its counties'
// doses, on the road to them or in their stores). county_city[k]: the city of the k-th county node.
void expect_conserved(const model::CampaignResult& r, const std::vector<int>& county_city = {}) {
  const SupplyRecord& s = r.supply;
  const model::CityDayTable& t = r.table;
  const int first_county = SupplyRecord::first_county(t.cities());
  ASSERT_EQ(s.node_count(), first_county + static_cast<int>(county_city.size()));
  ASSERT_EQ(s.days(), t.days());
  for (int node = 0; node < s.node_count(); ++node) {
    double yesterday = 0;
    for (int d = 0; d < s.days(); ++d) {
      ASSERT_EQ(s.stock(d, node), yesterday + s.received(d, node) - s.sent(d, node) -
                                      s.wasted(d, node) - s.expired(d, node) - s.overflow(d, node))
          << s.nodes[static_cast<std::size_t>(node)] << " ("
          << model::to_string(s.kinds[static_cast<std::size_t>(node)]) << ") day " << d;
      ASSERT_GE(s.stock(d, node), 0);
      yesterday = s.stock(d, node);
    }
  }
  double stores_received = 0;
  double to_counties = 0;  // on the road to county stores at the end
  for (int c = 0; c < t.cities(); ++c) {
    const int store = SupplyRecord::store(c), sites = SupplyRecord::sites(c);
    std::vector<int> counties;
    for (std::size_t k = 0; k < county_city.size(); ++k) {
      if (county_city[k] == c) counties.push_back(first_county + static_cast<int>(k));
    }
    double on_the_road = 0;
    for (int d = 0; d < t.days(); ++d) {
      double from_counties = 0, county_stock = 0, county_expired = 0;
      for (const int k : counties) {
        from_counties += s.sent(d, k);
        county_stock += s.stock(d, k);
        county_expired += s.expired(d, k);
        on_the_road -= s.received(d, k);
        EXPECT_EQ(s.wasted(d, k), 0);
        EXPECT_EQ(s.overflow(d, k), 0);
      }
      const double loaded = s.sent(d, store) - (s.received(d, sites) - from_counties);
      on_the_road += loaded;
      EXPECT_GE(on_the_road, 0) << "city " << c << " day " << d;
      if (counties.empty()) {
        EXPECT_EQ(loaded, 0) << "city " << c << " day " << d;
      }
      EXPECT_EQ(s.sent(d, sites),
                t.at(Measure::first_doses, d, c) + t.at(Measure::second_doses, d, c));
      EXPECT_EQ(s.wasted(d, sites), t.at(Measure::wasted, d, c));
      EXPECT_EQ(s.wasted(d, store), 0);
      EXPECT_EQ(s.received(d, store), t.at(Measure::delivered, d, c));
      EXPECT_EQ(s.stock(d, store) + s.stock(d, sites) + county_stock + on_the_road,
                t.at(Measure::stock, d, c))
          << "city " << c << " day " << d;
      EXPECT_EQ(s.expired(d, store) + s.expired(d, sites) + county_expired,
                t.at(Measure::expired, d, c));
      EXPECT_EQ(s.overflow(d, sites), 0);
    }
    stores_received += as_eigen(s.received).col(store).sum();
    to_counties += on_the_road;
  }
  EXPECT_EQ(as_eigen(s.sent).col(SupplyRecord::province()).sum(),
            stores_received + static_cast<double>(r.in_transit_end) - to_counties);
  EXPECT_EQ(as_eigen(s.received).col(SupplyRecord::province()).sum(),
            static_cast<double>(r.province_received));
  EXPECT_EQ(s.stock(t.days() - 1, SupplyRecord::province()),
            static_cast<double>(r.province_stock_end));
  EXPECT_EQ(as_eigen(s.wasted).col(SupplyRecord::province()).sum(), 0);
  // Province-wide: every dose received is given, lost, held somewhere or on the road.
  const int last = t.days() - 1;
  double given = 0;
  for (int c = 0; c < t.cities(); ++c) given += as_eigen(s.sent).col(SupplyRecord::sites(c)).sum();
  EXPECT_EQ(static_cast<double>(r.province_received),
            given + as_eigen(s.wasted).sum() + as_eigen(s.expired).sum() +
                as_eigen(s.overflow).sum() + as_eigen(s.stock).row(last).sum() +
                static_cast<double>(r.in_transit_end));
}

double total_expired(const model::CampaignResult& r) { return as_eigen(r.supply.expired).sum(); }

}  // namespace

TEST(SupplyRecord, NamesTheProvinceThenEachCitysStoreAndSites) {
  const model::CampaignResult with_chain = model::run_campaign(test::two_towns_by_truck());
  EXPECT_EQ(with_chain.supply.nodes,
            (std::vector<std::string>{"CDC", "North", "North", "South", "South"}));
  using K = model::SupplyNodeKind;
  EXPECT_EQ(with_chain.supply.kinds,
            (std::vector<K>{K::province, K::store, K::sites, K::store, K::sites}));
  model::CampaignConfig c = test::two_towns_by_truck();
  c.supply.cold_chain.reset();
  EXPECT_EQ(model::run_campaign(c).supply.nodes[0], "province");
}

TEST(SupplyRecord, DosesAreConservedAtEveryNodeEveryDayWithAColdChain) {
  const model::CampaignConfig c = two_towns_with_expiry();
  const model::CampaignResult r = model::run_campaign(c);
  expect_conserved(r);
  EXPECT_GT(total_expired(r), 0) << "the case must exercise expiry";
  EXPECT_GT(as_eigen(r.supply.wasted).sum(), 0);
  // The province sends what the trucks load, never more than the day's bound.
  for (int d = 0; d < r.table.days(); ++d) {
    EXPECT_EQ(r.supply.sent(d, SupplyRecord::province()), r.network.shipped[d]) << "day " << d;
    EXPECT_LE(r.supply.sent(d, SupplyRecord::province()), r.network.bound[d]) << "day " << d;
  }
}

TEST(SupplyRecord, DosesAreConservedAtEveryNodeEveryDayWithAmpleTrucks) {
  model::CampaignConfig c = two_towns_with_expiry();
  for (supply::ColdChainLink& link : c.supply.cold_chain->links) link.trucks *= 50;
  const model::CampaignResult r = model::run_campaign(c);
  expect_conserved(r);
  EXPECT_GT(as_eigen(r.table.column(Measure::expired)).sum(), 0)
      << "doses must expire in the cities too";
}

// Without a cold chain: the same accounts, and what the province allocates reaches the city
// stores exactly `lead_days` later.
TEST(SupplyRecord, DosesAreConservedAtEveryNodeEveryDayWithoutAColdChain) {
  model::CampaignConfig c = two_towns_with_expiry();
  c.supply.cold_chain.reset();
  c.supply.lead_days = 2;
  const model::CampaignResult r = model::run_campaign(c);
  expect_conserved(r);
  EXPECT_GT(as_eigen(r.table.column(Measure::expired)).sum(), 0);
  const SupplyRecord& s = r.supply;
  for (int d = 0; d < r.table.days(); ++d) {
    const double arrived =
        s.received(d, SupplyRecord::store(0)) + s.received(d, SupplyRecord::store(1));
    EXPECT_EQ(arrived, d >= 2 ? s.sent(d - 2, SupplyRecord::province()) : 0.0) << "day " << d;
  }
}

// On every allocation day the province sends all it has (population: every city has a weight),
// and nothing on other days; with the backlog policy never more than it had.
TEST(SupplyRecord, TheWeeklyAllocationSendsWhatTheProvinceHad) {
  model::CampaignConfig c = two_towns_with_expiry();
  c.supply.cold_chain.reset();
  for (const char* policy : {"population", "backlog"}) {
    c.supply.allocation = supply::make_allocation_policy(policy);
    const model::CampaignResult r = model::run_campaign(c);
    const SupplyRecord& s = r.supply;
    const int p = SupplyRecord::province();
    double allocated = 0;
    for (int d = 0; d < r.table.days(); ++d) {
      const double had =
          (d > 0 ? s.stock(d - 1, p) : 0.0) + s.received(d, p) - s.expired(d, p) - s.overflow(d, p);
      if (d % 7 != 0) {
        EXPECT_EQ(s.sent(d, p), 0) << policy << " day " << d;
      } else if (std::string_view(policy) == "population") {
        EXPECT_EQ(s.sent(d, p), had) << policy << " day " << d;
        EXPECT_EQ(s.stock(d, p), 0) << policy << " day " << d;
      } else {
        EXPECT_LE(s.sent(d, p), had) << policy << " day " << d;
      }
      allocated += s.sent(d, p);
    }
    EXPECT_GT(allocated, 0) << policy;
  }
}

TEST(SupplyRecord, AFullProvinceStoreTurnsDosesAway) {
  model::CampaignConfig c = two_towns_with_expiry();
  c.supply.cold_chain->nodes[0].storage_capacity = 5'000;
  const model::CampaignResult r = model::run_campaign(c);
  expect_conserved(r);
  const SupplyRecord& s = r.supply;
  // 7,000 doses of initial stock for 5,000 places.
  EXPECT_EQ(s.received(0, SupplyRecord::province()), 7'000);
  EXPECT_EQ(s.overflow(0, SupplyRecord::province()), 2'000);
  for (int d = 0; d < r.table.days(); ++d) {
    EXPECT_LE(s.stock(d, SupplyRecord::province()), 5'000) << "day " << d;
  }
  EXPECT_EQ(as_eigen(s.overflow).col(SupplyRecord::store(0)).sum() +
                as_eigen(s.overflow).col(SupplyRecord::store(1)).sum(),
            0)
      << "trucks load only what fits in a city's store";
}

// A delivery on day 1 waits for the allocation on day 7, but expires on day 4: all 500 doses are
// removed at the province on the morning of day 4, and the town never sees them.
TEST(Expiry, ALotThatExpiresBeforeItIsAllocated) {
  model::CampaignConfig c = test::one_desk_town();
  c.supply.initial_stock = {1000};
  c.supply.deliveries.push_back({day_of(c, 1), 0, 500, day_of(c, 4)});
  const model::CampaignResult r = model::run_campaign(c);
  const SupplyRecord& s = r.supply;
  for (int d = 0; d < r.table.days(); ++d) {
    EXPECT_EQ(s.expired(d, SupplyRecord::province()), d == 4 ? 500 : 0) << "day " << d;
    EXPECT_EQ(r.table.at(Measure::expired, d, 0), 0) << "day " << d;
    EXPECT_EQ(r.table.at(Measure::first_doses, d, 0) + r.table.at(Measure::second_doses, d, 0), 12);
  }
  EXPECT_EQ(s.stock(3, SupplyRecord::province()), 500);
  EXPECT_EQ(s.stock(4, SupplyRecord::province()), 0);
  EXPECT_EQ(s.sent(7, SupplyRecord::province()), 0) << "nothing left to allocate on day 7";
  expect_conserved(r);
}

// 50 doses expiring on day 3 arrive with 1,000 that never expire. Sites are topped up to 2 days
// (24 doses) each morning, earliest expiry first, and give 12 a day: days 0-2 use 36 of the 50.
// On the morning of day 3 the 14 left expire: 12 at the site (topped up to 24 on day 2, 12
// given) and 2 in the store.
TEST(Expiry, TheEarliestLotsAreUsedFirstAndTheRestExpiresOnTheDay) {
  model::CampaignConfig c = test::one_desk_town();
  c.supply.deliveries.push_back({c.start, 0, 1000});
  c.supply.deliveries.push_back({c.start, 0, 50, day_of(c, 3)});
  const model::CampaignResult r = model::run_campaign(c);
  const SupplyRecord& s = r.supply;
  for (int d = 0; d < r.table.days(); ++d) {
    EXPECT_EQ(s.expired(d, SupplyRecord::store(0)), d == 3 ? 2 : 0) << "day " << d;
    EXPECT_EQ(s.expired(d, SupplyRecord::sites(0)), d == 3 ? 12 : 0) << "day " << d;
    EXPECT_EQ(r.table.at(Measure::expired, d, 0), d == 3 ? 14 : 0) << "day " << d;
    EXPECT_EQ(r.table.at(Measure::first_doses, d, 0) + r.table.at(Measure::second_doses, d, 0), 12)
        << "day " << d;
  }
  EXPECT_EQ(as_eigen(s.expired).col(SupplyRecord::province()).sum(), 0);
  expect_conserved(r);
}

namespace {

struct DosesByDay : model::DoseObserver {
  std::map<int, double> given;  // day -> doses, all cities
  void on_dose(const model::DoseRecord& d) override { given[d.day] += 1; }
};

}  // namespace

// No dose is given from an expired lot. A dose given on day t comes from a lot that reached the
// province by t and expires after t; so in every span of days [a, b] the doses given never exceed
// the doses of the lots alive in it (delivered by b, expiring after a). Shelf lives of 3 and 4
// days with weekly deliveries leave days with no lot alive although expired doses were still at
// the stores and sites that morning: a dose given from them would break the bound.
TEST(Expiry, NoDoseIsGivenFromAnExpiredLot) {
  model::CampaignConfig c = test::two_towns_by_truck();
  for (supply::ColdChainLink& link : c.supply.cold_chain->links) link.trucks *= 50;
  c.products[0].shelf_life_days = 4;
  c.products[1].shelf_life_days = 3;
  for (int week = 1; week < 4; ++week) {
    c.supply.deliveries.push_back({day_of(c, 7 * week), 0, 1'500});
    c.supply.deliveries.push_back({day_of(c, 7 * week), 1, 1'000});
  }
  DosesByDay log;
  const model::CampaignResult r = model::run_campaign(c, {.seed = 3, .observer = &log});
  struct Lot {
    int arrives, expires;
    double doses;
  };
  std::vector<Lot> lots;
  for (std::size_t p = 0; p < 2; ++p) {
    lots.push_back(
        {0, *c.products[p].shelf_life_days, static_cast<double>(c.supply.initial_stock[p])});
  }
  const sim::Calendar calendar{c.start};
  for (const supply::Delivery& d : c.supply.deliveries) {
    const int day = calendar.day_index(d.date);
    lots.push_back(
        {day, day + *c.products[d.product].shelf_life_days, static_cast<double>(d.doses)});
  }
  bool bites = false;
  const int days = r.table.days();
  for (int a = 0; a < days; ++a) {
    double given = 0;
    for (int b = a; b < days; ++b) {
      given += log.given[b];
      double alive = 0;
      for (const Lot& lot : lots) alive += lot.arrives <= b && lot.expires > a ? lot.doses : 0.0;
      ASSERT_LE(given, alive) << "doses given on days " << a << " to " << b;
      bites = bites ||
              (b == a && alive == 0 && as_eigen(r.table.column(Measure::expired)).row(a).sum() > 0);
    }
  }
  EXPECT_TRUE(bites) << "no day without a live lot followed an expiry: the case is too loose";
}

// Stock-outs, read top-down: on day 0 the town's sites turn people away while the store still
// holds doses (a top-up matter); from day 1 the store, and the province, are empty too.
TEST(SupplyRecord, StockOutsShowWhereTheDosesRanOut) {
  model::CampaignConfig c = test::one_desk_town();
  c.supply.initial_stock = {30};
  c.demand.pace_to_supply = false;
  c.demand.walk_in_rate = 1.0;  // everyone waiting comes: more people than doses, every day
  const model::CampaignResult r = model::run_campaign(c);
  const SupplyRecord& s = r.supply;
  const int store = SupplyRecord::store(0), sites = SupplyRecord::sites(0);
  const int province = SupplyRecord::province();
  // Day 0: 30 doses allocated, 24 sent on to the site, 6 kept in the store.
  EXPECT_EQ(s.stock(0, store), 6);
  EXPECT_GT(s.stock_out(0, sites), 0);
  EXPECT_EQ(s.stock_out(0, sites), r.table.at(Measure::no_stock, 0, 0));
  EXPECT_EQ(s.stock_out(0, store), 0);
  EXPECT_EQ(s.stock_out(0, province), 0);
  for (int d = 1; d < r.table.days(); ++d) {
    EXPECT_EQ(s.stock(d, store), 0);
    EXPECT_GT(s.stock_out(d, sites), 0) << "day " << d;
    EXPECT_EQ(s.stock_out(d, sites), r.table.at(Measure::no_stock, d, 0)) << "day " << d;
    EXPECT_EQ(s.stock_out(d, store), s.stock_out(d, sites)) << "day " << d;
    EXPECT_EQ(s.stock_out(d, province), s.stock_out(d, sites)) << "day " << d;
  }
  // With doses left at the province (a second delivery waiting for day 7), the province is
  // not out: the stores' stock-outs stop there.
  c.supply.deliveries.push_back({day_of(c, 1), 0, 100});
  const model::CampaignResult later = model::run_campaign(c);
  EXPECT_GT(later.supply.stock_out(2, store), 0);
  EXPECT_EQ(later.supply.stock_out(2, province), 0);
}

namespace {

// Who had a first and a second dose on which day, of which product, in which city.
struct DoseLog : model::DoseObserver {
  std::map<std::uint32_t, int> first_day, second_day;
  std::map<std::uint32_t, int> first_product, second_product, city;
  void on_dose(const model::DoseRecord& d) override {
    (d.dose == 1 ? first_day : second_day)[d.person] = d.day;
    (d.dose == 1 ? first_product : second_product)[d.person] = d.product;
    city[d.person] = static_cast<int>(d.city);
  }
  // People whose second dose fell due on or before `last` and who never had it.
  int never(int last) const {
    int n = 0;
    for (const auto& [person, day] : first_day) {
      n += day + 21 <= last && !second_day.contains(person) ? 1 : 0;
    }
    return n;
  }
  // People whose second dose was of another product than their first.
  int mixed() const {
    int n = 0;
    for (const auto& [person, product] : second_product) {
      n += first_product.at(person) != product ? 1 : 0;
    }
    return n;
  }
  // People whose second dose fell due (21 days after the first) on or before `last` and who did
  // not have it that day.
  int not_on_time(int last) const {
    int n = 0;
    for (const auto& [person, day] : first_day) {
      if (day + 21 > last) continue;
      const auto second = second_day.find(person);
      n += second == second_day.end() || second->second != day + 21 ? 1 : 0;
    }
    return n;
  }
};

// two_towns_by_truck until the end of June, without no-shows or wastage.
model::CampaignConfig two_towns_to_the_end_of_june() {
  model::CampaignConfig c = test::two_towns_by_truck();
  c.end = sim::parse_date("2021-06-30");
  c.demand.no_show = 0.0;
  c.supply.wastage_rate = 0.0;
  return c;
}

// The campaign run twice: as given, then with a 25-day second-dose reserve from the start.
struct WithoutAndWithReserve {
  DoseLog plain;
  DoseLog reserved;
  model::CampaignResult with;
};
WithoutAndWithReserve run_without_and_with_reserve(model::CampaignConfig c) {
  WithoutAndWithReserve r;
  model::run_campaign(c, {.observer = &r.plain});
  c.policies.push_back({c.start, true, true, 25});
  r.with = model::run_campaign(c, {.observer = &r.reserved});
  return r;
}

}  // namespace

// Supply through the trucks is enough for the second dose of every first dose given, but
// deliveries stop after four weeks. With reservation on (for more than the 21-day interval) every
// second dose is given on the day it falls due: none waits or is missed for lack of stock.
// Without it, first doses take the doses the second doses needed. Two products: below.
TEST(Reservation, NoSecondDoseIsMissedForLackOfStockWhenSupplySuffices) {
  model::CampaignConfig c = two_towns_to_the_end_of_june();
  c.supply.initial_stock = {7'000, 0};
  for (int week = 1; week <= 4; ++week) {
    c.supply.deliveries.push_back({day_of(c, 7 * week), 0, 2'000});
  }
  const int last = sim::Calendar{c.start}.day_index(c.end);
  const auto [plain, reserved, with] = run_without_and_with_reserve(c);

  EXPECT_GT(reserved.first_day.size(), 5'000u);
  EXPECT_EQ(reserved.not_on_time(last), 0);
  EXPECT_EQ(with.missed_second_doses, 0);
  EXPECT_EQ(as_eigen(with.table.column(Measure::late_second_doses)).sum(), 0);
  EXPECT_GT(plain.not_on_time(last), 1'000) << "without the reserve second doses wait";
}

namespace {

// two_towns_to_the_end_of_june, with deliveries of A and B (3:2) every week for four weeks.
model::CampaignConfig two_products_for_four_weeks() {
  model::CampaignConfig c = two_towns_to_the_end_of_june();
  for (int week = 1; week <= 4; ++week) {
    c.supply.deliveries.push_back({day_of(c, 7 * week), 0, 1'200});
    c.supply.deliveries.push_back({day_of(c, 7 * week), 1, 800});
  }
  return c;
}

}  // namespace

// With two products the reserve must keep back each product for its own second doses: counted in
// doses (as it was), South kept back doses of A, and 52 people who had B never had their second
// dose while South ended the run holding 52 doses of A.
TEST(Reservation, TwoProductsKeepBackTheRightProduct) {
  const model::CampaignConfig c = two_products_for_four_weeks();
  const int last = sim::Calendar{c.start}.day_index(c.end);
  const auto [plain, reserved, with] = run_without_and_with_reserve(c);

  EXPECT_GT(reserved.first_day.size(), 5'000u);
  EXPECT_EQ(reserved.not_on_time(last), 0);
  EXPECT_EQ(reserved.never(last), 0);
  EXPECT_EQ(reserved.mixed(), 0) << "a second dose is of the first dose's product";
  EXPECT_EQ(with.missed_second_doses, 0);
  EXPECT_EQ(as_eigen(with.table.column(Measure::late_second_doses)).sum(), 0);
  // Both products were given as first doses, in both towns.
  for (int city = 0; city < 2; ++city) {
    for (int product = 0; product < 2; ++product) {
      int n = 0;
      for (const auto& [person, p] : reserved.first_product) {
        n += p == product && reserved.city.at(person) == city ? 1 : 0;
      }
      EXPECT_GT(n, 500) << "city " << city << " product " << product;
    }
  }
  // Without it, 3,000 wait and 2,333 never have their second dose by the end of the run.
  EXPECT_GT(plain.not_on_time(last), 1'000) << "without the reserve second doses wait";
  EXPECT_GT(plain.never(last), 1'000);
}

// 60 people vaccinated before the campaign are due their second dose on days 10-14, 12 a day (all
// the desk can do). On day 0 the town receives 30 doses that keep and 40 that expire on day 4; 30
// more that keep come on day 7, and 40 on day 14. Counted as doses, 70 held less 60 due leaves only
// 10 for first doses, and the reserve would keep 30 of the short-dated lot back until it expired.
// But no dose of that lot can serve a second dose due on day 10: all 40 are spare, and first doses
// use them by day 3, paced or not, while the 30 that keep and the 30 of day 7 serve the 60 second
// doses on time. With doses that keep, the same reserve holds back all but 10.
TEST(Reservation, DosesExpiringBeforeTheSecondDosesFallDueAreNotKeptBack) {
  for (const bool pace : {false, true}) {
    model::CampaignConfig c = test::one_desk_town();
    c.demand.pace_to_supply = pace;
    c.prior = {{60, 0, sim::parse_date("2021-04-20"), sim::parse_date("2021-04-24"), {}}};
    c.policies.push_back({c.start, true, true, 14});
    c.supply.deliveries = {{c.start, 0, 30},
                           {c.start, 0, 40, day_of(c, 4)},
                           {day_of(c, 7), 0, 30},
                           {day_of(c, 14), 0, 40}};
    const int last = sim::Calendar{c.start}.day_index(c.end);
    const auto first_doses_before = [](const model::CampaignResult& r, int day) {
      double n = 0;
      for (int d = 0; d < day; ++d) n += r.table.at(Measure::first_doses, d, 0);
      return n;
    };

    DoseLog log;
    const model::CampaignResult r = model::run_campaign(c, {.observer = &log});
    EXPECT_EQ(as_eigen(r.supply.expired).sum(), 0) << "pace " << pace;
    EXPECT_EQ(first_doses_before(r, 4), 40) << "pace " << pace;
    EXPECT_EQ(first_doses_before(r, 7), 40) << "pace " << pace;
    for (int d = 10; d <= 14; ++d) {
      EXPECT_EQ(r.table.at(Measure::second_doses, d, 0), 12) << "pace " << pace << " day " << d;
    }
    EXPECT_EQ(log.not_on_time(last), 0) << "pace " << pace;  // the 40 first doses' second doses
    expect_conserved(r);

    c.supply.deliveries[1].expires.reset();
    const model::CampaignResult keeping = model::run_campaign(c);
    EXPECT_EQ(first_doses_before(keeping, 7), 10) << "pace " << pace;
  }
}

// Walk-ins are first doses too: with many of them (5% of the waiting backlog a day, far more than
// the doses there are to spare) the reserve still holds, and those who find no dose to spare are
// turned away. Taking any dose at the site, as they did, they took doses kept back for second
// doses, and those of people booked later in the day.
TEST(Reservation, WalkInsTakeNoDoseKeptBack) {
  model::CampaignConfig c = two_products_for_four_weeks();
  c.demand.walk_in_rate = 0.05;
  c.policies.push_back({c.start, true, true, 25});
  const int last = sim::Calendar{c.start}.day_index(c.end);
  DoseLog log;
  const model::CampaignResult r = model::run_campaign(c, {.observer = &log});
  EXPECT_GT(log.first_day.size(), 5'000u);
  EXPECT_EQ(log.not_on_time(last), 0);
  EXPECT_EQ(log.never(last), 0);
  EXPECT_EQ(log.mixed(), 0);
  EXPECT_GT(as_eigen(r.table.column(Measure::no_stock)).sum(), 10'000)
      << "walk-ins were turned away";
  expect_conserved(r);
}

// ---- County stores
// -------------------------------------------------------------------------------

namespace {

// one_desk_town with a cold chain: the province next door (lead 0, ample trucks) and the town's
// one clinic drawing from the county store of Hamlet, 2 days from the town by a link of 5 doses a
// day (1 truck x 5 doses x 1 trip).
model::CampaignConfig town_with_a_county() {
  model::CampaignConfig c = test::one_desk_town();
  c.supply.initial_stock = {1000};
  supply::ColdChainConfig net;
  net.nodes = {{"CDC", supply::NodeKind::province, supply::unlimited},
               {"Town", supply::NodeKind::city, supply::unlimited},
               {"Hamlet", supply::NodeKind::county, supply::unlimited}};
  net.links = {{0, 1, 0, 10, 1000, 1.0}, {1, 2, 2, 1, 5, 1.0}};
  c.supply.cold_chain = net;
  c.sites[0].store = "Hamlet";
  return c;
}

}  // namespace

// The clinic needs 24 doses each morning (2 days' cover, 12 a day, less what it holds) and the
// town holds 1,000, but the truck carries 5 a day and takes 2 days: Hamlet receives 5 a day from
// day 2 on, nothing before, and passes all of it to the clinic, which gives 5 a day from day 2.
TEST(CountyStore, ALinkOfFiveADayTwoDaysAway) {
  const model::CampaignConfig c = town_with_a_county();
  DosesByDay log;
  const model::CampaignResult r = model::run_campaign(c, {.observer = &log});
  const SupplyRecord& s = r.supply;
  ASSERT_EQ(s.nodes, (std::vector<std::string>{"CDC", "Town", "Town", "Hamlet"}));
  using K = model::SupplyNodeKind;
  ASSERT_EQ(s.kinds, (std::vector<K>{K::province, K::store, K::sites, K::county}));
  const int store = SupplyRecord::store(0), sites = SupplyRecord::sites(0);
  const int county = SupplyRecord::first_county(1);
  double shipped = 0, given = 0;
  for (int d = 0; d < r.table.days(); ++d) {
    EXPECT_EQ(s.sent(d, store), 5) << "the town loads a full truck every day: day " << d;
    EXPECT_EQ(r.network.link_flow(d, 1), s.sent(d, store)) << "day " << d;
    EXPECT_EQ(s.received(d, county), d >= 2 ? s.sent(d - 2, store) : 0.0) << "day " << d;
    EXPECT_LE(s.received(d, county), 5) << "day " << d;
    EXPECT_EQ(s.sent(d, county), s.received(d, county)) << "day " << d;
    EXPECT_EQ(s.received(d, sites), s.sent(d, county)) << "day " << d;
    EXPECT_EQ(log.given[d], d >= 2 ? 5 : 0) << "day " << d;
    // Never a dose the county did not ship to the clinic.
    shipped += s.sent(d, county);
    given += log.given[d];
    EXPECT_LE(given + as_eigen(s.wasted).col(sites).head(d + 1).sum(), shipped) << "day " << d;
  }
  EXPECT_EQ(r.in_transit_end, 10) << "days 28 and 29's loads are on the road";
  expect_conserved(r, {0});
}

// With lead 0 the county's doses arrive the morning they are loaded, and the clinic gives 5 on
// the first day.
TEST(CountyStore, LeadZeroArrivesTheSameDay) {
  model::CampaignConfig c = town_with_a_county();
  c.supply.cold_chain->links[1].lead_days = 0;
  const model::CampaignResult r = model::run_campaign(c);
  const int county = SupplyRecord::first_county(1);
  EXPECT_EQ(r.supply.received(0, county), 5);
  EXPECT_EQ(r.table.at(Measure::first_doses, 0, 0), 5);
  expect_conserved(r, {0});
}

// A county's cold store of 8 doses: the truck loads only what fits with the doses on the road.
TEST(CountyStore, AFullCountyStoreHoldsTheTruckBack) {
  model::CampaignConfig c = town_with_a_county();
  c.supply.cold_chain->nodes[2].storage_capacity = 8;
  const model::CampaignResult r = model::run_campaign(c);
  const SupplyRecord& s = r.supply;
  const int county = SupplyRecord::first_county(1);
  EXPECT_EQ(s.sent(0, SupplyRecord::store(0)), 5);
  EXPECT_EQ(s.sent(1, SupplyRecord::store(0)), 3) << "8 less the 5 on the road";
  for (int d = 0; d < r.table.days(); ++d) EXPECT_LE(s.stock(d, county), 8) << "day " << d;
  expect_conserved(r, {0});
}

// The daily bound reaches the stores the sites draw from: all the town's sites draw from Hamlet,
// so the network can move no more than Hamlet's truck (5 a day) towards them, although the
// province's link carries 10,000. The town wants 12 a day: short every day for want of doses, with
// Hamlet's truck in the day's cut, and the verdict names it.
TEST(CountyStore, TheBoundAndTheVerdictSeeTheCountyTruck) {
  model::CampaignConfig c = town_with_a_county();
  c.cities[0].daily_target = 12;
  const model::CampaignResult r = model::run_campaign(c);
  const model::NetworkRecord& n = r.network;
  ASSERT_EQ(n.links, (std::vector<std::string>{"CDC -> Town", "Town -> Hamlet"}));
  EXPECT_EQ(n.link_city, (std::vector<int>{0, 0})) << "Hamlet's link serves the town's sites";
  for (int d = 0; d < r.table.days(); ++d) {
    EXPECT_EQ(n.bound[d], 5) << "day " << d;
    EXPECT_LE(n.link_flow(d, 1), 5) << "day " << d;
    EXPECT_EQ(n.binding_links[static_cast<std::size_t>(d)], (std::vector<std::uint32_t>{1}))
        << "day " << d << ": the province's trucks carried all the town was owed";
    EXPECT_EQ(r.table.bottleneck(d, 0), model::Bottleneck::no_stock) << "day " << d;
  }
  const model::Verdict v = model::judge(c, r);
  ASSERT_EQ(v.binding_links.size(), 1u);
  EXPECT_EQ(v.binding_links[0].link, "Town -> Hamlet");
  EXPECT_EQ(v.binding_links[0].days, r.table.days());

  // A second clinic drawing from the town's own store: the town's store takes what the
  // province's link carries, and the bound is that link's 10,000.
  model::SiteSpec own = c.sites[0];
  own.name = "town clinic";
  own.store.clear();
  c.sites.push_back(own);
  const model::CampaignResult both = model::run_campaign(c);
  for (int d = 0; d < both.table.days(); ++d) EXPECT_EQ(both.network.bound[d], 10'000);
}

// With ample trucks, Hamlet orders what the clinic lacks (24: 2 days' cover) and what it will use
// while the load is on the road (2 days x 12), less what it holds and has on the road:
//   day 0: 24 + 24 - 0 = 48;  days 1, 2: the 48 on the road cover it: 0;
//   day 3: the clinic lacks 12 (it gave 12 of 24), Hamlet holds 24: 12 + 24 - 24 = 12;
//   then 12 a day, what the clinic gives. Hamlet never holds more than its sites' order-up-to 48.
TEST(CountyStore, ACountyOrdersUpToItsSitesUseWhileTheLoadIsOnTheRoad) {
  model::CampaignConfig c = town_with_a_county();
  c.supply.cold_chain->links[1].doses_per_truck = 1000;
  DosesByDay log;
  const model::CampaignResult r = model::run_campaign(c, {.observer = &log});
  const int store = SupplyRecord::store(0), county = SupplyRecord::first_county(1);
  for (int d = 0; d < r.table.days(); ++d) {
    const double expected = d == 0 ? 48 : (d < 3 ? 0 : 12);
    EXPECT_EQ(r.supply.sent(d, store), expected) << "day " << d;
    EXPECT_LE(r.supply.stock(d, county), 48) << "day " << d;
    EXPECT_EQ(log.given[d], d >= 2 ? 12 : 0) << "day " << d;
  }
  expect_conserved(r, {0});
}

// Pacing spreads a city's doses over the days until new doses can reach its sites: for a county
// site, until they have also travelled the county's lead time. 60 doses on day 0, 60 more
// allocated on day 7 reach the town that day but Hamlet (3 days on) only on day 10: the clinic
// gives the first 60 over days 3 (when the first load reaches it) to 9, never running dry while
// the second load is on the road (which pacing must not count as the sites' before day 10).
TEST(CountyStore, PacingWaitsForDosesToReachTheCountySites) {
  model::CampaignConfig c = town_with_a_county();
  c.supply.initial_stock = {60};
  c.supply.deliveries.push_back({day_of(c, 7), 0, 60});
  c.supply.cold_chain->links[1] = {1, 2, 3, 1, 1000, 1.0};
  DosesByDay log;
  const model::CampaignResult r = model::run_campaign(c, {.observer = &log});
  for (int d = 0; d < 3; ++d) EXPECT_EQ(log.given[d], 0) << "day " << d;
  for (int d = 3; d <= 9; ++d) EXPECT_GT(log.given[d], 0) << "day " << d;
  double first_load = 0;
  for (int d = 3; d <= 9; ++d) first_load += log.given[d];
  EXPECT_EQ(first_load, 60) << "the first 60, spread over the days until the second reaches Hamlet";
  expect_conserved(r, {0});
}

// Stock-outs with a county between the town and its clinic: from day 2 the town's store and
// Hamlet are empty while walk-ins are turned away at the clinic. Hamlet is out, and so is the
// province; the town's store supplies no site itself, so it is not.
TEST(CountyStore, StockOutsCountWhereTheSitesDrawFrom) {
  model::CampaignConfig c = town_with_a_county();
  c.supply.initial_stock = {30};
  c.supply.cold_chain->links[1] = {1, 2, 0, 1, 1000, 1.0};
  c.demand.pace_to_supply = false;
  c.demand.walk_in_rate = 1.0;
  const model::CampaignResult r = model::run_campaign(c);
  const SupplyRecord& s = r.supply;
  const int store = SupplyRecord::store(0), sites = SupplyRecord::sites(0);
  const int county = SupplyRecord::first_county(1), province = SupplyRecord::province();
  for (int d = 2; d < r.table.days(); ++d) {
    ASSERT_EQ(s.stock(d, store), 0) << "day " << d;
    ASSERT_EQ(s.stock(d, county), 0) << "day " << d;
    EXPECT_GT(s.stock_out(d, sites), 0) << "day " << d;
    EXPECT_EQ(s.stock_out(d, county), s.stock_out(d, sites)) << "day " << d;
    EXPECT_EQ(s.stock_out(d, store), 0) << "day " << d;
    EXPECT_EQ(s.stock_out(d, province), s.stock_out(d, sites)) << "day " << d;
  }
}

// two_towns_with_expiry, with a second hall in North drawing from the county store of Uplands (2
// days from North, 300 doses a day): conservation at every node every day, with two products,
// expiry and wastage, and sites drawing from the city and the county side by side.
TEST(CountyStore, DosesAreConservedAtEveryNodeEveryDay) {
  model::CampaignConfig c = two_towns_with_expiry();
  c.supply.cold_chain->nodes.push_back({"Uplands", supply::NodeKind::county, supply::unlimited});
  c.supply.cold_chain->links.push_back({1, 3, 2, 1, 300, 1.0});
  model::SiteSpec hall = c.sites[0];
  hall.name = "upland hall";
  hall.store = "Uplands";
  c.sites.push_back(hall);
  const model::CampaignResult r = model::run_campaign(c);
  expect_conserved(r, {0});
  const int county = SupplyRecord::first_county(2);
  EXPECT_GT(as_eigen(r.supply.sent).col(county).sum(), 0);
  EXPECT_GT(as_eigen(r.supply.expired).sum(), 0);
  for (int d = 0; d < r.table.days(); ++d) EXPECT_LE(r.supply.received(d, county), 300);
}

// Random county networks below two_towns_with_expiry (0-2 counties a town, each with a hall of its
// own; random trucks, lead times and cold stores): every day, no link carries more than its
// trucks, a county receives exactly what was loaded for it its lead time before (never earlier),
// no county store holds more than its room, the day's cuts name real links, and doses are
// conserved at every node.
TEST(CountyStore, RandomCountyNetworksKeepEveryLimit) {
  boost::random::mt19937 rng(20210603u);
  const auto pick = [&](int lo, int hi) {
    return boost::random::uniform_int_distribution<int>(lo, hi)(rng);
  };
  double county_doses = 0;  // so that the trials are known to reach the counties
  for (int trial = 0; trial < 20; ++trial) {
    model::CampaignConfig c = two_towns_with_expiry();
    supply::ColdChainConfig& net = *c.supply.cold_chain;
    std::vector<int> county_city;
    std::vector<std::size_t> county_link;
    for (std::size_t town = 0; town < 2; ++town) {
      for (int k = pick(0, 2); k > 0; --k) {
        const std::string name = "county " + std::to_string(net.nodes.size());
        const std::int64_t room = pick(0, 1) == 0 ? supply::unlimited : pick(50, 800);
        net.nodes.push_back({name, supply::NodeKind::county, room});
        county_link.push_back(net.links.size());
        net.links.push_back(
            {town + 1, net.nodes.size() - 1, pick(0, 3), pick(0, 3), pick(50, 300), 1.0});
        county_city.push_back(static_cast<int>(town));
        model::SiteSpec hall = c.sites[town];
        hall.name = name + " hall";
        hall.store = name;
        c.sites.push_back(hall);
      }
    }
    SCOPED_TRACE("trial " + std::to_string(trial));
    const model::CampaignResult r = model::run_campaign(c);
    // Counties appear in the record in node order, which is the order they were added.
    expect_conserved(r, county_city);
    const int first_county = SupplyRecord::first_county(2);
    county_doses +=
        as_eigen(r.supply.sent).rightCols(static_cast<sim::Index>(county_city.size())).sum();
    for (int d = 0; d < r.table.days(); ++d) {
      for (std::size_t l = 0; l < net.links.size(); ++l) {
        EXPECT_LE(r.network.link_flow(d, static_cast<sim::Index>(l)),
                  static_cast<double>(net.links[l].daily_capacity()))
            << "link " << l << " day " << d;
      }
      for (std::size_t k = 0; k < county_link.size(); ++k) {
        const supply::ColdChainLink& link = net.links[county_link[k]];
        const int node = first_county + static_cast<int>(k);
        const int loaded_on = d - link.lead_days;
        EXPECT_EQ(r.supply.received(d, node),
                  loaded_on >= 0
                      ? r.network.link_flow(loaded_on, static_cast<sim::Index>(county_link[k]))
                      : 0.0)
            << "county " << k << " day " << d;
        EXPECT_LE(r.supply.stock(d, node),
                  static_cast<double>(net.nodes[link.to].storage_capacity));
      }
      for (const std::uint32_t l : r.network.binding_links[static_cast<std::size_t>(d)]) {
        EXPECT_LT(l, net.links.size());
      }
    }
  }
  EXPECT_GT(county_doses, 10'000);
}

// A site's store must be a county node its city supplies, and needs a cold chain.
TEST(CountyStore, TheStoreIsACountyOfTheSitesCity) {
  const auto first_problem = [](const model::CampaignConfig& c) {
    const auto problems = model::validate(c);
    return problems.empty() ? model::ConfigProblem{} : problems.front();
  };
  EXPECT_TRUE(model::validate(town_with_a_county()).empty());

  model::CampaignConfig c = town_with_a_county();
  c.sites[0].store = "Nowhere";
  EXPECT_EQ(first_problem(c).field, "sites[0].store");
  EXPECT_NE(first_problem(c).message.find("no node 'Nowhere'"), std::string::npos);

  c.sites[0].store = "Town";
  EXPECT_EQ(first_problem(c).field, "sites[0].store");
  EXPECT_NE(first_problem(c).message.find("not a county node"), std::string::npos);

  c = test::two_towns_by_truck();
  c.supply.cold_chain->nodes.push_back({"Uplands", supply::NodeKind::county, supply::unlimited});
  c.supply.cold_chain->links.push_back({1, 3, 2, 1, 300, 1.0});
  c.sites[1].store = "Uplands";  // South's hall, North's county
  EXPECT_EQ(first_problem(c).field, "sites[1].store");
  EXPECT_NE(first_problem(c).message.find("not supplied by city 'South'"), std::string::npos);

  c = town_with_a_county();
  c.supply.cold_chain.reset();
  EXPECT_EQ(first_problem(c).field, "sites[0].store");
  EXPECT_NE(first_problem(c).message.find("needs a cold chain"), std::string::npos);
}
