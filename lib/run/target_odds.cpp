#include "vaxsim/run/target_odds.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include "vaxsim/run/quantiles.hpp"

namespace vaxsim::run {
namespace {

std::string thousands(std::int64_t n) {
  const std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string date_text(sim::Date d) { return sim::format_date(d); }

/// Successes among the verdicts, as a Wilson proportion.
template <typename Test>
Proportion count(std::span<const model::Verdict> verdicts, Test&& test) {
  int successes = 0;
  for (const model::Verdict& v : verdicts) successes += test(v) ? 1 : 0;
  return wilson(successes, static_cast<int>(verdicts.size()));
}

KeyDate key_date(std::string key, std::string what,
                 const std::vector<std::optional<sim::Date>>& d) {
  KeyDate k;
  k.key = std::move(key);
  k.what = std::move(what);
  k.reached = static_cast<int>(
      std::count_if(d.begin(), d.end(), [](const auto& x) { return x.has_value(); }));
  k.q05 = date_quantile(d, 0.05);
  k.q50 = date_quantile(d, 0.50);
  k.q95 = date_quantile(d, 0.95);
  return k;
}

bool city_met(const model::CityVerdict& c, int city_days) {
  return c.target > 0 && c.days_met >= city_days;
}

}  // namespace

KeyNumber key_number(std::string key, std::string what, std::vector<double> values) {
  double sum = 0;
  for (const double x : values) sum += x;  // in replication order, before sorting
  std::sort(values.begin(), values.end());
  return {std::move(key),
          std::move(what),
          sum / static_cast<double>(values.size()),
          quantile_of_sorted(values, 0.05),
          quantile_of_sorted(values, 0.50),
          quantile_of_sorted(values, 0.95)};
}

Proportion wilson(int successes, int trials, double z) {
  Proportion out;
  out.successes = successes;
  out.trials = trials;
  if (trials <= 0) return out;
  const double n = trials;
  const double p = successes / n;
  const double z2 = z * z;
  const double denominator = 1.0 + z2 / n;
  const double centre = (p + z2 / (2.0 * n)) / denominator;
  const double half = z / denominator * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
  out.p = p;
  out.lo = std::max(0.0, centre - half);
  out.hi = std::min(1.0, centre + half);
  return out;
}

std::optional<sim::Date> date_quantile(std::span<const std::optional<sim::Date>> dates, double q) {
  std::vector<sim::Date> reached;
  for (const auto& d : dates) {
    if (d) reached.push_back(*d);
  }
  if (dates.empty()) return std::nullopt;
  // The k-th earliest date, k = ceil(q R) (at least 1); 1e-9 keeps 0.5 x 100 at 50, not 51.
  const double k_real =
      std::ceil(std::clamp(q, 0.0, 1.0) * static_cast<double>(dates.size()) - 1e-9);
  const auto k = static_cast<std::size_t>(std::max(1.0, k_real));
  if (reached.size() < k) return std::nullopt;
  std::nth_element(reached.begin(), reached.begin() + static_cast<std::ptrdiff_t>(k - 1),
                   reached.end());
  return reached[k - 1];
}

std::string percent_text(double share) {
  // Shortest text that reads back as the same percentage: 40%, 12.5%, 33.333333333333336%.
  const double pct = share * 100.0;
  const double rounded = std::round(pct * 1e6) / 1e6;  // 0.29 x 100 is 28.999999999999996
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, rounded);
  return std::string(buffer, ec == std::errc{} ? end : buffer) + "%";
}

const TargetOdds* Odds::target(const std::string& key) const {
  for (const TargetOdds& t : targets) {
    if (t.key == key) return &t;
  }
  return nullptr;
}

const KeyDate* Odds::date(const std::string& key) const {
  for (const KeyDate& d : dates) {
    if (d.key == key) return &d;
  }
  return nullptr;
}

Odds target_odds(const model::CampaignConfig& config, std::span<const model::Verdict> verdicts,
                 const OddsOptions& options) {
  if (verdicts.empty()) throw std::invalid_argument("target_odds: no replications");
  const model::Targets& targets = config.targets;
  const std::string deadline = date_text(targets.deadline);
  const sim::Date daily_by = options.daily_by.value_or(targets.deadline);
  const int city_days = std::max(1, options.city_days);
  Odds out;
  out.replications = static_cast<int>(verdicts.size());

  const auto daily_reached = [&](const model::Verdict& v) {
    return v.daily_first_reached && *v.daily_first_reached <= daily_by;
  };
  const auto all_cities = [&](const model::Verdict& v) {
    return std::all_of(v.cities.begin(), v.cities.end(), [&](const model::CityVerdict& c) {
      return c.target <= 0 || city_met(c, city_days);
    });
  };

  std::vector<std::string> promises;
  if (targets.daily_doses > 0) {
    const std::string daily = thousands(targets.daily_doses) + " doses a day";
    out.targets.push_back({TargetKind::daily_reached, "daily_reached",
                           daily + " reached by " + date_text(daily_by),
                           count(verdicts, daily_reached)});
    out.targets.push_back(
        {TargetKind::daily_sustained, "daily_sustained", daily + " held every day to " + deadline,
         count(verdicts,
               [](const model::Verdict& v) { return v.daily_sustained_from.has_value(); })});
  }
  for (std::size_t c = 0; c < config.cities.size(); ++c) {
    const std::int64_t target = config.cities[c].daily_target;
    if (target <= 0) continue;
    const std::string& name = config.cities[c].name;
    const std::string when = city_days == 1
                                 ? " reached by " + deadline
                                 : " on " + std::to_string(city_days) + "+ days to " + deadline;
    out.targets.push_back({TargetKind::city, "city[" + name + "]",
                           name + ": " + thousands(target) + " doses a day" + when,
                           count(verdicts, [&](const model::Verdict& v) {
                             return c < v.cities.size() && city_met(v.cities[c], city_days);
                           })});
  }
  if (targets.doses > 0) {
    out.targets.push_back({TargetKind::doses, "doses",
                           thousands(targets.doses) + " doses by " + deadline,
                           count(verdicts, [](const model::Verdict& v) { return v.doses_met(); })});
  }
  if (targets.people_fully_vaccinated > 0) {
    out.targets.push_back(
        {TargetKind::people, "people",
         thousands(targets.people_fully_vaccinated) + " people fully vaccinated by " + deadline,
         count(verdicts, [](const model::Verdict& v) { return v.people_met(); })});
  }
  for (std::size_t i = 0; i < targets.coverage_levels.size(); ++i) {
    const std::string level = percent_text(targets.coverage_levels[i]);
    out.targets.push_back({TargetKind::coverage, "coverage[" + level + "]",
                           level + " fully vaccinated by " + deadline,
                           count(verdicts, [&](const model::Verdict& v) {
                             return i < v.coverage.size() && v.coverage[i].reached &&
                                    *v.coverage[i].reached <= targets.deadline;
                           })});
  }
  const bool any_promise = std::any_of(out.targets.begin(), out.targets.end(), [](const auto& t) {
    return t.kind == TargetKind::daily_reached || t.kind == TargetKind::city ||
           t.kind == TargetKind::doses || t.kind == TargetKind::people;
  });
  if (any_promise) {
    out.targets.push_back({TargetKind::all, "all",
                           "every target at once: daily, cities, doses, people",
                           count(verdicts, [&](const model::Verdict& v) {
                             return (targets.daily_doses <= 0 || daily_reached(v)) &&
                                    all_cities(v) && (targets.doses <= 0 || v.doses_met()) &&
                                    (targets.people_fully_vaccinated <= 0 || v.people_met());
                           })});
  }

  // Key dates.
  const auto dates_of = [&](auto&& get) {
    std::vector<std::optional<sim::Date>> d;
    d.reserve(verdicts.size());
    for (const model::Verdict& v : verdicts) d.push_back(get(v));
    return d;
  };
  if (targets.daily_doses > 0) {
    const std::string daily = thousands(targets.daily_doses) + " doses a day";
    out.dates.push_back(
        key_date("daily_first_reached", "first day at " + daily,
                 dates_of([](const model::Verdict& v) { return v.daily_first_reached; })));
    out.dates.push_back(
        key_date("daily_sustained_from", daily + " held from",
                 dates_of([](const model::Verdict& v) { return v.daily_sustained_from; })));
  }
  for (std::size_t i = 0; i < targets.coverage_levels.size(); ++i) {
    const std::string level = percent_text(targets.coverage_levels[i]);
    out.dates.push_back(key_date("coverage[" + level + "]", level + " fully vaccinated",
                                 dates_of([&](const model::Verdict& v) -> std::optional<sim::Date> {
                                   if (i >= v.coverage.size()) return std::nullopt;
                                   return v.coverage[i].reached;
                                 })));
  }

  // Key numbers.
  const auto values_of = [&](auto&& get) {
    std::vector<double> x;
    x.reserve(verdicts.size());
    for (const model::Verdict& v : verdicts) x.push_back(static_cast<double>(get(v)));
    return x;
  };
  out.numbers.push_back(
      key_number("doses_by_deadline", "doses by " + deadline + " (prior included)",
                 values_of([](const model::Verdict& v) { return v.doses_by_deadline; })));
  out.numbers.push_back(
      key_number("people_by_deadline", "people fully vaccinated by " + deadline,
                 values_of([](const model::Verdict& v) { return v.people_fully_by_deadline; })));
  out.numbers.push_back(
      key_number("daily_best", "best day, province doses",
                 values_of([](const model::Verdict& v) { return v.daily_best; })));
  if (targets.daily_doses > 0) {
    out.numbers.push_back(
        key_number("daily_days_met", "days at " + thousands(targets.daily_doses) + " doses or more",
                   values_of([](const model::Verdict& v) { return v.daily_days_met; })));
  }
  return out;
}

}  // namespace vaxsim::run
