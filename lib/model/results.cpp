#include "vaxsim/model/results.hpp"

#include <stdexcept>

namespace vaxsim::model {

std::string_view to_string(Measure m) {
  switch (m) {
    case Measure::first_doses:
      return "first_doses";
    case Measure::second_doses:
      return "second_doses";
    case Measure::people_one_dose:
      return "people_one_dose";
    case Measure::people_two_doses:
      return "people_two_doses";
    case Measure::delivered:
      return "delivered";
    case Measure::stock:
      return "stock";
    case Measure::wasted:
      return "wasted";
    case Measure::desks_open:
      return "desks_open";
    case Measure::utilisation:
      return "utilisation";
    case Measure::mean_wait:
      return "mean_wait_min";
    case Measure::p95_wait:
      return "p95_wait_min";
    case Measure::unmet:
      return "unmet";
    case Measure::no_stock:
      return "no_stock";
    case Measure::capacity:
      return "capacity";
    case Measure::available_stock:
      return "available_stock";
    case Measure::demand:
      return "demand";
    case Measure::booked:
      return "booked";
    case Measure::late_second_doses:
      return "late_second_doses";
    case Measure::open_hours:
      return "open_hours";
    case Measure::expired:
      return "expired";
  }
  return "?";
}

CityDayTable::CityDayTable(sim::Date start, int days, std::vector<std::string> cities)
    : start_{start}, days_{days}, city_names_{std::move(cities)} {
  if (days < 0) throw std::invalid_argument("CityDayTable: negative number of days");
  const auto n = static_cast<Eigen::Index>(city_names_.size());
  for (auto& column : columns_) column = Eigen::MatrixXd::Zero(days, n);
  bottlenecks_.assign(static_cast<std::size_t>(days) * city_names_.size(), Bottleneck::none);
}

sim::Date CityDayTable::date(int day) const {
  return sim::Date{std::chrono::sys_days{start_} + std::chrono::days{day}};
}

}  // namespace vaxsim::model
