// The scenario's supply, read into the config (scenario_reader.hpp): the allocation policy,
// initial stock, deliveries and the cold chain; docs/scenario-format.md, "supply".

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scenario_reader.hpp"
#include "text_helpers.hpp"
#include "vaxsim/supply/allocation.hpp"

namespace vaxsim::io::detail {

void ScenarioReader::read_supply(const Field& f) {
  const MapView m(*this, f,
                  {"allocation", "allocation_every_days", "lead_days", "site_cover_days",
                   "wastage_rate", "initial_stock", "deliveries", "cold_chain"});
  supply::SupplyPlan& s = config_.supply;
  note("supply", f);
  const std::string policy_name =
      m.has("allocation") ? text(*m.get("allocation")) : std::string("population");
  s.allocation = supply::make_allocation_policy(policy_name);
  if (!s.allocation) {
    static const std::vector<std::string> kPolicies = {"population", "backlog", "capacity",
                                                       "second_doses_first"};
    lookup(*m.get("allocation"), policy_name, kPolicies, "allocation policy");
  }
  if (const auto d = m.get("allocation_every_days")) s.allocation_every_days = small_count(*d, 1);
  if (const auto d = m.get("lead_days")) s.lead_days = lead_days(*d);
  if (const auto d = m.get("site_cover_days")) {
    s.site_cover_days = static_cast<int>(plausible(*d, small_count(*d, 1), 60, 3650, "days"));
  }
  if (const auto w = m.get("wastage_rate")) {
    s.wastage_rate = share(*w);
    if (s.wastage_rate >= 1) fail(*w, "must be below 1: every dose would be wasted");
  }
  if (const auto stock = m.get("initial_stock")) {
    s.initial_stock.assign(config_.products.size(), 0);
    for (const NamedEntry& e : named_entries(*stock)) {
      const std::size_t p = lookup(e.key, e.name, product_names_, "product");
      s.initial_stock[p] = doses(e.value);
    }
  }
  if (const auto d = m.get("deliveries")) read_deliveries(*d);
  if (const auto d = m.get("cold_chain")) read_cold_chain(*d);
}

// The province -> city network: one truck fleet (link) per city, `all` for the defaults and a
// city's name for its own values; then the county stores, each with its city and its own fleet
// from the city.
void ScenarioReader::read_cold_chain(const Field& f) {
  note("supply.cold_chain", f);
  const MapView m(*this, f, {"province", "province_storage", "links", "counties"});
  supply::ColdChainConfig net;
  const std::string province = m.has("province") ? text(*m.get("province")) : "province CDC";
  const std::int64_t province_storage =
      m.has("province_storage") ? storage(*m.get("province_storage")) : supply::unlimited;
  if (province_storage == 0) {
    reject(*m.get("province_storage"),
           "a province store of 0 doses keeps nothing: every delivery would be lost and no dose "
           "ever given");
  }
  net.nodes.push_back({province, supply::NodeKind::province, province_storage});

  struct Fleet {
    int lead_days = 1;
    std::optional<int> trucks;  // required: without trucks no dose would ever move
    std::optional<std::int64_t> doses_per_truck;
    double trips_per_day = 1.0;
    std::int64_t storage = supply::unlimited;
  };
  const auto fleet_from = [&](const MapView& fm, Fleet fleet) {
    if (const auto v = fm.get("lead_days")) fleet.lead_days = lead_days(*v);
    if (const auto v = fm.get("trucks")) fleet.trucks = small_count(*v);
    if (const auto v = fm.get("doses_per_truck")) fleet.doses_per_truck = doses(*v);
    if (const auto v = fm.get("trips_per_day")) {
      fleet.trips_per_day = number(*v);
      if (!(fleet.trips_per_day >= 0)) fail(*v, "must not be negative");
      fleet.trips_per_day = plausible(*v, fleet.trips_per_day, 10, 1000, "trips a day");
    }
    if (const auto v = fm.get("storage")) fleet.storage = storage(*v);
    return fleet;
  };
  const auto read_fleet = [&](const Field& item, Fleet fleet) {
    return fleet_from(
        MapView(*this, item,
                {"lead_days", "trucks", "doses_per_truck", "trips_per_day", "storage"}),
        fleet);
  };
  const Field links = m.need("links");
  Fleet defaults;
  std::vector<std::optional<Fleet>> own(config_.cities.size());
  std::vector<std::optional<Field>> own_entry(config_.cities.size());
  const std::vector<NamedEntry> entries = named_entries(links);
  for (const NamedEntry& e : entries) {
    if (e.name == "all") defaults = read_fleet(e.value, defaults);
  }
  for (const NamedEntry& e : entries) {
    if (e.name == "all") continue;
    const std::size_t c = lookup(e.key, e.name, city_names_, "city");
    own[c] = read_fleet(e.value, defaults);
    own_entry[c] = e.value;
  }
  for (std::size_t c = 0; c < config_.cities.size(); ++c) {
    const Fleet fleet = own[c].value_or(defaults);
    for (const auto& [given, key] :
         {std::pair{fleet.trucks.has_value(), "trucks"},
          std::pair{fleet.doses_per_truck.has_value(), "doses_per_truck"}}) {
      if (given) continue;
      const Field& at = own_entry[c] ? *own_entry[c] : links;
      const std::string& city = config_.cities[c].name;
      fail_at(mark_of(at.node), "supply.cold_chain.links[" + city + "]." + key,
              "missing: give it under `all` or `" + city +
                  "`; without it no dose would ever reach " + city);
    }
    never_supplied(own_entry[c] ? *own_entry[c] : links, fleet.trucks, fleet.doses_per_truck,
                   fleet.trips_per_day, fleet.storage, config_.cities[c].name);
    net.nodes.push_back({config_.cities[c].name, supply::NodeKind::city, fleet.storage});
    net.links.push_back(
        {0, c + 1, fleet.lead_days, *fleet.trucks, *fleet.doses_per_truck, fleet.trips_per_day});
  }
  if (const auto counties = m.get("counties")) {
    std::vector<std::string> county_names;
    for (const NamedEntry& e : named_entries(*counties)) {
      // One name, one node: a county named like a city or the province would be ambiguous.
      if (e.name == province ||
          std::find(city_names_.begin(), city_names_.end(), e.name) != city_names_.end()) {
        fail(e.key, "county '" + e.name + "' has the name of " +
                        (e.name == province ? std::string("the province") : "a city") +
                        "; county names must differ from the cities' and the province's");
      }
      county_names.push_back(e.name);
      const MapView cm(
          *this, e.value,
          {"city", "lead_days", "trucks", "doses_per_truck", "trips_per_day", "storage"});
      const Field city = cm.need("city");
      const std::size_t c = lookup(city, text(city), city_names_, "city");
      cm.need("trucks");  // a county without trucks would never get a dose
      cm.need("doses_per_truck");
      const Fleet fleet = fleet_from(cm, Fleet{});
      never_supplied(e.value, fleet.trucks, fleet.doses_per_truck, fleet.trips_per_day,
                     fleet.storage, "county " + e.name);
      note(index_path("supply.cold_chain.nodes", net.nodes.size()), e.value);
      note(index_path("supply.cold_chain.links", net.links.size()), e.value);
      net.links.push_back({c + 1, net.nodes.size(), fleet.lead_days, *fleet.trucks,
                           *fleet.doses_per_truck, fleet.trips_per_day});
      net.nodes.push_back({e.name, supply::NodeKind::county, fleet.storage});
    }
    for (const auto& [field, name] : store_fields_) {
      if (std::find(city_names_.begin(), city_names_.end(), name) == city_names_.end()) {
        lookup(field, name, county_names, "county");
      }
    }
  }
  config_.supply.cold_chain = std::move(net);
}

std::int64_t ScenarioReader::storage(const Field& f) const {
  if (f.node.IsScalar() && lower(f.node.Scalar()) == "unlimited") return supply::unlimited;
  return doses(f);
}

// Doses in one place or delivery. Above 10^10 (more than the world's yearly production in
// 2021) it cannot be meant, and sums of such counts over a long campaign could overflow.
std::int64_t ScenarioReader::doses(const Field& f) const {
  return static_cast<std::int64_t>(plausible(f, static_cast<double>(count(f)), 1e9, 1e10, "doses"));
}

int ScenarioReader::lead_days(const Field& f) const {
  return static_cast<int>(plausible(f, small_count(f), 30, 365, "days"));
}

// A link that can carry nothing: possible in a what-if (a sweep over trucks), but the place it
// serves never gets a dose, which a planner should hear.
void ScenarioReader::never_supplied(const Field& f, std::optional<int> trucks,
                                    std::optional<std::int64_t> doses_per_truck,
                                    double trips_per_day, std::int64_t storage,
                                    const std::string& place) const {
  std::string why;
  if (trucks == 0) why = "no trucks";
  if (doses_per_truck == 0) why = "0 doses a truck";
  if (trips_per_day == 0) why = "0 trips a day";
  if (storage == 0) why = "a store of 0 doses";
  if (!why.empty()) {
    warn(f, "never_supplied", why + ": " + place + " never gets a dose");
  }
}

void ScenarioReader::read_deliveries(const Field& f) {
  note("supply.deliveries", f);
  std::vector<supply::Delivery>& out = config_.supply.deliveries;
  std::vector<std::pair<supply::Delivery, Field>> all;
  for (const Field& item : list(f)) {
    const MapView m(*this, item,
                    {"product", "doses", "date", "from", "to", "every_days", "expires"});
    const Field product = m.need("product");
    const std::size_t p = lookup(product, text(product), product_names_, "product");
    const std::int64_t doses = this->doses(m.need("doses"));
    const bool repeating = m.has("from") || m.has("to") || m.has("every_days");
    if (m.has("date") && repeating) {
      fail(*m.get("date"),
           "give either `date` (one delivery) or `from`, `to` and "
           "`every_days` (a repeating delivery), not both");
    }
    if (!repeating) {
      const Date d = date_in_campaign(m.need("date"));
      supply::Delivery delivery{d, p, doses};
      if (const auto e = m.get("expires")) {
        delivery.expires = date(*e);
        if (!(d < *delivery.expires)) {
          fail(*e, "the doses would expire (" + date_text(*delivery.expires) +
                       ") before they could be used: not after the delivery date " + date_text(d));
        }
      }
      all.push_back({delivery, item});
      continue;
    }
    if (const auto e = m.get("expires")) {
      fail(*e,
           "`expires` dates one delivery (`date`); the doses of repeating deliveries expire "
           "by the product's `shelf_life_days`");
    }
    const Field from_field = m.need("from");
    const Date from = date_in_campaign(from_field);
    Date to = config_.end;
    if (const auto t = m.get("to")) {
      to = date_in_campaign(*t);
      if (to < from) {
        fail(*t, "the deliveries end (" + date_text(to) + ") before they start (" +
                     date_text(from) + ")");
      }
    }
    const int every = small_count(m.need("every_days"), 1);
    for (std::chrono::sys_days day{from}; day <= std::chrono::sys_days{to};
         day += std::chrono::days{every}) {
      all.push_back({supply::Delivery{Date{day}, p, doses}, item});
    }
  }
  // Each delivery is plausible (doses()), but many over a long campaign could still add up
  // past what the supply's int64 sums hold.
  double total = 0;
  for (const auto& [delivery, item] : all) {
    total += static_cast<double>(delivery.doses);
    if (total > 1e15) {
      reject(item, "the deliveries add up to more than 1e+15 doses, more than can be meant");
      all.clear();
      break;
    }
  }
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return std::chrono::sys_days{a.first.date} < std::chrono::sys_days{b.first.date};
  });
  for (const auto& [delivery, item] : all) {
    note(index_path("supply.deliveries", out.size()), item);
    out.push_back(delivery);
  }
}

}  // namespace vaxsim::io::detail
