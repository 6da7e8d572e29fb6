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
// (rounded to a whole number), a share with data-format="percent" as "40%" (4 significant
// digits), data-format="whole-percent" as a whole percentage ("31%"), data-format="chance" as
// chance_text does ("0%", "<1%", "57%", ">99%", "100%"), a date as "1 May 2021".
//
// The report of many replications (ReplicatedView) marks its numbers with the paths of the
// summary.json written beside it, whose shape differs (docs/output-format.md): the odds under
// odds.*, key_dates.*, key_numbers.*, and the typical replication's verdict, totals and network
// under typical.verdict.*, typical.run.*, typical.network.*.

#include <optional>
#include <string>
#include <vector>

#include "vaxsim/model/campaign_config.hpp"
#include "vaxsim/model/results.hpp"
#include "vaxsim/model/verdict.hpp"
#include "vaxsim/report/summary_json.hpp"
#include "vaxsim/report/svg_chart.hpp"
#include "vaxsim/run/target_odds.hpp"

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
///
/// With a cold chain (result.network has links) the report has a section "Cold chain"
/// (#cold-chain): the daily network bound against doses shipped and given, each link's days
/// (#fig-links) and totals (#link-table), and the links that bound on supply-short days in words.
std::string html_report(const RunInfo& run, const model::CampaignConfig& config,
                        const model::CampaignResult& result, const model::Verdict& verdict,
                        const ReportBands* bands = nullptr);

/// What the report of many replications shows beyond one run's. Its lines, cards and tables are
/// one typical replication's; the odds come first and the bands give the spread.
struct ReplicatedView {
  const run::Odds* odds = nullptr;        // required: the chance of each target, shown first
  ReportBands bands;                      // the spread over the replications
  std::uint64_t typical_replication = 0;  // the number of the replication drawn as lines
};

/// The report of `vaxsim run --replications R`: `run.replication` is the first replication, and
/// `result` and `verdict` are the typical replication's. Numbers are marked with the paths of
/// ensemble_summary_json() given that typical replication (see above).
std::string html_report(const RunInfo& run, const model::CampaignConfig& config,
                        const model::CampaignResult& result, const model::Verdict& verdict,
                        const ReplicatedView& replicated);

}  // namespace vaxsim::report
