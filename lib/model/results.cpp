#include "vaxsim/model/results.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "vaxsim/sim/eigen_view.hpp"

namespace vaxsim::model {
namespace {

// Σ value·weight / Σ weight over the day's cities; 0 when the weights add up to 0.
template <typename Weight>
double weighted_mean(const CityDayTable& table, Measure m, int day, Weight weight) {
  double sum = 0;
  double total_weight = 0;
  for (int c = 0; c < table.cities(); ++c) {
    const double w = weight(c);
    if (w <= 0) continue;
    sum += table.at(m, day, c) * w;
    total_weight += w;
  }
  return total_weight > 0 ? sum / total_weight : 0.0;
}

}  // namespace

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
    case Measure::stock_on_hand:
      return "stock_on_hand";
  }
  return "?";
}

CityDayTable::CityDayTable(sim::Date start, int days, std::vector<std::string> cities)
    : start_{start}, days_{days}, city_names_{std::move(cities)} {
  if (days < 0) throw std::invalid_argument("CityDayTable: negative number of days");
  const auto n = static_cast<sim::Index>(city_names_.size());
  for (auto& column : columns_) column = sim::Matrix::Zero(days, n);
  bottlenecks_.assign(static_cast<std::size_t>(days) * city_names_.size(), Bottleneck::none);
}

sim::Date CityDayTable::date(int day) const {
  return sim::Date{std::chrono::sys_days{start_} + std::chrono::days{day}};
}

bool adds_up(Measure m) {
  switch (m) {
    case Measure::utilisation:
    case Measure::mean_wait:
    case Measure::p95_wait:
    case Measure::open_hours:
      return false;
    default:
      return true;
  }
}

double CityDayTable::province(Measure m, int day) const {
  const auto served = [&](int c) {
    return at(Measure::first_doses, day, c) + at(Measure::second_doses, day, c);
  };
  switch (m) {
    case Measure::utilisation:
      return weighted_mean(*this, m, day, [&](int c) {
        return at(Measure::desks_open, day, c) * at(Measure::open_hours, day, c);
      });
    case Measure::open_hours:
      return weighted_mean(*this, m, day, [&](int c) { return at(Measure::desks_open, day, c); });
    case Measure::mean_wait:
      return weighted_mean(*this, m, day, served);
    case Measure::p95_wait: {
      double worst = 0;
      for (int c = 0; c < cities(); ++c) {
        if (served(c) > 0) worst = std::max(worst, at(m, day, c));
      }
      return worst;
    }
    default:
      return sim::as_eigen(column(m)).row(day).sum();  // Eigen adds them up, as it always has
  }
}

Bottleneck CityDayTable::province_bottleneck(int day) const {
  std::array<int, kBottleneckKinds> count{};
  for (int c = 0; c < cities(); ++c) ++count[static_cast<std::size_t>(bottleneck(day, c))];
  Bottleneck best = Bottleneck::none;
  int best_count = 0;
  for (int k = 1; k < kBottleneckKinds; ++k) {
    if (count[static_cast<std::size_t>(k)] > best_count) {
      best_count = count[static_cast<std::size_t>(k)];
      best = static_cast<Bottleneck>(k);
    }
  }
  return best;
}

}  // namespace vaxsim::model
