#pragma once
// Inside the dose flow (vaxsim/supply/dose_flow.hpp): every place that holds doses, and the
// road between them. Its work is in two files: dose_flow.cpp (the province, the city stores,
// the sites' top-up and the record) and dose_flow_trucks.cpp (the cold chain: loading trucks to
// the cities, and each city's loads for its county stores).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "vaxsim/sim/calendar.hpp"
#include "vaxsim/supply/cold_chain.hpp"
#include "vaxsim/supply/dose_flow.hpp"
#include "vaxsim/supply/stock_lots.hpp"
#include "vaxsim/supply/supply_plan.hpp"
#include "vaxsim/supply/supply_record.hpp"

namespace vaxsim::supply {

/// A place's doses moved today, for the SupplyRecord.
struct SupplyDay {
  std::int64_t received = 0;
  std::int64_t sent = 0;
  std::int64_t wasted = 0;
  std::int64_t expired = 0;
  std::int64_t overflow = 0;
};

/// The doses one place holds: its lots, product by product. How many it holds is derived from
/// the lots (doses()), never kept beside them.
class Store {
 public:
  Store() = default;
  explicit Store(std::size_t products) : lots_(products) {}

  StockLots& operator[](std::size_t product) { return lots_[product]; }
  const StockLots& operator[](std::size_t product) const { return lots_[product]; }
  std::size_t products() const { return lots_.size(); }
  auto begin() { return lots_.begin(); }
  auto end() { return lots_.end(); }
  auto begin() const { return lots_.begin(); }
  auto end() const { return lots_.end(); }

  /// Doses held, all products.
  std::int64_t doses() const {
    std::int64_t n = 0;
    for (const StockLots& l : lots_) n += l.total();
    return n;
  }

 private:
  std::vector<StockLots> lots_;  // per product
};

/// SiteStore::county of a site that draws from its city's store.
inline constexpr std::size_t kCityStore = static_cast<std::size_t>(-1);

/// A vaccination site's shelf.
struct SiteStore {
  std::size_t city = 0;
  std::size_t county = kCityStore;  // the county store it draws from (index into counties)
  Store lots;
  double capacity = 0;           // today's booking capacity, as dispatch was told (0: closed)
  std::int64_t turned_away = 0;  // today, for want of a dose
};

struct CityStore {
  Store lots;                         // the city CDC's stock
  std::vector<std::size_t> sites;     // all the city's sites, whichever store supplies them
  std::vector<std::size_t> counties;  // the county stores it supplies (indices into counties)
  std::int64_t delivered_today = 0;
  SupplyDay store_day;  // today's movements at the city's store...
  SupplyDay sites_day;  // ...and at its sites taken together
};

/// A county store some site draws from: stock as at a city store, topped up by the city's store
/// over the city -> county link, and topping up its own sites.
struct CountyStore {
  std::size_t node = 0;  // the cold chain's node
  std::size_t city = 0;
  std::size_t link = 0;  // the city -> county link
  Store lots;
  std::vector<std::size_t> sites;
  SupplyDay day;  // today's movements at the store
};

/// Doses on the road, to a city store (`to` a city) or to a county store (`to` a county).
struct Shipment {
  int arrives;  // day
  std::size_t to;
  std::size_t product;
  std::int64_t doses;
  int expires;  // day: the lot the doses came from
};

class DoseFlow::Places {
 public:
  Places(const SupplyPlan& plan, std::vector<Delivery> deliveries,
         std::span<const std::optional<int>> shelf_life_days, sim::Date start, int days,
         SupplyPlaces places);

  // dose_flow.cpp
  void start_day(int day);
  void receive_deliveries(int day);
  void allocate(int day, std::vector<CityNeeds> needs);
  void ship_arrivals(int day);
  void dispatch(int day, std::size_t c, std::span<const double> capacity);
  StockLots held_for_sites(int day, std::size_t c, std::size_t p, std::span<const std::size_t> open,
                           int before) const;
  std::int64_t use_at_site(std::size_t s, std::span<const std::int64_t> given, std::int64_t lost,
                           std::int64_t turned_away);
  std::int64_t city_stock(std::size_t c) const;
  std::int64_t expired_today(std::size_t c) const;
  std::int64_t province_stock() const;
  std::int64_t in_transit() const;
  void record_day(int day);

  // dose_flow_trucks.cpp
  void set_up_cold_chain(std::span<const std::string> cities);
  void set_up_counties(std::span<const SupplyPlaces::Site> sites);
  void transport(int day);
  std::int64_t county_order(std::size_t k) const;
  std::vector<std::int64_t> county_loads(int day, std::size_t c,
                                         const std::vector<std::int64_t>& orders);
  void receive_county_shipments(int day, std::size_t k);
  std::int64_t county_stock(std::size_t k) const { return counties[k].lots.doses(); }
  std::int64_t in_transit_to_county(std::size_t k) const;
  std::int64_t county_room(std::size_t k) const;

  // Both:
  std::int64_t in_transit_to(std::size_t c) const;
  /// Doses a site needs to hold `site_cover_days` of its capacity (none when closed).
  double site_need(const SiteStore& site) const;

  const SupplyPlan& plan;
  sim::Calendar calendar;
  int days;
  std::size_t products;
  std::vector<int> initial_expiry;   // per product: the initial stock's expiry day
  std::vector<Delivery> deliveries;  // after this replication's draws
  std::shared_ptr<const AllocationPolicy> policy;
  std::int64_t province_received = 0;  // over the run

  std::optional<ColdChain> chain;
  std::vector<std::size_t> city_node;  // the chain's node of each city
  std::vector<int> lead_days;          // per city: province -> city store
  std::vector<int> supply_lead_days;   // per city: province -> the farthest store its sites use
  std::vector<bool> own_sites;         // per city: some site draws from the city's store
  int max_lead_days = 0;               // of supply_lead_days
  std::vector<std::vector<bool>> new_stock_arrives;  // [city][day]

  Store province_lots;                   // not yet allocated
  std::vector<Store> owed;               // per city: allocated, not loaded
  SupplyDay province_day;                // today's movements at the province
  std::vector<Shipment> transit;         // to the city stores
  std::vector<Shipment> county_transit;  // to the county stores
  std::vector<CityStore> cities;
  std::vector<CountyStore> counties;  // the county stores sites draw from
  std::vector<SiteStore> sites;

  SupplyRecord record;
  NetworkRecord network;

 private:
  void receive_at_province(int day, std::size_t product, std::int64_t doses, int expires);
  void receive_at_store(int day, std::size_t c, std::size_t p, std::int64_t doses, int expires);
  std::int64_t room_at_province() const;
  std::int64_t room_at_store(std::size_t c) const;
  std::int64_t sites_stock(std::size_t c) const;
  void find_supply_leads();
  void find_supply_days();
  void set_up_record(std::span<const std::string> cities);
};

}  // namespace vaxsim::supply
