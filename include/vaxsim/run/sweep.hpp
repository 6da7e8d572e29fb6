#pragma once
// A sweep: the same campaign under a grid of changes ("closing hour 18:00, 20:00, 22:00" x
// "desks +0, +25, +50%"), every grid point run with the same seed and the same replication
// numbers. Random streams are keyed by (seed, replication, purpose, entity), so the points see
// the same arrivals, service times and draws wherever the change leaves an entity alone (common
// random numbers): differences between points are mostly the change's, not the dice's.
//
// The run layer knows nothing of files: the caller turns each grid point's settings into a
// CampaignConfig (vaxsim::io::load_scenario(file, overrides) does it for scenario files).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vaxsim/model/campaign_config.hpp"
#include "vaxsim/run/replications.hpp"
#include "vaxsim/run/target_odds.hpp"

namespace vaxsim::run {

/// One thing varied: a key (a path in the scenario, see io/overrides.hpp) and its values.
struct Axis {
  std::string key;
  std::vector<std::string> values;
};

/// Parses "KEY=V1,V2,...". The key ends at the first '=' outside brackets; values are split at
/// commas outside brackets, braces and quotes (so "[0.4, 0.5]" is one value) and trimmed of
/// surrounding blanks. Throws std::invalid_argument for no '=', an empty key or an empty value.
Axis parse_axis(std::string_view text);

/// One setting of a grid point: a key and the value it takes there.
struct Setting {
  std::string key;
  std::string value;
};

/// Every combination of the axes' values, the first axis varying slowest; each point has one
/// setting per axis, in axis order. No axes: one point with no settings.
std::vector<std::vector<Setting>> grid(std::span<const Axis> axes);

/// A point's Odds::missed_second_doses from its replications' model::CampaignResult::
/// missed_second_doses, in replication order (at least one): what run_sweep() sets, for a caller
/// that runs the replications another way (over MPI ranks, say) and must give the same odds.
KeyNumber missed_second_doses_number(std::vector<double> per_replication);

/// Runs options.replications replications of every point (`points[i]` with seed `seeds[i]`;
/// seeds.size() == points.size()) and returns each point's odds. Each point's odds equal those
/// of run_replications() on that point alone with the same seed and options, plus the second
/// doses missed (missed_second_doses_number of the point's results).
std::vector<Odds> run_sweep(std::span<const model::CampaignConfig> points,
                            std::span<const std::uint64_t> seeds, const ReplicationOptions& options,
                            const OddsOptions& odds = {});

}  // namespace vaxsim::run
