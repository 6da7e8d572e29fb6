#pragma once
// Replications and sweeps for the command line: spread over MPI ranks when vaxsim was built with
// VAXSIM_WITH_MPI=ON and started with more than one rank (mpirun -np N vaxsim ...), run in this
// process otherwise. The results are the same either way, bit for bit.
//
// Under MPI every rank runs the same command; rank 0 alone draws the progress bar, prints and
// writes files, the others return once their share is handed over (is_main_rank()). MPI is
// started on the first call, not before: a single run, --help or a rejected scenario never
// touches it.

#include <cstdint>
#include <span>
#include <vector>

#include "vaxsim/model/campaign.hpp"
#include "vaxsim/run/replications.hpp"
#include "vaxsim/run/target_odds.hpp"

namespace vaxsim::cli {

/// run::run_replications, over MPI ranks when there are several; empty on the other ranks.
std::vector<model::CampaignResult> run_replications(const model::CampaignConfig& config,
                                                    const run::ReplicationOptions& options);

/// run::run_sweep, over MPI ranks when there are several; empty on the other ranks.
std::vector<run::Odds> run_sweep(std::span<const model::CampaignConfig> points,
                                 std::span<const std::uint64_t> seeds,
                                 const run::ReplicationOptions& options,
                                 const run::OddsOptions& odds);

/// Whether this process reports (prints and writes): always without MPI, on rank 0 with it.
bool is_main_rank();

}  // namespace vaxsim::cli
