#pragma once
// The answer to the planner's questions, computed from a run's table by documented rules.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "vaxsim/model/bottleneck.hpp"
#include "vaxsim/model/campaign_config.hpp"
#include "vaxsim/model/results.hpp"
#include "vaxsim/model/warning.hpp"
#include "vaxsim/sim/calendar.hpp"

namespace vaxsim::model {

struct CityVerdict {
  std::string city;
  std::int64_t target = 0;  // doses a day; 0: none
  int days_met = 0;         // days in the window [daily_from, deadline] at or above target
  int days_in_window = 0;
  double mean_daily = 0;  // mean doses a day in the window
  double best_day = 0;
  /// Days short of target in the window, by bottleneck (index: Bottleneck).
  std::array<int, kBottleneckKinds> short_days_by{};
  /// The most frequent reason for falling short (none: never short).
  Bottleneck main_bottleneck = Bottleneck::none;
};

/// A cold-chain link that held a city back: in the day's minimum cut while the city fell short
/// of its target with stock the limit (no_stock, held_back: more doses would have helped).
struct BindingLink {
  std::string link;  // "province -> city"
  int days = 0;      // such days in the window
};

struct CoverageDate {
  double level = 0;                  // 0.4, 0.5, ...
  std::int64_t people = 0;           // level x coverage base
  std::optional<sim::Date> reached;  // first day at or above; none: not within the run
};

/// Second doses overdue when the run started (due before its first day): a backlog the run
/// inherits. Its queues serve the longest overdue first, so the run's second doses are counted
/// against the backlog first: the first `people` of them are its. A first day that gives them
/// is no measure of what the sites can give in a day.
struct InheritedBacklog {
  std::int64_t people = 0;           // overdue at the start; 0: none
  std::int64_t on_first_day = 0;     // of the first day's second doses, the backlog's
  std::int64_t first_day_doses = 0;  // all doses of the first day
  std::optional<sim::Date> cleared;  // the day the run's second doses reached `people`
};

/// The day the province's open desks gave the most doses each, against the best recorded
/// (Targets::best_desk_doses_per_day); above it, the verdict warns.
struct BestDeskDay {
  double doses_per_desk = 0;      // province doses / desks open, that day
  std::optional<sim::Date> date;  // none: no desk was ever open
  double reference = 0;           // the best recorded
};

struct Verdict {
  // Province doses per day, in the window [targets.daily_from, targets.deadline].
  std::int64_t daily_target = 0;
  std::optional<sim::Date> daily_first_reached;
  /// The first day from which every day to the deadline is at or above the target.
  std::optional<sim::Date> daily_sustained_from;
  int daily_days_met = 0;
  int daily_days_in_window = 0;
  double daily_best = 0;
  double daily_mean = 0;

  std::vector<CityVerdict> cities;

  // The deadline.
  sim::Date deadline;
  std::int64_t people_fully_target = 0;
  std::int64_t people_fully_by_deadline = 0;
  std::int64_t people_one_dose_by_deadline = 0;  // at least one dose
  std::int64_t doses_target = 0;
  std::int64_t doses_by_deadline = 0;  // prior doses included
  bool people_met() const { return people_fully_by_deadline >= people_fully_target; }
  bool doses_met() const { return doses_by_deadline >= doses_target; }

  std::vector<CoverageDate> coverage;
  /// City-days short of target in the window, province-wide, by bottleneck.
  std::array<int, kBottleneckKinds> short_city_days_by{};
  /// Links that bound on days stock was the limit (no_stock, held_back), most days first (empty
  /// without a cold chain).
  std::vector<BindingLink> binding_links;

  InheritedBacklog inherited_backlog;
  BestDeskDay best_desk_day;
  /// What the reader should know before trusting the answers (e.g. a desk day beyond the record).
  std::vector<Warning> warnings;
};

/// Judges a run against the config's targets.
Verdict judge(const CampaignConfig& config, const CampaignResult& result);

}  // namespace vaxsim::model
