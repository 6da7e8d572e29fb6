// The dose flow's cold chain: the refrigerated trucks that carry doses from the province to the
// city stores, and from a city store to its county stores, each day within the network's trucks
// and the free room of every cold store (cold_chain.hpp's max-flow). The rest of the flow is in
// dose_flow.cpp.

#include <algorithm>
#include <cmath>

#include "dose_flow_places.hpp"
#include "vaxsim/sim/count.hpp"

namespace vaxsim::supply {

using sim::floor_to_count;

// ---- Set-up ------------------------------------------------------------------------------------

void DoseFlow::Places::set_up_cold_chain(std::span<const std::string> city_names) {
  lead_days.assign(city_names.size(), plan.lead_days);
  if (!plan.cold_chain) return;
  chain.emplace(*plan.cold_chain);
  const auto& nodes = plan.cold_chain->nodes;
  for (std::size_t c = 0; c < city_names.size(); ++c) {
    const auto it = std::find_if(nodes.begin(), nodes.end(),
                                 [&](const auto& n) { return n.name == city_names[c]; });
    city_node.push_back(static_cast<std::size_t>(it - nodes.begin()));  // validated
    lead_days[c] = chain->lead_days(city_node.back());
  }
  owed.assign(city_names.size(), Store{products});
  NetworkRecord& n = network;
  for (const ColdChainLink& l : plan.cold_chain->links) {
    n.links.push_back(nodes[l.from].name + " -> " + nodes[l.to].name);
    const auto city = std::find(city_node.begin(), city_node.end(), l.to);
    n.link_city.push_back(city == city_node.end() ? -1
                                                  : static_cast<int>(city - city_node.begin()));
  }
  n.bound = sim::Vector::Zero(days);
  n.shipped = sim::Vector::Zero(days);
  n.link_flow = sim::Matrix::Zero(days, static_cast<sim::Index>(n.links.size()));
  n.binding_links.resize(static_cast<std::size_t>(days));
}

// A store for each county node some site names (validated: supplied by the site's city), in
// the cold chain's node order. County nodes no site draws from hold nothing.
void DoseFlow::Places::set_up_counties(std::span<const SupplyPlaces::Site> named) {
  if (!chain) return;
  const ColdChainConfig& net = chain->config();
  for (std::size_t node = 0; node < net.nodes.size(); ++node) {
    const std::string& name = net.nodes[node].name;
    const std::size_t k = counties.size();
    for (std::size_t s = 0; s < sites.size(); ++s) {
      if (named[s].store != name) continue;
      if (counties.size() == k) {
        CountyStore county;
        county.node = node;
        county.city = sites[s].city;
        const std::vector<std::size_t> path = chain->path_to(node);
        county.link = path.back();
        county.lots = Store{products};
        network.link_city[county.link] = static_cast<int>(sites[s].city);
        counties.push_back(std::move(county));
        cities[sites[s].city].counties.push_back(k);
      }
      sites[s].county = k;
    }
  }
  for (const CityStore& city : cities) {
    for (const std::size_t s : city.sites) {
      if (sites[s].county != kCityStore) counties[sites[s].county].sites.push_back(s);
    }
  }
}

// ---- Province -> city stores --------------------------------------------------------------------

// Loads today's trucks: the most the network can carry of what each city is owed, within the
// links' daily capacity and the free room of each city's cold store (stock and inbound doses).
void DoseFlow::Places::transport(int day) {
  const std::size_t n_nodes = chain->node_count();
  std::vector<std::int64_t> room(n_nodes, unlimited);
  std::vector<std::int64_t> owed_at(n_nodes, 0);
  std::int64_t owed_total = 0;
  for (std::size_t c = 0; c < cities.size(); ++c) {
    const std::size_t node = city_node[c];
    const std::int64_t capacity = plan.cold_chain->nodes[node].storage_capacity;
    if (capacity != unlimited) {
      const std::int64_t held = cities[c].lots.doses() + in_transit_to(c);
      room[node] = std::max<std::int64_t>(0, capacity - held);
    }
    for (const StockLots& lots : owed[c]) owed_at[node] += lots.total();
    owed_total += owed_at[node];
  }
  room[chain->root()] = owed_total;  // the province sends only what it has allocated

  // The day's bound: the most the network could move to the stores the sites draw from (a
  // city's own store, and its county stores), each taking all it could, within every link's
  // trucks and every store's free room. County links count: a city whose sites all draw from
  // its counties takes no more than their trucks carry on.
  std::vector<std::int64_t> all(n_nodes, 0);
  for (std::size_t c = 0; c < cities.size(); ++c) {
    if (own_sites[c]) all[city_node[c]] = unlimited;
  }
  std::vector<std::int64_t> full_room = room;
  full_room[chain->root()] = unlimited;
  for (std::size_t k = 0; k < counties.size(); ++k) {
    all[counties[k].node] = unlimited;
    full_room[counties[k].node] = county_room(k);
  }
  const DailyBound bound = chain->max_flow(full_room, all);
  NetworkRecord& rec = network;
  rec.bound[day] = static_cast<double>(bound.max_doses);

  if (owed_total == 0) return;
  const DailyBound today = chain->max_flow(room, owed_at);
  rec.shipped[day] = static_cast<double>(today.max_doses);
  for (std::size_t l = 0; l < today.flow_on_link.size(); ++l) {
    rec.link_flow(day, static_cast<sim::Index>(l)) = static_cast<double>(today.flow_on_link[l]);
  }
  for (const std::size_t l : today.cut_links) {
    rec.binding_links[static_cast<std::size_t>(day)].push_back(static_cast<std::uint32_t>(l));
  }
  for (std::size_t c = 0; c < cities.size(); ++c) {
    const std::int64_t load = today.flow_to_demand[city_node[c]];
    if (load == 0) continue;
    std::vector<double> weights;
    for (const StockLots& lots : owed[c]) weights.push_back(static_cast<double>(lots.total()));
    const std::vector<std::int64_t> parts = split_in_proportion(load, weights);
    for (std::size_t p = 0; p < products; ++p) {
      if (parts[p] == 0) continue;
      // Trucks are loaded with the earliest expiring doses first.
      const StockLots loaded = owed[c][p].take(parts[p]);
      for (const Lot& lot : loaded.lots()) {
        transit.push_back({day + lead_days[c], c, p, lot.doses, lot.expires});
      }
      province_day.sent += parts[p];
    }
  }
}

// ---- City store -> county stores ----------------------------------------------------------------

std::int64_t DoseFlow::Places::in_transit_to_county(std::size_t k) const {
  std::int64_t n = 0;
  for (const Shipment& s : county_transit) n += s.to == k ? s.doses : 0;
  return n;
}

// The free room of county k's cold store: less its stock and the doses on the road to it, as
// for a city store.
std::int64_t DoseFlow::Places::county_room(std::size_t k) const {
  const std::int64_t capacity = chain->config().nodes[counties[k].node].storage_capacity;
  if (capacity == unlimited) return capacity;
  return std::max<std::int64_t>(0, capacity - county_stock(k) - in_transit_to_county(k));
}

// What county k orders from its city this morning: what its open sites lack today, and what
// they will use while today's load is on the road (their capacity for the link's lead days),
// less what the county holds and has on the road. An order-up-to rule: a county with a lead
// time keeps that many days of its sites' use, no more.
std::int64_t DoseFlow::Places::county_order(std::size_t k) const {
  const CountyStore& county = counties[k];
  const int lead = chain->config().links[county.link].lead_days;
  double wanted = 0;
  for (const std::size_t s : county.sites) {
    wanted += site_need(sites[s]) + lead * std::ceil(sites[s].capacity);
  }
  const double held = static_cast<double>(county_stock(k) + in_transit_to_county(k));
  return std::max<std::int64_t>(0, floor_to_count(wanted - held));
}

// How much of each of city c's county orders its trucks and the counties' rooms let it load
// today (the city's stock aside): a max-flow from the city's store over its county links. Its
// cut names the county links whose trucks held an order back: binding links of the day.
std::vector<std::int64_t> DoseFlow::Places::county_loads(int day, std::size_t c,
                                                         const std::vector<std::int64_t>& orders) {
  const std::vector<std::size_t>& of_city = cities[c].counties;
  std::vector<std::int64_t> room(chain->node_count(), unlimited);
  std::vector<std::int64_t> demand(chain->node_count(), 0);
  for (std::size_t i = 0; i < of_city.size(); ++i) {
    room[counties[of_city[i]].node] = county_room(of_city[i]);
    demand[counties[of_city[i]].node] = orders[i];
  }
  const DailyBound flow = chain->max_flow(room, demand, city_node[c]);
  for (const std::size_t l : flow.cut_links) {
    network.binding_links[static_cast<std::size_t>(day)].push_back(static_cast<std::uint32_t>(l));
  }
  std::vector<std::int64_t> loads;
  for (const std::size_t k : of_city) loads.push_back(flow.flow_to_demand[counties[k].node]);
  return loads;
}

// A shipment reaches a county store; as at a city store, doses that expired on the road are
// received and removed at once (trucks load only what fits, so nothing overflows).
void DoseFlow::Places::receive_county_shipments(int day, std::size_t k) {
  CountyStore& county = counties[k];
  std::erase_if(county_transit, [&](const Shipment& s) {
    if (s.to != k || s.arrives > day) return false;
    county.day.received += s.doses;
    county.lots[s.product].add(s.doses, s.expires);
    county.day.expired += county.lots[s.product].expire(day);
    return true;
  });
}

}  // namespace vaxsim::supply
