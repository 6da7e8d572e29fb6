// The classic "hold" benchmark of a pending-event set (Jones 1986; Vaucher & Duval 1975).
//
// The queue is filled with N events at exponentially distributed times, then each hold pops the
// earliest event and pushes it back at its time plus an exponential increment, so the queue size
// stays N. This is what a large campaign model does all day long: a million people each with one
// pending event (next station, next dose). One benchmark iteration is one hold, so the reported
// time per iteration is the cost of one pop + one push in nanoseconds.
//
// Random increments are drawn before the timed loop into a small ring buffer (already rounded to
// ticks), so the RNG and the double-to-tick conversion are not part of the measurement. The ring
// is 2^12 x 4 bytes = 16 KiB so that at N = 1e3 it shares L1 with the heap rather than evicting
// it; its period does not matter because consecutive holds touch unrelated heap positions.
//
// Before timing, N holds warm the queue up: the initial fill is not the hold's stationary
// distribution of pending times, and the cost per hold drifts until every event has been
// popped and pushed back at least about once.

#include <benchmark/benchmark.h>

#include <array>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "vaxsim/sim/action.hpp"
#include "vaxsim/sim/event_queue.hpp"
#include "vaxsim/sim/simulator.hpp"
#include "vaxsim/sim/time.hpp"

namespace {

using namespace vaxsim::sim;

// Mean increment: one hour of simulated time. With N = 1e6 pending the events sit about
// 3.6 ticks apart, so some times tie and the (priority, seq) tie-break is exercised as well.
constexpr double kMeanTicks = 3'600'000.0;

class Increments {
 public:
  static constexpr std::size_t kSize = std::size_t{1} << 12;

  explicit Increments(std::uint64_t seed) {
    boost::random::mt19937_64 engine{seed};
    boost::random::exponential_distribution<double> exp{1.0 / kMeanTicks};
    // Stored as uint32 ticks: the largest of 4096 draws is ~9 means = 3.2e7, far below 2^32.
    for (auto& v : ring_) v = static_cast<std::uint32_t>(std::llround(exp(engine)));
  }
  Duration next() {
    const std::uint32_t v = ring_[pos_];
    pos_ = (pos_ + 1) & (kSize - 1);
    return Duration{static_cast<std::int64_t>(v)};
  }

 private:
  std::array<std::uint32_t, kSize> ring_{};
  std::size_t pos_ = 0;
};

// The action every event carries; it never runs in the queue-only benchmarks.
void no_op(void*, std::uint64_t) {}

template <class Queue>
void BM_Hold(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  Increments inc{0x5eed'0001};
  Queue queue;
  queue.reserve(n);
  std::uint64_t seq = 0;
  for (std::size_t i = 0; i < n; ++i) {
    queue.push(PendingEvent{kEpoch + inc.next(), 0, seq++, Action{&no_op, nullptr, i}});
  }
  auto hold = [&] {
    const PendingEvent e = queue.pop();
    queue.push(PendingEvent{e.time + inc.next(), 0, seq++, e.action});
  };
  for (std::size_t i = 0; i < n; ++i) hold();

  for (auto _ : state) {
    hold();
  }
  benchmark::DoNotOptimize(queue.top_time());
  state.SetItemsProcessed(state.iterations());
  state.counters["pending"] = static_cast<double>(queue.size());
}

// The same hold through the whole simulator: each event's handler schedules its own next
// occurrence, so this adds what a model pays per event beyond the queue (the indirect call,
// the fingerprint, the cancellation check, the argument checks of schedule_after).
class Holder {
 public:
  Holder(Simulator& sim, Increments& inc) : sim_{&sim}, inc_{&inc} {}
  void fire() { sim_->after<&Holder::fire>(inc_->next(), *this); }

 private:
  Simulator* sim_;
  Increments* inc_;
};

void BM_Hold_Simulator(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  Increments inc{0x5eed'0001};
  // The simulator cannot move (models keep pointers to its clock), hence the heap allocation.
  auto sim = std::make_unique<Simulator>();
  // One holder per pending event, as one object per person in a model.
  std::vector<Holder> holders(n, Holder{*sim, inc});
  for (auto& h : holders) sim->after<&Holder::fire>(inc.next(), h);
  for (std::size_t i = 0; i < n; ++i) sim->step();

  for (auto _ : state) {
    sim->step();
  }
  benchmark::DoNotOptimize(sim->fingerprint());
  state.SetItemsProcessed(state.iterations());
  state.counters["pending"] = static_cast<double>(sim->pending());
}

void sizes(benchmark::internal::Benchmark* b) {
  b->Arg(1'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kNanosecond);
}

BENCHMARK_TEMPLATE(BM_Hold, BinaryHeapQueue)->Apply(sizes);
BENCHMARK_TEMPLATE(BM_Hold, QuaternaryHeapQueue)->Apply(sizes);
BENCHMARK(BM_Hold_Simulator)->Apply(sizes);

}  // namespace
