#include "vaxsim/report/ensemble_report.hpp"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "aligned_table.hpp"
#include "vaxsim/report/csv.hpp"
#include "vaxsim/report/verdict_text.hpp"

namespace vaxsim::report {
namespace {

using json = nlohmann::ordered_json;
using model::Measure;

std::string date_or_dash(const std::optional<sim::Date>& d) {
  return d ? sim::format_date(*d) : std::string("not reached");
}

json date_or_null(const std::optional<sim::Date>& d) {
  return d ? json(sim::format_date(*d)) : json(nullptr);
}

json number(double value) {
  if (std::isfinite(value) && value == std::trunc(value) && std::fabs(value) < 9.2e18) {
    return json(static_cast<std::int64_t>(value));
  }
  return json(value);  // NaN and infinities become null
}

/// The four statistics of one cell.
json stats(const run::Spread& s, int row, int col) {
  return {{"mean", number(s.mean(row, col))},
          {"q05", number(s.q05(row, col))},
          {"q50", number(s.q50(row, col))},
          {"q95", number(s.q95(row, col))}};
}

std::string replications_text(const RunInfo& run, int replications) {
  return replications == 1
             ? fmt::format("replication {}", run.replication)
             : fmt::format("replications {} to {}", run.replication,
                           run.replication + static_cast<std::uint64_t>(replications) - 1);
}

}  // namespace

std::string chance_text(double p, int successes, int trials) {
  if (trials <= 0) return "-";
  if (successes == 0) return "0%";
  if (successes == trials) return "100%";
  const double pct = std::round(100.0 * p);
  if (pct < 1) return "<1%";
  if (pct > 99) return ">99%";
  return fmt::format("{:.0f}%", pct);
}

std::string odds_text(const RunInfo& run, const model::CampaignConfig& config,
                      const run::Odds& odds) {
  std::string out =
      fmt::format("{}: campaign from {} to {}, {} replications (seed {}, {}).\n", config.name,
                  sim::format_date(config.start), sim::format_date(config.end), odds.replications,
                  run.seed, replications_text(run, odds.replications));
  if (!odds.targets.empty()) {
    out += "\nChance of meeting each target (share of replications; 95% Wilson interval):\n";
    detail::AlignedTable table({false, true, true, true});
    table.add({"Target", "Chance", "95% interval", "Replications"});
    for (const run::TargetOdds& t : odds.targets) {
      const run::Proportion& p = t.odds;
      table.add({t.what, chance_text(p.p, p.successes, p.trials),
                 fmt::format("{:.0f}% - {:.0f}%", 100.0 * p.lo, 100.0 * p.hi),
                 fmt::format("{} of {}", p.successes, p.trials)});
    }
    out += table.render("  ");
  }
  if (!odds.dates.empty()) {
    out += "\nKey dates (by then it had happened in 5%, 50%, 95% of replications):\n";
    detail::AlignedTable table({false, false, false, false, true});
    table.add({"When", "5%", "50%", "95%", "Happened in"});
    for (const run::KeyDate& d : odds.dates) {
      table.add({d.what, date_or_dash(d.q05), date_or_dash(d.q50), date_or_dash(d.q95),
                 fmt::format("{} of {}", d.reached, odds.replications)});
    }
    out += table.render("  ");
  }
  if (!odds.numbers.empty()) {
    out += "\nKey numbers over replications:\n";
    detail::AlignedTable table({false, true, true, true, true});
    table.add({"What", "Mean", "5%", "50%", "95%"});
    for (const run::KeyNumber& n : odds.numbers) {
      table.add({n.what, with_thousands(n.mean), with_thousands(n.q05), with_thousands(n.q50),
                 with_thousands(n.q95)});
    }
    out += table.render("  ");
  }
  return out;
}

std::string city_days_quantiles_csv(const run::Ensemble& e) {
  std::ostringstream out;
  const auto names = [](std::string_view name) {
    return fmt::format("{0}_mean,{0}_q05,{0}_q50,{0}_q95", name);
  };
  out << "date,city";
  for (int i = 0; i < model::kMeasureCount; ++i) {
    out << ',' << names(model::to_string(static_cast<Measure>(i)));
  }
  out << ',' << names("doses") << ',' << names("people_vaccinated")
      << ",bottleneck,bottleneck_share\n";
  const auto cell = [](const run::Spread& s, int row, int col) {
    return fmt::format("{},{},{},{}", format_number(s.mean(row, col)),
                       format_number(s.q05(row, col)), format_number(s.q50(row, col)),
                       format_number(s.q95(row, col)));
  };
  for (int d = 0; d < e.days(); ++d) {
    const std::string date = sim::format_date(e.date(d));
    for (int c = 0; c <= e.cities(); ++c) {
      const bool province = c == e.cities();
      const int col = province ? 0 : c;
      std::string line = date + ',' +
                         csv_field(province ? std::string(kProvinceRow)
                                            : e.city_names()[static_cast<std::size_t>(c)]);
      for (int i = 0; i < model::kMeasureCount; ++i) {
        const auto m = static_cast<Measure>(i);
        line += ',' + cell(province ? e.province(m) : e.city(m), d, col);
      }
      line += ',' + cell(province ? e.province_doses() : e.city_doses(), d, col);
      line += ',' +
              cell(province ? e.province_people_vaccinated() : e.city_people_vaccinated(), d, col);
      if (province) {
        line += ",,";  // a province bottleneck over replications is not defined
      } else {
        line += fmt::format(",{},{}", model::to_string(e.bottleneck(d, c)),
                            format_number(e.bottleneck_share(d, c)));
      }
      out << line << '\n';
    }
  }
  return std::move(out).str();
}

std::string ensemble_summary_json(const RunInfo& run, const model::CampaignConfig& config,
                                  const run::Ensemble& e, const run::Odds& odds) {
  json assumptions = json::array();
  for (const auto& a : run.assumptions) {
    assumptions.push_back({{"what", a.what}, {"value", a.value}, {"source", a.source}});
  }
  json cities = json::array();
  for (const auto& name : e.city_names()) cities.push_back(name);
  json coverage_levels = json::array();
  for (const double level : config.targets.coverage_levels) coverage_levels.push_back(level);
  const model::Targets& t = config.targets;

  json targets = json::array();
  for (const run::TargetOdds& o : odds.targets) {
    targets.push_back({{"key", o.key},
                       {"what", o.what},
                       {"successes", o.odds.successes},
                       {"replications", o.odds.trials},
                       {"p", o.odds.p},
                       {"lo", o.odds.lo},
                       {"hi", o.odds.hi}});
  }
  json dates = json::array();
  for (const run::KeyDate& d : odds.dates) {
    dates.push_back({{"key", d.key},
                     {"what", d.what},
                     {"reached", d.reached},
                     {"q05", date_or_null(d.q05)},
                     {"q50", date_or_null(d.q50)},
                     {"q95", date_or_null(d.q95)}});
  }
  json numbers = json::array();
  for (const run::KeyNumber& n : odds.numbers) {
    numbers.push_back({{"key", n.key},
                       {"what", n.what},
                       {"mean", number(n.mean)},
                       {"q05", number(n.q05)},
                       {"q50", number(n.q50)},
                       {"q95", number(n.q95)}});
  }
  json daily = json::array();
  for (int d = 0; d < e.days(); ++d) {
    daily.push_back({
        {"date", sim::format_date(e.date(d))},
        {"doses", stats(e.province_doses(), d, 0)},
        {"first_doses", stats(e.province(Measure::first_doses), d, 0)},
        {"second_doses", stats(e.province(Measure::second_doses), d, 0)},
        {"people_vaccinated", stats(e.province_people_vaccinated(), d, 0)},
        {"people_two_doses", stats(e.province(Measure::people_two_doses), d, 0)},
        {"stock", stats(e.province(Measure::stock), d, 0)},
    });
  }
  const json out = {
      {"schema_version", kSummarySchemaVersion},
      {"scenario",
       {{"name", config.name},
        {"file", run.scenario_file},
        {"description", run.description},
        {"assumptions", std::move(assumptions)}}},
      {"seed", run.seed},
      {"replications", e.replications()},
      {"first_replication", run.replication},
      {"campaign",
       {{"start", sim::format_date(config.start)},
        {"end", sim::format_date(config.end)},
        {"days", e.days()},
        {"cities", std::move(cities)}}},
      {"targets",
       {{"daily_doses", t.daily_doses},
        {"daily_from", sim::format_date(t.daily_from)},
        {"deadline", sim::format_date(t.deadline)},
        {"people_fully_vaccinated", t.people_fully_vaccinated},
        {"doses", t.doses},
        {"coverage_levels", std::move(coverage_levels)},
        {"coverage_base", t.coverage_base}}},
      {"odds", std::move(targets)},
      {"key_dates", std::move(dates)},
      {"key_numbers", std::move(numbers)},
      {"province_daily", std::move(daily)},
  };
  return out.dump(2) + "\n";
}

}  // namespace vaxsim::report
