// Whole campaigns, person-level: the shipped Shanxi scenarios, one replication per iteration.
//
//   build/release/bench/bench_campaign --benchmark_repetitions=5
//
// Counters: doses given and simulator events per second of wall time.

#include <benchmark/benchmark.h>

#include "vaxsim/io/scenario.hpp"
#include "vaxsim/model/campaign.hpp"

namespace {

void run_scenario(benchmark::State& state, const char* file) {
  const vaxsim::io::Scenario scenario =
      vaxsim::io::load_scenario(std::string(VAXSIM_SOURCE_DIR) + "/" + file);
  const int threads = static_cast<int>(state.range(0));
  double doses = 0, events = 0;
  for (auto _ : state) {
    const vaxsim::model::CampaignResult r =
        vaxsim::model::run_campaign(scenario.campaign, {.seed = scenario.seed, .threads = threads});
    doses = r.table.column(vaxsim::model::Measure::first_doses).sum() +
            r.table.column(vaxsim::model::Measure::second_doses).sum();
    events = static_cast<double>(r.events);
    benchmark::DoNotOptimize(doses);
  }
  state.counters["doses"] = doses;
  state.counters["events/s"] =
      benchmark::Counter(events, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["doses/s"] =
      benchmark::Counter(doses, benchmark::Counter::kIsIterationInvariantRate);
}

void BM_ShanxiPlan(benchmark::State& state) {
  run_scenario(state, "scenarios/shanxi-2021-plan.yaml");
}
void BM_ShanxiJune(benchmark::State& state) {
  run_scenario(state, "scenarios/shanxi-2021-june.yaml");
}

BENCHMARK(BM_ShanxiPlan)->Arg(1)->Arg(2)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);
BENCHMARK(BM_ShanxiJune)->Arg(1)->Arg(2)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);

}  // namespace
