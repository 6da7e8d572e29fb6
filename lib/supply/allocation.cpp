#include "vaxsim/supply/allocation.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace vaxsim::supply {

std::vector<std::int64_t> split_in_proportion(std::int64_t total, std::span<const double> weights) {
  if (total < 0) throw std::invalid_argument("split_in_proportion: negative total");
  double largest = 0;
  for (const double w : weights) {
    if (!(w >= 0) || !std::isfinite(w)) {
      throw std::invalid_argument("split_in_proportion: weights must be finite and >= 0");
    }
    largest = std::max(largest, w);
  }
  std::vector<std::int64_t> parts(weights.size(), 0);
  if (weights.empty() || total == 0) return parts;
  // Scaled by the largest weight, so that neither the sum nor total x weight can overflow.
  double sum = 0;
  for (const double w : weights) sum += largest > 0 ? w / largest : 0.0;
  std::vector<double> remainders(weights.size());
  std::int64_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const double exact = sum > 0 ? static_cast<double>(total) * (weights[i] / largest / sum)
                                 : static_cast<double>(total) / static_cast<double>(weights.size());
    parts[i] = static_cast<std::int64_t>(std::floor(exact));
    remainders[i] = exact - static_cast<double>(parts[i]);
    given += parts[i];
  }
  // Rounding in doubles may overshoot by a dose: take it back from the smallest remainders.
  while (given > total) {
    std::size_t smallest = parts.size();
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (parts[i] > 0 && (smallest == parts.size() || remainders[i] < remainders[smallest])) {
        smallest = i;
      }
    }
    --parts[smallest];
    remainders[smallest] += 1.0;
    --given;
  }
  // Largest remainders take the doses rounding left over; ties go to the lower index.
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  for (std::size_t k = 0; given < total; k = (k + 1) % order.size()) {
    ++parts[order[k]];
    ++given;
  }
  return parts;
}

namespace {

template <class Weight>
std::vector<std::int64_t> split_by(std::int64_t available, std::span<const CityNeeds> cities,
                                   Weight weight) {
  std::vector<double> w;
  w.reserve(cities.size());
  for (const CityNeeds& c : cities) w.push_back(std::max(0.0, weight(c)));
  return split_in_proportion(available, w);
}

double net_of_stock(double need, const CityNeeds& c) { return need - static_cast<double>(c.stock); }

}  // namespace

std::vector<std::int64_t> ByPopulation::split(std::int64_t available,
                                              std::span<const CityNeeds> cities) const {
  return split_by(available, cities, [](const CityNeeds& c) { return double(c.residents); });
}

std::vector<std::int64_t> ByBacklog::split(std::int64_t available,
                                           std::span<const CityNeeds> cities) const {
  return split_by(available, cities, [](const CityNeeds& c) {
    return net_of_stock(static_cast<double>(c.first_dose_backlog + c.second_doses_due), c);
  });
}

std::vector<std::int64_t> ByDeskCapacity::split(std::int64_t available,
                                                std::span<const CityNeeds> cities) const {
  return split_by(available, cities, [](const CityNeeds& c) {
    return net_of_stock(static_cast<double>(c.desk_capacity), c);
  });
}

std::vector<std::int64_t> SecondDosesFirst::split(std::int64_t available,
                                                  std::span<const CityNeeds> cities) const {
  // First what each city needs for its second doses beyond its stock...
  std::vector<double> due;
  double due_total = 0;
  for (const CityNeeds& c : cities) {
    due.push_back(std::max(0.0, net_of_stock(static_cast<double>(c.second_doses_due), c)));
    due_total += due.back();
  }
  const auto first = std::min<std::int64_t>(available, static_cast<std::int64_t>(due_total));
  std::vector<std::int64_t> parts = split_in_proportion(first, due);
  // ...then the rest by first-dose backlog.
  std::vector<double> backlog;
  for (const CityNeeds& c : cities) backlog.push_back(static_cast<double>(c.first_dose_backlog));
  const std::vector<std::int64_t> rest = split_in_proportion(available - first, backlog);
  for (std::size_t i = 0; i < parts.size(); ++i) parts[i] += rest[i];
  return parts;
}

std::shared_ptr<const AllocationPolicy> make_allocation_policy(std::string_view name) {
  if (name == "population") return std::make_shared<ByPopulation>();
  if (name == "backlog") return std::make_shared<ByBacklog>();
  if (name == "capacity") return std::make_shared<ByDeskCapacity>();
  if (name == "second_doses_first") return std::make_shared<SecondDosesFirst>();
  return nullptr;
}

}  // namespace vaxsim::supply
