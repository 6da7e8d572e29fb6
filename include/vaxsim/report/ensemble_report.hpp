#pragma once
// What `vaxsim run --replications R` (R > 1) prints and writes: the odds of every target in
// words, the spread of every city-day measure as CSV, a JSON summary, and the report (HTML) of a
// typical replication with the odds first and the spread as bands. Formats in
// docs/output-format.md, "Replications".

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "vaxsim/model/campaign_config.hpp"
#include "vaxsim/model/results.hpp"
#include "vaxsim/model/verdict.hpp"
#include "vaxsim/report/html_report.hpp"
#include "vaxsim/report/summary_json.hpp"
#include "vaxsim/run/ensemble.hpp"
#include "vaxsim/run/target_odds.hpp"

namespace vaxsim::report {

/// The odds in plain words: a title, then a table of targets (chance and 95% interval), key
/// dates (5%, 50%, 95%) and key numbers (mean, 5%, 50%, 95%). `run.replication` is the first
/// replication number.
std::string odds_text(const RunInfo& run, const model::CampaignConfig& config,
                      const run::Odds& odds);

/// city_days_quantiles.csv: one row per day and city, then a PROVINCE row per day, like
/// city_days.csv; for each measure (and the derived doses = first + second and
/// people_vaccinated = people with at least one dose) four columns <name>_mean, <name>_q05,
/// <name>_q50, <name>_q95; then bottleneck (most frequent) and bottleneck_share.
std::string city_days_quantiles_csv(const run::Ensemble& ensemble);

/// The replication a replicated report draws as its lines: the one whose people fully
/// vaccinated by the deadline is the median (for an even count the lower of the two middle
/// values), the lowest index among replications with that value; a run near the middle of the
/// spread, and the same one for any number of threads. Index into `verdicts`;
/// std::invalid_argument for none.
std::size_t typical_index(std::span<const model::Verdict> verdicts);

/// One replication as the replicated summary and report show it.
struct TypicalRun {
  std::uint64_t replication = 0;  // its replication number
  const model::CampaignResult* result = nullptr;
  const model::Verdict* verdict = nullptr;
};

/// The report's bands from the ensemble: the 5% and 95% quantiles, day by day, of the province's
/// doses a day, people with at least one dose, people with both doses and stock, and of each
/// city's doses a day; named "5-95% of R replications".
ReportBands bands_from(const run::Ensemble& ensemble);

/// summary.json of a replicated run (see docs/output-format.md); with `typical`, also the
/// field "typical": that replication's number, verdict, totals and network, written as a
/// one-run summary writes them (the report's numbers point there).
std::string ensemble_summary_json(const RunInfo& run, const model::CampaignConfig& config,
                                  const run::Ensemble& ensemble, const run::Odds& odds,
                                  const TypicalRun* typical = nullptr);

/// report.html of a replicated run: the odds first, then the typical replication's answers,
/// charts and tables, with the ensemble's 5-95% bands. Its marked numbers match
/// ensemble_summary_json(run, config, ensemble, odds, &typical).
std::string replicated_html_report(const RunInfo& run, const model::CampaignConfig& config,
                                   const run::Ensemble& ensemble, const run::Odds& odds,
                                   const TypicalRun& typical);

}  // namespace vaxsim::report
