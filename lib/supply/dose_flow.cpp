// The dose flow's province, city stores and sites: deliveries, allocation, the morning top-up,
// the doses sites use, and the evening's supply record. The cold chain's trucks are in
// dose_flow_trucks.cpp; what each step does, in order, is at the top of dose_flow.hpp.

#include "vaxsim/supply/dose_flow.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

#include "dose_flow_places.hpp"

namespace vaxsim::supply {
namespace {

// Sends up to the total `need` from a store, split among the products in proportion to the
// stock of each and among the takers in proportion to their need, each lot shared out (the
// earliest expiring first) by deliver(taker, product, lot). Taker i gets at most most[i]:
// rounding product by product can give a taker a dose or two beyond its share of the total,
// which a truck could not carry; those stay in the store.
template <class Deliver>
void send(Store& lots, SupplyDay& store_day, const std::vector<double>& need,
          const std::vector<std::int64_t>& most, Deliver deliver) {
  const std::size_t products = lots.products();
  double total_need = 0;
  for (const double n : need) total_need += n;
  const std::int64_t store_total = lots.doses();
  if (total_need <= 0 || store_total == 0) return;
  const std::int64_t give = std::min(store_total, static_cast<std::int64_t>(total_need));
  std::vector<double> store_weights;
  for (const StockLots& l : lots) store_weights.push_back(static_cast<double>(l.total()));
  const std::vector<std::int64_t> by_product = split_in_proportion(give, store_weights);
  std::vector<std::vector<std::int64_t>> parts;  // [product][taker]
  for (std::size_t p = 0; p < products; ++p) {
    parts.push_back(split_in_proportion(by_product[p], need));
  }
  for (std::size_t i = 0; i < need.size(); ++i) {
    std::int64_t over = -most[i];
    for (std::size_t p = 0; p < products; ++p) over += parts[p][i];
    for (std::size_t p = products; p-- > 0 && over > 0;) {
      const std::int64_t back = std::min(over, parts[p][i]);
      parts[p][i] -= back;
      over -= back;
    }
  }
  for (std::size_t p = 0; p < products; ++p) {
    const std::int64_t sent = std::accumulate(parts[p].begin(), parts[p].end(), std::int64_t{0});
    for (const auto& [i, lot] : lots[p].share_out(parts[p])) deliver(i, p, lot);
    store_day.sent += sent;
  }
}

}  // namespace

// ---- Set-up ------------------------------------------------------------------------------------

DoseFlow::Places::Places(const SupplyPlan& supply_plan, std::vector<Delivery> drawn,
                         std::span<const std::optional<int>> shelf_life_days, sim::Date start,
                         int run_days, SupplyPlaces places)
    : plan{supply_plan},
      calendar{start},
      days{run_days},
      products{shelf_life_days.size()},
      deliveries{std::move(drawn)},
      policy{supply_plan.allocation ? supply_plan.allocation : std::make_shared<ByPopulation>()} {
  for (const std::optional<int>& shelf_life : shelf_life_days) {
    initial_expiry.push_back(shelf_life ? *shelf_life : kNeverExpires);
  }
  province_lots = Store{products};  // the initial stock arrives on the first morning
  set_up_cold_chain(places.cities);
  cities.resize(places.cities.size());
  for (CityStore& city : cities) city.lots = Store{products};
  for (const SupplyPlaces::Site& site : places.sites) {
    sites.push_back({site.city, kCityStore, Store{products}, 0.0, 0});
    cities[site.city].sites.push_back(sites.size() - 1);
  }
  set_up_counties(places.sites);
  find_supply_leads();
  set_up_record(places.cities);
  find_supply_days();
}

// How far each city's sites are from the province: the lead time to the farthest store they
// draw from. Doses allocated today are of use to the city's sites only that much later, which
// the allocation horizon and first-dose pacing must allow for. And whether some site of the
// city draws from the city's own store (or it has no sites, and so no county either): the
// city store is then where the network's doses end.
void DoseFlow::Places::find_supply_leads() {
  own_sites.assign(cities.size(), false);
  for (std::size_t c = 0; c < cities.size(); ++c) {
    const std::vector<std::size_t>& of_city = cities[c].sites;
    own_sites[c] = of_city.empty() || std::any_of(of_city.begin(), of_city.end(), [&](auto s) {
                     return sites[s].county == kCityStore;
                   });
  }
  supply_lead_days = lead_days;
  for (const CountyStore& county : counties) {
    supply_lead_days[county.city] =
        std::max(supply_lead_days[county.city], chain->lead_days(county.node));
  }
  max_lead_days = *std::max_element(supply_lead_days.begin(), supply_lead_days.end());
}

// The days on which newly delivered doses can reach each city's sites: a delivery waits in the
// province store for the next allocation day, then travels to the farthest store the city's
// sites draw from (trucks permitting).
void DoseFlow::Places::find_supply_days() {
  const int every = plan.allocation_every_days;
  new_stock_arrives.assign(cities.size(), std::vector<bool>(static_cast<std::size_t>(days)));
  for (std::size_t c = 0; c < cities.size(); ++c) {
    const auto mark = [&](int delivered) {
      const int allocated = (delivered + every - 1) / every * every;
      const int arrives = allocated + supply_lead_days[c];
      if (arrives < days) new_stock_arrives[c][static_cast<std::size_t>(arrives)] = true;
    };
    mark(0);  // the initial stock
    for (const Delivery& d : deliveries) mark(calendar.day_index(d.date));
  }
}

// The record's places: the province, then each city's store and sites, then the county stores
// (see supply_record.hpp).
void DoseFlow::Places::set_up_record(std::span<const std::string> city_names) {
  SupplyRecord& r = record;
  std::string province = "province";
  if (plan.cold_chain) {
    for (const ColdChainNode& node : plan.cold_chain->nodes) {
      if (node.kind == NodeKind::province) province = node.name;
    }
  }
  r.nodes.push_back(province);
  r.kinds.push_back(SupplyNodeKind::province);
  for (const std::string& city : city_names) {
    r.nodes.insert(r.nodes.end(), {city, city});
    r.kinds.insert(r.kinds.end(), {SupplyNodeKind::store, SupplyNodeKind::sites});
  }
  for (const CountyStore& county : counties) {
    r.nodes.push_back(plan.cold_chain->nodes[county.node].name);
    r.kinds.push_back(SupplyNodeKind::county);
  }
  for (sim::Matrix* m :
       {&r.received, &r.sent, &r.stock, &r.wasted, &r.expired, &r.overflow, &r.stock_out}) {
    *m = sim::Matrix::Zero(days, r.node_count());
  }
}

// ---- The morning: the province -----------------------------------------------------------------

// Each morning, before anything moves: yesterday's movements are cleared, and what is left of
// the lots expiring today is removed wherever it is held. Then deliveries arrive.
void DoseFlow::Places::start_day(int day) {
  province_day = {};
  for (CityStore& city : cities) {
    city.delivered_today = 0;
    city.store_day = {};
    city.sites_day = {};
  }
  for (SiteStore& site : sites) site.turned_away = 0;
  for (CountyStore& county : counties) {
    county.day = {};
    for (std::size_t p = 0; p < products; ++p) county.day.expired += county.lots[p].expire(day);
  }
  for (StockLots& lots : province_lots) province_day.expired += lots.expire(day);
  for (Store& city : owed) {
    for (StockLots& lots : city) province_day.expired += lots.expire(day);
  }
  for (CityStore& city : cities) {
    for (std::size_t p = 0; p < products; ++p) {
      city.store_day.expired += city.lots[p].expire(day);
      // Sites not open yet hold nothing: nothing expires there.
      for (const std::size_t s : city.sites) city.sites_day.expired += sites[s].lots[p].expire(day);
    }
  }
  receive_deliveries(day);
}

// The initial stock counts as received on the first morning.
void DoseFlow::Places::receive_deliveries(int day) {
  if (day == 0) {
    for (std::size_t p = 0; p < plan.initial_stock.size(); ++p) {
      receive_at_province(day, p, plan.initial_stock[p], initial_expiry[p]);
    }
  }
  for (const Delivery& d : deliveries) {
    if (calendar.day_index(d.date) == day) {
      receive_at_province(day, d.product, d.doses,
                          d.expires ? calendar.day_index(*d.expires) : kNeverExpires);
    }
  }
}

// Doses reach the province store. What does not fit in its cold store (with a cold chain) cannot
// be kept: it is overflow, lost to the campaign. Doses already expired are removed at once.
void DoseFlow::Places::receive_at_province(int day, std::size_t product, std::int64_t doses,
                                           int expires) {
  province_received += doses;
  province_day.received += doses;
  const std::int64_t kept = std::min(doses, room_at_province());
  province_day.overflow += doses - kept;
  province_lots[product].add(kept, expires);
  province_day.expired += province_lots[product].expire(day);
}

// Doses at the province: not yet allocated, and allocated but waiting for trucks.
std::int64_t DoseFlow::Places::province_stock() const {
  std::int64_t n = province_lots.doses();
  for (const Store& city : owed) n += city.doses();
  return n;
}

std::int64_t DoseFlow::Places::room_at_province() const {
  if (!chain) return unlimited;
  const std::int64_t capacity = chain->config().nodes[chain->root()].storage_capacity;
  if (capacity == unlimited) return capacity;
  return std::max<std::int64_t>(0, capacity - province_stock());
}

void DoseFlow::Places::allocate(int day, std::vector<CityNeeds> needs) {
  for (std::size_t c = 0; c < cities.size(); ++c) needs[c].stock = city_stock(c) + in_transit_to(c);
  for (std::size_t p = 0; p < products; ++p) {
    StockLots& held = province_lots[p];
    const std::vector<std::int64_t> parts = policy->split(held.total(), needs);
    const std::string name = "allocation policy '" + std::string(policy->name()) + "'";
    if (parts.size() != cities.size()) {
      throw std::logic_error(name + " gave " + std::to_string(parts.size()) + " shares for " +
                             std::to_string(cities.size()) + " cities");
    }
    std::int64_t total = 0;
    for (const std::int64_t part : parts) {
      if (part < 0) throw std::logic_error(name + " gave a negative share");
      total += part;
    }
    if (total > held.total()) throw std::logic_error(name + " gave out more than it had");
    // Each city gets its share of every lot, the earliest expiring first.
    for (const auto& [c, lot] : held.share_out(parts)) {
      if (chain) {
        owed[c][p].add(lot.doses, lot.expires);  // waits at the province for trucks
      } else {
        transit.push_back({day + lead_days[c], c, p, lot.doses, lot.expires});
        province_day.sent += lot.doses;
      }
    }
  }
}

// ---- The morning: the city stores --------------------------------------------------------------

void DoseFlow::Places::ship_arrivals(int day) {
  std::erase_if(transit, [&](const Shipment& s) {
    if (s.arrives > day) return false;
    receive_at_store(day, s.to, s.product, s.doses, s.expires);
    return true;
  });
}

// A shipment reaches a city store. As at the province, what does not fit is overflow (trucks
// are loaded only for the room there, so with today's rules none), and doses that expired on
// the road are received and removed at once.
void DoseFlow::Places::receive_at_store(int day, std::size_t c, std::size_t p, std::int64_t doses,
                                        int expires) {
  CityStore& city = cities[c];
  city.delivered_today += doses;
  city.store_day.received += doses;
  const std::int64_t kept = std::min(doses, room_at_store(c));
  city.store_day.overflow += doses - kept;
  city.lots[p].add(kept, expires);
  city.store_day.expired += city.lots[p].expire(day);
}

std::int64_t DoseFlow::Places::room_at_store(std::size_t c) const {
  if (!chain) return unlimited;
  const std::int64_t capacity = chain->config().nodes[city_node[c]].storage_capacity;
  if (capacity == unlimited) return capacity;
  return std::max<std::int64_t>(0, capacity - cities[c].lots.doses());
}

std::int64_t DoseFlow::Places::in_transit_to(std::size_t c) const {
  std::int64_t n = 0;
  for (const Shipment& s : transit) n += s.to == c ? s.doses : 0;
  return n;
}

// The doses a city holds: in its store, at its sites, and in its counties' stores or on the
// road to them.
std::int64_t DoseFlow::Places::city_stock(std::size_t c) const {
  std::int64_t n = cities[c].lots.doses();
  n += sites_stock(c);
  for (const std::size_t k : cities[c].counties) n += county_stock(k) + in_transit_to_county(k);
  return n;
}

std::int64_t DoseFlow::Places::sites_stock(std::size_t c) const {
  std::int64_t n = 0;
  for (const std::size_t s : cities[c].sites) n += sites[s].lots.doses();
  return n;
}

double DoseFlow::Places::site_need(const SiteStore& site) const {
  // A closed site's capacity is 0: it needs nothing.
  return std::max(0.0, std::ceil(site.capacity * plan.site_cover_days) -
                           static_cast<double>(site.lots.doses()));
}

// The morning top-up. The city store tops up the open sites it supplies and loads its
// counties' trucks, each county for its order (county_order), within its trucks and room;
// shipments due reach the counties (lead 0: the same day); then each county tops up its own
// open sites.
void DoseFlow::Places::dispatch(int day, std::size_t c, std::span<const double> capacity) {
  CityStore& city = cities[c];
  for (std::size_t i = 0; i < city.sites.size(); ++i) sites[city.sites[i]].capacity = capacity[i];
  const auto to_site = [&](std::size_t s, std::size_t p, const Lot& lot) {
    sites[s].lots[p].add(lot.doses, lot.expires);
    city.sites_day.received += lot.doses;
  };
  std::vector<double> need;  // the city's sites (0 for a county's), then its counties
  for (const std::size_t s : city.sites) {
    need.push_back(sites[s].county == kCityStore ? site_need(sites[s]) : 0.0);
  }
  std::vector<std::int64_t> most(need.size(), unlimited);
  if (!city.counties.empty()) {
    std::vector<std::int64_t> orders;
    for (const std::size_t k : city.counties) orders.push_back(county_order(k));
    for (const std::int64_t load : county_loads(day, c, orders)) {
      most.push_back(load);
      need.push_back(static_cast<double>(load));
    }
  }
  send(city.lots, city.store_day, need, most, [&](std::size_t i, std::size_t p, const Lot& lot) {
    if (i < city.sites.size()) return to_site(city.sites[i], p, lot);
    const std::size_t k = city.counties[i - city.sites.size()];
    const ColdChainLink& link = chain->config().links[counties[k].link];
    county_transit.push_back({day + link.lead_days, k, p, lot.doses, lot.expires});
    network.link_flow(day, static_cast<sim::Index>(counties[k].link)) +=
        static_cast<double>(lot.doses);
  });
  for (const std::size_t k : city.counties) {
    CountyStore& county = counties[k];
    receive_county_shipments(day, k);
    std::vector<double> sites_need;
    for (const std::size_t s : county.sites) sites_need.push_back(site_need(sites[s]));
    send(county.lots, county.day, sites_need,
         std::vector<std::int64_t>(sites_need.size(), unlimited),
         [&](std::size_t i, std::size_t p, const Lot& lot) { to_site(county.sites[i], p, lot); });
  }
}

// The counties' doses are the city's too; doses still at the city store or on the road to a
// county that reach the sites too late (from `before` on) are left out.
StockLots DoseFlow::Places::held_for_sites(int day, std::size_t c, std::size_t p,
                                           std::span<const std::size_t> open, int before) const {
  const CityStore& city = cities[c];
  StockLots held;
  // From the city's store to its farthest sites' store:
  if (day + supply_lead_days[c] - lead_days[c] < before) held.add(city.lots[p]);
  for (const std::size_t s : open) held.add(sites[s].lots[p]);
  for (const std::size_t k : city.counties) held.add(counties[k].lots[p]);
  for (const Shipment& s : county_transit) {
    if (s.product == p && counties[s.to].city == c && s.arrives < before) {
      held.add(s.doses, s.expires);
    }
  }
  return held;
}

// ---- The evening --------------------------------------------------------------------------------

std::int64_t DoseFlow::Places::use_at_site(std::size_t s, std::span<const std::int64_t> given,
                                           std::int64_t lost, std::int64_t turned_away) {
  SiteStore& site = sites[s];
  CityStore& city = cities[site.city];
  site.turned_away = turned_away;
  for (std::size_t p = 0; p < products; ++p) {
    site.lots[p].use(given[p]);
    city.sites_day.sent += given[p];
  }
  std::int64_t wasted = 0;
  for (std::size_t p = 0; p < products && lost > 0; ++p) {
    const std::int64_t take = std::min(lost, site.lots[p].total());
    site.lots[p].use(take);
    lost -= take;
    wasted += take;
  }
  city.sites_day.wasted += wasted;
  return wasted;
}

std::int64_t DoseFlow::Places::expired_today(std::size_t c) const {
  const CityStore& city = cities[c];
  std::int64_t expired = city.store_day.expired + city.sites_day.expired;
  for (const std::size_t k : city.counties) expired += counties[k].day.expired;
  return expired;
}

std::int64_t DoseFlow::Places::in_transit() const {
  std::int64_t n = 0;
  for (const Shipment& s : transit) n += s.doses;
  for (const Shipment& s : county_transit) n += s.doses;
  return n;
}

// The day's movements and the evening's stock of every place into the SupplyRecord.
void DoseFlow::Places::record_day(int day) {
  SupplyRecord& r = record;
  const auto put = [&](int node, const SupplyDay& moved, std::int64_t stock, double stock_out) {
    r.received(day, node) = static_cast<double>(moved.received);
    r.sent(day, node) = static_cast<double>(moved.sent);
    r.stock(day, node) = static_cast<double>(stock);
    r.wasted(day, node) = static_cast<double>(moved.wasted);
    r.expired(day, node) = static_cast<double>(moved.expired);
    r.overflow(day, node) = static_cast<double>(moved.overflow);
    r.stock_out(day, node) = stock_out;
  };
  // People turned away for want of a dose today at the given sites (closed ones turn none away).
  const auto turned_away_at = [&](const std::vector<std::size_t>& of) {
    double n = 0;
    for (const std::size_t s : of) n += static_cast<double>(sites[s].turned_away);
    return n;
  };
  // A store is out when it is empty after the morning's top-up (it does not change after: empty
  // now is empty since then) while the sites it supplies itself turn people away for want of a
  // dose; those people count at every empty store up the chain, up to the province.
  const int first_county = SupplyRecord::first_county(static_cast<int>(cities.size()));
  std::vector<double> county_out(counties.size(), 0.0);
  for (std::size_t k = 0; k < counties.size(); ++k) {
    const std::int64_t in_store = county_stock(k);
    county_out[k] = in_store == 0 ? turned_away_at(counties[k].sites) : 0.0;
    put(first_county + static_cast<int>(k), counties[k].day, in_store, county_out[k]);
  }
  double chain_out = 0;  // turned away below an empty city store, and its empty counties
  for (std::size_t c = 0; c < cities.size(); ++c) {
    const CityStore& city = cities[c];
    const int ci = static_cast<int>(c);
    const std::int64_t in_store = city.lots.doses();
    const double turned_away = turned_away_at(city.sites);
    double own_sites_out = turned_away;  // at the sites the city store supplies itself
    double counties_out = 0;
    for (const std::size_t k : city.counties) {
      own_sites_out -= turned_away_at(counties[k].sites);
      counties_out += county_out[k];
    }
    const double store_out = in_store == 0 ? own_sites_out : 0.0;
    put(SupplyRecord::store(ci), city.store_day, in_store, store_out);
    put(SupplyRecord::sites(ci), city.sites_day, sites_stock(c), turned_away);
    if (in_store == 0) chain_out += store_out + counties_out;
  }
  const std::int64_t at_province = province_stock();
  put(SupplyRecord::province(), province_day, at_province, at_province == 0 ? chain_out : 0.0);
}

// ---- DoseFlow: the campaign's view --------------------------------------------------------------

DoseFlow::DoseFlow(const SupplyPlan& plan, std::vector<Delivery> deliveries,
                   std::span<const std::optional<int>> shelf_life_days, sim::Date start, int days,
                   SupplyPlaces places)
    : places_{std::make_unique<Places>(plan, std::move(deliveries), shelf_life_days, start, days,
                                       std::move(places))} {}

DoseFlow::~DoseFlow() = default;

void DoseFlow::start_day(int day) { places_->start_day(day); }

bool DoseFlow::allocates_on(int day) const {
  return day % places_->plan.allocation_every_days == 0;
}

int DoseFlow::allocation_horizon() const {
  return places_->plan.allocation_every_days + places_->max_lead_days;
}

void DoseFlow::allocate(int day, std::vector<CityNeeds> needs) {
  places_->allocate(day, std::move(needs));
}

void DoseFlow::move(int day) {
  if (places_->chain) places_->transport(day);
  places_->ship_arrivals(day);
}

bool DoseFlow::new_stock_arrives_on(std::size_t city, int day) const {
  return places_->new_stock_arrives[city][static_cast<std::size_t>(day)];
}

void DoseFlow::dispatch(int day, std::size_t city, std::span<const double> capacity) {
  places_->dispatch(day, city, capacity);
}

std::int64_t DoseFlow::at_site(std::size_t site, std::size_t product) const {
  return places_->sites[site].lots[product].total();
}

StockLots DoseFlow::held_for_sites(int day, std::size_t city, std::size_t product,
                                   std::span<const std::size_t> open, int before) const {
  return places_->held_for_sites(day, city, product, open, before);
}

std::int64_t DoseFlow::use_at_site(std::size_t site, std::span<const std::int64_t> given,
                                   std::int64_t lost, std::int64_t turned_away) {
  return places_->use_at_site(site, given, lost, turned_away);
}

std::int64_t DoseFlow::city_stock(std::size_t city) const { return places_->city_stock(city); }

std::int64_t DoseFlow::delivered_today(std::size_t city) const {
  return places_->cities[city].delivered_today;
}

std::int64_t DoseFlow::expired_today(std::size_t city) const {
  return places_->expired_today(city);
}

void DoseFlow::record_day(int day) { places_->record_day(day); }

std::int64_t DoseFlow::province_received() const { return places_->province_received; }

std::int64_t DoseFlow::province_stock() const { return places_->province_stock(); }

std::int64_t DoseFlow::in_transit() const { return places_->in_transit(); }

SupplyRecord DoseFlow::take_record() { return std::move(places_->record); }

NetworkRecord DoseFlow::take_network() { return std::move(places_->network); }

}  // namespace vaxsim::supply
