// One site's day (site_day.hpp): the fast sweep, its exact fallback (the queue loop), and the
// event-driven reference the tests hold both to.
//
// One file, over the ~600 lines a file here should keep to, on purpose: this is the innermost
// loop of a province-sized run (tens of millions of doses), and the three methods share the day's
// hot data (arrivals, service times, desks' free times, seats) and small helpers the compiler
// must inline into each other, which one translation unit gives without link-time optimisation.
// Read it in this order: the day's data (detail::), SiteDay::run (which method), the sweep
// (run_sweep, run_recursion, seats_suffice, replay_until, run_queue), then the reference's
// handlers at the end.

#include "vaxsim/model/site_day.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <functional>
#include <new>
#include <numeric>
#include <span>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "vaxsim/sim/detail/sampling.hpp"

namespace vaxsim::model {

namespace detail {
/// A person's arrival, with what the day needs of their visit: copied while the visits are read
/// in booking order, so the day never goes back to them in arrival order (a cache miss each).
struct Arrival {
  sim::Time at;
  std::uint32_t visit;
  std::uint8_t product;  // the visit's; once a dose is held for them, that dose's product
  bool second_dose;
  bool held = false;  // a dose is held for them (sweep: decided before the queue runs)

  friend bool operator<(const Arrival& a, const Arrival& b) {
    return a.at < b.at || (a.at == b.at && a.visit < b.visit);
  }
};

/// A vector allocator that leaves new elements of a plain type unwritten on resize(), for arrays
/// written in full right after (value-initialization would first zero every one).
template <typename T>
struct UninitializedAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = UninitializedAllocator<U>;
  };
  UninitializedAllocator() = default;
  template <typename U>
  UninitializedAllocator(const UninitializedAllocator<U>&) noexcept {}

  template <typename U>
  void construct(U* p) noexcept {
    static_assert(std::is_trivially_destructible_v<U>);
    ::new (static_cast<void*>(p)) U;  // default-initialized: no zeroing
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};
template <typename T>
using UninitializedVector = std::vector<T, UninitializedAllocator<T>>;

/// The day's service times, in the order services start: the i-th person served gets the i-th,
/// whichever method runs the day. They come from an engine of the day's own, split from the
/// site's at opening, so how many are drawn moves no other draw: the sweep draws one for every
/// dose held before the queue runs, in one batch, and reads them again if it falls back to the
/// queue loop; the reference draws them as it goes.
class ServiceTimes {
 public:
  void start(sim::RandomEngine& site, const SiteDayPlan& plan) {
    engine_ = sim::split_engine(site);
    minutes_ = plan.service_minutes;
    scale_ = plan.service_scale;
    times_.clear();
  }

  /// Draws them up to the n-th.
  void draw(std::size_t n) {
    const std::size_t from = times_.size();
    if (n <= from) return;
    draws_.resize(n - from);
    minutes_->sample(engine_, draws_);
    times_.resize(n);
    for (std::size_t i = from; i < n; ++i) {
      times_[i] = sim::from_minutes(std::max(0.0, draws_[i - from] * scale_));
    }
  }

  /// The i-th, drawn when first asked for (with some to spare).
  sim::Duration operator[](std::size_t i) {
    if (i >= times_.size()) draw(std::max(i + 1, 2 * times_.size()));
    return times_[i];
  }
  /// Those drawn so far.
  std::span<const sim::Duration> drawn() const { return times_; }

 private:
  sim::RandomEngine engine_;
  const sim::Distribution* minutes_ = nullptr;
  double scale_ = 1.0;
  UninitializedVector<double> draws_;
  UninitializedVector<sim::Duration> times_;
};

// When each desk is next free, for the recursion: the earliest, and replacing it. Up to four
// desks, FewDesksFreeTimes below keeps them in registers; up to eight are scanned for the
// earliest without a branch (which desk frees first is random, so a heap's comparisons would be
// mispredicted half the time); more are a min-heap.
// Either way the times held are the same, so the starts are too.
class DeskFreeTimes {
 public:
  void reset(int desks, sim::Time open) {
    times_.assign(static_cast<std::size_t>(std::max(0, desks)), open);
    scan_ = times_.size() <= kScanned;
    earliest_ = 0;
  }
  /// When the first desk is free (never, without desks).
  sim::Time earliest() const { return times_.empty() ? sim::Time::max() : times_[earliest_]; }
  /// That desk is next free at `t`.
  void replace_earliest(sim::Time t) {
    if (scan_) {
      times_[earliest_] = t;
      std::size_t e = 0;
      for (std::size_t k = 1; k < times_.size(); ++k) e = times_[k] < times_[e] ? k : e;
      earliest_ = e;
    } else {
      sift_down(t);
    }
  }

 private:
  static constexpr std::size_t kScanned = 8;

  // Replaces the top of the min-heap by `t`, in one pass down (a pop and a push would take two).
  void sift_down(sim::Time t) {
    const std::size_t n = times_.size();
    std::size_t i = 0;
    for (;;) {
      std::size_t child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && times_[child + 1] < times_[child]) ++child;
      if (!(times_[child] < t)) break;
      times_[i] = times_[child];
      i = child;
    }
    times_[i] = t;
  }

  std::vector<sim::Time> times_;
  std::size_t earliest_ = 0;  // scanned: the earliest's index; a heap: 0, its top
  bool scan_ = true;
};

/// The same for a few desks, known when compiled: their free times sorted, in registers. The
/// earliest is the first; a service's end replaces it by one pass of a bubble, without a branch
/// or a store. The times held are those DeskFreeTimes holds, so the starts are the same.
template <std::size_t Desks>
class FewDesksFreeTimes {
 public:
  explicit FewDesksFreeTimes(sim::Time open) { times_.fill(open); }
  sim::Time earliest() const { return times_[0]; }
  void replace_earliest(sim::Time t) {
    for (std::size_t i = 1; i < Desks; ++i) {
      times_[i - 1] = std::min(times_[i], t);
      t = std::max(times_[i], t);
    }
    times_[Desks - 1] = t;
  }

 private:
  std::array<sim::Time, Desks> times_;
};

struct SiteDayScratch {
  ServiceTimes service;     // the day's service times
  DeskFreeTimes desk_free;  // sweep: the recursion's
  // Resized for each day and written in full: not zeroed first.
  UninitializedVector<double> draws;          // the day's arrival profile draws, by visit
  UninitializedVector<std::uint64_t> keys;    // (offset from opening << 32 | visit), sorted
  UninitializedVector<std::uint64_t> sorted;  // for sort_arrival_keys
  std::vector<std::uint32_t> bucket_start;    // for sort_arrival_keys
  UninitializedVector<Arrival> arrivals;      // sorted by (time, visit)
  std::vector<sim::Time> seat_releases;       // observation ends, in order (freed from the front)
  std::vector<std::uint32_t> waiting;         // sweep: positions in arrivals queueing for a desk
  std::vector<sim::Time> service_ends;        // sweep: ends of the services under way (min-heap)
  UninitializedVector<sim::Time> ends;        // sweep: of all services, in service order
  UninitializedVector<std::int64_t> waits;    // of the people served, in service order, in ms
};
}  // namespace detail

using detail::Arrival;

namespace {

// Insertion sort: linear on the ends of services started in order, which are nearly in order.
template <typename T>
void sort_nearly_sorted(std::span<T> v) {
  for (std::size_t i = 1; i < v.size(); ++i) {
    const T item = v[i];
    std::size_t j = i;
    for (; j > 0 && item < v[j - 1]; --j) v[j] = v[j - 1];
    v[j] = item;
  }
}

// The recursion's loop (see SiteDay::run_recursion), over the arrivals until the first held one
// who would start at or after closing; the doses, waits and ends of those served are written
// by index from the first.
struct Served {
  std::size_t position = 0;  // of the first arrival not looked at
  std::size_t count = 0;
  std::int64_t busy_ms = 0;   // sum of the services
  std::int64_t queue_ms = 0;  // sum of the waits
};
template <typename DeskFree>
Served serve_in_order(std::span<const Arrival> arrivals, std::span<const sim::Duration> service,
                      sim::Time close, DeskFree& desk_free, SiteDayOutcome::Dose* doses,
                      std::int64_t* waits, sim::Time* ends) {
  Served r;
  for (; r.position < arrivals.size(); ++r.position) {
    const Arrival& a = arrivals[r.position];
    if (!a.held) continue;
    const sim::Time start = std::max(a.at, desk_free.earliest());
    if (start >= close) break;
    const sim::Time end = start + service[r.count];
    desk_free.replace_earliest(end);
    doses[r.count] = {a.visit, a.product, start};
    waits[r.count] = (start - a.at).count();
    ends[r.count] = end;
    ++r.count;
    r.busy_ms += (end - start).count();
    r.queue_ms += (start - a.at).count();
  }
  return r;
}

// A first dose not booked to a product takes the one the site has most of.
std::size_t most_stocked(std::span<const std::int64_t> stock) {
  return static_cast<std::size_t>(std::max_element(stock.begin(), stock.end()) - stock.begin());
}

// SiteDay::hold_dose, inlined into the sweep's loop over the day's arrivals.
inline bool hold(Arrival& a, std::span<std::int64_t> stock, std::vector<std::uint32_t>& no_stock) {
  std::size_t product = a.product;
  if (product == Visit::kAnyProduct && !a.second_dose) product = most_stocked(stock);
  if (product >= stock.size() || stock[product] == 0) {
    no_stock.push_back(a.visit);
    return false;
  }
  --stock[product];
  a.product = static_cast<std::uint8_t>(product);
  return true;
}

detail::SiteDayScratch& this_threads_scratch() {
  thread_local detail::SiteDayScratch scratch;
  return scratch;
}
}  // namespace

struct SiteDay::Reference {
  sim::Simulator sim;
  sim::Resource desks{sim.clock(), 0};
};

SiteDay::SiteDay(sim::RandomEngine engine, SiteDayMethod method)
    : reference_{method == SiteDayMethod::events ? std::make_unique<Reference>() : nullptr},
      engine_{std::move(engine)},
      method_{method} {}

SiteDay::~SiteDay() = default;

std::uint64_t SiteDay::events() const {
  return (reference_ ? reference_->sim.events_processed() : 0) + sweep_events_;
}

sim::Time SiteDay::now() const {
  return reference_ ? std::max(reference_->sim.now(), sweep_now_) : sweep_now_;
}

void SiteDayOutcome::clear() {
  doses.clear();
  sent_home.clear();
  no_stock.clear();
  desk_busy_seconds = 0;
  desk_open_seconds = 0;
  queue_area_seconds = 0;
  wait_total_ms = 0;
  longest_wait = {};
}

SiteDayOutcome SiteDay::run(const SiteDayPlan& plan, std::span<std::int64_t> stock) {
  SiteDayOutcome out;
  run(plan, stock, out);
  return out;
}

void SiteDay::run(const SiteDayPlan& plan, std::span<std::int64_t> stock, SiteDayOutcome& out) {
  if (plan.close <= plan.open) throw std::invalid_argument("SiteDay: closes before it opens");
  if (plan.service_minutes == nullptr || plan.arrival_profile == nullptr) {
    throw std::invalid_argument("SiteDay: no service time or arrival profile");
  }
  out.clear();
  // A day that ran over (a last service, or a desk blocked by a full observation area, ending
  // after this day's opening: a site open round the clock, very long services) carries into
  // this one: the desks open when the last of them freed, and the day is that much shorter. A
  // day wholly taken by the overrun does not open; whoever was booked goes home and books again.
  if (plan.open < now()) {
    if (now() >= plan.close) {
      out.sent_home.resize(plan.visits.size());
      std::iota(out.sent_home.begin(), out.sent_home.end(), std::uint32_t{0});
      return;
    }
    SiteDayPlan behind = plan;
    behind.open = now();
    run(behind, stock, out);
    return;
  }
  scratch_ = &this_threads_scratch();
  plan_ = &plan;
  stock_ = stock;
  out_ = &out;

  scratch_->service.start(engine_, plan);
  draw_arrivals(plan);
  out.desk_open_seconds = plan.desks * sim::to_seconds(plan.close - plan.open);
  // Seats taken yesterday may still be taken at opening.
  scratch_->seat_releases.assign(seats_carried_.begin(), seats_carried_.end());
  seats_head_ = 0;

  if (method_ == SiteDayMethod::events) {
    run_events(plan);
  } else {
    run_sweep(plan);
  }
  const auto& seats = scratch_->seat_releases;
  seats_carried_.assign(seats.begin() + static_cast<std::ptrdiff_t>(seats_head_), seats.end());
  plan_ = nullptr;
  out_ = nullptr;
  scratch_ = nullptr;
}

// Each visit's arrival: a draw from the profile (a share of the opening hours), to the
// millisecond; then sorted by (time, visit). The sort moves 8-byte keys rather than whole
// arrivals, and the key carries what the day needs of the visit, so that the arrivals are built
// from the keys alone, not by going back to the visits in arrival order:
//   offset from opening (32 bits) | visit (23 bits) | product (8 bits) | second dose (1 bit),
// whose order is that of (time, visit). A day longer than 2^32 ms (49 days) or of 2^23 visits
// cannot be keyed so, and takes a plain sort.
namespace {
constexpr int kVisitShift = 9;
constexpr std::uint64_t kVisitLimit = std::uint64_t{1} << (32 - kVisitShift);

std::uint64_t arrival_key(std::int64_t offset, std::size_t i, const Visit& visit) {
  return static_cast<std::uint64_t>(offset) << 32 | i << kVisitShift |
         std::uint64_t{visit.product} << 1 | std::uint64_t{visit.second_dose};
}
}  // namespace

void SiteDay::draw_arrivals(const SiteDayPlan& plan) {
  const std::size_t n = plan.visits.size();
  auto& draws = scratch_->draws;
  auto& keys = scratch_->keys;
  auto& arrivals = scratch_->arrivals;
  draws.resize(n);
  plan.arrival_profile->sample(engine_, draws);
  const sim::Duration span = plan.close - plan.open;
  const auto span_ms = static_cast<double>(span.count());
  const auto offset_of = [&](double draw) {
    const double u = std::clamp(draw, 0.0, 1.0);
    const auto offset = static_cast<std::int64_t>(u * span_ms);
    return std::min(offset, span.count() - 1);
  };
  arrivals.resize(n);
  if (n < 64 || span.count() >= std::int64_t{1} << 32 || n >= kVisitLimit) {
    for (std::size_t i = 0; i < n; ++i) {
      const Visit& visit = plan.visits[i];
      arrivals[i] = {plan.open + sim::Duration{offset_of(draws[i])}, static_cast<std::uint32_t>(i),
                     visit.product, visit.second_dose};
    }
    std::sort(arrivals.begin(), arrivals.end());
    return;
  }
  keys.resize(n);
  for (std::size_t i = 0; i < n; ++i) keys[i] = arrival_key(offset_of(draws[i]), i, plan.visits[i]);
  sort_arrival_keys(span);
  for (std::size_t k = 0; k < n; ++k) {
    const std::uint64_t key = keys[k];
    arrivals[k] = {plan.open + sim::Duration{static_cast<std::int64_t>(key >> 32)},
                   static_cast<std::uint32_t>((key & 0xffffffffU) >> kVisitShift),
                   static_cast<std::uint8_t>(key >> 1), (key & 1U) != 0};
  }
}

void SiteDay::run_events(const SiteDayPlan& plan) {
  reference_->sim.run_until(plan.open);
  reference_->desks.set_capacity(plan.desks);
  reference_->desks.reset_statistics();
  next_arrival_ = 0;
  blocked_ = 0;
  scratch_->waits.clear();

  // Closing runs before any service that ends at the same instant, so nobody starts at closing.
  reference_->sim.at<&SiteDay::close>(plan.close, *this, 0, /*priority=*/-1);
  schedule_next_arrival();
  reference_->sim.run();

  out_->desk_busy_seconds = reference_->desks.busy_stats().integral(reference_->sim.now());
  out_->queue_area_seconds = reference_->desks.queue_length_stats().integral(reference_->sim.now());
  add_waits(scratch_->waits);
}

// The day's waits (ms) into the outcome and the plan's histogram (minutes), after the day
// rather than as people are served: a batch keeps the histogram's layout in registers.
void SiteDay::add_waits(std::span<const std::int64_t> waits) {
  SiteDayOutcome& out = *out_;
  // Summed in locals: the outcome's fields would be stored back at every wait.
  std::int64_t total_ms = 0;
  std::int64_t longest_ms = 0;
  for (const std::int64_t wait : waits) {
    total_ms += wait;
    longest_ms = std::max(longest_ms, wait);
  }
  out.wait_total_ms += total_ms;
  out.longest_wait = std::max(out.longest_wait, sim::Duration{longest_ms});
  if (plan_->wait_histogram != nullptr) {
    constexpr std::int64_t kMsPerMinute = sim::Duration{std::chrono::minutes{1}}.count();
    plan_->wait_histogram->add_quotients(waits, kMsPerMinute);
  }
}

// Doses are held at arrival, in arrival order, and given back only at closing: who gets one
// does not depend on the queue, so the sweep decides it first. Then the queue: by the
// recursion when the observation area cannot fill, else by the loop over happenings.
void SiteDay::run_sweep(const SiteDayPlan& plan) {
  std::size_t held = 0;
  for (Arrival& a : scratch_->arrivals) {
    a.held = hold(a, stock_, out_->no_stock);
    held += a.held;
  }
  scratch_->service.draw(held);  // nobody else can be served
  if (plan.observation <= sim::Duration::zero()) {
    run_recursion(plan);  // nobody needs a seat: the recursion always holds
    return;
  }
  if (run_recursion(plan)) return;
  // Someone may have found the observation area full at exact_until_; before it, the recursion
  // was exact. The queue loop takes over from there (or from opening if the day had closed by
  // then, as the loop would have sent the queue home), with the same service times.
  run_queue(plan, replay_until(plan, exact_until_ <= plan.close ? exact_until_ : plan.open));
}

// Served in arrival order at identical desks, person k starts at max(arrival, earliest desk
// free), which the desks' free times give directly (Kiefer and Wolfowitz's recursion), and
// the first to start at or after closing, and all after them, go home. It ignores the
// observation area, so afterwards it checks that no one would have found it full; if someone
// could have, it returns false, with exact_until_ set to when.
bool SiteDay::run_recursion(const SiteDayPlan& plan) {
  SiteDayOutcome& out = *out_;
  auto& arrivals = scratch_->arrivals;
  auto& desk_free = scratch_->desk_free;
  auto& ends = scratch_->ends;  // of the services, in service order
  auto& waits = scratch_->waits;
  const std::span<const sim::Duration> service = scratch_->service.drawn();  // one per held dose
  // Written by index (no capacity check in the loop), then cut to those served. Grown by
  // doubling: resize() alone would allocate the exact size, anew on most days.
  auto& doses = out.doses;
  const std::size_t n = arrivals.size();
  if (doses.capacity() < n) doses.reserve(std::max(n, 2 * doses.capacity()));
  doses.resize(n);
  waits.resize(n);
  ends.resize(n);

  // Most sites have a desk or a few: their free times are kept in registers.
  const auto serve = [&](auto& free) {
    return serve_in_order(std::span<const Arrival>{arrivals}, service, plan.close, free,
                          doses.data(), waits.data(), ends.data());
  };
  const auto serve_few = [&]<std::size_t Desks>() {
    detail::FewDesksFreeTimes<Desks> free{plan.open};
    return serve(free);
  };
  Served r;
  switch (plan.desks) {
    case 1:
      r = serve_few.template operator()<1>();
      break;
    case 2:
      r = serve_few.template operator()<2>();
      break;
    case 3:
      r = serve_few.template operator()<3>();
      break;
    case 4:
      r = serve_few.template operator()<4>();
      break;
    default:
      desk_free.reset(plan.desks, plan.open);
      r = serve(desk_free);
  }
  std::size_t position = r.position;
  const std::size_t served = r.count;
  const std::int64_t busy_ms = r.busy_ms;
  std::int64_t queue_ms = r.queue_ms;
  std::uint64_t events = 1 + position + served;  // closing, the arrivals, the services' ends
  doses.resize(served);
  waits.resize(served);
  ends.resize(served);

  sort_nearly_sorted(std::span{ends});
  if (plan.observation > sim::Duration::zero() && !seats_suffice(plan)) return false;

  // Whoever had a dose held and did not start goes home at closing; the dose goes back.
  for (; position < arrivals.size(); ++position) {
    const Arrival& a = arrivals[position];
    ++events;
    if (!a.held) continue;
    ++stock_[a.product];
    out.sent_home.push_back(a.visit);
    queue_ms += (plan.close - a.at).count();
  }
  out.desk_busy_seconds = sim::to_seconds(sim::Duration{busy_ms});
  out.queue_area_seconds = sim::to_seconds(sim::Duration{queue_ms});
  add_waits(waits);
  sweep_events_ += events;
  sweep_now_ = ends.empty() ? plan.close : std::max(plan.close, ends.back());
  // Seated at the last happening, as the loop would leave it: those seated since yesterday and
  // still there, and those served today whose observation ends later (only these are seated).
  free_seats(sweep_now_);
  if (plan.observation > sim::Duration::zero()) {
    const auto still = std::upper_bound(ends.begin(), ends.end(), sweep_now_ - plan.observation);
    take_seats({still, ends.end()}, plan.observation);
  }
  return true;
}

// Whether everyone served finds a seat when their service ends (ends sorted), as the recursion
// assumes; if not, exact_until_ is when the first may not. Person k, sitting down at end_k,
// finds seated those seated since yesterday and still there, and those whose service ended in
// (end_k - observation, end_k] before them: at worst, when processed last among those ending
// at end_k, all the others. Checking only that each finds the ones before them in `ends`
// seated gives the same first time, since the last of those ending together sees all of them.
bool SiteDay::seats_suffice(const SiteDayPlan& plan) {
  const auto& ends = scratch_->ends;
  const auto& carried = scratch_->seat_releases;  // yesterday's, in order
  const auto seats = static_cast<std::size_t>(std::max(0, plan.seats));
  const auto full_at = [&](std::size_t k) {
    exact_until_ = ends[k];
    return false;
  };
  std::size_t k = 0;
  // While some of yesterday's seats are still taken: count who is seated.
  std::size_t first_in = 0;                // the earliest end still seated at ends[k]
  std::size_t carried_gone = seats_head_;  // carried seats freed by ends[k]
  for (; k < ends.size(); ++k) {
    while (carried_gone < carried.size() && carried[carried_gone] <= ends[k]) ++carried_gone;
    if (carried_gone == carried.size()) break;
    while (ends[first_in] + plan.observation <= ends[k]) ++first_in;
    if (k - first_in + (carried.size() - carried_gone) >= seats) return full_at(k);
  }
  // Then k finds the area full exactly when the seats-th end before theirs is still seated;
  // no counting, and no branch to mispredict until it happens.
  for (k = std::max(k, seats); k < ends.size(); ++k) {
    if (ends[k - seats] + plan.observation > ends[k]) return full_at(k);
  }
  return true;
}

// The queue loop's state just before its first happening at `until`, from the recursion's outcome,
// which is exact before then: whoever started before `until` was served as the recursion says
// (a prefix of its doses, since starts never decrease in arrival order), with the same service
// times (the day's, by order of service); services ended by then freed their desks and took
// seats, the others are under way; the held arrivals not started queue. Needs `until` <= closing.
SiteDay::QueueStart SiteDay::replay_until(const SiteDayPlan& plan, sim::Time until) {
  SiteDayOutcome& out = *out_;
  auto& arrivals = scratch_->arrivals;
  auto& service_ends = scratch_->service_ends;
  auto& waiting = scratch_->waiting;
  auto& waits = scratch_->waits;
  QueueStart q;
  service_ends.clear();
  std::size_t served = 0;
  for (; served < out.doses.size() && out.doses[served].at < until; ++served) {
    const sim::Time start = out.doses[served].at;
    const sim::Time end = start + scratch_->service.drawn()[served];
    q.busy_ms -= start.time_since_epoch().count();
    q.queue_ms += waits[served];
    if (end < until) {
      q.busy_ms += end.time_since_epoch().count();
      ++q.events;  // the service's end
      if (plan.observation > sim::Duration::zero()) take_seat(end + plan.observation);
    } else {
      service_ends.push_back(end);
    }
  }
  std::make_heap(service_ends.begin(), service_ends.end(), std::greater<>{});
  out.doses.resize(served);
  waits.resize(served);
  q.free_desks = plan.desks - static_cast<int>(service_ends.size());

  waiting.clear();
  std::size_t started = 0;  // of the held arrivals before `until`: the first `served` started
  for (; q.next < arrivals.size() && arrivals[q.next].at < until; ++q.next) {
    if (!arrivals[q.next].held) continue;
    if (started < served) {
      ++started;
    } else {
      waiting.push_back(static_cast<std::uint32_t>(q.next));
    }
  }
  q.events += q.next;  // the arrivals
  return q;
}

// The reference's rules, one branch per event handler of the `events` method below, in one loop.
// At one instant, closing comes first (as its event's priority says); the order of the others
// changes nothing (see the header), so this loop takes service ends, then seats, then arrivals.
void SiteDay::run_queue(const SiteDayPlan& plan, QueueStart start) {
  SiteDayOutcome& out = *out_;
  auto& arrivals = scratch_->arrivals;
  auto& waiting = scratch_->waiting;  // positions in arrivals queueing for a desk
  auto& service_ends = scratch_->service_ends;
  auto& seat_releases = scratch_->seat_releases;
  auto& waits = scratch_->waits;  // of the people served, in service order
  const bool observed = plan.observation > sim::Duration::zero();
  const auto seats = static_cast<std::size_t>(std::max(0, plan.seats));
  constexpr sim::Time kNever = sim::Time::max();
  const auto later = std::greater<>{};  // service_ends is a min-heap
  const std::size_t n = arrivals.size();

  std::size_t head = 0;  // waiting[head..] still queue
  int free_desks = start.free_desks;
  std::size_t blocked = 0;       // served, waiting at their desk for a seat
  sim::Time seat_time = kNever;  // when a seat frees for the first of them (kNever: none blocked)
  sim::Time close_time = plan.close;       // kNever once closed
  std::size_t next = start.next;           // next arrival
  std::int64_t busy_ms = start.busy_ms;    // sum of (desk freed - service start)
  std::int64_t queue_ms = start.queue_ms;  // sum of time spent queueing
  std::uint64_t events = start.events;
  sim::Time now = plan.open;

  const auto seats_taken = [&] { return seat_releases.size() - seats_head_; };
  const auto start_service = [&](std::uint32_t position) {
    const Arrival& a = arrivals[position];
    service_ends.push_back(now + scratch_->service.drawn()[out.doses.size()]);
    out.doses.push_back({a.visit, a.product, now});
    waits.push_back((now - a.at).count());
    std::push_heap(service_ends.begin(), service_ends.end(), later);
    --free_desks;
    busy_ms -= now.time_since_epoch().count();
    queue_ms += (now - a.at).count();
  };
  const auto release_desk = [&] {
    ++free_desks;
    busy_ms += now.time_since_epoch().count();
    while (free_desks > 0 && head < waiting.size()) start_service(waiting[head++]);
  };
  const auto seat_blocked = [&] {  // the reference's seat_freed()
    free_seats(now);
    while (blocked > 0 && seats_taken() < seats) {
      --blocked;
      take_seat(now + plan.observation);
      release_desk();
    }
    seat_time = blocked > 0 ? seat_releases[seats_head_] : kNever;
  };

  for (;;) {
    // The next happening; plain values, so that the minimum compiles without branches.
    const sim::Time arrival_time = next < n ? arrivals[next].at : kNever;
    const sim::Time end_time = service_ends.empty() ? kNever : service_ends.front();
    const sim::Time t = std::min(std::min(close_time, arrival_time), std::min(end_time, seat_time));
    if (t == kNever) break;
    now = t;
    ++events;

    if (t == close_time) {
      // Whoever still queues goes home; the dose held for them goes back on the shelf.
      for (; head < waiting.size(); ++head) {
        const Arrival& a = arrivals[waiting[head]];
        ++stock_[a.product];
        out.sent_home.push_back(a.visit);
        queue_ms += (now - a.at).count();
      }
      close_time = kNever;
    } else if (t == end_time) {
      std::pop_heap(service_ends.begin(), service_ends.end(), later);
      service_ends.pop_back();
      if (!observed) {
        release_desk();
        continue;
      }
      free_seats(now);
      if (blocked == 0 && seats_taken() < seats) {
        take_seat(now + plan.observation);
        release_desk();
      } else {
        ++blocked;  // the observation area is full: the desk stays blocked
        if (blocked == 1) seat_time = seat_releases[seats_head_];
      }
    } else if (t == seat_time) {
      seat_blocked();
    } else {
      const auto position = static_cast<std::uint32_t>(next++);
      if (arrivals[position].held) {
        if (free_desks > 0) {
          start_service(position);
        } else {
          waiting.push_back(position);
        }
      }
    }
  }
  out.desk_busy_seconds = sim::to_seconds(sim::Duration{busy_ms});
  out.queue_area_seconds = sim::to_seconds(sim::Duration{queue_ms});
  add_waits(waits);
  sweep_events_ += events;
  sweep_now_ = now;
}

// Orders the arrival keys: a counting sort into buckets of 2^k ms over the opening hours, one
// to two per visit, then insertion sort, which is linear for any smooth arrival profile; a
// day's arrivals are sorted once per site and day, so this is on the hot path of a
// province-sized run. A bucket is a shift of the key (any nondecreasing map of time to bucket
// gives the same order in the end), and with more buckets than visits few keys share one.
void SiteDay::sort_arrival_keys(sim::Duration span) {
  auto [keys, sorted, bucket_start] =
      std::tie(scratch_->keys, scratch_->sorted, scratch_->bucket_start);
  const std::size_t n = keys.size();
  const auto span_ms = static_cast<std::uint64_t>(span.count());
  const int ms_shift = std::max(0, static_cast<int>(std::bit_width(span_ms / n)) - 1);
  const int shift = 32 + ms_shift;  // from key to bucket
  const std::size_t buckets = ((span_ms - 1) >> ms_shift) + 1;
  bucket_start.assign(buckets + 1, 0);
  for (const std::uint64_t key : keys) ++bucket_start[(key >> shift) + 1];
  for (std::size_t b = 0; b < buckets; ++b) bucket_start[b + 1] += bucket_start[b];
  sorted.resize(n);
  for (const std::uint64_t key : keys) sorted[bucket_start[key >> shift]++] = key;
  // Buckets are in order and visits within a bucket kept their order; finish within buckets.
  sort_nearly_sorted(std::span{sorted});
  keys.swap(sorted);
}

// Holds a dose for the person from arrival, so the queue never outruns the stock; false (and
// recorded) when the site has none for them.
bool SiteDay::hold_dose(std::uint32_t position) {
  return hold(scratch_->arrivals[position], stock_, out_->no_stock);
}

// Seats someone until `release`. Seats free in order of release, which is the order they were
// taken within a day (the observation lasts the same for all), but yesterday's observation may
// have been longer than today's: keep the list in order of release.
void SiteDay::take_seat(sim::Time release) {
  auto& seats = scratch_->seat_releases;
  seats.push_back(release);
  for (std::size_t i = seats.size() - 1; i > seats_head_ && seats[i - 1] > release; --i) {
    std::swap(seats[i - 1], seats[i]);
  }
}

// Seats everyone whose service ended at `ends` (in order) for `observation`. Their releases
// are in order too, and usually no earlier than those already taken: then they go at the back.
void SiteDay::take_seats(std::span<const sim::Time> ends, sim::Duration observation) {
  auto& seats = scratch_->seat_releases;
  if (ends.empty()) return;
  if (seats.size() > seats_head_ && seats.back() > ends.front() + observation) {
    for (const sim::Time end : ends) take_seat(end + observation);
    return;
  }
  for (const sim::Time end : ends) seats.push_back(end + observation);
}

// Frees the seats whose observation has ended by `now`.
void SiteDay::free_seats(sim::Time now) {
  const auto& seats = scratch_->seat_releases;
  while (seats_head_ < seats.size() && seats[seats_head_] <= now) ++seats_head_;
}

// ---- The reference: one handler per event ----------------------------------------------------

void SiteDay::schedule_next_arrival() {
  if (next_arrival_ < scratch_->arrivals.size()) {
    const std::size_t position = next_arrival_++;
    reference_->sim.at<&SiteDay::arrive>(scratch_->arrivals[position].at, *this, position);
  }
}

void SiteDay::arrive(std::uint64_t position) {
  schedule_next_arrival();
  if (!hold_dose(static_cast<std::uint32_t>(position))) return;
  reference_->desks.request(sim::bind<&SiteDay::start_service>(*this, position));
}

void SiteDay::start_service(std::uint64_t position) {
  const Arrival& a = scratch_->arrivals[position];
  const sim::Duration service = scratch_->service[out_->doses.size()];
  out_->doses.push_back({a.visit, a.product, reference_->sim.now()});
  scratch_->waits.push_back((reference_->sim.now() - a.at).count());
  reference_->sim.after<&SiteDay::end_service>(service, *this, position);
}

void SiteDay::end_service(std::uint64_t) {
  if (plan_->observation <= sim::Duration::zero()) {
    reference_->desks.release();
    return;
  }
  free_seats(reference_->sim.now());
  auto& seats = scratch_->seat_releases;
  if (blocked_ == 0 && std::cmp_less(seats.size() - seats_head_, plan_->seats)) {
    take_seat(reference_->sim.now() + plan_->observation);
    reference_->desks.release();
    return;
  }
  // The observation area is full: the person waits at the desk, which stays blocked.
  ++blocked_;
  if (!seat_event_pending_) {
    seat_event_pending_ = true;
    reference_->sim.at<&SiteDay::seat_freed>(seats[seats_head_], *this);
  }
}

void SiteDay::seat_freed() {
  seat_event_pending_ = false;
  free_seats(reference_->sim.now());
  auto& seats = scratch_->seat_releases;
  while (blocked_ > 0 && std::cmp_less(seats.size() - seats_head_, plan_->seats)) {
    --blocked_;
    take_seat(reference_->sim.now() + plan_->observation);
    reference_->desks.release();
  }
  if (blocked_ > 0) {
    seat_event_pending_ = true;
    reference_->sim.at<&SiteDay::seat_freed>(seats[seats_head_], *this);
  }
}

void SiteDay::close() {
  for (const sim::Resource::Waiting& w : reference_->desks.take_waiting()) {
    const Arrival& a = scratch_->arrivals[w.on_granted.tag];
    ++stock_[a.product];  // the dose held for them goes back on the shelf
    out_->sent_home.push_back(a.visit);
  }
}

}  // namespace vaxsim::model
