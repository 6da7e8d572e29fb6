// --fit KEY=LO..HI: see include/vaxsim/fit/fit_parameter.hpp.

#include "vaxsim/fit/fit_parameter.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "vaxsim/sim/number_text.hpp"

namespace vaxsim::fit {
namespace {

// A bound: a finite number, with an optional leading x when `factor`.
double bound(std::string_view text, std::string_view which, const std::string& whole,
             bool& factor) {
  std::string_view t = text;
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  const bool x = !t.empty() && (t.front() == 'x' || t.front() == 'X');
  if (x) t.remove_prefix(1);
  factor = x;
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(std::string(t), &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (t.empty() || used != t.size() || !std::isfinite(value)) {
    throw std::invalid_argument("'" + whole + "': the " + std::string(which) + " bound '" +
                                std::string(text) + "' is not a number");
  }
  return value;
}

}  // namespace

std::vector<std::string> FitParameter::paths() const {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t amp = key.find('&', start);
    out.push_back(key.substr(start, amp == std::string::npos ? std::string::npos : amp - start));
    if (amp == std::string::npos) return out;
    start = amp + 1;
  }
}

std::vector<io::Override> FitParameter::at(double value) const {
  std::vector<io::Override> out;
  for (const std::string& path : paths()) {
    out.push_back({path, (factor ? "x" : "") + sim::number_text(value), /*rounded=*/true});
  }
  return out;
}

std::string FitParameter::text() const {
  const std::string x = factor ? "x" : "";
  return key + "=" + x + sim::number_text(lo) + ".." + x + sim::number_text(hi);
}

FitParameter parse_fit_parameter(std::string_view text) {
  const std::string whole(text);
  const io::Override o = io::parse_override(text);  // the key ends at the first '=' outside []
  const std::size_t dots = o.value.find("..");
  if (dots == std::string::npos) {
    throw std::invalid_argument("'" + whole + "' is not KEY=LO..HI: no '..' between the bounds");
  }
  FitParameter p;
  p.key = o.key;
  for (const std::string& path : p.paths()) {
    if (path.empty()) {
      throw std::invalid_argument("'" + whole + "': an empty path around '&' in the key");
    }
  }
  bool lo_factor = false;
  bool hi_factor = false;
  p.lo = bound(std::string_view(o.value).substr(0, dots), "lower", whole, lo_factor);
  p.hi = bound(std::string_view(o.value).substr(dots + 2), "upper", whole, hi_factor);
  if (lo_factor != hi_factor) {
    throw std::invalid_argument("'" + whole +
                                "': write both bounds as factors (x0.5..x1.5) or neither");
  }
  p.factor = lo_factor;
  if (!(p.lo < p.hi)) {
    throw std::invalid_argument("'" + whole + "': the lower bound must be below the upper");
  }
  if (p.factor && p.lo <= 0) {
    throw std::invalid_argument("'" + whole + "': a factor range must lie above 0");
  }
  return p;
}

std::vector<double> start_values(const std::filesystem::path& scenario,
                                 std::span<const FitParameter> parameters) {
  std::vector<double> start;
  for (const FitParameter& p : parameters) {
    const std::vector<std::string> now = io::values_at(scenario, p.paths().front());
    double value = p.factor ? 1.0 : std::numeric_limits<double>::quiet_NaN();
    if (!p.factor && !now.empty()) {
      try {
        value = std::stod(now.front());
      } catch (const std::exception&) {  // not a number there: start at the middle
      }
    }
    start.push_back(value);
  }
  return start;
}

}  // namespace vaxsim::fit
