#include "vaxsim/model/site_day.hpp"

#include <algorithm>
#include <stdexcept>

namespace vaxsim::model {

SiteDay::SiteDay(sim::RandomEngine engine) : engine_{std::move(engine)}, desks_{sim_.clock(), 0} {}

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
  out.clear();
  plan_ = &plan;
  stock_ = stock;
  out_ = &out;

  // Yesterday's last observation may run past today's opening; the clock never goes back.
  sim_.run_until(std::max(plan.open, sim_.now()));
  desks_.set_capacity(plan.desks);
  desks_.reset_statistics();

  const std::size_t n = plan.visits.size();
  arrivals_.clear();
  arrivals_.reserve(n);
  const sim::Duration span = plan.close - plan.open;
  for (std::size_t i = 0; i < n; ++i) {
    const double u = std::clamp(plan.arrival_profile->sample(engine_), 0.0, 1.0);
    auto offset = sim::Duration{static_cast<std::int64_t>(u * static_cast<double>(span.count()))};
    if (offset >= span) offset = span - sim::Duration{1};
    arrivals_.emplace_back(plan.open + offset, static_cast<std::uint32_t>(i));
  }
  sort_arrivals(span);
  next_arrival_ = 0;
  product_of_.assign(n, Visit::kAnyProduct);
  arrived_at_.assign(n, sim::Time{});

  // Closing runs before any service that ends at the same instant, so nobody starts at closing.
  sim_.at<&SiteDay::close>(plan.close, *this, 0, /*priority=*/-1);
  schedule_next_arrival();
  sim_.run();

  out.desk_busy_seconds = desks_.busy_stats().integral(sim_.now());
  out.desk_open_seconds = plan.desks * sim::to_seconds(span);
  out.queue_area_seconds = desks_.queue_length_stats().integral(sim_.now());
  plan_ = nullptr;
  out_ = nullptr;
}

// Orders arrivals by (time, visit): a bucket sort over the opening hours (one bucket per visit on
// average), then insertion sort, which is linear for any smooth arrival profile; a day's arrivals
// are sorted once per site and day, so this is on the hot path of a province-sized run.
void SiteDay::sort_arrivals(sim::Duration span) {
  const std::size_t n = arrivals_.size();
  if (n < 64) {
    std::sort(arrivals_.begin(), arrivals_.end());
    return;
  }
  const auto bucket_of = [&](const std::pair<sim::Time, std::uint32_t>& a) {
    const auto offset = static_cast<double>((a.first - plan_->open).count());
    return std::min(n - 1, static_cast<std::size_t>(offset / static_cast<double>(span.count()) *
                                                    static_cast<double>(n)));
  };
  bucket_start_.assign(n + 1, 0);
  for (const auto& a : arrivals_) ++bucket_start_[bucket_of(a) + 1];
  for (std::size_t b = 0; b < n; ++b) bucket_start_[b + 1] += bucket_start_[b];
  sorted_.resize(n);
  for (const auto& a : arrivals_) sorted_[bucket_start_[bucket_of(a)]++] = a;
  // Buckets are in order and visits within a bucket kept their order; finish within buckets.
  for (std::size_t i = 1; i < n; ++i) {
    const auto item = sorted_[i];
    std::size_t j = i;
    while (j > 0 && item < sorted_[j - 1]) {
      sorted_[j] = sorted_[j - 1];
      --j;
    }
    sorted_[j] = item;
  }
  arrivals_.swap(sorted_);
}

void SiteDay::schedule_next_arrival() {
  if (next_arrival_ < arrivals_.size()) {
    const auto& [time, index] = arrivals_[next_arrival_++];
    sim_.at<&SiteDay::arrive>(time, *this, index);
  }
}

void SiteDay::arrive(std::uint64_t index) {
  schedule_next_arrival();
  const Visit& visit = plan_->visits[index];
  std::size_t product = visit.product;
  if (!visit.second_dose) {
    // A first dose can be any product; take the one the site has most of.
    product =
        static_cast<std::size_t>(std::max_element(stock_.begin(), stock_.end()) - stock_.begin());
  }
  if (product >= stock_.size() || stock_[product] == 0) {
    out_->no_stock.push_back(static_cast<std::uint32_t>(index));
    return;
  }
  --stock_[product];  // held for this person from arrival, so the queue never outruns the stock
  product_of_[index] = static_cast<std::uint8_t>(product);
  arrived_at_[index] = sim_.now();
  desks_.request(sim::bind<&SiteDay::start_service>(*this, index));
}

void SiteDay::start_service(std::uint64_t index) {
  const double wait = sim::to_minutes(sim_.now() - arrived_at_[index]);
  out_->waits.add(wait);
  if (plan_->wait_histogram != nullptr) plan_->wait_histogram->add(wait);
  out_->doses.push_back({static_cast<std::uint32_t>(index), product_of_[index], sim_.now()});
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
    ++stock_[product_of_[index]];  // the dose held for them goes back on the shelf
    out_->sent_home.push_back(index);
  }
}

}  // namespace vaxsim::model
