#pragma once
// Doses arriving at the province from the manufacturers.

#include <cstddef>
#include <cstdint>
#include <optional>

#include "vaxsim/sim/calendar.hpp"

namespace vaxsim::supply {

struct Delivery {
  sim::Date date;
  std::size_t product = 0;  // index into the campaign's products
  std::int64_t doses = 0;
  /// The day the doses expire (all together): from that morning they are no longer given. None:
  /// the product's shelf life, if any, from `date` (see model::Product::shelf_life_days).
  std::optional<sim::Date> expires = std::nullopt;
};

}  // namespace vaxsim::supply
