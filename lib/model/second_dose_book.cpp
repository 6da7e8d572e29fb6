// The book of second doses (second_dose_book.hpp): who falls due when, and who is waiting.

#include "second_dose_book.hpp"

#include <algorithm>

#include "vaxsim/sim/detail/sampling.hpp"

namespace vaxsim::model::detail {

SecondDoseBook::SecondDoseBook(std::size_t cities, int days, std::span<const Product> products)
    : days_{days},
      products_{products},
      due_(cities, std::vector<std::vector<DueRun>>(static_cast<std::size_t>(days))),
      due_count_(cities,
                 std::vector<std::int64_t>(static_cast<std::size_t>(days) * products.size(), 0)),
      queues_(cities, std::vector<DueQueue>(products.size())) {}

void SecondDoseBook::add_due(std::size_t c, const DueRun& due, int due_day) {
  if (due_day >= days_) {  // falls due after the run
    if (window_closed(due)) missed_after_run_ += due.count;
    return;
  }
  const int d = std::max(0, due_day);
  std::vector<DueRun>& list = due_[c][static_cast<std::size_t>(d)];
  if (!list.empty() && list.back().continued_by(due)) {
    list.back().count += due.count;
  } else {
    list.push_back(due);
  }
  due_count_[c][static_cast<std::size_t>(d) * products_.size() + due.product] += due.count;
}

void SecondDoseBook::draw_prior(const FirstDoseDays& first_doses, std::size_t p,
                                sim::RandomEngine& returns, std::uint32_t& next_id,
                                std::vector<std::pair<int, DueRun>>& due) const {
  const Product& product = products_[p];
  std::vector<std::uint32_t> cohort;  // by due day - first day, after the run last
  for (std::size_t i = 0; i < first_doses.people.size(); ++i) {
    const std::int64_t people = first_doses.people[i];
    if (people == 0) continue;
    const int day = first_doses.first_day + static_cast<int>(i);
    cohort.assign(static_cast<std::size_t>(days_ - day + 1), 0);
    for (std::int64_t k = 0; k < people; ++k) {
      const int due_day = return_day(day, product, product.return_after_days.sample(returns));
      ++cohort[static_cast<std::size_t>(std::min(due_day, days_) - day)];
    }
    for (std::size_t j = 0; j < cohort.size(); ++j) {
      if (cohort[j] == 0) continue;
      due.emplace_back(
          day + static_cast<int>(j),
          DueRun{next_id, cohort[j], static_cast<std::int16_t>(day), static_cast<std::uint8_t>(p)});
      next_id += cohort[j];
    }
  }
}

void SecondDoseBook::release(std::size_t c, int day) {
  std::vector<DueRun>& due_today = due_[c][static_cast<std::size_t>(day)];
  for (const DueRun& due : due_today) queues_[c][due.product].push_back(due);
  due_today = {};
}

std::int64_t SecondDoseBook::waiting(std::size_t c) const {
  std::int64_t n = 0;
  for (const DueQueue& q : queues_[c]) n += q.size();
  return n;
}

// Everyone still waiting for a second dose is in a queue (or was never due within the run, and
// counted then, in add_due): nobody with one dose leaves the queues otherwise.
std::int64_t SecondDoseBook::missed() const {
  std::int64_t n = missed_after_run_;
  for (const std::vector<DueQueue>& city : queues_) {
    for (const DueQueue& queue : city) {
      for (const DueRun& due : queue.runs()) {
        if (window_closed(due)) n += due.count;
      }
    }
  }
  return n;
}

bool SecondDoseBook::window_closed(const DueRun& due) const {
  return due.first_day + products_[due.product].max_interval_days < days_ - 1;
}

}  // namespace vaxsim::model::detail
