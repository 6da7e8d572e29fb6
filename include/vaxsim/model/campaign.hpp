#pragma once
// Runs a campaign: the province, its cities and sites, day by day.

#include <cstdint>
#include <stdexcept>

#include "vaxsim/model/campaign_config.hpp"
#include "vaxsim/model/results.hpp"
#include "vaxsim/model/site_day_method.hpp"
#include "vaxsim/sim/time.hpp"

namespace vaxsim::model {

/// One dose given: who, where, when, what. Doses are traceable end to end.
struct DoseRecord {
  // Campaign person id: prior one-dose people first, then each city's first-dose people of each
  // evening, numbered by product and the day they fall due (so those falling due together have
  // consecutive ids), in the order their doses are seen.
  std::uint32_t person = 0;
  std::uint32_t site = 0;  // index of the site instance (families expanded in config order)
  std::uint32_t city = 0;
  std::uint8_t product = 0;
  std::uint8_t dose = 1;  // 1 or 2
  int day = 0;            // campaign day
  sim::Time at;           // when the person sat down at the desk
};

/// Sees every dose as the evening records it (in a fixed order: city, site, time of service).
class DoseObserver {
 public:
  virtual ~DoseObserver() = default;
  virtual void on_dose(const DoseRecord& dose) = 0;
};

/// Told after every simulated day; may ask the run to stop (a planner pressed Ctrl-C).
class ProgressObserver {
 public:
  virtual ~ProgressObserver() = default;
  /// `day` days of `days` are done. Return false to stop: run_campaign then throws Cancelled.
  virtual bool on_day(int day, int days) = 0;
};

/// Thrown by run_campaign when a ProgressObserver asked it to stop.
struct Cancelled : std::runtime_error {
  Cancelled() : std::runtime_error("the campaign run was stopped before its end") {}
};

struct RunOptions {
  std::uint64_t seed = 1;
  std::uint64_t replication = 0;
  /// Optional; called once per dose. Costs a virtual call per dose when set.
  DoseObserver* observer = nullptr;
  /// Threads simulating cities in parallel within a day; results do not depend on it.
  int threads = 1;
  /// Optional; called once per day, on the calling thread.
  ProgressObserver* progress = nullptr;
  /// How site-days are computed; both give the same doses (see site_day.hpp). `events` is the
  /// slower reference, for checking.
  SiteDayMethod site_days = SiteDayMethod::sweep;
  /// Stop after this day (0-based campaign day) instead of the last: a caller that reads the
  /// results only up to a date (a calibration fitting observations up to 18 May) saves the rest.
  /// The table keeps every day; the days not simulated stay 0, and the end-of-run totals
  /// (stock, in transit, missed second doses) are those of the last day simulated. -1: to the end.
  int last_day = -1;
};

/// Runs one replication. Throws std::invalid_argument listing the problems if the config does
/// not validate. Same config and options give bit-identical results.
CampaignResult run_campaign(const CampaignConfig& config, const RunOptions& options = {});

}  // namespace vaxsim::model
