#pragma once
// One vaccination site, simulated one day at a time.
//
// The morning's booking hands the site a list of visits; the site draws when each person
// arrives, queues them for a desk, serves them (one dose each), seats them in the observation
// area, and at closing sends home whoever is still queueing. Sites do not interact during a day,
// so each owns its simulator, clock and random stream: the pending-event set stays the size of
// one site (arrivals are scheduled one at a time), and results do not depend on the order in
// which sites are run, or on which thread runs them.

#include <cstdint>
#include <deque>
#include <span>
#include <vector>

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
  std::uint32_t person = 0;            // campaign person id (second doses); free for first
  std::uint8_t group = 0;              // population group (first doses)
  std::uint8_t product = kAnyProduct;  // the product a second dose must be
  bool second_dose = false;
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
  /// Where to add each wait (minutes); may be shared by the sites of a city. Optional.
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
  sim::Tally waits;                      // minutes, people served

  /// Empties the outcome, keeping its memory for the next day.
  void clear();
};

class SiteDay {
 public:
  explicit SiteDay(sim::RandomEngine engine);
  SiteDay(const SiteDay&) = delete;
  SiteDay& operator=(const SiteDay&) = delete;

  /// Runs the day. `stock` (doses per product) is drawn down; first doses take the product with
  /// the most stock. Returns when everyone served has left the desk.
  SiteDayOutcome run(const SiteDayPlan& plan, std::span<std::int64_t> stock);
  /// The same, filling `out` (cleared first) so that its memory is reused day after day.
  void run(const SiteDayPlan& plan, std::span<std::int64_t> stock, SiteDayOutcome& out);

  std::uint64_t events() const { return sim_.events_processed(); }
  sim::Time now() const { return sim_.now(); }

 private:
  void arrive(std::uint64_t index);
  void start_service(std::uint64_t index);
  void end_service(std::uint64_t index);
  void seat_freed();
  void close();
  void free_seats();
  void schedule_next_arrival();
  void sort_arrivals(sim::Duration span);

  sim::Simulator sim_;
  sim::RandomEngine engine_;
  sim::Resource desks_;

  // Per run:
  const SiteDayPlan* plan_ = nullptr;
  std::span<std::int64_t> stock_;
  SiteDayOutcome* out_ = nullptr;
  std::vector<std::pair<sim::Time, std::uint32_t>> arrivals_;  // sorted
  std::size_t next_arrival_ = 0;
  std::vector<std::pair<sim::Time, std::uint32_t>> sorted_;  // scratch for sort_arrivals
  std::vector<std::size_t> bucket_start_;                    // scratch for sort_arrivals
  std::vector<std::uint8_t> product_of_;                     // per visit: the dose held for them
  std::vector<sim::Time> arrived_at_;                        // per visit
  std::deque<sim::Time> seat_releases_;                      // observation ends, earliest first
  std::deque<std::uint32_t> blocked_;  // served, waiting at the desk for a seat
  bool seat_event_pending_ = false;
  double busy_since_open_ = 0;
};

}  // namespace vaxsim::model
