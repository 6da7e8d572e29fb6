#pragma once
// Doses arriving at the province from the manufacturers.

#include <cstddef>
#include <cstdint>

#include "vaxsim/sim/calendar.hpp"

namespace vaxsim::supply {

struct Delivery {
  sim::Date date;
  std::size_t product = 0;  // index into the campaign's products
  std::int64_t doses = 0;
};

}  // namespace vaxsim::supply
