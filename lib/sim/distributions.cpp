// The factories of sim::Distribution (checking parameters and precomputing what sampling needs),
// describe(), and the inverse normal tail, the one use of Boost.Math: kept out of the headers.

#include "vaxsim/sim/distributions.hpp"

#include <algorithm>
#include <boost/math/policies/policy.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vaxsim/sim/detail/sampling.hpp"
#include "vaxsim/sim/number_text.hpp"

namespace vaxsim::sim {

namespace {

/// Reports a bad factory argument as "Distribution::<factory>: <problem>".
[[noreturn]] void throw_bad_parameter(std::string_view factory, const std::string& problem) {
  throw std::invalid_argument("Distribution::" + std::string(factory) + ": " + problem);
}

std::string fmt(double x) { return number_text(x); }

// Boost.Math promotes double to long double by default; long double is 80-bit on x86 and 128-bit
// (software) on AArch64, which would make results platform-dependent and slow. Stay in double.
using DoubleMathPolicy =
    boost::math::policies::policy<boost::math::policies::promote_double<false>>;

/// Q(z) = P(Z > z) for a standard normal Z. Via erfc, not 1 - Phi, so it keeps full relative
/// precision far into the upper tail (Q(30) ~ 5e-198 is still exact to a few ulp).
double normal_upper_tail(double z) { return 0.5 * std::erfc(z / std::numbers::sqrt2); }

/// The standard normal density; 0 at +-infinity.
double normal_density(double z) {
  return std::exp(-0.5 * z * z) * (std::numbers::inv_sqrtpi / std::numbers::sqrt2);
}

}  // namespace

double detail::normal_upper_tail_inverse(double q) {
  return std::numbers::sqrt2 * boost::math::erfc_inv(2.0 * q, DoubleMathPolicy());
}

Distribution Distribution::constant(double value) {
  if (!std::isfinite(value)) {
    throw_bad_parameter("constant", "value must be finite, got " + fmt(value));
  }
  return Distribution(Constant{value});
}

Distribution Distribution::exponential(double mean) {
  if (!(mean > 0.0) || !std::isfinite(mean)) {
    throw_bad_parameter("exponential", "mean must be positive and finite, got " + fmt(mean) +
                                           " (constant(0) means no delay)");
  }
  return Distribution(Exponential{mean});
}

Distribution Distribution::lognormal(double mean, double sd) {
  if (!(mean > 0.0) || !std::isfinite(mean)) {
    throw_bad_parameter("lognormal", "mean must be positive and finite, got " + fmt(mean));
  }
  if (!(sd >= 0.0) || !std::isfinite(sd)) {
    throw_bad_parameter("lognormal", "sd must be finite and >= 0, got " + fmt(sd));
  }
  const double cv = sd / mean;
  const double log_variance = std::log1p(cv * cv);  // log1p: exact for small cv
  if (!std::isfinite(log_variance)) {
    throw_bad_parameter("lognormal", "sd/mean is too large, got " + fmt(cv));
  }
  return Distribution(
      LogNormal{mean, sd, std::log(mean) - 0.5 * log_variance, std::sqrt(log_variance)});
}

Distribution Distribution::gamma(double shape, double scale) {
  if (!(shape > 0.0) || !std::isfinite(shape)) {
    throw_bad_parameter("gamma", "shape must be positive and finite, got " + fmt(shape));
  }
  if (!(scale > 0.0) || !std::isfinite(scale)) {
    throw_bad_parameter("gamma", "scale must be positive and finite, got " + fmt(scale));
  }
  return Distribution(Gamma{shape, scale});
}

Distribution Distribution::uniform(double lo, double hi) {
  if (!std::isfinite(lo) || !std::isfinite(hi) || lo > hi) {
    throw_bad_parameter("uniform", "needs finite lo <= hi, got lo=" + fmt(lo) + ", hi=" + fmt(hi));
  }
  return Distribution(Uniform{lo, hi});
}

Distribution Distribution::truncated_normal(double mean, double sd, double lo, double hi) {
  constexpr std::string_view kName = "truncated_normal";
  if (!std::isfinite(mean)) {
    throw_bad_parameter(kName, "mean must be finite, got " + fmt(mean));
  }
  if (!(sd >= 0.0) || !std::isfinite(sd)) {
    throw_bad_parameter(kName, "sd must be finite and >= 0, got " + fmt(sd));
  }
  constexpr double kInf = std::numeric_limits<double>::infinity();
  if (std::isnan(lo) || std::isnan(hi) || lo > hi || lo == kInf || hi == -kInf) {
    throw_bad_parameter(kName, "needs lo <= hi with lo < +inf and hi > -inf, got lo=" + fmt(lo) +
                                   ", hi=" + fmt(hi));
  }

  TruncatedNormal d{};
  d.mu = mean;
  d.sigma = sd;
  d.lo = lo;
  d.hi = hi;
  if (sd == 0.0 || lo == hi) {
    d.degenerate = true;
    d.truncated_mean = std::clamp(mean, lo, hi);  // the sd -> 0 limit
    return Distribution(d);
  }
  const double alpha = (lo - mean) / sd;
  const double beta = (hi - mean) / sd;
  d.mirrored = beta <= 0.0;
  d.a = d.mirrored ? -beta : alpha;
  d.b = d.mirrored ? -alpha : beta;
  d.q_a = normal_upper_tail(d.a);
  d.q_b = normal_upper_tail(d.b);
  const double mass = d.q_a - d.q_b;
  if (!(mass >= std::numeric_limits<double>::min())) {
    const std::string parent = "normal(" + fmt(mean) + ", " + fmt(sd) + ")";
    throw_bad_parameter(kName, "[" + fmt(lo) + ", " + fmt(hi) + "] holds no probability " +
                                   "mass representable in double under " + parent);
  }
  d.use_rejection = mass >= TruncatedNormal::kRejectionMinAcceptance;
  // E[Z | alpha <= Z <= beta] = (phi(alpha) - phi(beta)) / P(alpha <= Z <= beta).
  const double shift = (normal_density(alpha) - normal_density(beta)) / mass;
  d.truncated_mean = std::clamp(mean + sd * shift, lo, hi);
  return Distribution(d);
}

Distribution Distribution::empirical(std::vector<Point> points) {
  constexpr std::string_view kName = "empirical";
  constexpr double kTolerance = 1e-9;
  if (points.size() < 2) {
    throw_bad_parameter(kName, "needs at least two knots, got " + std::to_string(points.size()));
  }
  for (std::size_t i = 0; i < points.size(); ++i) {
    const Point& p = points[i];
    const auto where = [&] {
      return "knot " + std::to_string(i) + " (" + fmt(p.x) + ", " + fmt(p.cdf) + ")";
    };
    if (!std::isfinite(p.x)) throw_bad_parameter(kName, where() + ": x must be finite");
    if (!(p.cdf >= 0.0 && p.cdf <= 1.0 + kTolerance)) {
      throw_bad_parameter(kName, where() + ": cdf must lie in [0, 1]");
    }
    if (i > 0 && p.x < points[i - 1].x) {
      throw_bad_parameter(kName, where() + ": x decreases from " + fmt(points[i - 1].x));
    }
    if (i > 0 && p.cdf < points[i - 1].cdf) {
      throw_bad_parameter(kName, where() + ": cdf decreases from " + fmt(points[i - 1].cdf));
    }
  }
  if (points.front().cdf > kTolerance) {
    throw_bad_parameter(kName, "first knot's cdf must be 0, got " + fmt(points.front().cdf));
  }
  if (std::abs(points.back().cdf - 1.0) > kTolerance) {
    throw_bad_parameter(kName, "last knot's cdf must be 1, got " + fmt(points.back().cdf));
  }
  // Snap the ends and anything the tolerance let past them; sample() relies on exact 0 and 1.
  for (Point& p : points) p.cdf = std::clamp(p.cdf, 0.0, 1.0);
  points.front().cdf = 0.0;
  points.back().cdf = 1.0;

  Empirical d{};
  d.x.reserve(points.size());
  d.cdf.reserve(points.size());
  d.mean_value = 0.0;
  d.support_min = points.front().x;
  for (std::size_t i = 0; i < points.size(); ++i) {
    d.x.push_back(points[i].x);
    d.cdf.push_back(points[i].cdf);
    if (points[i].cdf == 0.0) d.support_min = points[i].x;
    // Between knots the variable is uniform, so each segment contributes mass * midpoint.
    if (i > 0) {
      d.mean_value += (points[i].cdf - points[i - 1].cdf) * 0.5 * (points[i - 1].x + points[i].x);
    }
  }
  const std::size_t inner = points.size() - 2;
  d.search_width = points.size() > Empirical::kLinearSearchKnots ? 0
                   : inner <= 4                                  ? 4
                   : inner <= 8                                  ? 8
                                                                 : 16;
  d.inner_cdf.fill(std::numeric_limits<double>::infinity());
  if (d.search_width > 0) std::copy(d.cdf.begin() + 1, d.cdf.end() - 1, d.inner_cdf.begin());
  return Distribution(std::move(d));
}

std::string Distribution::describe() const {
  struct Describe {
    std::string operator()(const Constant& d) const { return "constant(" + fmt(d.value) + ")"; }
    std::string operator()(const Exponential& d) const {
      return "exponential(mean=" + fmt(d.mean_value) + ")";
    }
    std::string operator()(const TruncatedNormal& d) const {
      return "truncated_normal(mean=" + fmt(d.mu) + ", sd=" + fmt(d.sigma) + ", lo=" + fmt(d.lo) +
             ", hi=" + fmt(d.hi) + ")";
    }
    std::string operator()(const LogNormal& d) const {
      return "lognormal(mean=" + fmt(d.mean_value) + ", sd=" + fmt(d.sd) + ")";
    }
    std::string operator()(const Gamma& d) const {
      return "gamma(shape=" + fmt(d.shape) + ", scale=" + fmt(d.scale) + ")";
    }
    std::string operator()(const Uniform& d) const {
      return "uniform(lo=" + fmt(d.lo) + ", hi=" + fmt(d.hi) + ")";
    }
    std::string operator()(const Empirical& d) const {
      std::string text = "empirical(";
      for (std::size_t i = 0; i < d.x.size(); ++i) {
        if (i > 0) text += ", ";
        text += "(" + fmt(d.x[i]) + ", " + fmt(d.cdf[i]) + ")";
      }
      return text + ")";
    }
  };
  return std::visit(Describe{}, family_);
}

}  // namespace vaxsim::sim
