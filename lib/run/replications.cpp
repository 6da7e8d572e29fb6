#include "vaxsim/run/replications.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <limits>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "vaxsim/run/parallel.hpp"

namespace vaxsim::run {
namespace {

std::int64_t days_of(const model::CampaignConfig& c) {
  const auto span = std::chrono::sys_days{c.end} - std::chrono::sys_days{c.start};
  return std::max<std::int64_t>(span.count() + 1, 0);
}

/// Counts replication-days over every run and tells the caller's observer, one call at a time.
class SharedProgress {
 public:
  SharedProgress(model::ProgressObserver& observer, std::int64_t total)
      : observer_{observer},
        total_{total},
        // on_day takes ints: very long sweeps are reported in coarser units.
        unit_{total / std::numeric_limits<int>::max() + 1} {}

  bool advance() {
    const std::lock_guard lock(mutex_);
    if (stopped_) return false;
    ++done_;
    if (!observer_.on_day(static_cast<int>(done_ / unit_), static_cast<int>(total_ / unit_))) {
      stopped_ = true;
    }
    return !stopped_;
  }

 private:
  model::ProgressObserver& observer_;
  std::mutex mutex_;
  std::int64_t total_;
  std::int64_t unit_;
  std::int64_t done_ = 0;
  bool stopped_ = false;
};

/// The observer one run sees: each of its days is one more day done in all.
class RunProgress final : public model::ProgressObserver {
 public:
  explicit RunProgress(SharedProgress& shared) : shared_{shared} {}
  bool on_day(int /*day*/, int /*days*/) override { return shared_.advance(); }

 private:
  SharedProgress& shared_;
};

}  // namespace

ThreadSplit split_threads(int threads, std::size_t tasks) {
  const int total = std::max(1, threads);
  const int workers =
      static_cast<int>(std::max<std::size_t>(1, std::min(tasks, static_cast<std::size_t>(total))));
  return {workers, std::max(1, total / workers)};
}

void for_each_replication(std::span<const model::CampaignConfig> configs,
                          std::span<const std::uint64_t> seeds, const ReplicationOptions& options,
                          const ReplicationVisitor& visit) {
  if (seeds.size() != configs.size()) {
    throw std::invalid_argument("for_each_replication: " + std::to_string(seeds.size()) +
                                " seeds for " + std::to_string(configs.size()) + " campaigns");
  }
  if (options.replications < 1) {
    throw std::invalid_argument("replications must be at least 1, got " +
                                std::to_string(options.replications));
  }
  const auto per_campaign = static_cast<std::size_t>(options.replications);
  const std::size_t tasks = configs.size() * per_campaign;
  const ThreadSplit split = split_threads(options.threads, tasks);

  std::optional<SharedProgress> shared;
  if (options.progress != nullptr) {
    std::int64_t total = 0;
    for (const model::CampaignConfig& c : configs) {
      const std::int64_t days = days_of(c);
      const std::int64_t run =
          options.last_day < 0 ? days : std::min<std::int64_t>(days, options.last_day + 1);
      total += run * options.replications;
    }
    shared.emplace(*options.progress, total);
  }

  parallel_for(tasks, split.workers, [&](std::size_t task) {
    const std::size_t campaign = task / per_campaign;
    const int index = static_cast<int>(task % per_campaign);
    std::optional<RunProgress> progress;
    if (shared) progress.emplace(*shared);
    model::RunOptions run;
    run.seed = seeds[campaign];
    run.replication = options.first_replication + static_cast<std::uint64_t>(index);
    run.threads = split.per_replication;
    run.progress = progress ? &*progress : nullptr;
    run.last_day = options.last_day;
    visit(campaign, index, model::run_campaign(configs[campaign], run));
  });
}

void for_each_replication(std::span<const model::CampaignConfig> configs,
                          const ReplicationOptions& options, const ReplicationVisitor& visit) {
  const std::vector<std::uint64_t> seeds(configs.size(), options.seed);
  for_each_replication(configs, seeds, options, visit);
}

std::vector<model::CampaignResult> run_replications(const model::CampaignConfig& config,
                                                    const ReplicationOptions& options) {
  std::vector<model::CampaignResult> results(
      static_cast<std::size_t>(std::max(0, options.replications)));
  for_each_replication(std::span(&config, 1), options,
                       [&](std::size_t, int index, model::CampaignResult&& result) {
                         results[static_cast<std::size_t>(index)] = std::move(result);
                       });
  return results;
}

std::optional<model::Warning> replications_without_uncertainty(const model::CampaignConfig& config,
                                                               int replications) {
  if (replications <= 1 || config.uncertainty.any()) return std::nullopt;
  return model::Warning{
      "replications_without_uncertainty",
      "the scenario has no uncertainty: block, so every replication differs only by arrival and "
      "service-time noise (and no-shows); the odds will be near 0% or 100% and say nothing of "
      "what is not known for sure (deliveries, uptake, service times, staff). Add an "
      "uncertainty: block (docs/scenario-format.md#uncertainty) for odds that mean something."};
}

}  // namespace vaxsim::run
