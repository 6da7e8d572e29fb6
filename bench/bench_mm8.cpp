// A whole model run: an M/M/8 desk pool at rho = 0.9 serving 1,000,000 customers, written with
// the public API as a planner would (Simulator + Resource + bind + RandomStreams + Distribution).
// One iteration is one complete run (2 million events, 2 million draws) from an empty site.
//
// The baseline is the same model hand-written over std::priority_queue with no framework at all:
// same engine, same draws, same rounding to ticks, same FIFO discipline, but only a sum of waits
// for statistics. The gap between the two is the price of the framework (the Resource's
// time-weighted statistics, the simulator's fingerprint, argument checks and indirect calls).
// Both report the mean wait as a counter, which must agree closely (Erlang C: 0.877 minutes).

#include <benchmark/benchmark.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <queue>
#include <vector>

#include "vaxsim/sim/action.hpp"
#include "vaxsim/sim/detail/sampling.hpp"
#include "vaxsim/sim/random.hpp"
#include "vaxsim/sim/resource.hpp"
#include "vaxsim/sim/simulator.hpp"
#include "vaxsim/sim/time.hpp"

namespace {

using namespace vaxsim::sim;

constexpr int kDesks = 8;
constexpr double kArrivalsPerMinute = 7.2;  // rho = 0.9 with a mean service of one minute
constexpr std::int64_t kCustomers = 1'000'000;
constexpr std::uint64_t kSeed = 2021;

// --- The model, as a planner writes it ----------------------------------------------------------

class Site {
 public:
  Site(Simulator& sim, const RandomStreams& streams)
      : sim_{&sim},
        desks_{sim.clock(), kDesks},
        arrival_rng_{streams.engine(purpose_id("arrivals"), 0)},
        service_rng_{streams.engine(purpose_id("service"), 0)} {}

  void open() { schedule_next_arrival(); }
  double mean_wait_minutes() const { return desks_.waits().mean() / 60.0; }

 private:
  void schedule_next_arrival() {
    if (arrived_ == kCustomers) return;
    ++arrived_;
    sim_->after<&Site::arrive>(from_minutes(interarrival_.sample(arrival_rng_)), *this);
  }
  void arrive() {
    desks_.request(bind<&Site::start_service>(*this));
    schedule_next_arrival();
  }
  void start_service() {
    sim_->after<&Site::finish>(from_minutes(service_.sample(service_rng_)), *this);
  }
  void finish() { desks_.release(); }

  Simulator* sim_;
  Resource desks_;
  Distribution interarrival_ = Distribution::exponential(1.0 / kArrivalsPerMinute);
  Distribution service_ = Distribution::exponential(1.0);
  RandomEngine arrival_rng_;
  RandomEngine service_rng_;
  std::int64_t arrived_ = 0;
};

void BM_MM8_Simulator(benchmark::State& state) {
  double mean_wait = 0.0;
  std::uint64_t events = 0;
  for (auto _ : state) {
    // Heap-allocated because a simulator cannot move (models keep pointers to its clock).
    auto sim = std::make_unique<Simulator>();
    Site site{*sim, RandomStreams{kSeed, 0}};
    site.open();
    sim->run();
    mean_wait = site.mean_wait_minutes();
    events = sim->events_processed();
  }
  state.counters["events"] = static_cast<double>(events);
  state.counters["mean_wait_min"] = mean_wait;
  // Seconds per event, which the console shows with an SI prefix ("50ns").
  state.counters["per_event"] =
      benchmark::Counter(static_cast<double>(events) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_MM8_Simulator)->Unit(benchmark::kMillisecond);

// --- Baseline: the same model, hand-written ------------------------------------------------------

struct Event {
  std::int64_t time;  // ticks
  std::uint64_t seq;  // scheduling order breaks ties, as in the simulator
  bool is_arrival;
};
struct Later {
  bool operator()(const Event& a, const Event& b) const {
    return a.time != b.time ? a.time > b.time : a.seq > b.seq;
  }
};

void BM_MM8_PriorityQueueBaseline(benchmark::State& state) {
  double mean_wait = 0.0;
  std::uint64_t events = 0;
  for (auto _ : state) {
    const RandomStreams streams{kSeed, 0};
    RandomEngine arrival_rng = streams.engine(purpose_id("arrivals"), 0);
    RandomEngine service_rng = streams.engine(purpose_id("service"), 0);
    const Distribution interarrival = Distribution::exponential(1.0 / kArrivalsPerMinute);
    const Distribution service = Distribution::exponential(1.0);

    std::priority_queue<Event, std::vector<Event>, Later> pending;
    std::deque<std::int64_t> queue;  // arrival times of waiting customers
    std::uint64_t seq = 0;
    std::int64_t now = 0;
    std::int64_t arrived = 0;
    std::int64_t served = 0;
    int busy = 0;
    double total_wait_ms = 0.0;
    events = 0;

    auto start_service = [&](std::int64_t arrival_time) {
      ++busy;
      ++served;
      total_wait_ms += static_cast<double>(now - arrival_time);
      pending.push({now + from_minutes(service.sample(service_rng)).count(), seq++, false});
    };
    auto schedule_arrival = [&] {
      if (arrived == kCustomers) return;
      ++arrived;
      pending.push({now + from_minutes(interarrival.sample(arrival_rng)).count(), seq++, true});
    };

    schedule_arrival();
    while (!pending.empty()) {
      const Event e = pending.top();
      pending.pop();
      now = e.time;
      ++events;
      if (e.is_arrival) {
        if (busy < kDesks) {
          start_service(now);
        } else {
          queue.push_back(now);
        }
        schedule_arrival();
      } else {
        --busy;
        if (!queue.empty()) {
          const std::int64_t arrival_time = queue.front();
          queue.pop_front();
          start_service(arrival_time);
        }
      }
    }
    mean_wait = total_wait_ms / static_cast<double>(served) / 60'000.0;
  }
  state.counters["events"] = static_cast<double>(events);
  state.counters["mean_wait_min"] = mean_wait;
  // Seconds per event, which the console shows with an SI prefix ("50ns").
  state.counters["per_event"] =
      benchmark::Counter(static_cast<double>(events) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_MM8_PriorityQueueBaseline)->Unit(benchmark::kMillisecond);

}  // namespace
