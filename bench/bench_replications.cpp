// Replications of the Shanxi plan in parallel: the wall time of R replications on T threads.
// Arguments: R (replications), T (threads). The full benchmark is 100 replications on 1 and 2
// threads (about 15 and 8 minutes in Release); the short one measures the same speed-up:
//
//   build/release/bench/bench_replications --benchmark_filter='replications:4/'    # short
//   build/release/bench/bench_replications --benchmark_filter='replications:100/'  # full
//
// Counters: replications and simulated days per second of wall time. Replications are
// independent (one thread each), so the speed-up on T threads is close to T when T cores are
// free and R is a multiple of T.

#include <benchmark/benchmark.h>

#include <string>

#include "vaxsim/io/scenario.hpp"
#include "vaxsim/model/campaign.hpp"
#include "vaxsim/run/replications.hpp"

namespace {

void BM_PlanReplications(benchmark::State& state) {
  static const vaxsim::io::Scenario scenario = vaxsim::io::load_scenario(
      std::string(VAXSIM_SOURCE_DIR) + "/scenarios/shanxi-2021-plan.yaml");
  vaxsim::run::ReplicationOptions options;
  options.seed = scenario.seed;
  options.replications = static_cast<int>(state.range(0));
  options.threads = static_cast<int>(state.range(1));
  double days = 0;
  for (auto _ : state) {
    const auto results = vaxsim::run::run_replications(scenario.campaign, options);
    days = 0;
    for (const auto& r : results) days += r.table.days();
    benchmark::DoNotOptimize(days);
  }
  state.counters["replications/s"] = benchmark::Counter(
      static_cast<double>(options.replications), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["days/s"] =
      benchmark::Counter(days, benchmark::Counter::kIsIterationInvariantRate);
}

BENCHMARK(BM_PlanReplications)
    ->ArgNames({"replications", "threads"})
    ->Args({4, 1})
    ->Args({4, 2})
    ->Args({100, 1})
    ->Args({100, 2})
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->Iterations(1);

}  // namespace
