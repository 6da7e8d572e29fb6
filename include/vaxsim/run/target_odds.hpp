#pragma once
// The probability of meeting each target, from many replications' verdicts (model::judge), with
// a 95% confidence interval; and the spread of the dates and totals that matter.
//
// The targets, in plain words (each listed only when the scenario sets it):
//   daily_reached       the province gives targets.daily_doses doses on at least one day of the
//                       window [targets.daily_from, D], D = OddsOptions::daily_by (default: the
//                       deadline);
//   daily_sustained     ... and from some day on gives it on every day to the deadline
//                       (model::Verdict::daily_sustained_from is set);
//   city[NAME]          the city gives its own daily target on at least OddsOptions::city_days
//                       days of the window [targets.daily_from, deadline] (one per city with a
//                       target);
//   doses               targets.doses doses given by the deadline, prior doses included;
//   people              targets.people_fully_vaccinated people with both doses by the deadline;
//   coverage[L%]        L% of targets.coverage_base fully vaccinated by the deadline (one per
//                       coverage level);
//   all                 every promise at once, in the same replication: daily_reached, every
//                       city[...], doses and people (not daily_sustained and not coverage, which
//                       are the plan's reporting milestones rather than its promises).
// The probability is successes / replications; the interval is Wilson's score interval at 95%
// (z = 1.959964), which stays inside [0, 1] and is sensible at 0 or R successes, unlike the
// normal approximation.
//
// Key dates, each over the replications in which it happened within the run (a replication in
// which it did not counts as later than any date): the q-date is the earliest date by which at
// least ceil(q x R) replications had it (an inverse-CDF quantile, never interpolated between
// dates); none when fewer replications ever had it. So the 50% date is "by then, in at least
// half the runs", the 95% date the cautious one.
//   daily_first_reached   first day of the window at or above the province daily target;
//   daily_sustained_from  first day from which every day to the deadline is at or above it;
//   coverage[L%]          first day with L% of the coverage base fully vaccinated.
//
// Key numbers (mean, 5%, 50%, 95% over replications, rule in quantiles.hpp): doses and people
// fully vaccinated by the deadline, the province's best day, and days at target in the window.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "vaxsim/model/campaign_config.hpp"
#include "vaxsim/model/verdict.hpp"
#include "vaxsim/sim/calendar.hpp"

namespace vaxsim::run {

/// z for a two-sided 95% interval: the 97.5% point of the standard normal.
inline constexpr double kZ95 = 1.959963984540054;

/// A share of successes with its confidence interval.
struct Proportion {
  int successes = 0;
  int trials = 0;
  double p = 0;   // successes / trials (0 when no trials)
  double lo = 0;  // Wilson score interval
  double hi = 1;
};

/// Wilson's score interval for `successes` of `trials` (trials >= 1; [0, 1] for none):
///   centre = (p + z^2 / 2n) / (1 + z^2 / n),
///   half   = z / (1 + z^2 / n) sqrt(p (1 - p) / n + z^2 / 4n^2).
Proportion wilson(int successes, int trials, double z = kZ95);

struct OddsOptions {
  /// "Reached by" date for the province daily target; none: the deadline.
  std::optional<sim::Date> daily_by;
  /// A city meets its target when it reaches it on at least this many days of the window.
  int city_days = 1;
};

enum class TargetKind { daily_reached, daily_sustained, city, doses, people, coverage, all };

struct TargetOdds {
  TargetKind kind = TargetKind::all;
  std::string key;   // "daily_reached", "city[Taiyuan]", "coverage[40%]", ...: column names
  std::string what;  // plain words: "800,000 doses a day by 2021-06-30"
  Proportion odds;
};

struct KeyDate {
  std::string key;   // "daily_first_reached", "daily_sustained_from", "coverage[40%]"
  std::string what;  // plain words
  int reached = 0;   // replications in which it happened within the run
  std::optional<sim::Date> q05, q50, q95;
};

struct KeyNumber {
  std::string key;  // "doses_by_deadline", "people_by_deadline", "daily_best", "daily_days_met"
  std::string what;
  double mean = 0, q05 = 0, q50 = 0, q95 = 0;
};

/// Everything the replications say about the targets.
struct Odds {
  int replications = 0;
  std::vector<TargetOdds> targets;
  std::vector<KeyDate> dates;
  std::vector<KeyNumber> numbers;
  /// Second doses never given although their window closed within the run
  /// (model::CampaignResult::missed_second_doses), over the replications. Verdicts do not hold
  /// it, so target_odds() leaves it empty; run_sweep() fills it from the results.
  std::optional<KeyNumber> missed_second_doses;

  /// The entry with this key, or nullptr.
  const TargetOdds* target(const std::string& key) const;
  const KeyDate* date(const std::string& key) const;
};

/// The odds from the verdicts of R >= 1 replications of `config` (std::invalid_argument for
/// none). Depends only on the verdicts and their order, never on how they were computed.
Odds target_odds(const model::CampaignConfig& config, std::span<const model::Verdict> verdicts,
                 const OddsOptions& options = {});

/// Mean and 5%, 50%, 95% quantiles of per-replication values (at least one), as the key
/// numbers above are computed.
KeyNumber key_number(std::string key, std::string what, std::vector<double> values);

/// The q-date of the rule above from per-replication dates (none: not reached).
std::optional<sim::Date> date_quantile(std::span<const std::optional<sim::Date>> dates, double q);

/// "40%", "12.5%": a coverage level as the keys and texts above write it.
std::string percent_text(double share);

}  // namespace vaxsim::run
