#pragma once
// One vaccination site, simulated one day at a time.
//
// The morning's booking hands the site a list of visits; the site draws when each person
// arrives, queues them for a desk, serves them (one dose each), seats them in the observation
// area, and at closing sends home whoever is still queueing. Sites do not interact during a day,
// so each owns its clock and random stream: results do not depend on the order in which sites
// are run, or on which thread runs them.
//
// Two ways to run the same day (SiteDayMethod):
// - `events`: processes on the generic simulator (sim::Simulator, sim::Resource). It is the
//   reference: each rule of the model is one event handler, easy to check by reading.
// - `sweep` (default): the same day without callbacks. A site's queue is first-come-first-served
//   and its desks are identical, so services start in arrival order and the i-th service time
//   of the day (drawn from the day's own engine, split from the site's) is the i-th person's
//   in both methods, whatever order same-instant events run in. So
//   doses are held in arrival order first, then each person's start is max(arrival, earliest
//   desk free) from the desks' free times (Kiefer and Wolfowitz's recursion); that ignores
//   the observation area, so afterwards the day checks that nobody would have found it full, and
//   if someone could have, it reruns the queue as a loop over the day's few kinds of happenings
//   (next arrival, next service end, next seat freed) with the same service times. The outcome
//   is the same as the reference's (tests/model/test_site_day.cpp compares them on random days),
//   several times faster.

#include <algorithm>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "vaxsim/model/site_day_method.hpp"
#include "vaxsim/sim/distributions.hpp"
#include "vaxsim/sim/histogram.hpp"
#include "vaxsim/sim/random.hpp"
#include "vaxsim/sim/resource.hpp"
#include "vaxsim/sim/simulator.hpp"
#include "vaxsim/sim/time.hpp"

namespace vaxsim::model {

/// A person expected at the site today.
struct Visit {
  static constexpr std::uint8_t kAnyProduct = 0xff;
  static constexpr std::uint8_t kNoDose = 0xfe;  // none could be spared: turned away (no_stock)
  std::uint32_t person = 0;            // campaign person id (second doses); free for first
  std::uint8_t group = 0;              // population group (first doses)
  std::uint8_t product = kAnyProduct;  // the product to give: a second dose's, or a first dose's
                                       // when booked to one; kAnyProduct: the site's most stocked
  bool second_dose = false;
  std::int16_t first_day = 0;  // a second dose's: the campaign day of the first (not used here)
};

/// The site's day as booked in the morning.
struct SiteDayPlan {
  sim::Time open;  // absolute simulation times
  sim::Time close;
  int desks = 0;
  int seats = 0;
  sim::Duration observation{};
  const sim::Distribution* service_minutes = nullptr;
  double service_scale = 1.0;  // multiplies every service time drawn (replication uncertainty)
  const sim::Distribution* arrival_profile = nullptr;  // share of opening time, [0, 1]
  std::span<const Visit> visits;
  /// Where to add each wait (minutes), in the order people were served; may be shared by the
  /// sites of a city. Optional.
  sim::Histogram* wait_histogram = nullptr;
};

/// What happened to each visit, by index into the plan's visits.
struct SiteDayOutcome {
  struct Dose {
    std::uint32_t visit;
    std::uint8_t product;
    sim::Time at;  // when service started: the person sat down at the desk
  };
  std::vector<Dose> doses;               // in the order given
  std::vector<std::uint32_t> sent_home;  // still queueing at closing
  std::vector<std::uint32_t> no_stock;   // no dose of their product on arrival
  double desk_busy_seconds = 0;          // desk time spent serving
  double desk_open_seconds = 0;          // desks x opening time
  double queue_area_seconds = 0;         // integral of the queue length over the day
  // Waits of the people served, from arrival to the desk, in whole milliseconds: sums of
  // integers are exact, so the day's mean does not depend on the order people were served in.
  std::int64_t wait_total_ms = 0;
  sim::Duration longest_wait{};

  /// Mean wait of the people served, in minutes; 0 when nobody was served.
  double mean_wait_minutes() const {
    return doses.empty()
               ? 0.0
               : sim::to_minutes(sim::Duration{wait_total_ms}) / static_cast<double>(doses.size());
  }

  /// Empties the outcome, keeping its memory for the next day.
  void clear();
};

namespace detail {
/// Working arrays of one site-day, shared by the sites a thread runs: a province has thousands
/// of sites, and arrays of their own would be cold in cache every time (defined in site_day.cpp).
struct SiteDayScratch;
}  // namespace detail

class SiteDay {
 public:
  explicit SiteDay(sim::RandomEngine engine, SiteDayMethod method = SiteDayMethod::sweep);
  SiteDay(const SiteDay&) = delete;
  SiteDay& operator=(const SiteDay&) = delete;
  ~SiteDay();

  /// Runs the day. `stock` (doses per product) is drawn down; first doses take the product with
  /// the most stock. Returns when everyone served has left the desk. A day that opens before
  /// the previous one's last desk freed (now()) starts behind: its desks open at now(), and if
  /// that is not before closing it does not open and every visit is sent home.
  SiteDayOutcome run(const SiteDayPlan& plan, std::span<std::int64_t> stock);
  /// The same, filling `out` (cleared first) so that its memory is reused day after day.
  void run(const SiteDayPlan& plan, std::span<std::int64_t> stock, SiteDayOutcome& out);

  /// Events processed so far, all days (with `sweep`, the events the reference would process).
  std::uint64_t events() const;
  /// The time of the last event processed.
  sim::Time now() const;

 private:
  void draw_arrivals(const SiteDayPlan& plan);
  void sort_arrival_keys(sim::Duration span);
  void run_events(const SiteDayPlan& plan);
  void run_sweep(const SiteDayPlan& plan);
  /// Where the queue loop starts: at opening, or from the recursion's outcome before a time.
  struct QueueStart {
    std::size_t next = 0;      // next arrival
    int free_desks = 0;        // besides those serving someone (scratch service_ends)
    std::int64_t busy_ms = 0;  // as the loop sums them (see run_queue)
    std::int64_t queue_ms = 0;
    std::uint64_t events = 0;  // happenings already processed
  };
  bool run_recursion(const SiteDayPlan& plan);
  bool seats_suffice(const SiteDayPlan& plan);
  QueueStart replay_until(const SiteDayPlan& plan, sim::Time until);
  void run_queue(const SiteDayPlan& plan, QueueStart start);

  bool hold_dose(std::uint32_t position);
  void add_waits(std::span<const std::int64_t> waits);  // in ms
  void take_seat(sim::Time release);
  void take_seats(std::span<const sim::Time> ends, sim::Duration observation);
  void free_seats(sim::Time now);

  // The reference's event handlers; each takes a position in the day's sorted arrivals.
  void arrive(std::uint64_t position);
  void start_service(std::uint64_t position);
  void end_service(std::uint64_t position);
  void seat_freed();
  void close();
  void schedule_next_arrival();

  // The reference's simulator and desks, made for the `events` method only: a province has
  // thousands of sites, and the sweep needs neither.
  struct Reference;
  std::unique_ptr<Reference> reference_;
  sim::RandomEngine engine_;
  SiteDayMethod method_;
  std::uint64_t sweep_events_ = 0;
  sim::Time sweep_now_{};
  std::vector<sim::Time> seats_carried_;  // observation ends after the last day's closing

  // Per run:
  const SiteDayPlan* plan_ = nullptr;
  std::span<std::int64_t> stock_;
  SiteDayOutcome* out_ = nullptr;
  detail::SiteDayScratch* scratch_ = nullptr;  // this thread's, during run()
  std::size_t next_arrival_ = 0;
  std::size_t seats_head_ = 0;  // the taken seats are scratch_->seat_releases[seats_head_..]
  std::size_t blocked_ = 0;     // served, waiting at their desk for a seat (events)
  sim::Time exact_until_{};     // sweep: the recursion's outcome is exact before this time
  bool seat_event_pending_ = false;
};

}  // namespace vaxsim::model
