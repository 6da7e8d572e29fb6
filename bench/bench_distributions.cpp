// Batch sampling of the two families a campaign draws most: the arrival time-of-day profile
// (empirical, six knots) and service times (lognormal), as in scenarios/shanxi-2021-plan.yaml.
//
// One iteration is 2^20 draws through Distribution::sample(engine, span), in batches of the
// given size (a site-day draws a few hundred at a time), into a buffer that stays in L1/L2, so
// what is timed is the sampler, not memory. items_per_second is draws per second.

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "vaxsim/sim/detail/sampling.hpp"
#include "vaxsim/sim/random.hpp"

namespace {

using namespace vaxsim::sim;

constexpr std::size_t kDraws = std::size_t{1} << 20;

void sample_in_batches(benchmark::State& state, const Distribution& d) {
  const auto batch = static_cast<std::size_t>(state.range(0));
  std::vector<double> out(batch);
  RandomEngine engine = RandomStreams(1, 0).engine(purpose_id("bench/distributions"), 0);
  for (auto _ : state) {
    for (std::size_t done = 0; done < kDraws; done += batch) {
      d.sample(engine, out);
      benchmark::DoNotOptimize(out.data());
      benchmark::ClobberMemory();
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kDraws));
}

void BM_EmpiricalArrivalProfile(benchmark::State& state) {
  sample_in_batches(state,
                    Distribution::empirical(
                        {{0, 0}, {0.1, 0.15}, {0.4, 0.55}, {0.6, 0.70}, {0.9, 0.95}, {1, 1}}));
}
BENCHMARK(BM_EmpiricalArrivalProfile)->Arg(256)->Arg(4096)->Unit(benchmark::kMillisecond);

void BM_LogNormalServiceMinutes(benchmark::State& state) {
  sample_in_batches(state, Distribution::lognormal(4.0, 1.5));
}
BENCHMARK(BM_LogNormalServiceMinutes)->Arg(256)->Arg(4096)->Unit(benchmark::kMillisecond);

}  // namespace
