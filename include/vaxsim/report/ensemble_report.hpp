#pragma once
// What `vaxsim run --replications R` (R > 1) prints and writes: the odds of every target in
// words, the spread of every city-day measure as CSV, and a JSON summary. Formats in
// docs/output-format.md, "Replications".

#include <string>

#include "vaxsim/model/campaign_config.hpp"
#include "vaxsim/report/summary_json.hpp"
#include "vaxsim/run/ensemble.hpp"
#include "vaxsim/run/target_odds.hpp"

namespace vaxsim::report {

/// "83%", "<1%", ">99%", "0%", "100%": a probability as the tables print it.
std::string chance_text(double p, int successes, int trials);

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

/// summary.json of a replicated run (see docs/output-format.md).
std::string ensemble_summary_json(const RunInfo& run, const model::CampaignConfig& config,
                                  const run::Ensemble& ensemble, const run::Odds& odds);

}  // namespace vaxsim::report
