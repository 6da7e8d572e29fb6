#include "vaxsim/report/ensemble_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "aligned_table.hpp"
#include "summary_parts.hpp"
#include "vaxsim/report/csv.hpp"
#include "vaxsim/report/verdict_text.hpp"

namespace vaxsim::report {
namespace {

using detail::date_or_null;
using detail::json;
using detail::number;
using model::Measure;

std::string date_or_dash(const std::optional<sim::Date>& d) {
  return d ? sim::format_date(*d) : std::string("not reached");
}

/// Days x 1 quantiles as a band.
Band band_of(const run::Spread& s, int col) {
  Band b;
  b.lo.reserve(static_cast<std::size_t>(s.q05.rows()));
  b.hi.reserve(static_cast<std::size_t>(s.q95.rows()));
  for (sim::Index d = 0; d < s.q05.rows(); ++d) {
    b.lo.push_back(s.q05(d, col));
    b.hi.push_back(s.q95(d, col));
  }
  return b;
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

std::size_t typical_index(std::span<const model::Verdict> verdicts) {
  if (verdicts.empty()) throw std::invalid_argument("typical_index: no replications");
  std::vector<std::int64_t> people;
  people.reserve(verdicts.size());
  for (const model::Verdict& v : verdicts) people.push_back(v.people_fully_by_deadline);
  std::vector<std::int64_t> sorted = people;
  std::sort(sorted.begin(), sorted.end());
  const std::int64_t median = sorted[(sorted.size() - 1) / 2];
  return static_cast<std::size_t>(std::find(people.begin(), people.end(), median) - people.begin());
}

ReportBands bands_from(const run::Ensemble& e) {
  ReportBands bands;
  bands.name = fmt::format("5-95% of {} replications", e.replications());
  bands.province_doses = band_of(e.province_doses(), 0);
  bands.people_at_least_one = band_of(e.province_people_vaccinated(), 0);
  bands.people_two_doses = band_of(e.province(Measure::people_two_doses), 0);
  bands.stock = band_of(e.province(Measure::stock), 0);
  for (int c = 0; c < e.cities(); ++c) bands.city_doses.emplace_back(band_of(e.city_doses(), c));
  return bands;
}

std::string replicated_html_report(const RunInfo& run, const model::CampaignConfig& config,
                                   const run::Ensemble& ensemble, const run::Odds& odds,
                                   const TypicalRun& typical) {
  if (typical.result == nullptr || typical.verdict == nullptr) {
    throw std::invalid_argument("replicated_html_report: no typical replication");
  }
  ReplicatedView view;
  view.odds = &odds;
  view.bands = bands_from(ensemble);
  view.typical_replication = typical.replication;
  return html_report(run, config, *typical.result, *typical.verdict, view);
}

std::string ensemble_summary_json(const RunInfo& run, const model::CampaignConfig& config,
                                  const run::Ensemble& e, const run::Odds& odds,
                                  const TypicalRun* typical) {
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
  // The typical replication's own warnings (a desk day beyond the record, ...) stand for all.
  const std::vector<model::Warning> typical_warnings =
      typical != nullptr && typical->verdict != nullptr ? typical->verdict->warnings
                                                        : std::vector<model::Warning>{};
  json out = {
      {"schema_version", kSummarySchemaVersion},
      {"scenario",
       {{"name", config.name},
        {"file", run.scenario_file},
        {"description", run.description},
        {"assumptions", std::move(assumptions)}}},
      {"seed", run.seed},
      {"replications", e.replications()},
      {"first_replication", run.replication},
      {"warnings", detail::warnings_json(run.warnings, typical_warnings)},
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
  };
  if (typical != nullptr && typical->result != nullptr && typical->verdict != nullptr) {
    json picked = {{"replication", typical->replication},
                   {"chosen_by", "median people fully vaccinated by the deadline"},
                   {"verdict", detail::verdict_json(*typical->verdict)},
                   {"run", detail::run_json(*typical->result)}};
    if (detail::has_network(*typical->result)) {
      picked["network"] = detail::network_json(config, *typical->result);
    }
    out["typical"] = std::move(picked);
  }
  if (!run.observed.empty()) {
    out["observed"] = detail::observed_json(run.observed_file, run.observed, /*replicated=*/true);
  }
  out["province_daily"] = std::move(daily);
  // Invalid UTF-8 in a name is replaced (U+FFFD) rather than failing the whole summary.
  return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace vaxsim::report
