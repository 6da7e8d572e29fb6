// One evaluation of `vaxsim calibrate` on the as-run scenario: the scenario read with the
// parameters' overrides, R replications simulated to the last figure of the record (3 June), and
// the figures compared. A calibration costs about (evaluations + 2 x parameters) of these plus
// the forecast, so this is the figure that says whether 4 parameters x 10 replications fit in
// ten minutes.
//
//   build/release/bench/bench_calibration --benchmark_repetitions=5
//
// Arguments: replications an evaluation, and threads.

#include <benchmark/benchmark.h>

#include <chrono>
#include <string>
#include <vector>

#include "vaxsim/fit/compare.hpp"
#include "vaxsim/io/observed.hpp"
#include "vaxsim/io/overrides.hpp"
#include "vaxsim/io/scenario.hpp"
#include "vaxsim/run/replications.hpp"

namespace {

void BM_AsRunEvaluation(benchmark::State& state) {
  const std::string root = VAXSIM_SOURCE_DIR;
  const std::string file = root + "/scenarios/shanxi-2021-as-run.yaml";
  const vaxsim::io::ObservedProgress observed =
      vaxsim::io::load_observed(root + "/data/shanxi-2021-observed.csv");
  const std::vector<vaxsim::io::Override> overrides{
      {"sites[*].service_minutes.lognormal.mean", "7", true}};
  vaxsim::run::ReplicationOptions runs;
  runs.replications = static_cast<int>(state.range(0));
  runs.threads = static_cast<int>(state.range(1));
  double loss = 0;
  for (auto _ : state) {
    const vaxsim::io::Scenario scenario = vaxsim::io::load_scenario(file, overrides);
    runs.seed = scenario.seed;
    runs.last_day = static_cast<int>((std::chrono::sys_days{scenario.campaign.end} -
                                      std::chrono::sys_days{scenario.campaign.start})
                                         .count());
    const auto results = vaxsim::run::run_replications(scenario.campaign, runs);
    for (const auto& f : vaxsim::fit::compare(scenario.campaign, results, observed)) {
      loss += f.relative_error() * f.relative_error();
    }
    benchmark::DoNotOptimize(loss);
  }
}

BENCHMARK(BM_AsRunEvaluation)
    ->ArgsProduct({{1, 10}, {1, 2}})
    ->ArgNames({"replications", "threads"})
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->Iterations(1);

}  // namespace
