#include <chrono>

#include "vaxsim/model/population.hpp"

namespace vaxsim::model {

double DatedCurve::at(sim::Date date) const {
  if (points.empty()) return 0.0;
  const std::chrono::sys_days day{date};
  if (day <= std::chrono::sys_days{points.front().first}) return points.front().second;
  for (std::size_t i = 1; i < points.size(); ++i) {
    const std::chrono::sys_days right{points[i].first};
    if (day <= right) {
      const std::chrono::sys_days left{points[i - 1].first};
      const double t =
          static_cast<double>((day - left).count()) / static_cast<double>((right - left).count());
      return points[i - 1].second + t * (points[i].second - points[i - 1].second);
    }
  }
  return points.back().second;
}

}  // namespace vaxsim::model
