#pragma once
// The dose flow: where a campaign's doses are, and how they move, from the manufacturers'
// deliveries to the shelves of the vaccination sites. It knows nothing of persons.
//
// Every day, the campaign drives it in this order:
//   1. start_day: what is left of lots expiring today is removed everywhere, and deliveries reach
//      the province store;
//   2. allocate (on allocation days, allocates_on): the province splits its stock among the cities
//      by the allocation policy, and it travels for the lead time (or waits for trucks);
//   3. move: with a cold chain, today's trucks are loaded; shipments due reach the city stores;
//   4. dispatch, city by city: each city store tops up the open sites it supplies and loads its
//      counties' trucks; the counties receive what arrives and top up their own sites;
//   5. the sites give doses (the campaign's business); at_site tells it what each site holds;
//   6. use_at_site, site by site: the doses given and wasted leave the site's lots;
//   7. record_day: the day's movements and the evening's stock of every place into the record.
//
// Stock is held as lots (stock_lots.hpp), every step taking the earliest expiring first. The
// campaign hands it numbers only: each site's booking capacity (0 when closed), the cities'
// needs that stock cannot tell (allocation.hpp's CityNeeds), the doses each site gave and lost,
// and the people it turned away for want of a dose.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "vaxsim/supply/allocation.hpp"
#include "vaxsim/supply/delivery.hpp"
#include "vaxsim/supply/stock_lots.hpp"

namespace vaxsim::supply {

struct SupplyPlan;
struct SupplyRecord;
struct NetworkRecord;

/// The places doses go to, as the campaign names them.
struct SupplyPlaces {
  /// Each city's name, in city order; with a cold chain, the name of its node.
  std::vector<std::string> cities;
  struct Site {
    std::size_t city = 0;
    /// The county store it draws from: a county node of the cold chain; empty: its city's store.
    std::string store;
  };
  /// Every vaccination site, in the campaign's site order.
  std::vector<Site> sites;
};

class DoseFlow {
 public:
  /// `plan` must outlive the flow. `deliveries` as they will arrive (this replication's draws
  /// made, expiry dates set); `shelf_life_days` per product (the initial stock's, from the first
  /// day); the campaign runs `days` days from `start`.
  DoseFlow(const SupplyPlan& plan, std::vector<Delivery> deliveries,
           std::span<const std::optional<int>> shelf_life_days, sim::Date start, int days,
           SupplyPlaces places);
  ~DoseFlow();
  DoseFlow(const DoseFlow&) = delete;
  DoseFlow& operator=(const DoseFlow&) = delete;

  // ---- The morning ----
  /// Clears yesterday's movements, removes what expires today, receives today's deliveries.
  void start_day(int day);
  bool allocates_on(int day) const;
  /// Days ahead an allocation must provide for: until the next one reaches the farthest sites.
  int allocation_horizon() const;
  /// Splits the province's stock among the cities; `needs` as the campaign sees them (the stock
  /// each city holds is filled in here).
  void allocate(int day, std::vector<CityNeeds> needs);
  /// Loads today's trucks (with a cold chain) and receives the shipments due at city stores.
  void move(int day);
  /// Whether new doses can reach city c's sites on `day` (a delivery, allocated and carried).
  bool new_stock_arrives_on(std::size_t city, int day) const;
  /// City c's morning top-up; `capacity` per site of the city (in site order): appointments it
  /// can take today, 0 when closed. Each open site is topped up to the plan's days of cover.
  void dispatch(int day, std::size_t city, std::span<const double> capacity);

  /// Product p's doses at site s.
  std::int64_t at_site(std::size_t site, std::size_t product) const;
  /// Product p's doses city c holds that can reach the sites `open` before day `before`: at those
  /// sites, in the city's store, in its county stores and on the road to them.
  StockLots held_for_sites(int day, std::size_t city, std::size_t product,
                           std::span<const std::size_t> open, int before) const;

  // ---- The evening ----
  /// Site s gave `given` doses (per product) and turned `turned_away` people away for want of
  /// one; `lost` doses are wasted in use, product by product. Returns the doses wasted (fewer
  /// than `lost` if the site ran out).
  std::int64_t use_at_site(std::size_t site, std::span<const std::int64_t> given, std::int64_t lost,
                           std::int64_t turned_away);
  /// The doses city c holds: its store, its sites, its county stores and the road to them.
  std::int64_t city_stock(std::size_t city) const;
  std::int64_t delivered_today(std::size_t city) const;
  /// Doses removed today at city c's store, sites and county stores as their lots expired.
  std::int64_t expired_today(std::size_t city) const;
  /// The day's movements and stock of every place into the supply record.
  void record_day(int day);

  // ---- The end ----
  /// Doses received at the province store over the run.
  std::int64_t province_received() const;
  /// Doses at the province: not yet allocated, and allocated but not yet loaded.
  std::int64_t province_stock() const;
  /// Doses on the road, to city and county stores.
  std::int64_t in_transit() const;
  SupplyRecord take_record();
  NetworkRecord take_network();

 private:
  class Places;  // the places and their doses (lib/supply/dose_flow_places.hpp)
  std::unique_ptr<Places> places_;
};

}  // namespace vaxsim::supply
