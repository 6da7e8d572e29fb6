#pragma once
// The report a planner reads: one self-contained HTML file (report.html) with the verdict in
// plain words at the top, SVG charts, the table of cities and the scenario's assumptions.
//
// Self-contained: no scripts, no network, no external fonts or styles; it opens from disk and
// prints (A4, charts kept whole). It is well-formed XML (XHTML-compatible HTML5), so tools and
// tests can parse it with any XML parser.
//
// Every key number is marked up with the field of summary.json it shows, so a test (or a tool)
// can check that the report and the JSON agree:
//
//   <span id="people-fully" data-json="verdict.people_fully_by_deadline"
//         data-value="12798353">12,798,353</span>
//   <time id="daily-first-reached" data-json="verdict.daily_first_reached"
//         data-value="2021-05-01" datetime="2021-05-01">1 May 2021</time>
//
// data-json is a dotted path into summary.json (array elements by index: verdict.cities.3.target);
// data-value is the JSON value as the CSV writes numbers (format_number), the ISO date, the
// string, or "null" for a JSON null. The text shows a number with thousands separators
// (rounded to a whole number), a share with data-format="percent" as "40%", a date as
// "1 May 2021".

#include <optional>
#include <string>
#include <vector>

#include "vaxsim/model/campaign_config.hpp"
#include "vaxsim/model/results.hpp"
#include "vaxsim/model/verdict.hpp"
#include "vaxsim/report/summary_json.hpp"
#include "vaxsim/report/svg_chart.hpp"

namespace vaxsim::report {

/// The spread of a run over replications, drawn as bands around the report's lines. Every band
/// is optional; each holds one lower and one upper value per day of the run.
struct ReportBands {
  std::string name;                             // legend text, e.g. "5-95% of 20 replications"
  std::optional<Band> province_doses;           // doses a day, first + second, province
  std::optional<Band> people_at_least_one;      // people with at least one dose, province
  std::optional<Band> people_two_doses;         // people with both doses, province
  std::optional<Band> stock;                    // doses in stock at cities and sites, province
  std::vector<std::optional<Band>> city_doses;  // doses a day per city, in table order
};

/// The report as one HTML document (UTF-8, ending in a newline). `run` gives the scenario file,
/// description, seed, replication and assumptions, as for summary_json; `bands`, when given,
/// adds the spread over replications to the charts.
std::string html_report(const RunInfo& run, const model::CampaignConfig& config,
                        const model::CampaignResult& result, const model::Verdict& verdict,
                        const ReportBands* bands = nullptr);

}  // namespace vaxsim::report
