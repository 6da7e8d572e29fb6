#pragma once
// Private to vaxsim_report: the writer of the HTML report (html_report.hpp). One class holds what
// the report shows and how its numbers are marked; its sections are defined in one file each:
//   html_report.cpp        the page: head, header, the sections in order; the entry points
//   html_answers.cpp       the answers, one card per planner's question
//   html_odds.cpp          the odds over replications (replicated reports only)
//   html_charts.cpp        the charts, day by day
//   html_cold_chain.cpp    the cold chain (only with one)
//   html_cities.cpp        the table of cities
//   html_assumptions.cpp   what the numbers rest on, and how to read the report
// The page helpers they write with (escaping, mark_*) are in html_page.hpp.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "html_page.hpp"
#include "vaxsim/model/campaign_config.hpp"
#include "vaxsim/model/results.hpp"
#include "vaxsim/model/verdict.hpp"
#include "vaxsim/report/html_report.hpp"
#include "vaxsim/report/svg_chart.hpp"

namespace vaxsim::report::html {

class Writer {
 public:
  Writer(const RunInfo& run, const model::CampaignConfig& config,
         const model::CampaignResult& result, const model::Verdict& verdict,
         const ReportBands* bands, const ReplicatedView* replicated = nullptr)
      : run_{run},
        config_{config},
        result_{result},
        table_{result.table},
        v_{verdict},
        bands_{bands},
        rep_{replicated},
        targets_{config.targets} {}

  std::string write();

 private:
  // --- numbers marked with their summary.json field ---------------------------------------------

  // The field's path in the summary.json written beside the report: a replicated summary holds
  // the typical replication's verdict, totals and network under "typical".
  std::string path(std::string_view json) const {
    if (rep_ != nullptr) {
      for (const std::string_view part : {"verdict.", "run.", "network."}) {
        if (json.substr(0, part.size()) == part) return "typical." + std::string(json);
      }
    }
    return std::string(json);
  }
  std::string num(std::string_view json, double value, std::string_view id = "") const {
    return mark_num(path(json), value, id);
  }
  std::string num(std::string_view json, std::int64_t value, std::string_view id = "") const {
    return num(json, static_cast<double>(value), id);
  }
  std::string num(std::string_view json, int value, std::string_view id = "") const {
    return num(json, static_cast<double>(value), id);
  }
  std::string plain(std::string_view json, std::uint64_t value, std::string_view id = "") const {
    return mark_plain(path(json), value, id);
  }
  std::string percent_of(std::string_view json, double share, std::string_view id = "") const {
    return mark_percent(path(json), share, id);
  }
  std::string date(std::string_view json, const std::optional<sim::Date>& d,
                   std::string_view missing, std::string_view id = "") const {
    return mark_date(path(json), d, missing, id);
  }
  std::string text(std::string_view json, std::string_view value, std::string_view id = "") const {
    return mark_text(path(json), value, id);
  }

  // --- the top: what was run, and the answers (html_report.cpp, html_answers.cpp) ----------------

  std::string header() const;

  std::string window() const {
    return fmt::format("from {} to {}", long_date(targets_.daily_from), long_date(v_.deadline));
  }

  std::string verdict_section() const;
  // The warnings about the run and the verdict's, above the answers; empty when none.
  std::string warnings_block() const;
  // The second doses overdue before the run that its first days give; empty when none.
  std::string inherited_backlog_note() const;

  // --- the run against the record, when one was given (html_record.cpp) -----------------------

  std::string record_section() const;
  /// The record's figures of one measure (an observed column) as points on a day chart.
  std::vector<MarkedPoint> record_points(std::string_view measure) const;

  std::string daily_card() const;
  // " (28 May)": the first day of the window with the best day's doses.
  std::string best_day_when() const;
  std::string cities_card() const;
  // "70,000 or 100,000": the distinct city targets.
  std::string city_target_words() const;
  std::string deadline_card() const;
  std::string coverage_card() const;

  // --- the odds over replications, replicated reports only (html_odds.cpp) -----------------------

  std::string odds_block() const;
  std::string typical_intro() const;

  // --- charts (html_charts.cpp) -----------------------------------------------------------------

  std::vector<DayLine> day_lines(bool labelled) const;
  std::vector<double> province(Measure m) const;
  std::vector<double> city(Measure m, int c) const;
  static std::vector<double> plus(std::vector<double> a, const std::vector<double>& b);
  std::string band_name() const;
  static std::string figure(std::string_view id, std::string_view title, std::string_view caption,
                            const std::string& svg);
  std::string charts_section() const;
  std::string province_daily_chart() const;
  std::string people_chart() const;
  std::string city_charts() const;
  std::string bottleneck_chart() const;
  std::string stock_chart() const;

  // --- the cold chain, only with one (html_cold_chain.cpp) --------------------------------------

  // The window's days, clipped to the run (the verdict's rule).
  std::pair<int, int> window_days() const;
  bool in_cut(std::size_t link, int day) const;
  // Days of the window on which the link was in the cut while its city was short for lack of
  // supply: the days model::Verdict::binding_links counts.
  std::vector<int> binding_days(std::size_t link) const;
  // "3-25 May, 28 May": runs of consecutive days; after six runs, how many days more.
  std::string day_runs(const std::vector<int>& days) const;
  std::string cold_chain_section() const;
  std::string cold_chain_words() const;
  std::string cold_chain_chart() const;
  std::string links_map() const;
  std::string links_table() const;

  // --- tables (html_cities.cpp, html_assumptions.cpp) -------------------------------------------

  std::string cities_section() const;
  std::string assumptions_section() const;
  std::string reading_section() const;

  const RunInfo& run_;
  const model::CampaignConfig& config_;
  const model::CampaignResult& result_;
  const model::CityDayTable& table_;
  const model::Verdict& v_;
  const ReportBands* bands_;
  const ReplicatedView* rep_;  // null: one run
  const model::Targets& targets_;
};

}  // namespace vaxsim::report::html
