#include "vaxsim/model/site_day.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace vaxsim::model {

namespace detail {
struct SiteDayScratch {
  std::vector<std::pair<sim::Time, std::uint32_t>> arrivals;  // (time, visit), sorted
  std::vector<std::pair<sim::Time, std::uint32_t>> sorted;    // for sort_arrivals
  std::vector<std::size_t> bucket_start;                      // for sort_arrivals
  std::vector<std::uint8_t> product_of;                       // per visit: the dose held
  std::vector<sim::Time> arrived_at;                          // events: per visit
  std::vector<std::uint32_t> waiting;   // sweep: positions in arrivals queueing for a desk
  std::vector<sim::Time> service_ends;  // sweep: ends of the services under way (min-heap)
};
}  // namespace detail

namespace {
detail::SiteDayScratch& this_threads_scratch() {
  thread_local detail::SiteDayScratch scratch;
  return scratch;
}
}  // namespace

SiteDay::SiteDay(sim::RandomEngine engine, SiteDayMethod method)
    : engine_{std::move(engine)}, desks_{sim_.clock(), 0}, method_{method} {}

void SiteDayOutcome::clear() {
  doses.clear();
  sent_home.clear();
  no_stock.clear();
  desk_busy_seconds = 0;
  desk_open_seconds = 0;
  queue_area_seconds = 0;
  waits = sim::Tally{};
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
  if (plan.open < now()) {
    throw std::invalid_argument("SiteDay: opens before the last service of its previous day ended");
  }
  out.clear();
  scratch_ = &this_threads_scratch();
  plan_ = &plan;
  stock_ = stock;
  out_ = &out;

  const std::size_t n = plan.visits.size();
  scratch_->arrivals.clear();
  scratch_->arrivals.reserve(n);
  const sim::Duration span = plan.close - plan.open;
  for (std::size_t i = 0; i < n; ++i) {
    const double u = std::clamp(plan.arrival_profile->sample(engine_), 0.0, 1.0);
    auto offset = sim::Duration{static_cast<std::int64_t>(u * static_cast<double>(span.count()))};
    if (offset >= span) offset = span - sim::Duration{1};
    scratch_->arrivals.emplace_back(plan.open + offset, static_cast<std::uint32_t>(i));
  }
  sort_arrivals(span);
  scratch_->product_of.assign(n, Visit::kAnyProduct);
  out.desk_open_seconds = plan.desks * sim::to_seconds(span);

  if (method_ == SiteDayMethod::events) {
    run_events(plan);
  } else {
    run_sweep(plan);
  }
  plan_ = nullptr;
  out_ = nullptr;
  scratch_ = nullptr;
}

void SiteDay::run_events(const SiteDayPlan& plan) {
  // Seats taken yesterday may still be taken at opening (seat_releases_ carries them over).
  sim_.run_until(plan.open);
  desks_.set_capacity(plan.desks);
  desks_.reset_statistics();
  next_arrival_ = 0;
  scratch_->arrived_at.assign(plan.visits.size(), sim::Time{});

  // Closing runs before any service that ends at the same instant, so nobody starts at closing.
  sim_.at<&SiteDay::close>(plan.close, *this, 0, /*priority=*/-1);
  schedule_next_arrival();
  sim_.run();

  out_->desk_busy_seconds = desks_.busy_stats().integral(sim_.now());
  out_->queue_area_seconds = desks_.queue_length_stats().integral(sim_.now());
}

// The reference's rules, one branch per event handler of the `events` method below, in one loop.
// At one instant, closing comes first (as its event's priority says); the order of the others
// changes nothing (see the header), so this loop takes service ends, then seats, then arrivals.
void SiteDay::run_sweep(const SiteDayPlan& plan) {
  SiteDayOutcome& out = *out_;
  const auto& arrivals = scratch_->arrivals;
  const auto& product_of = scratch_->product_of;
  auto& waiting = scratch_->waiting;  // positions in arrivals queueing for a desk
  auto& service_ends = scratch_->service_ends;
  const bool observed = plan.observation > sim::Duration::zero();
  const auto seats = static_cast<std::size_t>(std::max(0, plan.seats));
  constexpr sim::Time kNever = sim::Time::max();
  const auto later = std::greater<>{};  // service_ends is a min-heap

  service_ends.clear();
  waiting.clear();
  std::size_t head = 0;  // waiting[head..] still queue
  int free_desks = plan.desks;
  std::size_t blocked = 0;  // served, waiting at their desk for a seat
  bool seat_event = false;  // a "seat freed" happening is due at seat_time
  sim::Time seat_time = kNever;
  std::size_t next = 0;  // next arrival
  bool closed = false;
  std::int64_t busy_ms = 0;   // sum of (desk freed - service start)
  std::int64_t queue_ms = 0;  // sum of time spent queueing
  std::uint64_t events = 0;
  sim::Time now = plan.open;

  const auto start_service = [&](std::uint32_t position) {
    const auto& [arrived, index] = arrivals[position];
    const double wait = sim::to_minutes(now - arrived);
    out.waits.add(wait);
    if (plan.wait_histogram != nullptr) plan.wait_histogram->add(wait);
    out.doses.push_back({index, product_of[index], now});
    const double minutes =
        std::max(0.0, plan.service_minutes->sample(engine_) * plan.service_scale);
    service_ends.push_back(now + sim::from_minutes(minutes));
    std::push_heap(service_ends.begin(), service_ends.end(), later);
    --free_desks;
    busy_ms -= now.time_since_epoch().count();
    queue_ms += (now - arrived).count();
  };
  const auto release_desk = [&] {
    ++free_desks;
    busy_ms += now.time_since_epoch().count();
    while (free_desks > 0 && head < waiting.size()) start_service(waiting[head++]);
  };
  const auto free_seats = [&] {
    while (!seat_releases_.empty() && seat_releases_.front() <= now) seat_releases_.pop_front();
  };
  const auto seat_blocked = [&] {  // the reference's seat_freed()
    free_seats();
    while (blocked > 0 && seat_releases_.size() < seats) {
      --blocked;
      seat_releases_.push_back(now + plan.observation);
      release_desk();
    }
    seat_event = blocked > 0;
    seat_time = seat_event ? seat_releases_.front() : kNever;
  };

  for (;;) {
    sim::Time t = closed ? kNever : plan.close;
    if (next < arrivals.size()) t = std::min(t, arrivals[next].first);
    if (!service_ends.empty()) t = std::min(t, service_ends.front());
    if (seat_event) t = std::min(t, seat_time);
    if (t == kNever) break;
    now = t;
    ++events;

    if (!closed && t == plan.close) {
      // Whoever still queues goes home; the dose held for them goes back on the shelf.
      for (; head < waiting.size(); ++head) {
        const auto& [arrived, index] = arrivals[waiting[head]];
        ++stock_[product_of[index]];
        out.sent_home.push_back(index);
        queue_ms += (now - arrived).count();
      }
      closed = true;
    } else if (!service_ends.empty() && service_ends.front() == t) {
      std::pop_heap(service_ends.begin(), service_ends.end(), later);
      service_ends.pop_back();
      if (!observed) {
        release_desk();
        continue;
      }
      free_seats();
      if (blocked == 0 && seat_releases_.size() < seats) {
        seat_releases_.push_back(now + plan.observation);
        release_desk();
      } else {
        ++blocked;  // the observation area is full: the desk stays blocked
        if (!seat_event) {
          seat_event = true;
          seat_time = seat_releases_.front();
        }
      }
    } else if (seat_event && seat_time == t) {
      seat_blocked();
    } else {
      const std::uint32_t position = static_cast<std::uint32_t>(next++);
      const std::uint32_t index = arrivals[position].second;
      if (hold_dose(index)) {
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
  sweep_events_ += events;
  sweep_now_ = now;
}

// Orders arrivals by (time, visit): a bucket sort over the opening hours (one bucket per visit on
// average), then insertion sort, which is linear for any smooth arrival profile; a day's arrivals
// are sorted once per site and day, so this is on the hot path of a province-sized run.
void SiteDay::sort_arrivals(sim::Duration span) {
  auto [arrivals, sorted, bucket_start] =
      std::tie(scratch_->arrivals, scratch_->sorted, scratch_->bucket_start);
  const std::size_t n = arrivals.size();
  if (n < 64) {
    std::sort(arrivals.begin(), arrivals.end());
    return;
  }
  const auto bucket_of = [&](const std::pair<sim::Time, std::uint32_t>& a) {
    const auto offset = static_cast<double>((a.first - plan_->open).count());
    return std::min(n - 1, static_cast<std::size_t>(offset / static_cast<double>(span.count()) *
                                                    static_cast<double>(n)));
  };
  bucket_start.assign(n + 1, 0);
  for (const auto& a : arrivals) ++bucket_start[bucket_of(a) + 1];
  for (std::size_t b = 0; b < n; ++b) bucket_start[b + 1] += bucket_start[b];
  sorted.resize(n);
  for (const auto& a : arrivals) sorted[bucket_start[bucket_of(a)]++] = a;
  // Buckets are in order and visits within a bucket kept their order; finish within buckets.
  for (std::size_t i = 1; i < n; ++i) {
    const auto item = sorted[i];
    std::size_t j = i;
    while (j > 0 && item < sorted[j - 1]) {
      sorted[j] = sorted[j - 1];
      --j;
    }
    sorted[j] = item;
  }
  arrivals.swap(sorted);
}

void SiteDay::schedule_next_arrival() {
  if (next_arrival_ < scratch_->arrivals.size()) {
    const auto& [time, index] = scratch_->arrivals[next_arrival_++];
    sim_.at<&SiteDay::arrive>(time, *this, index);
  }
}

// Holds a dose for the person from arrival, so the queue never outruns the stock; false (and
// recorded) when the site has none for them.
bool SiteDay::hold_dose(std::uint32_t index) {
  const Visit& visit = plan_->visits[index];
  std::size_t product = visit.product;
  if (product == Visit::kAnyProduct && !visit.second_dose) {
    // A first dose not booked to a product takes the one the site has most of.
    product =
        static_cast<std::size_t>(std::max_element(stock_.begin(), stock_.end()) - stock_.begin());
  }
  if (product >= stock_.size() || stock_[product] == 0) {
    out_->no_stock.push_back(index);
    return false;
  }
  --stock_[product];
  scratch_->product_of[index] = static_cast<std::uint8_t>(product);
  return true;
}

// ---- The reference: one handler per event ----------------------------------------------------

void SiteDay::arrive(std::uint64_t index) {
  schedule_next_arrival();
  if (!hold_dose(static_cast<std::uint32_t>(index))) return;
  scratch_->arrived_at[index] = sim_.now();
  desks_.request(sim::bind<&SiteDay::start_service>(*this, index));
}

void SiteDay::start_service(std::uint64_t index) {
  const double wait = sim::to_minutes(sim_.now() - scratch_->arrived_at[index]);
  out_->waits.add(wait);
  if (plan_->wait_histogram != nullptr) plan_->wait_histogram->add(wait);
  out_->doses.push_back(
      {static_cast<std::uint32_t>(index), scratch_->product_of[index], sim_.now()});
  const double minutes =
      std::max(0.0, plan_->service_minutes->sample(engine_) * plan_->service_scale);
  sim_.after<&SiteDay::end_service>(sim::from_minutes(minutes), *this, index);
}

void SiteDay::free_seats() {
  while (!seat_releases_.empty() && seat_releases_.front() <= sim_.now()) {
    seat_releases_.pop_front();
  }
}

void SiteDay::end_service(std::uint64_t index) {
  if (plan_->observation <= sim::Duration::zero()) {
    desks_.release();
    return;
  }
  free_seats();
  if (blocked_.empty() && static_cast<int>(seat_releases_.size()) < plan_->seats) {
    seat_releases_.push_back(sim_.now() + plan_->observation);
    desks_.release();
    return;
  }
  // The observation area is full: the person waits at the desk, which stays blocked.
  blocked_.push_back(static_cast<std::uint32_t>(index));
  if (!seat_event_pending_) {
    seat_event_pending_ = true;
    sim_.at<&SiteDay::seat_freed>(seat_releases_.front(), *this);
  }
}

void SiteDay::seat_freed() {
  seat_event_pending_ = false;
  free_seats();
  while (!blocked_.empty() && static_cast<int>(seat_releases_.size()) < plan_->seats) {
    blocked_.pop_front();
    seat_releases_.push_back(sim_.now() + plan_->observation);
    desks_.release();
  }
  if (!blocked_.empty()) {
    seat_event_pending_ = true;
    sim_.at<&SiteDay::seat_freed>(seat_releases_.front(), *this);
  }
}

void SiteDay::close() {
  for (const sim::Resource::Waiting& w : desks_.take_waiting()) {
    const auto index = static_cast<std::uint32_t>(w.on_granted.tag);
    ++stock_[scratch_->product_of[index]];  // the dose held for them goes back on the shelf
    out_->sent_home.push_back(index);
  }
}

}  // namespace vaxsim::model
