#pragma once
// A run against the record: every figure of an observed-progress file (io/observed.hpp) beside
// what the run gave at the same place and moment, and how far apart the two are.
//
// What a figure is compared with (the rule every report, loss and test reads):
//   doses_cumulative      doses given before the run (prior) + doses given in the run to the moment
//   people_one_dose_plus  people with one dose + people with both, at the moment
//   people_fully          people with both doses, at the moment
//   doses_that_day        the doses of that day (to the moment, when the report gives an hour)
// The moment: a figure without an hour stands at the end of its day. A figure "as of 19:00"
// stands at the end of the day before plus the share of its own day's change given by 19:00,
// taken as the share of that day's opening time gone by (from the earliest opening to the latest
// closing of the scenario's sites that day): the results keep days, not hours, and people
// arrive through the opening hours. So "3 June, 09:00" with sites open 08:00-22:00 is the end of
// 2 June plus 1/14 of 3 June.
// The place: PROVINCE is the sum over the cities; a city is its own column.
// A figure dated before the run's first day, or after the last day it simulated, cannot be
// compared: the run says nothing there.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "vaxsim/io/observed.hpp"
#include "vaxsim/model/campaign_config.hpp"
#include "vaxsim/model/results.hpp"

namespace vaxsim::fit {

/// One figure of the record next to the runs' values at the same place and moment.
struct ComparedFigure {
  sim::Date date;
  std::optional<sim::Duration> time_of_day;
  std::string place;
  std::string measure;  // the observed file's column, e.g. "people_fully"
  double observed = 0;
  std::string source;
  int line = 0;  // of the observed file
  /// The share of its day's change the figure counts (share_of_day(); 1 without an hour): a
  /// chart puts a level at the end of day d - 1 plus this share of day d.
  double day_share = 1;

  /// Over the replications compared (empty when the figure cannot be compared: see above), in
  /// replication order.
  std::vector<double> simulated;
  double mean = 0;  // of `simulated`; 0 when empty
  double q05 = 0;   // quantiles by run/quantiles.hpp's rule; 0 when empty
  double q50 = 0;
  double q95 = 0;

  bool comparable() const { return !simulated.empty(); }
  /// The run's mean less the record: positive when the run is ahead.
  double error() const { return mean - observed; }
  /// error() as a share of the record (of 1 when the record is 0).
  double relative_error() const;
  /// Whether the record lies within the runs' 5-95% band.
  bool inside_band() const { return comparable() && q05 <= observed && observed <= q95; }
};

/// Every figure of `observed`, in file order (point by point, measure by measure in
/// io::kObservedMeasures order), against `replications` of `config` (at least one). Places must
/// be the config's cities or PROVINCE (io::check_places). `last_day`: the last day the runs
/// simulated (model::RunOptions::last_day), -1 for all.
std::vector<ComparedFigure> compare(const model::CampaignConfig& config,
                                    std::span<const model::CampaignResult> replications,
                                    const io::ObservedProgress& observed, int last_day = -1);

/// One run's value at one figure's place and moment (rule above); std::nullopt when the figure
/// cannot be compared. `measure` is one of io::kObservedMeasures' columns.
std::optional<double> simulated_value(const model::CampaignConfig& config,
                                      const model::CampaignResult& result,
                                      const io::Observation& at, std::string_view measure,
                                      int last_day = -1);

/// The share of a day's change reached at `time_of_day` (rule above): 1 without an hour; 0
/// before the earliest opening, 1 after the latest closing; linear between. Days with no site
/// open count 08:00-22:00.
double share_of_day(const model::CampaignConfig& config, sim::Date date,
                    std::optional<sim::Duration> time_of_day);

}  // namespace vaxsim::fit
