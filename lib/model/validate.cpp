// The book of a campaign's rules: what the engine relies on, checked once, with the field named,
// for configs built in code and scenario files alike (the loader places these problems in the
// file). Supply's checks of the cold chain are supply::validate()'s, called from here.

#include <cmath>
#include <set>
#include <string>

#include "vaxsim/model/campaign_config.hpp"

namespace vaxsim::model {
namespace {

class Problems {
 public:
  void add(std::string field, std::string message) {
    list.push_back({std::move(field), std::move(message)});
  }
  void require(bool ok, const std::string& field, const std::string& message) {
    if (!ok) add(field, message);
  }
  std::vector<ConfigProblem> list;
};

std::string at(const std::string& base, std::size_t i) {
  return base + "[" + std::to_string(i) + "]";
}

bool is_share(double x) { return x >= 0.0 && x <= 1.0; }

void check_curve(Problems& p, const DatedCurve& curve, const std::string& field, bool shares) {
  for (std::size_t i = 0; i < curve.points.size(); ++i) {
    if (i > 0 && !(curve.points[i - 1].first < curve.points[i].first)) {
      p.add(at(field, i), "dates must increase");
    }
    if (shares && !is_share(curve.points[i].second)) p.add(at(field, i), "share outside [0, 1]");
    if (!shares && !(curve.points[i].second >= 0)) p.add(at(field, i), "must not be negative");
  }
}

// The record dating the prior one-dose people's first doses (prior_first_doses.hpp): a
// cumulative count, before the start, that rises by at least those people after its first point.
void check_prior_record(Problems& p, const CampaignConfig& c) {
  const DatedCurve& record = c.prior_first_doses_by;
  if (record.points.empty()) return;
  const std::string field = "prior_first_doses_by";
  check_curve(p, record, field, false);
  for (std::size_t i = 0; i < record.points.size(); ++i) {
    const auto& [date, people] = record.points[i];
    p.require(date < c.start, at(field, i), "must be before the campaign start");
    p.require(i == 0 || record.points[i - 1].second <= people, at(field, i),
              "a cumulative count must not decrease");
  }
  const auto back =
      (std::chrono::sys_days{c.start} - std::chrono::sys_days{record.points.front().first}).count();
  p.require(back <= 20000, at(field, 0), "too long ago");
  std::int64_t one_dose = 0;
  for (const PriorVaccinations& pv : c.prior) one_dose += pv.one_dose;
  const double dated = record.points.back().second - record.points.front().second;
  p.require(dated >= static_cast<double>(one_dose), field,
            "dates the first doses of " +
                std::to_string(static_cast<std::int64_t>(std::floor(dated))) +
                " people (its rise from its first point to its last), fewer than the " +
                std::to_string(one_dose) + " with one dose at the start");
}

// A site's `store` names a county node whose one upstream link comes from the site's city node:
// the engine ships to a county only from its own city's store.
void check_county_stores(Problems& p, const CampaignConfig& c) {
  const supply::ColdChainConfig& net = *c.supply.cold_chain;
  const auto node_named = [&](const std::string& name) {
    for (std::size_t n = 0; n < net.nodes.size(); ++n) {
      if (net.nodes[n].name == name) return n;
    }
    return net.nodes.size();
  };
  for (std::size_t i = 0; i < c.sites.size(); ++i) {
    const SiteSpec& s = c.sites[i];
    if (s.store.empty() || s.city >= c.cities.size()) continue;
    const std::string f = at("sites", i) + ".store";
    const std::size_t county = node_named(s.store);
    if (county == net.nodes.size()) {
      p.add(f, "no node '" + s.store + "' in supply.cold_chain");
      continue;
    }
    if (net.nodes[county].kind != supply::NodeKind::county) {
      p.add(f, "'" + s.store + "' is not a county node");
      continue;
    }
    const std::string& city = c.cities[s.city].name;
    bool from_city = false;
    for (const supply::ColdChainLink& l : net.links) {
      from_city = from_city ||
                  (l.to == county && l.from < net.nodes.size() && net.nodes[l.from].name == city);
    }
    p.require(from_city, f, "county '" + s.store + "' is not supplied by city '" + city + "'");
  }
}

}  // namespace

std::vector<ConfigProblem> validate(const CampaignConfig& c) {
  Problems p;
  p.require(c.start.ok(), "start", "not a valid date");
  p.require(c.end.ok(), "end", "not a valid date");
  p.require(c.start <= c.end, "end", "before start");
  const auto in_campaign = [&](sim::Date d) { return c.start <= d && d <= c.end; };
  const auto days = (std::chrono::sys_days{c.end} - std::chrono::sys_days{c.start}).count() + 1;
  p.require(days <= 20000, "end", "campaign longer than 20,000 days");

  p.require(!c.products.empty(), "products", "at least one product is needed");
  p.require(c.products.size() < 255, "products", "at most 254 products");
  for (std::size_t i = 0; i < c.products.size(); ++i) {
    const Product& pr = c.products[i];
    const std::string f = at("products", i);
    p.require(pr.min_interval_days >= 0, f + ".min_interval_days", "must not be negative");
    p.require(pr.min_interval_days <= pr.max_interval_days, f + ".max_interval_days",
              "smaller than min_interval_days");
    p.require(pr.return_after_days.min() >= 0, f + ".return_after_days", "may be negative");
    p.require(!pr.shelf_life_days || *pr.shelf_life_days >= 1, f + ".shelf_life_days",
              "must be at least 1 day");
  }

  p.require(c.groups.size() < 255, "groups", "at most 254 groups");
  double share_sum = 0;
  for (std::size_t i = 0; i < c.groups.size(); ++i) {
    const PopulationGroup& g = c.groups[i];
    const std::string f = at("groups", i);
    p.require(is_share(g.share), f + ".share", "outside [0, 1]");
    p.require(is_share(g.uptake), f + ".uptake", "outside [0, 1]");
    share_sum += g.share;
  }
  p.require(share_sum <= 1.0 + 1e-9, "groups", "shares add up to more than 1");

  p.require(!c.cities.empty(), "cities", "at least one city is needed");
  p.require(c.cities.size() < 65535, "cities", "too many cities");
  std::set<std::string> names;
  for (std::size_t i = 0; i < c.cities.size(); ++i) {
    const City& city = c.cities[i];
    const std::string f = at("cities", i);
    p.require(names.insert(city.name).second, f + ".name", "duplicate city '" + city.name + "'");
    p.require(city.residents >= 0, f + ".residents", "must not be negative");
    p.require(city.daily_target >= 0, f + ".daily_target", "must not be negative");
    p.require(city.group_shares.empty() || city.group_shares.size() == c.groups.size(),
              f + ".group_shares", "needs one share per group");
    double sum = 0;
    for (std::size_t g = 0; g < city.group_shares.size(); ++g) {
      p.require(is_share(city.group_shares[g]), at(f + ".group_shares", g), "outside [0, 1]");
      sum += city.group_shares[g];
    }
    p.require(sum <= 1.0 + 1e-9, f + ".group_shares", "shares add up to more than 1");
    check_curve(p, city.staff, f + ".staff", false);
  }

  for (std::size_t i = 0; i < c.sites.size(); ++i) {
    const SiteSpec& s = c.sites[i];
    const std::string f = at("sites", i);
    p.require(s.city < c.cities.size(), f + ".city", "no such city");
    p.require(s.count >= 0, f + ".count", "must not be negative");
    p.require(s.desks >= 0, f + ".desks", "must not be negative");
    p.require(s.staff_per_desk >= 0, f + ".staff_per_desk", "must not be negative");
    p.require(s.observation_seats >= 0, f + ".observation_seats", "must not be negative");
    p.require(s.observation >= sim::Duration::zero(), f + ".observation", "must not be negative");
    p.require(s.observation == sim::Duration::zero() || s.observation_seats > 0,
              f + ".observation_seats", "an observation period needs at least one seat");
    p.require(s.service_minutes.min() >= 0, f + ".service_minutes", "may be negative");
    p.require(s.service_minutes.mean() > 0, f + ".service_minutes", "mean must be positive");
    check_curve(p, s.growth, f + ".growth", true);
    p.require(!s.hours.empty(), f + ".hours", "opening hours are needed");
    for (std::size_t h = 0; h < s.hours.size(); ++h) {
      const OpeningHours& oh = s.hours[h];
      const std::string fh = at(f + ".hours", h);
      p.require(oh.open >= sim::Duration::zero(), fh + ".open", "before midnight");
      p.require(oh.close <= std::chrono::hours{24}, fh + ".close", "after midnight");
      p.require(oh.open < oh.close, fh + ".close", "not after opening time");
      p.require(h == 0 || s.hours[h - 1].from < oh.from, fh + ".from", "dates must increase");
    }
    p.require(s.hours.empty() || s.hours.front().from <= c.start, f + ".hours[0].from",
              "the first opening hours must apply from the campaign start");
    for (std::size_t k = 0; k < s.stops.size(); ++k) {
      p.require(s.stops[k].from <= s.stops[k].to, at(f + ".stops", k) + ".to", "before from");
    }
  }

  p.require(c.demand.booking_fill > 0 && c.demand.booking_fill <= 1.0, "demand.booking_fill",
            "outside (0, 1]");
  p.require(is_share(c.demand.no_show), "demand.no_show", "outside [0, 1]");
  p.require(c.demand.no_show < 1.0, "demand.no_show", "nobody would ever come");
  p.require(is_share(c.demand.walk_in_rate), "demand.walk_in_rate", "outside [0, 1]");
  check_curve(p, c.demand.registered, "demand.registered", true);
  for (std::size_t i = 1; i < c.demand.registered.points.size(); ++i) {
    p.require(c.demand.registered.points[i - 1].second <= c.demand.registered.points[i].second,
              at("demand.registered", i), "registration cannot go down");
  }

  for (std::size_t i = 0; i < c.policies.size(); ++i) {
    const DosePolicy& d = c.policies[i];
    const std::string f = at("policies", i);
    p.require(i == 0 || c.policies[i - 1].from < d.from, f + ".from", "dates must increase");
    p.require(d.reserve_second_dose_days >= 0, f + ".reserve_second_dose_days",
              "must not be negative");
  }

  const supply::SupplyPlan& s = c.supply;
  p.require(s.initial_stock.size() <= c.products.size(), "supply.initial_stock",
            "more entries than products");
  for (std::size_t i = 0; i < s.initial_stock.size(); ++i) {
    p.require(s.initial_stock[i] >= 0, at("supply.initial_stock", i), "must not be negative");
  }
  for (std::size_t i = 0; i < s.deliveries.size(); ++i) {
    const supply::Delivery& d = s.deliveries[i];
    const std::string f = at("supply.deliveries", i);
    p.require(d.product < c.products.size(), f + ".product", "no such product");
    p.require(d.doses >= 0, f + ".doses", "must not be negative");
    p.require(in_campaign(d.date), f + ".date", "outside the campaign");
    p.require(!d.expires || d.date < *d.expires, f + ".expires",
              "not after the delivery date: the doses would expire before they could be used");
  }
  p.require(s.allocation_every_days >= 1, "supply.allocation_every_days", "must be at least 1");
  p.require(s.lead_days >= 0, "supply.lead_days", "must not be negative");
  p.require(s.site_cover_days >= 1, "supply.site_cover_days", "must be at least 1");
  p.require(is_share(s.wastage_rate), "supply.wastage_rate", "outside [0, 1]");
  for (std::size_t i = 0; i < c.sites.size() && !s.cold_chain; ++i) {
    p.require(c.sites[i].store.empty(), at("sites", i) + ".store",
              "a county store needs a cold chain (supply.cold_chain)");
  }

  if (s.cold_chain) {
    for (const ConfigProblem& problem : supply::validate(*s.cold_chain)) {
      p.add("supply.cold_chain." + problem.field, problem.message);
    }
    check_county_stores(p, c);
    for (std::size_t i = 0; i < c.cities.size(); ++i) {
      bool found = false;
      for (const supply::ColdChainNode& n : s.cold_chain->nodes) {
        found = found || (n.name == c.cities[i].name && n.kind != supply::NodeKind::province);
      }
      p.require(found, "supply.cold_chain.nodes",
                "no node for city '" + c.cities[i].name + "' (nodes are matched by name)");
    }
  }

  const Targets& t = c.targets;
  p.require(t.daily_doses >= 0, "targets.daily_doses", "must not be negative");
  p.require(t.people_fully_vaccinated >= 0, "targets.people_fully_vaccinated",
            "must not be negative");
  p.require(t.doses >= 0, "targets.doses", "must not be negative");
  p.require(t.coverage_base >= 0, "targets.coverage_base", "must not be negative");
  p.require(t.reference_open_hours > 0 && t.reference_open_hours <= 24,
            "targets.reference_open_hours", "outside (0, 24]");
  p.require(t.best_desk_doses_per_day > 0 && std::isfinite(t.best_desk_doses_per_day),
            "targets.best_desk_doses_per_day", "must be above 0");
  for (std::size_t i = 0; i < t.coverage_levels.size(); ++i) {
    p.require(is_share(t.coverage_levels[i]), at("targets.coverage_levels", i), "outside [0, 1]");
  }
  p.require(t.deadline.ok() && in_campaign(t.deadline), "targets.deadline", "outside the campaign");
  p.require(t.daily_doses == 0 || in_campaign(t.daily_from), "targets.daily_from",
            "outside the campaign");

  p.require(c.prior.empty() || c.prior.size() == c.cities.size(), "prior",
            "needs one entry per city");
  for (std::size_t i = 0; i < c.prior.size(); ++i) {
    const PriorVaccinations& pv = c.prior[i];
    const std::string f = at("prior", i);
    p.require(pv.one_dose >= 0, f + ".one_dose", "must not be negative");
    p.require(pv.two_doses >= 0, f + ".two_doses", "must not be negative");
    p.require(pv.product_shares.empty() || pv.product_shares.size() == c.products.size(),
              f + ".product_shares", "needs one share per product");
    if (pv.one_dose == 0 || !c.prior_first_doses_by.points.empty()) continue;  // window unused
    p.require(pv.first_doses_from <= pv.first_doses_to, f + ".first_doses_to",
              "before first_doses_from");
    p.require(pv.first_doses_to < c.start, f + ".first_doses_to",
              "must be before the campaign start");
    const auto back =
        (std::chrono::sys_days{c.start} - std::chrono::sys_days{pv.first_doses_from}).count();
    p.require(back <= 20000, f + ".first_doses_from", "too long ago");
  }
  check_prior_record(p, c);
  const Uncertainty& u = c.uncertainty;
  for (const auto& [field, d] :
       {std::pair{"uncertainty.delivery_quantity_factor", &u.delivery_quantity_factor},
        std::pair{"uncertainty.delivery_delay_days", &u.delivery_delay_days},
        std::pair{"uncertainty.uptake_factor", &u.uptake_factor},
        std::pair{"uncertainty.no_show", &u.no_show},
        std::pair{"uncertainty.service_time_factor", &u.service_time_factor},
        std::pair{"uncertainty.staff_absence", &u.staff_absence}}) {
    p.require(!d->has_value() || (*d)->min() >= 0, field, "may be negative");
  }
  return p.list;
}

}  // namespace vaxsim::model
