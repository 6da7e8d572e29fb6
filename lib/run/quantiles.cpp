#include "vaxsim/run/quantiles.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace vaxsim::run {

double quantile_of_sorted(std::span<const double> sorted, double p) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double h = static_cast<double>(sorted.size() - 1) * std::clamp(p, 0.0, 1.0);
  const double below = std::floor(h);
  const auto i = static_cast<std::size_t>(below);
  if (i + 1 >= sorted.size()) return sorted.back();
  const double lo = sorted[i];
  const double hi = sorted[i + 1];
  const double fraction = h - below;
  return fraction == 0.0 ? lo : lo + fraction * (hi - lo);
}

Spread spread_of(std::span<const sim::Matrix* const> replications) {
  if (replications.empty()) throw std::invalid_argument("spread_of: no replications");
  const sim::Index rows = replications.front()->rows();
  const sim::Index cols = replications.front()->cols();
  for (const sim::Matrix* m : replications) {
    if (m->rows() != rows || m->cols() != cols) {
      throw std::invalid_argument("spread_of: replications of different shapes (" +
                                  std::to_string(rows) + "x" + std::to_string(cols) + " and " +
                                  std::to_string(m->rows()) + "x" + std::to_string(m->cols()) +
                                  ")");
    }
  }
  Spread s{sim::Matrix(rows, cols), sim::Matrix(rows, cols), sim::Matrix(rows, cols),
           sim::Matrix(rows, cols)};
  const double n = static_cast<double>(replications.size());
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> values(replications.size());
  for (sim::Index c = 0; c < cols; ++c) {
    for (sim::Index r = 0; r < rows; ++r) {
      double sum = 0;
      bool nan = false;
      for (std::size_t k = 0; k < replications.size(); ++k) {
        const double x = (*replications[k])(r, c);
        values[k] = x;
        sum += x;
        nan = nan || std::isnan(x);
      }
      if (nan) {
        s.mean(r, c) = s.q05(r, c) = s.q50(r, c) = s.q95(r, c) = kNaN;
        continue;
      }
      std::sort(values.begin(), values.end());
      s.mean(r, c) = sum / n;
      s.q05(r, c) = quantile_of_sorted(values, 0.05);
      s.q50(r, c) = quantile_of_sorted(values, 0.50);
      s.q95(r, c) = quantile_of_sorted(values, 0.95);
    }
  }
  return s;
}

Spread spread_of(std::span<const sim::Matrix> replications) {
  std::vector<const sim::Matrix*> pointers;
  pointers.reserve(replications.size());
  for (const sim::Matrix& m : replications) pointers.push_back(&m);
  return spread_of(pointers);
}

}  // namespace vaxsim::run
