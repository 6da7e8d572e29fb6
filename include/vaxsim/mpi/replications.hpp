#pragma once
// Replications and sweeps spread over the ranks of an MPI communicator, with the results of
// run::run_replications and run::run_sweep in one process, bit for bit.
//
// Every rank calls the same function with the same arguments (a collective call). Each rank runs
// its share of the (grid point, replication) runs (mpi/share.hpp) with run::for_each_replication
// on its own options.threads; the results travel as bytes (run/result_codec.hpp) to rank 0, which
// puts them in replication order and combines them as the one-process function does. A sweep
// sends only what run::run_sweep keeps of a run: its verdict and its missed second doses. A run's
// result depends only on its seed and replication number, so which rank ran it changes nothing.
// Rank 0 returns the results; the other ranks return nothing.
//
// No rank is left waiting on a failure. Before anything runs, every rank checks the arguments
// (the configs are validated) and that all ranks were given the same ones (counts, seeds,
// replication numbers, campaign names and dates); an error throws std::invalid_argument on every
// rank. An exception in a rank's runs is rethrown, once every rank has finished its share, on
// every rank: model::Cancelled as it is, any other as std::invalid_argument or std::runtime_error
// whose message names the rank. options.progress, if set, counts this rank's runs only.

#include <mpi.h>

#include <cstdint>
#include <span>
#include <vector>

#include "vaxsim/model/campaign.hpp"
#include "vaxsim/run/replications.hpp"
#include "vaxsim/run/target_odds.hpp"

namespace vaxsim::mpi {

/// As run::run_replications: on rank 0, element i is replication options.first_replication + i.
std::vector<model::CampaignResult> run_replications(const model::CampaignConfig& config,
                                                    const run::ReplicationOptions& options,
                                                    MPI_Comm comm = MPI_COMM_WORLD);

/// As run::run_sweep: on rank 0, each point's odds.
std::vector<run::Odds> run_sweep(std::span<const model::CampaignConfig> points,
                                 std::span<const std::uint64_t> seeds,
                                 const run::ReplicationOptions& options,
                                 const run::OddsOptions& odds = {}, MPI_Comm comm = MPI_COMM_WORLD);

}  // namespace vaxsim::mpi
