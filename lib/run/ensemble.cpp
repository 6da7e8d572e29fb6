#include "vaxsim/run/ensemble.hpp"

#include <chrono>
#include <stdexcept>

#include "vaxsim/sim/eigen_view.hpp"

namespace vaxsim::run {

using model::Measure;

Ensemble::Ensemble(std::span<const model::CampaignResult> replications) {
  if (replications.empty()) throw std::invalid_argument("Ensemble: no replications");
  const model::CityDayTable& first = replications.front().table;
  replications_ = static_cast<int>(replications.size());
  start_ = first.start();
  days_ = first.days();
  city_names_ = first.city_names();
  for (const model::CampaignResult& r : replications) {
    if (r.table.start() != start_ || r.table.days() != days_ ||
        r.table.city_names() != city_names_) {
      throw std::invalid_argument(
          "Ensemble: replications of different campaigns (dates or cities differ)");
    }
  }
  std::vector<const sim::Matrix*> cells(replications.size());
  std::vector<sim::Matrix> totals(replications.size());
  for (int m = 0; m < model::kMeasureCount; ++m) {
    const auto measure = static_cast<Measure>(m);
    for (std::size_t k = 0; k < replications.size(); ++k) {
      const model::CityDayTable& t = replications[k].table;
      cells[k] = &t.column(measure);
      totals[k] = sim::Matrix(days_, 1);
      for (int d = 0; d < days_; ++d) totals[k](d, 0) = t.province(measure, d);
    }
    city_[index(measure)] = spread_of(cells);
    province_[index(measure)] = spread_of(totals);
  }

  std::vector<sim::Matrix> doses(replications.size());
  for (std::size_t k = 0; k < replications.size(); ++k) {
    const model::CityDayTable& t = replications[k].table;
    doses[k] = sim::Matrix(days_, t.cities());
    sim::as_eigen(doses[k]) = sim::as_eigen(t.column(Measure::first_doses)) +
                              sim::as_eigen(t.column(Measure::second_doses));
    sim::as_eigen(totals[k]) = sim::as_eigen(doses[k]).rowwise().sum();
  }
  city_doses_ = spread_of(doses);
  province_doses_ = spread_of(totals);
  std::vector<sim::Matrix>& people = doses;  // reused
  for (std::size_t k = 0; k < replications.size(); ++k) {
    const model::CityDayTable& t = replications[k].table;
    sim::as_eigen(people[k]) = sim::as_eigen(t.column(Measure::people_one_dose)) +
                               sim::as_eigen(t.column(Measure::people_two_doses));
    sim::as_eigen(totals[k]) = sim::as_eigen(people[k]).rowwise().sum();
  }
  city_people_ = spread_of(people);
  province_people_ = spread_of(totals);

  const std::size_t n = static_cast<std::size_t>(days_) * city_names_.size();
  bottleneck_.assign(n, model::Bottleneck::none);
  bottleneck_share_.assign(n, 0.0);
  for (int d = 0; d < days_; ++d) {
    for (int c = 0; c < cities(); ++c) {
      std::array<int, model::kBottleneckKinds> counts{};
      for (const model::CampaignResult& r : replications) {
        ++counts[static_cast<std::size_t>(r.table.bottleneck(d, c))];
      }
      std::size_t best = 0;
      for (std::size_t b = 1; b < counts.size(); ++b) {
        if (counts[b] > counts[best]) best = b;
      }
      bottleneck_[flat(d, c)] = static_cast<model::Bottleneck>(best);
      bottleneck_share_[flat(d, c)] = counts[best] / static_cast<double>(replications_);
    }
  }
}

sim::Date Ensemble::date(int day) const {
  return sim::Date{std::chrono::sys_days{start_} + std::chrono::days{day}};
}

}  // namespace vaxsim::run
