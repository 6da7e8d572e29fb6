// The scenario's products, population groups and cities (with their staff), read into the
// config (scenario_reader.hpp); docs/scenario-format.md, "products", "groups", "cities".

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scenario_reader.hpp"
#include "text_helpers.hpp"
#include "vaxsim/sim/number_text.hpp"
#include "vaxsim/supply/allocation.hpp"

namespace vaxsim::io::detail {

// ---- Products ----

void ScenarioReader::read_products(const Field& f) {
  note("products", f);
  for (const Field& item : nonempty_list(f, "product")) {
    const MapView m(*this, item, {"name", "interval_days", "return_after_days", "shelf_life_days"});
    model::Product p;
    const Field name = m.need("name");
    p.name = text(name);
    check_unique(name, p.name, product_names_, "product", "products");
    if (const auto interval = m.get("interval_days")) {
      const MapView im(*this, *interval, {"min", "max"});
      if (const auto lo = im.get("min")) p.min_interval_days = small_count(*lo);
      if (const auto hi = im.get("max")) p.max_interval_days = small_count(*hi);
      if (p.min_interval_days > p.max_interval_days) {
        fail(im.has("max") ? *im.get("max") : *interval,
             "the interval's minimum (" + std::to_string(p.min_interval_days) +
                 " days) exceeds its maximum (" + std::to_string(p.max_interval_days) + " days)");
      }
    }
    if (const auto ret = m.get("return_after_days")) {
      p.return_after_days = distribution(*ret).distribution;
      if (p.return_after_days.min() < 0) {
        fail(*ret, "a return can't be before the first dose: the distribution reaches " +
                       sim::number_text(p.return_after_days.min()) + " days");
      }
    } else {
      p.return_after_days = sim::Distribution::constant(p.min_interval_days);
    }
    if (const auto life = m.get("shelf_life_days")) p.shelf_life_days = small_count(*life, 1);
    note(index_path("products", config_.products.size()), item);
    product_names_.push_back(p.name);
    config_.products.push_back(std::move(p));
  }
}

void ScenarioReader::check_unique(const Field& name_field, const std::string& name,
                                  const std::vector<std::string>& known, std::string_view what,
                                  const std::string& list_path) const {
  const auto it = std::find(known.begin(), known.end(), name);
  if (it != known.end()) {
    const auto index = static_cast<std::size_t>(it - known.begin());
    fail(name_field, "duplicate " + std::string(what) + " name " + quote(name) +
                         " (already used by " + index_path(list_path, index) + ")");
  }
}

// ---- Groups ----

void ScenarioReader::read_groups(const Field& f) {
  note("groups", f);
  double sum = 0;
  for (const Field& item : nonempty_list(f, "group")) {
    const MapView m(*this, item, {"name", "share", "eligible_from", "uptake"});
    model::PopulationGroup g;
    const Field name = m.need("name");
    g.name = text(name);
    check_unique(name, g.name, group_names_, "group", "groups");
    const Field share_field = m.need("share");
    g.share = share(share_field);
    sum += g.share;
    if (sum > 1.0 + kShareTolerance) {
      fail(share_field,
           "group shares add up to " + sum_text(sum) + " with this group; they must not exceed 1");
    }
    g.eligible_from = config_.start;
    if (const auto e = m.get("eligible_from")) g.eligible_from = eligibility(*e);
    if (const auto u = m.get("uptake")) g.uptake = share(*u);
    note(index_path("groups", config_.groups.size()), item);
    group_names_.push_back(g.name);
    config_.groups.push_back(std::move(g));
  }
}

std::optional<Date> ScenarioReader::eligibility(const Field& f) const {
  static constexpr std::string_view kNever[] = {"never"};
  const std::string s = scalar(f, "a date (YYYY-MM-DD) or `never`");
  if (lower(s) == "never") return std::nullopt;
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s.front())) == 0) {
    std::string message = "expected a date (YYYY-MM-DD) or `never`, got " + describe(f.node);
    if (closest(s, kNever)) message += " (did you mean 'never'?)";
    fail(f, message);
  }
  const Date d = date(f);
  if (d > config_.end) {
    fail(f, date_text(d) + " is after the campaign ends (" + date_text(config_.end) +
                "); write `never` for a group that is not eligible");
  }
  return d;
}

// ---- Cities ----

void ScenarioReader::read_cities(const Field& f) {
  note("cities", f);
  constexpr std::int64_t kMostPeople = 4'000'000'000;  // below 2^32
  std::int64_t total_residents = 0;
  for (const Field& item : nonempty_list(f, "city")) {
    const MapView m(*this, item, {"name", "residents", "group_shares", "staff"});
    model::City city;
    const Field name = m.need("name");
    city.name = text(name);
    if (city.name == "all") fail(name, "'all' is reserved (it means every city in `sites`)");
    check_unique(name, city.name, city_names_, "city", "cities");
    const Field residents = m.need("residents");
    city.residents = count(residents, 1);
    city.residents = static_cast<std::int64_t>(
        plausible(residents, static_cast<double>(city.residents), 1e8, 2e9, "people"));
    total_residents += city.residents;
    // Every person gets a 32-bit id in the engine.
    if (total_residents > kMostPeople) {
      reject(residents, "the cities' residents add up to more than " + std::to_string(kMostPeople) +
                            ", the most vaxsim can follow");
      city.residents = 1;
      total_residents = kMostPeople;
    }
    if (const auto gs = m.get("group_shares")) {
      for (const model::PopulationGroup& g : config_.groups) city.group_shares.push_back(g.share);
      for (const NamedEntry& e : named_entries(*gs)) {
        const std::size_t g = lookup(e.key, e.name, group_names_, "group");
        city.group_shares[g] = share(e.value);
      }
      double sum = 0;
      for (const double s : city.group_shares) sum += s;
      if (sum > 1.0 + kShareTolerance) {
        fail(*gs,
             "the city's group shares (with the groups' own shares for groups not "
             "listed) add up to " +
                 sum_text(sum) + "; they must not exceed 1");
      }
    }
    if (const auto staff = m.get("staff")) {
      city.staff =
          dated_curve(*staff, [&](const Field& v) { return static_cast<double>(count(v)); });
      city_has_staff_ = true;
    }
    note(index_path("cities", config_.cities.size()), item);
    city_names_.push_back(city.name);
    config_.cities.push_back(std::move(city));
  }
}

std::vector<double> ScenarioReader::resident_weights() const {
  std::vector<double> w;
  for (const model::City& c : config_.cities) w.push_back(static_cast<double>(c.residents));
  return w;
}

std::vector<std::int64_t> ScenarioReader::split_by_residents(std::int64_t total) const {
  const std::vector<double> w = resident_weights();
  return supply::split_in_proportion(total, w);
}

void ScenarioReader::read_province_staff(const Field& f) {
  if (city_has_staff_) {
    fail(f, "give staff either for the province (here) or per city, not both");
  }
  const model::DatedCurve total =
      dated_curve(f, [&](const Field& v) { return static_cast<double>(count(v)); });
  for (const auto& [d, n] : total.points) {
    const std::vector<std::int64_t> parts = split_by_residents(static_cast<std::int64_t>(n));
    for (std::size_t c = 0; c < config_.cities.size(); ++c) {
      config_.cities[c].staff.points.emplace_back(d, static_cast<double>(parts[c]));
    }
  }
}

}  // namespace vaxsim::io::detail
