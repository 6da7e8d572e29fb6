// The scenario's sites, read into the config (scenario_reader.hpp): a family of sites per entry,
// split by city when it is for `all`; docs/scenario-format.md, "sites".

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scenario_reader.hpp"
#include "text_helpers.hpp"
#include "vaxsim/sim/number_text.hpp"

namespace vaxsim::io::detail {

void ScenarioReader::read_sites(const Field& f) {
  note("sites", f);
  std::vector<std::string> family_names;
  std::vector<std::string> expanded_names;
  for (const Field& item : nonempty_list(f, "site")) {
    const MapView m(
        *this, item,
        {"name", "city", "kind", "count", "growth", "desks", "staff_per_desk", "observation_seats",
         "observation_minutes", "service_minutes", "hours", "closed_on", "stops", "store"});
    model::SiteSpec s;
    const Field name = m.need("name");
    s.name = text(name);
    check_unique(name, s.name, family_names, "site", "sites");
    family_names.push_back(s.name);

    const Field city_field = m.need("city");
    const std::string city_name = text(city_field);
    const bool all_cities = city_name == "all";
    if (!all_cities) s.city = lookup(city_field, city_name, city_names_, "city");

    const std::optional<Field> store = m.get("store");
    if (store) {
      s.store = text(*store);  // a county node, checked with the cold chain
      store_fields_.emplace_back(*store, s.store);
    }
    if (const auto k = m.get("kind")) s.kind = site_kind(*k);
    if (const auto n = m.get("count")) s.count = small_count(*n);
    if (const auto g = m.get("growth")) {
      s.growth = dated_curve(*g, [&](const Field& v) { return share(v); });
      // Sites never close once open: a falling share would be silently ignored.
      for (std::size_t i = 1; i < s.growth.points.size(); ++i) {
        const double before = s.growth.points[i - 1].second;
        const double now = s.growth.points[i].second;
        if (now < before) {
          reject(Field{g->node[i][1], index_path(index_path(g->path, i), 1)},
                 "the share falls from " + sim::number_text(before) + " to " +
                     sim::number_text(now) +
                     ": sites, once open, stay open (close days with `closed_on`, or end a "
                     "mobile site's `stops`)");
        }
      }
    }
    if (const auto d = m.get("desks")) s.desks = small_count(*d);
    if (const auto d = m.get("staff_per_desk")) s.staff_per_desk = small_count(*d, 1);
    if (const auto d = m.get("observation_seats")) s.observation_seats = small_count(*d);
    if (const auto d = m.get("observation_minutes")) {
      s.observation = sim::from_minutes(plausible(*d, nonnegative(*d), 120, 24 * 60, "minutes"));
    }
    if (const auto d = m.get("service_minutes")) {
      s.service_minutes = distribution(*d).distribution;
      if (s.service_minutes.min() < 0) {
        fail(*d, "a service time can't be negative: the distribution reaches " +
                     sim::number_text(s.service_minutes.min()) + " minutes");
      }
      if (!(s.service_minutes.mean() > 0)) fail(*d, "the mean service time must be positive");
      if (s.service_minutes.mean() > 24 * 60) {
        reject(*d, "the mean service time is implausibly large: " +
                       sim::number_text(s.service_minutes.mean()) +
                       " minutes (at most 1440, a day)");
        s.service_minutes = sim::Distribution::constant(24 * 60);
      } else if (s.service_minutes.mean() > 60) {
        warn(*d, "implausible_value",
             "a mean service time of " + sim::number_text(s.service_minutes.mean()) +
                 " minutes is more than the plausible 60 minutes; is it meant?");
      }
    }
    const Field hours = m.need("hours");
    s.hours = opening_hours(hours);
    if (const auto c = m.get("closed_on")) s.closed_on = closed_days(*c);
    if (const auto st = m.get("stops")) {
      if (s.kind != model::SiteKind::mobile) {
        fail(*st, "stops are for mobile sites only (set `kind: mobile`)");
      }
      s.stops = mobile_stops(*st);
    }

    // One SiteSpec per city: the family itself, or its share of each city.
    std::vector<std::pair<std::size_t, int>> parts;  // (city, count)
    if (all_cities) {
      const std::vector<std::int64_t> counts = split_by_residents(s.count);
      for (std::size_t c = 0; c < counts.size(); ++c) {
        if (counts[c] > 0) parts.emplace_back(c, static_cast<int>(counts[c]));
      }
    } else {
      parts.emplace_back(s.city, s.count);
    }
    for (const auto& [city, n] : parts) {
      model::SiteSpec spec = s;
      spec.city = city;
      spec.count = n;
      if (all_cities) spec.name = s.name + "/" + city_names_[city];
      if (std::find(expanded_names.begin(), expanded_names.end(), spec.name) !=
          expanded_names.end()) {
        fail(name, "the site name " + quote(spec.name) + " is used twice once `city: all` " +
                       "families are split by city; rename one of them");
      }
      expanded_names.push_back(spec.name);
      const std::string config_path = index_path("sites", config_.sites.size());
      note(config_path, item);
      if (store) note(config_path + ".store", *store);
      for (std::size_t h = 0; h < spec.hours.size(); ++h) {
        note(index_path(config_path + ".hours", h),
             Field{hours.node[h], index_path(hours.path, h)});
      }
      config_.sites.push_back(std::move(spec));
    }
  }
}

model::SiteKind ScenarioReader::site_kind(const Field& f) const {
  static constexpr std::string_view kKinds[] = {"fixed", "temporary", "mobile"};
  const std::string k = text(f);
  if (k == "fixed") return model::SiteKind::fixed;
  if (k == "temporary") return model::SiteKind::temporary;
  if (k == "mobile") return model::SiteKind::mobile;
  std::string message = "unknown site kind " + quote(k);
  if (const auto guess = closest(k, kKinds)) message += " (did you mean " + quote(*guess) + "?)";
  fail(f, message + "; expected one of: " + join(kKinds));
}

std::vector<model::OpeningHours> ScenarioReader::opening_hours(const Field& f) const {
  std::vector<model::OpeningHours> out;
  std::optional<Date> previous;
  for (const Field& item : nonempty_list(f, "opening-hours entry")) {
    const MapView m(*this, item, {"from", "open", "close"});
    model::OpeningHours h;
    if (const auto from = m.get("from")) {
      h.from = date_in_campaign(*from);
      if (out.empty() && h.from != config_.start) {
        fail(*from, "the first opening hours must apply from the campaign start (" +
                        date_text(config_.start) + "); leave out `from` on the first entry");
      }
      check_increasing(*from, previous, h.from);
    } else if (out.empty()) {
      h.from = config_.start;
    } else {
      m.need("from");  // throws: only the first entry may leave it out
    }
    previous = h.from;
    const Field open = m.need("open");
    const Field close = m.need("close");
    h.open = time_of_day(open);
    h.close = time_of_day(close);
    if (h.close <= h.open) {
      fail(close, "closing time " + sim::format_time_of_day(h.close) +
                      " is not after opening time " + sim::format_time_of_day(h.open));
    }
    out.push_back(h);
  }
  return out;
}

std::vector<Date> ScenarioReader::closed_days(const Field& f) const {
  std::vector<Date> out;
  std::optional<Date> previous;
  for (const Field& item : list(f)) {
    const Date d = date_in_campaign(item);
    check_increasing(item, previous, d);
    previous = d;
    out.push_back(d);
  }
  return out;
}

std::vector<model::MobileStop> ScenarioReader::mobile_stops(const Field& f) const {
  std::vector<model::MobileStop> out;
  for (const Field& item : list(f)) {
    const MapView m(*this, item, {"from", "to", "place"});
    model::MobileStop stop;
    const Field from = m.need("from");
    const Field to = m.need("to");
    stop.from = date_in_campaign(from);
    stop.to = date_in_campaign(to);
    if (stop.to < stop.from) {
      fail(to, "the stop ends (" + date_text(stop.to) + ") before it starts (" +
                   date_text(stop.from) + ")");
    }
    if (!out.empty() && !(out.back().to < stop.from)) {
      fail(from, "stops must follow each other: " + date_text(stop.from) +
                     " is not after the previous stop's end " + date_text(out.back().to));
    }
    if (const auto p = m.get("place")) stop.place = text(*p);
    out.push_back(std::move(stop));
  }
  return out;
}

}  // namespace vaxsim::io::detail
