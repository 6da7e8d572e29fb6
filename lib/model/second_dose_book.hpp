#pragma once
// The book of second doses: for each city, the people falling due on each day of the run, and
// those due now, waiting in a queue per product for an appointment.
//
// People join the book on the evening of their first dose (or at the start, for those
// vaccinated before the campaign), under the day their drawn return interval brings them back;
// on that morning they join their product's queue (release), and booking takes them from it.
// Kept as runs of consecutive person ids (due_queue.hpp): a province's book holds millions of
// people but only thousands of runs.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "due_queue.hpp"
#include "prior_first_doses.hpp"
#include "vaxsim/model/product.hpp"
#include "vaxsim/sim/random.hpp"

namespace vaxsim::model::detail {

/// std::round (halves away from zero), without its library call (x86-64 before SSE4.1 has no
/// instruction for it) or a branch on the fraction (random, so mispredicted half the time): a
/// province's evening rounds a return interval for every first dose. Below 2^52, x minus its
/// integer part is exact.
inline double round_half_away(double x) {
  if (!(std::abs(x) < 0x1p52)) return x;  // already whole, infinite or NaN
  const auto whole = static_cast<double>(static_cast<std::int64_t>(x));  // toward zero
  const double part = x - whole;
  return whole + static_cast<double>(part >= 0.5) - static_cast<double>(part <= -0.5);
}

/// The day a person given a first dose on `first_day` falls due for the second, from their
/// drawn return interval (days): whole days, never before the product's minimum interval.
inline int return_day(int first_day, const Product& product, double drawn) {
  const double interval =
      std::max(static_cast<double>(product.min_interval_days), round_half_away(drawn));
  return first_day + static_cast<int>(std::min(interval, 1e6));
}

class SecondDoseBook {
 public:
  SecondDoseBook(std::size_t cities, int days, std::span<const Product> products);

  /// People `due` (of city c) fall due on `due_day`: before the run's first day, they are due on
  /// it; after its last, they are never due within the run (and missed if their window closes).
  void add_due(std::size_t c, const DueRun& due, int due_day);
  /// City c's prior one-dose people of product p, `first_doses` of them on each day (ids from
  /// `next_id`, which moves on): each draws a return day from `returns`, and those of a first
  /// day who fall due together are one run. Returns them as (due day, run), first days in
  /// order, to be added (add_due) once every product is drawn.
  void draw_prior(const FirstDoseDays& first_doses, std::size_t p, sim::RandomEngine& returns,
                  std::uint32_t& next_id, std::vector<std::pair<int, DueRun>>& due) const;

  /// People of product p due on `day` in city c (0 for days past).
  std::int64_t due_count(std::size_t c, int day, std::size_t p) const {
    return due_count_[c][static_cast<std::size_t>(day) * products_.size() + p];
  }
  /// This morning: those due today join the queues.
  void release(std::size_t c, int day);
  /// City c's people due and waiting for product p, oldest first.
  DueQueue& queue(std::size_t c, std::size_t p) { return queues_[c][p]; }
  const DueQueue& queue(std::size_t c, std::size_t p) const { return queues_[c][p]; }
  /// City c's people due and waiting, all products.
  std::int64_t waiting(std::size_t c) const;

  /// Second doses never given although their window closed before the end of the run: those
  /// falling due after it, and (once the run is over) those still queueing.
  std::int64_t missed() const;

 private:
  // Missed: still one dose at the end of the run, with the product's interval over by then.
  bool window_closed(const DueRun& due) const;

  int days_;
  std::span<const Product> products_;
  std::vector<std::vector<std::vector<DueRun>>> due_;  // [city][day]: people falling due, as runs
  std::vector<std::vector<std::int64_t>> due_count_;   // [city][day * products + p]
  std::vector<std::vector<DueQueue>> queues_;          // [city][product]: people due, oldest first
  std::int64_t missed_after_run_ = 0;                  // falling due after the run, window closed
};

}  // namespace vaxsim::model::detail
