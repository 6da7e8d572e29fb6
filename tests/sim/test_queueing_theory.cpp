// Validation of the simulation core against queueing theory, using only the public API, the way a
// planner writes a model: a desk pool (Resource) fed by Poisson arrivals, with service times drawn
// from a Distribution on a RandomStreams engine.
//
// Time unit of the models: one minute of simulated time, so mu = 1 means a mean service of 60 s.
// Draws are converted with from_minutes(), which rounds to the nearest millisecond tick. The
// rounding error is uniform on +-0.5 ms, so it shifts no mean and adds 1/12 ms^2 of variance; next
// to a mean interarrival of 8.3 s that is below 1e-4 relative, invisible at the tolerances below.
//
// How the tolerances are derived. Each case runs R = 20 independent replications (replication
// numbers 0..19 of one fixed seed, so the test is deterministic). Each replication gives one
// estimate (say its mean wait); the replications are i.i.d., and each estimate averages tens of
// thousands of customers spanning ~100 relaxation times, so it is close to normal. The test takes
// the mean of the R estimates, and its standard error SE = sd / sqrt(R) from their spread, and
// asserts
//   * |mean - theory| < 4 SE: for a correct simulator the t statistic has 19 degrees of freedom
//     and P(|t| > 4) = 8e-4, so at most about 1 seed in 1,000 would fail a check by chance;
//   * SE < 2.5% of theory: so that 4 SE is at most 10% of theory and the first check can
//     actually catch a wrong simulator, rather than pass because the estimate is too noisy. Over
//     25 seeds the SE of the noisiest estimates (M/M/8 Wq and Lq) was 1.2% to 2.0% of theory,
//     median 1.6%; 2.5% leaves room for other seeds, or a change of random streams, without
//     letting the test lose its power unnoticed.
// Biases that replication statistics cannot see, the warm-up transient and the millisecond
// rounding, are each argued below to be orders of magnitude smaller than SE.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "vaxsim/sim/action.hpp"
#include "vaxsim/sim/detail/sampling.hpp"
#include "vaxsim/sim/random.hpp"
#include "vaxsim/sim/resource.hpp"
#include "vaxsim/sim/simulator.hpp"
#include "vaxsim/sim/tally.hpp"
#include "vaxsim/sim/time.hpp"

namespace {

using namespace vaxsim::sim;
using namespace std::chrono_literals;

constexpr std::uint64_t kSeed = 20'240'601;
constexpr int kReplications = 20;

// Probability of waiting in M/M/c (Erlang C) with offered load a = lambda / mu < c:
//   C(c, a) = [a^c / c! / (1 - rho)] / [sum_{k<c} a^k / k! + a^c / c! / (1 - rho)],  rho = a / c.
double erlang_c(int c, double a) {
  double term = 1.0;  // a^k / k!
  double below_c = 0.0;
  for (int k = 0; k < c; ++k) {
    below_c += term;
    term *= a / (k + 1);
  }
  const double rho = a / c;
  const double top = term / (1.0 - rho);
  return top / (below_c + top);
}

struct ModelConfig {
  int desks;
  double arrival_rate;   // per minute
  Distribution service;  // minutes
  Duration warm_up;
  Duration window;
};

// What one replication measured over its statistics window.
struct Estimates {
  double p_wait;       // fraction of customers served in the window who had to queue
  double wq;           // mean wait in queue, minutes
  double w;            // mean time in system of customers who left in the window, minutes
  double lq;           // time-average queue length
  double l;            // time-average number in system
  double utilization;  // time-average busy desks / desks
  double throughput;   // customers served per minute in the window
  // Little's law on the sample path, boundary terms included: both sides in person-seconds.
  double queue_area, queue_area_from_waits;
  double system_area, system_area_from_sojourns;
  double queue_boundary, system_boundary;  // person-seconds at the window's edges
};

// A desk pool as a planner writes one: Poisson arrivals, one FIFO queue, `desks` servers.
// Each customer's tag is its arrival time in ticks, carried from request to service end, so the
// model can measure time in system without keeping a record per customer.
class DeskPool {
 public:
  DeskPool(Simulator& sim, const RandomStreams& streams, const ModelConfig& config)
      : sim_{&sim},
        desks_{sim.clock(), config.desks},
        interarrival_{Distribution::exponential(1.0 / config.arrival_rate)},
        service_{config.service},
        arrival_rng_{streams.engine(purpose_id("arrivals"), 0)},
        service_rng_{streams.engine(purpose_id("service/desk"), 0)} {}

  void open() { schedule_next_arrival(); }

  // Starts the statistics window now, remembering who is already there: their time before the
  // window is a boundary term of Little's law.
  void begin_window() {
    desks_.reset_statistics();
    sojourns_ = Tally{};
    waited_ = 0;
    window_start_ = sim_->now();
    start_queue_ = elapsed_ms(waiting_count(), waiting_arrivals_ms());
    start_system_ = elapsed_ms(in_system_, in_system_arrivals_ms_);
  }

  Estimates estimates() const {
    const Time now = sim_->now();
    const double minutes = to_minutes(now - window_start_);
    const double served = static_cast<double>(desks_.granted());
    EXPECT_EQ(static_cast<std::int64_t>(desks_.queue_length()), waiting_count());
    EXPECT_EQ(desks_.busy(), in_service_);

    const double end_queue = elapsed_ms(waiting_count(), waiting_arrivals_ms());
    const double end_system = elapsed_ms(in_system_, in_system_arrivals_ms_);
    Estimates e{};
    e.p_wait = static_cast<double>(waited_) / served;
    e.wq = desks_.waits().mean() / 60.0;
    e.w = sojourns_.mean() / 60.0;
    e.lq = desks_.queue_length_stats().mean(now);
    e.l = e.lq + desks_.busy_stats().mean(now);
    e.utilization = desks_.busy_stats().mean(now) / desks_.capacity();
    e.throughput = served / minutes;
    // Area under the queue length = waits completed in the window, less their part before it,
    // plus the waits still running at its end.
    e.queue_area = desks_.queue_length_stats().integral(now);
    e.queue_area_from_waits = desks_.waits().sum() + (end_queue - start_queue_) / 1000.0;
    e.system_area = e.queue_area + desks_.busy_stats().integral(now);
    e.system_area_from_sojourns = sojourns_.sum() + (end_system - start_system_) / 1000.0;
    e.queue_boundary = (end_queue + start_queue_) / 1000.0;
    e.system_boundary = (end_system + start_system_) / 1000.0;
    return e;
  }

 private:
  void schedule_next_arrival() {
    sim_->after<&DeskPool::arrive>(from_minutes(interarrival_.sample(arrival_rng_)), *this);
  }

  void arrive() {
    const auto t = static_cast<std::uint64_t>(sim_->now().time_since_epoch().count());
    ++in_system_;
    in_system_arrivals_ms_ += static_cast<std::int64_t>(t);
    desks_.request(bind<&DeskPool::start_service>(*this, t));
    schedule_next_arrival();
  }

  void start_service(std::uint64_t arrival_ms) {
    ++in_service_;
    in_service_arrivals_ms_ += static_cast<std::int64_t>(arrival_ms);
    // Queued customers served in the tick they arrived (a desk freeing later in the same
    // millisecond, ~1e-4 of arrivals) count as not waiting, as Resource::waits() sees them too.
    if (now_ms() > arrival_ms) ++waited_;
    sim_->after<&DeskPool::finish>(from_minutes(service_.sample(service_rng_)), *this, arrival_ms);
  }

  void finish(std::uint64_t arrival_ms) {
    --in_service_;
    in_service_arrivals_ms_ -= static_cast<std::int64_t>(arrival_ms);
    --in_system_;
    in_system_arrivals_ms_ -= static_cast<std::int64_t>(arrival_ms);
    sojourns_.add(static_cast<double>(now_ms() - arrival_ms) / 1000.0);
    desks_.release();
  }

  std::uint64_t now_ms() const {
    return static_cast<std::uint64_t>(sim_->now().time_since_epoch().count());
  }
  std::int64_t waiting_count() const { return in_system_ - in_service_; }
  std::int64_t waiting_arrivals_ms() const {
    return in_system_arrivals_ms_ - in_service_arrivals_ms_;
  }
  // Time already spent by `count` customers with arrival times summing to `arrivals_ms`.
  double elapsed_ms(std::int64_t count, std::int64_t arrivals_ms) const {
    return static_cast<double>(count * sim_->now().time_since_epoch().count() - arrivals_ms);
  }

  Simulator* sim_;
  Resource desks_;
  Distribution interarrival_;
  Distribution service_;
  RandomEngine arrival_rng_;
  RandomEngine service_rng_;

  std::int64_t in_system_ = 0, in_system_arrivals_ms_ = 0;
  std::int64_t in_service_ = 0, in_service_arrivals_ms_ = 0;
  std::int64_t waited_ = 0;
  Tally sojourns_;  // seconds
  Time window_start_ = kEpoch;
  double start_queue_ = 0.0, start_system_ = 0.0;  // ms spent before the window
};

Estimates run_replication(const ModelConfig& config, std::uint64_t replication) {
  Simulator sim;
  DeskPool pool{sim, RandomStreams{kSeed, replication}, config};
  pool.open();
  // The run starts empty and idle, which at high load is an atypical state: the first customers
  // never wait. Statistics are reset after a warm-up so that transient does not bias the window.
  sim.run_until(kEpoch + config.warm_up);
  pool.begin_window();
  sim.run_until(kEpoch + config.warm_up + config.window);
  return pool.estimates();
}

// Mean and standard error over replications of one estimate, checked against theory.
void expect_matches_theory(const std::vector<Estimates>& runs, double Estimates::*field,
                           double theory, const std::string& what) {
  Tally over_replications;
  for (const Estimates& e : runs) over_replications.add(e.*field);
  const double mean = over_replications.mean();
  const double se = over_replications.standard_error();
  EXPECT_LT(std::abs(mean - theory), 4.0 * se)
      << what << ": simulated " << mean << " +- " << se << " (SE), theory " << theory;
  EXPECT_LT(se, 0.025 * theory) << what << ": SE " << se << " too large for a meaningful test";
  // Printed on every run: the log then documents how close the fit is, not only that it passed.
  std::printf("  %-28s simulated %.4f +- %.4f (SE), theory %.4f, off by %+.2f SE\n", what.c_str(),
              mean, se, theory, (mean - theory) / se);
}

// Little's law on every sample path: the area under the number present equals the total time
// spent, once the times spent before the window by those present at its start (subtracted) and
// by those still present at its end (added) are accounted for. Areas are sums of whole
// milliseconds, exact in double; the waits are sums of doubles, so allow relative rounding 1e-9.
void expect_littles_identity(const Estimates& e) {
  EXPECT_NEAR(e.queue_area, e.queue_area_from_waits, 1e-9 * e.queue_area);
  EXPECT_NEAR(e.system_area, e.system_area_from_sojourns, 1e-9 * e.system_area);
}

// ---------------------------------------------------------------------------------------------
// M/M/8 at rho = 0.9, mu = 1 per minute, so lambda = 7.2 per minute.

constexpr int kDesks = 8;
constexpr double kRho = 0.9;
constexpr double kLambda = kRho * kDesks;  // mu = 1

TEST(ErlangC, GivesTheTextbookValuesForEightDesksAtNinetyPercent) {
  const double c = erlang_c(kDesks, kLambda);
  EXPECT_NEAR(c, 0.7015, 5e-5);
  // Wq = C / (c mu - lambda).
  EXPECT_NEAR(c / (kDesks - kLambda), 0.8769, 5e-5);
  // Sanity of the formula itself: one server gives P(wait) = rho.
  EXPECT_NEAR(erlang_c(1, 0.8), 0.8, 1e-12);
}

// One test, not several sharing a fixture: ctest runs each test in its own process, so a shared
// suite set-up would rerun the replications once per test.
TEST(MM8, MatchesErlangCAndLittlesLaw) {
  // Relaxation time of the queue, 1 / (c mu (1 - sqrt(rho))^2), is about 48 minutes. Starting
  // empty biases waits down by an amount that decays like exp(-t / 48 min); after a 5-hour
  // warm-up what is left (e^-6 of a deficit lasting ~48 minutes, spread over a window of ~14
  // days) is below 1e-5 relative. The window holds 150,000 customers on average: at rho = 0.9 the
  // waits are so strongly correlated that 20 x 50,000 gave SE = 2.7% of Wq; 150,000 give 1.6%
  // (median over 25 seeds).
  const ModelConfig config{kDesks, kLambda, Distribution::exponential(1.0), 5h,
                           from_minutes(150'000 / kLambda)};
  std::vector<Estimates> runs;
  for (std::uint64_t r = 0; r < kReplications; ++r) runs.push_back(run_replication(config, r));

  const double p_wait = erlang_c(kDesks, kLambda);
  const double wq = p_wait / (kDesks - kLambda);
  expect_matches_theory(runs, &Estimates::p_wait, p_wait, "P(wait)");
  expect_matches_theory(runs, &Estimates::wq, wq, "Wq (min)");
  expect_matches_theory(runs, &Estimates::w, wq + 1.0, "W (min)");
  expect_matches_theory(runs, &Estimates::utilization, kRho, "utilization");
  expect_matches_theory(runs, &Estimates::throughput, kLambda, "throughput (/min)");
  // Little's law with the theoretical lambda and Erlang C waits: Lq = lambda Wq, L = lambda W.
  expect_matches_theory(runs, &Estimates::lq, kLambda * wq, "Lq");
  expect_matches_theory(runs, &Estimates::l, kLambda * (wq + 1.0), "L");

  for (const Estimates& e : runs) {
    expect_littles_identity(e);
    // The plain form L = lambda W, with lambda the observed throughput and W the observed mean,
    // differs from the identity only by the boundary terms: a few customers at each edge of the
    // window against ~150,000 inside it, so the relative gap must stay below 1% (here <= 4e-4).
    // This compares the Resource's time average with its tally of waits directly.
    EXPECT_LT(e.queue_boundary, 0.01 * e.queue_area);
    EXPECT_LT(e.system_boundary, 0.01 * e.system_area);
    EXPECT_NEAR(e.lq, e.throughput * e.wq, 0.01 * e.lq);
    EXPECT_NEAR(e.l, e.throughput * e.w, 0.01 * e.l);
  }
}

// ---------------------------------------------------------------------------------------------
// M/G/1 at rho = 0.8 against Pollaczek-Khinchine: Wq = lambda E[S^2] / (2 (1 - rho)).

struct ServiceCase {
  const char* name;
  Distribution service;  // mean 1 minute
  double second_moment;  // E[S^2], minutes^2
  // Customers per replication's window, enough for an SE of about 1.2% of Wq (median over 25
  // seeds: M/D/1 1.1%, log-normal 1.2%, M/M/1 1.3%); the more variable the service, the more
  // customers that takes.
  double customers;
};

class PollaczekKhinchine : public ::testing::TestWithParam<ServiceCase> {};

TEST_P(PollaczekKhinchine, MeanWaitMatches) {
  constexpr double kRho1 = 0.8;
  const ServiceCase& c = GetParam();
  // Relaxation time 1 / (mu (1 - sqrt(rho))^2) is about 90 minutes here, so a 10-hour warm-up
  // leaves e^-6.7 of the initial transient, spread over a window of several weeks: below 1e-5.
  const ModelConfig config{1, kRho1, c.service, 10h, from_minutes(c.customers / kRho1)};
  std::vector<Estimates> runs;
  for (std::uint64_t r = 0; r < kReplications; ++r) {
    runs.push_back(run_replication(config, r));
    expect_littles_identity(runs.back());
  }
  const double wq = kRho1 * c.second_moment / (2.0 * (1.0 - kRho1));
  expect_matches_theory(runs, &Estimates::wq, wq, std::string(c.name) + " Wq (min)");
  expect_matches_theory(runs, &Estimates::lq, kRho1 * wq, std::string(c.name) + " Lq");
  expect_matches_theory(runs, &Estimates::utilization, kRho1, std::string(c.name) + " rho");
}

INSTANTIATE_TEST_SUITE_P(
    Services, PollaczekKhinchine,
    ::testing::Values(
        // M/D/1: E[S^2] = 1, Wq = 2 minutes.
        ServiceCase{"MD1", Distribution::constant(1.0), 1.0, 25'000},
        // Log-normal, the usual shape of a vaccination: mean 1, sd 0.5, E[S^2] = 1.25, Wq = 2.5.
        ServiceCase{"lognormal", Distribution::lognormal(1.0, 0.5), 1.25, 25'000},
        // M/M/1: E[S^2] = 2, Wq = 4 minutes, also rho / (mu - lambda) = 0.8 / 0.2.
        ServiceCase{"MM1", Distribution::exponential(1.0), 2.0, 40'000}),
    [](const ::testing::TestParamInfo<ServiceCase>& param) {
      return std::string(param.param.name);
    });

}  // namespace
