#include "distributed.hpp"

#include "vaxsim/run/sweep.hpp"

#if VAXSIM_WITH_MPI
#include "interrupt.hpp"
#include "vaxsim/mpi/replications.hpp"
#include "vaxsim/mpi/session.hpp"
#endif

namespace vaxsim::cli {

#if VAXSIM_WITH_MPI

namespace {

// Started on first use, finalized when the program ends (after main returns).
mpi::Session& session() {
  static mpi::Session s;
  return s;
}

// What the other ranks see of progress: no bar, but Ctrl-C still stops them.
class StopOnly final : public model::ProgressObserver {
 public:
  bool on_day(int /*day*/, int /*days*/) override { return !interrupted(); }
};

}  // namespace

std::vector<model::CampaignResult> run_replications(const model::CampaignConfig& config,
                                                    const run::ReplicationOptions& options) {
  if (session().size() == 1) return run::run_replications(config, options);
  StopOnly stop_only;
  run::ReplicationOptions o = options;
  if (!is_main_rank() && o.progress != nullptr) o.progress = &stop_only;
  return mpi::run_replications(config, o);
}

std::vector<run::Odds> run_sweep(std::span<const model::CampaignConfig> points,
                                 std::span<const std::uint64_t> seeds,
                                 const run::ReplicationOptions& options,
                                 const run::OddsOptions& odds) {
  if (session().size() == 1) return run::run_sweep(points, seeds, options, odds);
  StopOnly stop_only;
  run::ReplicationOptions o = options;
  if (!is_main_rank() && o.progress != nullptr) o.progress = &stop_only;
  return mpi::run_sweep(points, seeds, o, odds);
}

bool is_main_rank() { return session().rank() == 0; }

#else

std::vector<model::CampaignResult> run_replications(const model::CampaignConfig& config,
                                                    const run::ReplicationOptions& options) {
  return run::run_replications(config, options);
}

std::vector<run::Odds> run_sweep(std::span<const model::CampaignConfig> points,
                                 std::span<const std::uint64_t> seeds,
                                 const run::ReplicationOptions& options,
                                 const run::OddsOptions& odds) {
  return run::run_sweep(points, seeds, options, odds);
}

bool is_main_rank() { return true; }

#endif

}  // namespace vaxsim::cli
