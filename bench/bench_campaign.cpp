// Whole campaigns, person-level: the shipped Shanxi scenarios, one replication per iteration.
//
//   build/release/bench/bench_campaign --benchmark_repetitions=5
//
// Arguments: threads, and how site-days are computed (0: the sweep, the default; 1: the
// event-driven reference). Counters: doses given, and simulator events (with the sweep, the
// events the reference would process) per second of wall time.

#include <benchmark/benchmark.h>

#include "vaxsim/io/scenario.hpp"
#include "vaxsim/model/campaign.hpp"
#include "vaxsim/sim/eigen_view.hpp"

namespace {

void run_scenario(benchmark::State& state, const char* file) {
  const vaxsim::io::Scenario scenario =
      vaxsim::io::load_scenario(std::string(VAXSIM_SOURCE_DIR) + "/" + file);
  const int threads = static_cast<int>(state.range(0));
  const auto method = state.range(1) == 0 ? vaxsim::model::SiteDayMethod::sweep
                                          : vaxsim::model::SiteDayMethod::events;
  double doses = 0, events = 0;
  for (auto _ : state) {
    const vaxsim::model::CampaignResult r = vaxsim::model::run_campaign(
        scenario.campaign, {.seed = scenario.seed, .threads = threads, .site_days = method});
    doses = as_eigen(r.table.column(vaxsim::model::Measure::first_doses)).sum() +
            as_eigen(r.table.column(vaxsim::model::Measure::second_doses)).sum();
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

BENCHMARK(BM_ShanxiPlan)
    ->ArgsProduct({{1, 2}, {0}})
    ->Args({1, 1})
    ->ArgNames({"threads", "events"})
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->Iterations(1);
BENCHMARK(BM_ShanxiJune)
    ->ArgsProduct({{1, 2}, {0}})
    ->ArgNames({"threads", "events"})
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->Iterations(1);

}  // namespace
