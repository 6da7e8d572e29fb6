#pragma once
// Many independent replications of campaigns, in parallel, with results that do not depend on
// the number of threads.
//
// Replication r of a campaign is model::run_campaign(config, {seed, replication = r}): its random
// streams are keyed by (seed, r), so it is the same run whichever thread simulates it, and
// whatever else runs beside it. Results are stored by replication index and combined in index
// order afterwards, so every statistic is bit-identical for any number of threads.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "vaxsim/model/campaign.hpp"
#include "vaxsim/model/warning.hpp"

namespace vaxsim::run {

struct ReplicationOptions {
  std::uint64_t seed = 1;
  /// Replications first_replication, ..., first_replication + replications - 1 are run.
  std::uint64_t first_replication = 0;
  int replications = 1;
  /// Threads in all: replications run in parallel on up to this many threads; threads left over
  /// (fewer replications than threads) simulate cities in parallel within a replication.
  int threads = 1;
  /// Optional. Called after every simulated day of any replication, one call at a time (under a
  /// lock) but from whichever worker thread finished the day, as on_day(done, total): `done` of
  /// `total` replication-days (all campaigns and replications together) are simulated. Returning
  /// false stops every replication: the run then throws model::Cancelled.
  model::ProgressObserver* progress = nullptr;
  /// Every run stops after this day (model::RunOptions::last_day); -1: to the end.
  int last_day = -1;
};

/// How a number of threads is spent on `tasks` independent runs.
struct ThreadSplit {
  int workers = 1;          // runs in parallel
  int per_replication = 1;  // threads within each run (model::RunOptions::threads)
};
ThreadSplit split_threads(int threads, std::size_t tasks);

/// Called once per finished replication with its campaign index (into `configs`), its index
/// among the replications (0 .. replications - 1, not the replication number) and its result.
/// Calls come from worker threads, concurrently for different (campaign, index) pairs: store the
/// result in a slot of its own.
using ReplicationVisitor =
    std::function<void(std::size_t campaign, int index, model::CampaignResult&& result)>;

/// Runs options.replications replications of every campaign in `configs`, all with the same
/// seed and replication numbers (common random numbers across campaigns), in parallel. Task
/// order: campaign by campaign, replication by replication. Throws std::invalid_argument for a
/// config that does not validate or replications < 1; the exception of the first failing run
/// otherwise (model::Cancelled when progress asked to stop).
void for_each_replication(std::span<const model::CampaignConfig> configs,
                          const ReplicationOptions& options, const ReplicationVisitor& visit);

/// The same with one seed per campaign (seeds.size() == configs.size()); options.seed unused.
void for_each_replication(std::span<const model::CampaignConfig> configs,
                          std::span<const std::uint64_t> seeds, const ReplicationOptions& options,
                          const ReplicationVisitor& visit);

/// Runs the replications of one campaign; element i is replication first_replication + i.
std::vector<model::CampaignResult> run_replications(const model::CampaignConfig& config,
                                                    const ReplicationOptions& options);

/// A warning for `replications` > 1 of a config with no uncertainty (none otherwise): its
/// replications differ only by the day-to-day noise of arrivals, service times and no-shows, so
/// odds come out near 0% or 100% whatever the planner does not know. The program and the Python
/// module give it alike.
std::optional<model::Warning> replications_without_uncertainty(const model::CampaignConfig& config,
                                                               int replications);

}  // namespace vaxsim::run
