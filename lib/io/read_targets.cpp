// The scenario's targets and the vaccinations before the campaign, read into the config
// (scenario_reader.hpp); docs/scenario-format.md, "targets", "prior".

#include <chrono>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scenario_reader.hpp"
#include "text_helpers.hpp"
#include "vaxsim/sim/number_text.hpp"

namespace vaxsim::io::detail {

// ---- Targets ----

void ScenarioReader::read_targets(const std::optional<Field>& f) {
  model::Targets& t = config_.targets;
  t.daily_from = config_.start;
  t.deadline = config_.end;
  t.coverage_base = 0;
  for (const model::City& c : config_.cities) t.coverage_base += c.residents;
  if (!f) return;
  const MapView m(*this, *f,
                  {"daily_doses", "daily_from", "deadline", "people_fully_vaccinated", "doses",
                   "coverage_levels", "coverage_base", "city_daily_doses", "reference_open_hours",
                   "best_desk_doses_per_day"});
  note("targets", *f);
  if (const auto d = m.get("daily_doses")) t.daily_doses = count(*d);
  if (const auto d = m.get("daily_from")) t.daily_from = date_in_campaign(*d);
  if (const auto d = m.get("deadline")) t.deadline = date_in_campaign(*d);
  if (const auto d = m.get("people_fully_vaccinated")) t.people_fully_vaccinated = count(*d);
  if (const auto d = m.get("doses")) t.doses = count(*d);
  if (const auto d = m.get("coverage_base")) t.coverage_base = count(*d, 1);
  if (const auto levels = m.get("coverage_levels")) {
    for (const Field& item : list(*levels)) {
      const double x = share(item);
      if (!t.coverage_levels.empty() && !(t.coverage_levels.back() < x)) {
        fail(item, "coverage levels must increase: " + sim::number_text(x) +
                       " is not above the previous " + sim::number_text(t.coverage_levels.back()));
      }
      t.coverage_levels.push_back(x);
    }
  }
  if (const auto h = m.get("reference_open_hours")) {
    t.reference_open_hours = number(*h);
    if (!(t.reference_open_hours > 0 && t.reference_open_hours <= 24)) {
      fail(*h, "hours a day must lie in (0, 24], got " + sim::number_text(t.reference_open_hours));
    }
  }
  if (const auto best = m.get("best_desk_doses_per_day")) {
    t.best_desk_doses_per_day = number(*best);
    if (!(t.best_desk_doses_per_day > 0) || !std::isfinite(t.best_desk_doses_per_day)) {
      fail(*best, "doses a desk in a day must be above 0, got " +
                      sim::number_text(t.best_desk_doses_per_day));
    }
  }
  if (const auto per_city = m.get("city_daily_doses")) {
    const std::vector<NamedEntry> entries = named_entries(*per_city);
    for (const NamedEntry& e : entries) {  // `all` first, whatever its place
      if (e.name == "all") {
        for (model::City& c : config_.cities) c.daily_target = count(e.value);
      }
    }
    for (const NamedEntry& e : entries) {
      if (e.name == "all") continue;
      const std::size_t c = lookup(e.key, e.name, city_names_, "city");
      config_.cities[c].daily_target = count(e.value);
    }
  }
}

// ---- Prior vaccinations ----

void ScenarioReader::read_prior(const Field& f) {
  note("prior", f);
  const MapView m(*this, f,
                  {"first_doses_from", "first_doses_to", "first_doses_by", "product_shares",
                   "total", "cities"});
  const std::size_t n = config_.cities.size();
  std::vector<model::PriorVaccinations> prior(n);
  if (m.has("total") && m.has("cities")) {
    fail(*m.get("cities"), "give either `total` (split by residents) or `cities`, not both");
  }
  if (const auto total = m.get("total")) {
    const MapView tm(*this, *total, {"one_dose", "two_doses"});
    const std::int64_t one = tm.has("one_dose") ? count(*tm.get("one_dose")) : 0;
    const std::int64_t two = tm.has("two_doses") ? count(*tm.get("two_doses")) : 0;
    const std::vector<std::int64_t> ones = split_by_residents(one);
    const std::vector<std::int64_t> twos = split_by_residents(two);
    for (std::size_t c = 0; c < n; ++c) {
      prior[c].one_dose = ones[c];
      prior[c].two_doses = twos[c];
      check_prior_fits(*total, c, prior[c]);
      note(index_path("prior", c), *total);
    }
  }
  if (const auto cities = m.get("cities")) {
    for (const NamedEntry& e : named_entries(*cities)) {
      const std::size_t c = lookup(e.key, e.name, city_names_, "city");
      const MapView cm(*this, e.value, {"one_dose", "two_doses"});
      if (const auto one = cm.get("one_dose")) prior[c].one_dose = count(*one);
      if (const auto two = cm.get("two_doses")) prior[c].two_doses = count(*two);
      check_prior_fits(e.value, c, prior[c]);
      note(index_path("prior", c), e.value);
    }
  }
  std::int64_t one_dose_total = 0;
  for (const model::PriorVaccinations& p : prior) one_dose_total += p.one_dose;

  // When the one-dose people had their first dose: needed to know when they come back. Either
  // dated by the record (first_doses_by) or spread evenly over a window.
  Date from = Date{std::chrono::sys_days{config_.start} - std::chrono::days{1}};
  Date to = from;
  const auto from_field = m.get("first_doses_from");
  const auto to_field = m.get("first_doses_to");
  if (const auto record = m.get("first_doses_by")) {
    if (from_field || to_field) {
      fail(*record,
           "give either `first_doses_by` (the record) or `first_doses_from` and "
           "`first_doses_to` (evenly over a window), not both");
    }
    read_prior_record(*record, one_dose_total);
  }
  const bool dated_by_record = m.has("first_doses_by");
  if (one_dose_total > 0 && !dated_by_record && !from_field) m.need("first_doses_from");
  if (one_dose_total > 0 && !dated_by_record && !to_field) m.need("first_doses_to");
  if (from_field) from = before_start(*from_field);
  if (to_field) to = before_start(*to_field);
  if (to < from) {
    fail(*to_field,
         "first doses end (" + date_text(to) + ") before they start (" + date_text(from) + ")");
  }
  if ((std::chrono::sys_days{config_.start} - std::chrono::sys_days{from}).count() > 20000) {
    fail(*from_field, "is too long before the campaign start");
  }

  std::vector<double> shares;
  if (const auto ps = m.get("product_shares")) {
    shares.assign(config_.products.size(), 0.0);
    double sum = 0;
    for (const NamedEntry& e : named_entries(*ps)) {
      const std::size_t p = lookup(e.key, e.name, product_names_, "product");
      shares[p] = share(e.value);
      sum += shares[p];
    }
    if (std::abs(sum - 1.0) > 1e-6) {
      fail(*ps, "product shares add up to " + sum_text(sum) + "; they must add up to 1");
    }
  }
  for (model::PriorVaccinations& p : prior) {
    p.first_doses_from = from;
    p.first_doses_to = to;
    p.product_shares = shares;
  }
  config_.prior = std::move(prior);
}

// The record's cumulative count of people with at least one dose, by date: before the start, not
// decreasing, and rising after its first point by at least the one-dose people it dates.
void ScenarioReader::read_prior_record(const Field& f, std::int64_t one_dose_total) {
  note("prior_first_doses_by", f);
  const std::vector<Field> items = list(f);
  for (std::size_t i = 0; i < items.size(); ++i) {
    note(index_path("prior_first_doses_by", i), items[i]);
  }
  model::DatedCurve record =
      dated_curve(f, [&](const Field& v) { return static_cast<double>(count(v)); });
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto [date_field, count_field] = two_items(items[i], "a [date, people] pair");
    before_start(date_field);
    if (i > 0 && record.points[i].second < record.points[i - 1].second) {
      fail(count_field, "a cumulative count must not decrease: " +
                            std::to_string(static_cast<std::int64_t>(record.points[i].second)) +
                            " is below the previous " +
                            std::to_string(static_cast<std::int64_t>(record.points[i - 1].second)));
    }
  }
  if (record.points.size() < 2) fail(f, "needs at least two [date, people] points");
  const auto dated =
      static_cast<std::int64_t>(record.points.back().second - record.points.front().second);
  if (dated < one_dose_total) {
    fail(f, "the record dates the first doses of " + std::to_string(dated) +
                " people (its rise from its first point to its last), fewer than the " +
                std::to_string(one_dose_total) +
                " with one dose at the start; start it earlier (at 0, say)");
  }
  config_.prior_first_doses_by = std::move(record);
}

Date ScenarioReader::before_start(const Field& f) const {
  const Date d = date(f);
  if (!(d < config_.start)) {
    fail(f, "vaccinations before the campaign must be dated before its start (" +
                date_text(config_.start) + "), got " + date_text(d));
  }
  return d;
}

void ScenarioReader::check_prior_fits(const Field& f, std::size_t c,
                                      const model::PriorVaccinations& p) const {
  const std::int64_t residents = config_.cities[c].residents;
  if (p.one_dose + p.two_doses > residents) {
    fail(f, "more people vaccinated before the start in " + city_names_[c] + " (" +
                std::to_string(p.one_dose + p.two_doses) + ") than it has residents (" +
                std::to_string(residents) + ")");
  }
}

}  // namespace vaxsim::io::detail
