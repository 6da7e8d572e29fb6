#pragma once
// Many replications of one campaign, summarised city-day by city-day: for every measure, the
// mean and the 5%, 50% and 95% quantiles over replications (rule in quantiles.hpp), as matrices
// (sim::Matrix; sim/eigen_view.hpp views them as Eigen's) shaped like model::CityDayTable's (rows
// days, columns cities), plus the province, the doses a day (first + second) and the people with
// at least one dose, whose spreads are not the sums of the parts' spreads.
//
// Reports draw these as bands (q05..q95 around the median); a planning tool reads them directly.

#include <array>
#include <span>
#include <string>
#include <vector>

#include "vaxsim/model/results.hpp"
#include "vaxsim/run/quantiles.hpp"
#include "vaxsim/sim/calendar.hpp"

namespace vaxsim::run {

class Ensemble {
 public:
  /// Summarises the replications (at least one, all with tables of the same dates and cities;
  /// otherwise std::invalid_argument). Statistics are computed in replication order, so the
  /// summary of the same results is bit-identical however they were produced.
  /// A province value is computed per replication by the model's rule
  /// (model::CityDayTable::province()), then summarised.
  explicit Ensemble(std::span<const model::CampaignResult> replications);

  int replications() const { return replications_; }
  sim::Date start() const { return start_; }
  int days() const { return days_; }
  sim::Date date(int day) const;
  int cities() const { return static_cast<int>(city_names_.size()); }
  const std::vector<std::string>& city_names() const { return city_names_; }

  /// Per city and day: days x cities.
  const Spread& city(model::Measure m) const { return city_[index(m)]; }
  /// The province per day: days x 1 (by model::CityDayTable::province()).
  const Spread& province(model::Measure m) const { return province_[index(m)]; }
  /// Doses given a day (first + second): days x cities, and days x 1 for the province.
  const Spread& city_doses() const { return city_doses_; }
  const Spread& province_doses() const { return province_doses_; }
  /// People with at least one dose (people_one_dose + people_two_doses), end of day.
  const Spread& city_people_vaccinated() const { return city_people_; }
  const Spread& province_people_vaccinated() const { return province_people_; }

  /// The most frequent bottleneck of a city-day over replications (ties: none, no_stock, held_back,
  /// desks, hours, demand, in that order), and the share of replications that had it.
  model::Bottleneck bottleneck(int day, int city) const { return bottleneck_[flat(day, city)]; }
  double bottleneck_share(int day, int city) const { return bottleneck_share_[flat(day, city)]; }

 private:
  static std::size_t index(model::Measure m) { return static_cast<std::size_t>(m); }
  std::size_t flat(int day, int city) const {
    return static_cast<std::size_t>(day) * city_names_.size() + static_cast<std::size_t>(city);
  }

  int replications_ = 0;
  sim::Date start_{};
  int days_ = 0;
  std::vector<std::string> city_names_;
  std::array<Spread, model::kMeasureCount> city_;
  std::array<Spread, model::kMeasureCount> province_;
  Spread city_doses_;
  Spread province_doses_;
  Spread city_people_;
  Spread province_people_;
  std::vector<model::Bottleneck> bottleneck_;
  std::vector<double> bottleneck_share_;
};

}  // namespace vaxsim::run
