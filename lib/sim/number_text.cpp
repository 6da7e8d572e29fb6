#include "vaxsim/sim/number_text.hpp"

#include <charconv>

namespace vaxsim::sim {

std::string number_text(double x) {
  char buffer[32];  // the longest shortest form, "-2.2250738585072014e-308", takes 24
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, x);
  return std::string(buffer, result.ptr);
}

}  // namespace vaxsim::sim
