#pragma once
// Continuous distributions for service times, uptake, delays..., plus discrete helpers.
//
// All sampling goes through Boost.Random distributions on a Boost engine (the lognormal's exp
// over a batch by glibc's libmvec, see vector_exp.hpp): the standard library's distributions are
// implementation-defined, so std:: would give different runs with libstdc++ and libc++.
// `Distribution` is a small value type (a std::variant, no virtual calls) whose sample() never
// allocates; it is const and holds no hidden state, so one instance may be shared by many
// threads, each with its own engine.

#include <algorithm>
#include <array>
#include <boost/math/policies/policy.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/binomial_distribution.hpp>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numbers>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "vaxsim/sim/number_text.hpp"
#include "vaxsim/sim/random.hpp"
#include "vaxsim/sim/vector_exp.hpp"

namespace vaxsim::sim {

namespace detail {

/// Reports a bad factory argument as "Distribution::<factory>: <problem>".
[[noreturn]] inline void throw_bad_parameter(std::string_view factory, const std::string& problem) {
  throw std::invalid_argument("Distribution::" + std::string(factory) + ": " + problem);
}

// Boost.Math promotes double to long double by default; long double is 80-bit on x86 and 128-bit
// (software) on AArch64, which would make results platform-dependent and slow. Stay in double.
using DoubleMathPolicy =
    boost::math::policies::policy<boost::math::policies::promote_double<false>>;

/// Q(z) = P(Z > z) for a standard normal Z. Via erfc, not 1 - Phi, so it keeps full relative
/// precision far into the upper tail (Q(30) ~ 5e-198 is still exact to a few ulp).
inline double normal_upper_tail(double z) { return 0.5 * std::erfc(z / std::numbers::sqrt2); }

/// Inverse of Q on (0, 1).
inline double normal_upper_tail_inverse(double q) {
  return std::numbers::sqrt2 * boost::math::erfc_inv(2.0 * q, DoubleMathPolicy());
}

/// The standard normal density; 0 at +-infinity.
inline double normal_density(double z) {
  return std::exp(-0.5 * z * z) * (std::numbers::inv_sqrtpi / std::numbers::sqrt2);
}

/// The engine's 64 bits as the nearest double, exactly as a conversion gives, but without the
/// branch on the top bit that g++ emits for an unsigned conversion on x86-64 (half of random
/// words have it set: a misprediction every other draw). With the top bit set, the word is
/// halved keeping a sticky bit, which rounds the same, and the result doubled back.
inline double to_double_exactly(std::uint64_t x) {
  const std::uint64_t top = x >> 63;
  const auto halved = static_cast<std::int64_t>((x >> top) | (x & top));
  return static_cast<double>(halved) * static_cast<double>(1 + top);
}

/// Uniform on [lo, hi): the very numbers boost::random::uniform_real_distribution<double> and
/// (for [0, 1)) uniform_01<double> give with a 64-bit engine -- the word times 2^-64 (their
/// division by 2^64 is exact), scaled, and drawn again in the rare case it rounds up to hi --
/// only faster (see to_double_exactly).
inline double uniform_draw(RandomEngine& engine, double lo = 0.0, double hi = 1.0) {
  static_assert(RandomEngine::min() == 0 &&
                RandomEngine::max() == std::numeric_limits<std::uint64_t>::max());
  for (;;) {
    const double result = to_double_exactly(engine()) * 0x1p-64 * (hi - lo) + lo;
    if (result < hi) return result;
  }
}

/// How many of the first W entries of `knots` are <= u: fully unrolled for a fixed W (two
/// instructions a knot, no branch), where a loop to a run-time count costs five a knot.
template <std::size_t W, std::size_t N>
std::size_t count_at_or_below(const std::array<double, N>& knots, double u) {
  static_assert(W <= N);
  std::size_t count = 0;
  for (std::size_t k = 0; k < W; ++k) count += knots[k] <= u ? 1u : 0u;
  return count;
}

}  // namespace detail

// ---------------------------------------------------------------------------------------------
// Discrete helpers. Probabilities outside [0, 1] are clamped (1 - x can round to -1e-17) and NaN
// throws, so Boost never sees an invalid parameter (its checks are debug-only asserts).

/// True with probability p. Always consumes exactly one engine output, even for p <= 0 or
/// p >= 1: a scenario that changes an uptake from 0.9 to 1.0 then keeps its later draws aligned
/// with the baseline (common random numbers).
inline bool bernoulli(RandomEngine& engine, double p) {
  if (std::isnan(p)) throw std::invalid_argument("bernoulli: p is NaN");
  if (p <= 0.0 || p >= 1.0) {
    engine.discard(1);
    return p >= 1.0;
  }
  return boost::random::bernoulli_distribution<double>(p)(engine);
}

/// Calls `selected(i)`, in increasing order, for each i in [0, n) that independent trials of
/// probability p select: the same law as bernoulli(p) for each i, drawn as geometric gaps
/// between the selected indices, so it costs a draw per selection (plus one) rather than one per
/// trial; for rare events in long lists (no-shows among a day's bookings) that is most of them.
template <typename Selected>
void each_selected(RandomEngine& engine, std::int64_t n, double p, Selected&& selected) {
  if (std::isnan(p)) throw std::invalid_argument("each_selected: p is NaN");
  if (n <= 0 || p <= 0.0) return;
  if (p >= 1.0) {
    for (std::int64_t i = 0; i < n; ++i) selected(i);
    return;
  }
  const double log_q = std::log1p(-p);  // < 0
  for (std::int64_t i = -1;;) {
    const double u = 1.0 - detail::uniform_draw(engine);  // (0, 1]
    // Trials failed before the next success: P(gap >= k) = (1 - p)^k.
    const double gap = std::floor(std::log(u) / log_q);
    if (gap >= static_cast<double>(n - 1 - i)) return;  // past the end (compared as doubles)
    i += static_cast<std::int64_t>(gap) + 1;
    selected(i);
  }
}

/// Number of successes in n independent trials of probability p (n >= 0). The degenerate cases
/// n == 0, p <= 0 and p >= 1 consume no engine output.
inline std::int64_t binomial(RandomEngine& engine, std::int64_t n, double p) {
  if (n < 0) throw std::invalid_argument("binomial: n must be >= 0, got " + std::to_string(n));
  if (std::isnan(p)) throw std::invalid_argument("binomial: p is NaN");
  if (n == 0 || p <= 0.0) return 0;
  if (p >= 1.0) return n;
  return boost::random::binomial_distribution<std::int64_t, double>(n, p)(engine);
}

/// A Poisson count with the given mean (finite, >= 0). mean == 0 gives 0 and consumes no output.
inline std::int64_t poisson(RandomEngine& engine, double mean) {
  if (!(mean >= 0.0) || !std::isfinite(mean)) {
    throw std::invalid_argument("poisson: mean must be finite and >= 0, got " + number_text(mean));
  }
  if (mean == 0.0) return 0;
  return boost::random::poisson_distribution<std::int64_t, double>(mean)(engine);
}

// ---------------------------------------------------------------------------------------------

/// A probability distribution over doubles, built by the validating factories below.
///
/// Default-constructed, it is constant(0): "no delay" is the natural default for a config field.
class Distribution {
 public:
  /// A knot of an empirical CDF: P(X <= x) = cdf.
  struct Point {
    double x;
    double cdf;
  };

  Distribution() noexcept : impl_(Constant{0.0}) {}

  /// Always `value` (finite).
  static Distribution constant(double value) {
    if (!std::isfinite(value)) {
      detail::throw_bad_parameter("constant", "value must be finite, got " + fmt(value));
    }
    return Distribution(Constant{value});
  }

  /// Exponential with the given mean (> 0, finite). Use constant(0) for "no delay".
  static Distribution exponential(double mean) {
    if (!(mean > 0.0) || !std::isfinite(mean)) {
      detail::throw_bad_parameter("exponential", "mean must be positive and finite, got " +
                                                     fmt(mean) + " (constant(0) means no delay)");
    }
    return Distribution(Exponential{mean});
  }

  /// Normal(mean, sd) conditioned on [lo, hi]. `mean` and `sd` are those of the parent normal,
  /// not of the result (see Distribution::mean() for that). lo may be -inf and hi +inf.
  /// sd == 0 or lo == hi give the degenerate limit, a point mass at clamp(mean, lo, hi).
  /// Throws if [lo, hi] holds no probability representable in double (e.g. 40 sd from the mean):
  /// that is a mis-specified scenario, not something to silently paper over.
  static Distribution truncated_normal(double mean, double sd, double lo, double hi);

  /// Log-normal with the given mean (> 0) and standard deviation (>= 0) of the variable itself.
  /// The underlying normal log(X) ~ N(mu, sigma^2) has sigma^2 = log(1 + (sd/mean)^2) and
  /// mu = log(mean) - sigma^2 / 2, which follow from E[X] = exp(mu + sigma^2/2) and
  /// Var[X] = (exp(sigma^2) - 1) E[X]^2. sd == 0 is a point mass at mean.
  static Distribution lognormal(double mean, double sd) {
    if (!(mean > 0.0) || !std::isfinite(mean)) {
      detail::throw_bad_parameter("lognormal",
                                  "mean must be positive and finite, got " + fmt(mean));
    }
    if (!(sd >= 0.0) || !std::isfinite(sd)) {
      detail::throw_bad_parameter("lognormal", "sd must be finite and >= 0, got " + fmt(sd));
    }
    const double cv = sd / mean;
    const double log_variance = std::log1p(cv * cv);  // log1p: exact for small cv
    if (!std::isfinite(log_variance)) {
      detail::throw_bad_parameter("lognormal", "sd/mean is too large, got " + fmt(cv));
    }
    return Distribution(
        LogNormal{mean, sd, std::log(mean) - 0.5 * log_variance, std::sqrt(log_variance)});
  }

  /// Gamma with shape k > 0 and scale theta > 0: mean k*theta, variance k*theta^2.
  static Distribution gamma(double shape, double scale) {
    if (!(shape > 0.0) || !std::isfinite(shape)) {
      detail::throw_bad_parameter("gamma", "shape must be positive and finite, got " + fmt(shape));
    }
    if (!(scale > 0.0) || !std::isfinite(scale)) {
      detail::throw_bad_parameter("gamma", "scale must be positive and finite, got " + fmt(scale));
    }
    return Distribution(Gamma{shape, scale});
  }

  /// Uniform on [lo, hi) (finite, lo <= hi); lo == hi is a point mass.
  static Distribution uniform(double lo, double hi) {
    if (!std::isfinite(lo) || !std::isfinite(hi) || lo > hi) {
      detail::throw_bad_parameter("uniform",
                                  "needs finite lo <= hi, got lo=" + fmt(lo) + ", hi=" + fmt(hi));
    }
    return Distribution(Uniform{lo, hi});
  }

  /// Piecewise-linear CDF through the knots (x_i, F_i), sampled by inverse transform. Needs at
  /// least two knots; x and F nondecreasing; F starts at 0 and ends at 1 (within 1e-9, then
  /// snapped, to forgive hand-typed decimals). Equal x with rising F is an atom at x; equal F
  /// with rising x is a gap in the support.
  static Distribution empirical(std::vector<Point> points);

  /// One draw. No allocation, no virtual call; number of engine outputs used varies by family.
  double sample(RandomEngine& engine) const {
    return std::visit([&engine](const auto& d) { return d.sample(engine); }, impl_);
  }
  /// Fills `out` with draws: the same values as calling sample() once per element, in order,
  /// with one dispatch on the family for the whole batch instead of one per draw.
  void sample(RandomEngine& engine, std::span<double> out) const {
    std::visit(
        [&engine, out](const auto& d) {
          if constexpr (requires { d.sample(engine, out); }) {
            d.sample(engine, out);  // a family with a batch path of its own
          } else {
            for (double& x : out) x = d.sample(engine);
          }
        },
        impl_);
  }
  /// The expected value (for truncated_normal: of the truncated variable).
  double mean() const {
    return std::visit([](const auto& d) { return d.mean(); }, impl_);
  }
  /// Lower bound of the support (may be -inf for truncated_normal); check `min() >= 0` when
  /// validating something that must not be negative, such as a service time.
  double min() const {
    return std::visit([](const auto& d) { return d.min(); }, impl_);
  }
  /// Human-readable form for logs and reports, e.g. "exponential(mean=30)".
  std::string describe() const {
    return std::visit([](const auto& d) { return d.describe(); }, impl_);
  }

 private:
  static std::string fmt(double x) { return number_text(x); }

  struct Constant {
    double value;
    double sample(RandomEngine&) const { return value; }
    double mean() const { return value; }
    double min() const { return value; }
    std::string describe() const { return "constant(" + fmt(value) + ")"; }
  };

  struct Exponential {
    double mean_value;
    double sample(RandomEngine& engine) const {
      // Unit exponential times the mean, rather than rate 1/mean: no rounding of the reciprocal.
      return boost::random::exponential_distribution<double>(1.0)(engine) * mean_value;
    }
    double mean() const { return mean_value; }
    double min() const { return 0.0; }
    std::string describe() const { return "exponential(mean=" + fmt(mean_value) + ")"; }
  };

  struct TruncatedNormal {
    // Plain rejection from the parent normal costs 1/P([lo, hi]) normal draws on average (about
    // 7 ns each with Boost's ziggurat, plus mispredicted branches); inverse-CDF sampling (one
    // uniform and one erfc_inv) costs about 25 ns at any truncation. Measured on x86-64 with
    // g++ 12 -O2, rejection loses below an acceptance probability of about 0.6.
    static constexpr double kRejectionMinAcceptance = 0.6;
    // At acceptance 0.6, 64 consecutive rejections happen with probability 3e-26; should it
    // happen anyway we switch to inverse CDF. The result is still exactly the truncated normal
    // (each branch is), and a sample can never loop for long.
    static constexpr int kMaxRejections = 64;

    double mu, sigma, lo, hi;  // as given
    bool degenerate;           // sd == 0 or lo == hi: always `truncated_mean`
    bool use_rejection;
    // Inverse CDF works on the upper-tail function Q in standardized coordinates, on an
    // interval [a, b] with b > 0. An interval entirely below the mean is mirrored (a = -beta,
    // b = -alpha, result negated), so tails are never computed as 1 - (something close to 1).
    bool mirrored;
    double a, b;
    double q_a, q_b;  // Q(a) > Q(b)
    double truncated_mean;

    double sample(RandomEngine& engine) const {
      if (degenerate) return truncated_mean;
      if (use_rejection) {
        boost::random::normal_distribution<double> normal(mu, sigma);  // operator() non-const
        for (int attempt = 0; attempt < kMaxRejections; ++attempt) {
          const double x = normal(engine);
          if (x >= lo && x <= hi) return x;
        }
      }
      const double u = detail::uniform_draw(engine);
      // q in (q_b, q_a]; kept inside (0, 1) so erfc_inv's argument stays in (0, 2).
      const double q = std::clamp(q_a - u * (q_a - q_b), std::numeric_limits<double>::denorm_min(),
                                  1.0 - 0x1p-53);
      double z = std::clamp(detail::normal_upper_tail_inverse(q), a, b);
      if (mirrored) z = -z;
      return std::clamp(mu + sigma * z, lo, hi);
    }
    double mean() const { return truncated_mean; }
    double min() const { return degenerate ? truncated_mean : lo; }
    std::string describe() const {
      return "truncated_normal(mean=" + fmt(mu) + ", sd=" + fmt(sigma) + ", lo=" + fmt(lo) +
             ", hi=" + fmt(hi) + ")";
    }
  };

  struct LogNormal {
    double mean_value, sd;  // of the variable itself, as given
    double log_mu, log_sigma;
    // exp(N(log_mu, log_sigma^2)), the normals drawn as boost::random::lognormal_distribution
    // draws them, but exp taken over the whole batch by exp_in_place (vectorised, within a few
    // ulp of std::exp): a scalar exp was most of a draw's cost. One draw is a batch of one, so
    // both give the same values.
    double sample(RandomEngine& engine) const {
      double value;
      sample(engine, std::span<double>(&value, 1));
      return value;
    }
    void sample(RandomEngine& engine, std::span<double> out) const {
      if (log_sigma == 0.0) {
        std::fill(out.begin(), out.end(), mean_value);
        return;
      }
      boost::random::normal_distribution<double> normal(log_mu, log_sigma);  // () is non-const
      for (double& x : out) x = normal(engine);
      detail::exp_in_place(out);
    }
    double mean() const { return mean_value; }
    double min() const { return log_sigma == 0.0 ? mean_value : 0.0; }
    std::string describe() const {
      return "lognormal(mean=" + fmt(mean_value) + ", sd=" + fmt(sd) + ")";
    }
  };

  struct Gamma {
    double shape, scale;
    double sample(RandomEngine& engine) const {
      boost::random::gamma_distribution<double> gamma(shape, scale);  // operator() is non-const
      return gamma(engine);
    }
    double mean() const { return shape * scale; }
    double min() const { return 0.0; }
    std::string describe() const {
      return "gamma(shape=" + fmt(shape) + ", scale=" + fmt(scale) + ")";
    }
  };

  struct Uniform {
    double lo, hi;
    double sample(RandomEngine& engine) const {
      // uniform_draw loops until it draws a value < hi, forever when lo == hi.
      if (lo == hi) return lo;
      return detail::uniform_draw(engine, lo, hi);
    }
    double mean() const { return 0.5 * (lo + hi); }
    double min() const { return lo; }
    std::string describe() const { return "uniform(lo=" + fmt(lo) + ", hi=" + fmt(hi) + ")"; }
  };

  struct Empirical {
    static constexpr std::size_t kLinearSearchKnots = 16;
    std::vector<double> x;    // knots, nondecreasing
    std::vector<double> cdf;  // F at the knots: cdf.front() == 0, cdf.back() == 1 exactly
    // With at most kLinearSearchKnots knots, F at the knots between the first and the last,
    // padded with +inf (never <= u) to `search_width` entries, 4, 8 or 16: the smallest that
    // holds them, so that the search is a count of fixed length. 0 means binary search in cdf.
    std::array<double, kLinearSearchKnots> inner_cdf;
    std::size_t search_width;
    double mean_value;
    double support_min;  // x at the last knot with F == 0

    /// Calls f with search_width as a compile-time constant.
    template <typename F>
    decltype(auto) with_search_width(F&& f) const {
      using W = std::size_t;
      switch (search_width) {
        case 4:
          return f(std::integral_constant<W, 4>{});
        case 8:
          return f(std::integral_constant<W, 8>{});
        case 16:
          return f(std::integral_constant<W, 16>{});
        default:
          return f(std::integral_constant<W, 0>{});
      }
    }

    template <std::size_t Width>
    double draw(RandomEngine& engine) const {
      const double u = detail::uniform_draw(engine);  // [0, 1)
      // First knot with F > u; exists because F ends at 1, and is not the first because F
      // starts at 0 <= u. Flat stretches of F (no mass) are skipped by construction.
      std::size_t i = 1;
      if constexpr (Width > 0) {
        // A handful of knots: count those at or below u, without a branch to mispredict.
        i += detail::count_at_or_below<Width>(inner_cdf, u);
      } else {
        i = static_cast<std::size_t>(std::upper_bound(cdf.begin(), cdf.end(), u) - cdf.begin());
      }
      const double f0 = cdf[i - 1];
      const double x0 = x[i - 1];
      const double x1 = x[i];
      return std::clamp(x0 + (u - f0) / (cdf[i] - f0) * (x1 - x0), x0, x1);
    }
    double sample(RandomEngine& engine) const {
      return with_search_width([&](auto width) { return draw<decltype(width)::value>(engine); });
    }
    void sample(RandomEngine& engine, std::span<double> out) const {
      with_search_width([&](auto width) {
        for (double& value : out) value = draw<decltype(width)::value>(engine);
      });
    }

    double mean() const { return mean_value; }
    double min() const { return support_min; }
    std::string describe() const {
      std::string text = "empirical(";
      for (std::size_t i = 0; i < x.size(); ++i) {
        if (i > 0) text += ", ";
        text += "(" + fmt(x[i]) + ", " + fmt(cdf[i]) + ")";
      }
      return text + ")";
    }
  };

  using Impl =
      std::variant<Constant, Exponential, TruncatedNormal, LogNormal, Gamma, Uniform, Empirical>;

  template <typename Family>
  explicit Distribution(Family family) : impl_(std::move(family)) {}

  Impl impl_;
};

inline Distribution Distribution::truncated_normal(double mean, double sd, double lo, double hi) {
  constexpr std::string_view kName = "truncated_normal";
  if (!std::isfinite(mean)) {
    detail::throw_bad_parameter(kName, "mean must be finite, got " + fmt(mean));
  }
  if (!(sd >= 0.0) || !std::isfinite(sd)) {
    detail::throw_bad_parameter(kName, "sd must be finite and >= 0, got " + fmt(sd));
  }
  constexpr double kInf = std::numeric_limits<double>::infinity();
  if (std::isnan(lo) || std::isnan(hi) || lo > hi || lo == kInf || hi == -kInf) {
    detail::throw_bad_parameter(kName, "needs lo <= hi with lo < +inf and hi > -inf, got lo=" +
                                           fmt(lo) + ", hi=" + fmt(hi));
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
  d.q_a = detail::normal_upper_tail(d.a);
  d.q_b = detail::normal_upper_tail(d.b);
  const double mass = d.q_a - d.q_b;
  if (!(mass >= std::numeric_limits<double>::min())) {
    const std::string parent = "normal(" + fmt(mean) + ", " + fmt(sd) + ")";
    detail::throw_bad_parameter(kName, "[" + fmt(lo) + ", " + fmt(hi) + "] holds no probability " +
                                           "mass representable in double under " + parent);
  }
  d.use_rejection = mass >= TruncatedNormal::kRejectionMinAcceptance;
  // E[Z | alpha <= Z <= beta] = (phi(alpha) - phi(beta)) / P(alpha <= Z <= beta).
  const double shift = (detail::normal_density(alpha) - detail::normal_density(beta)) / mass;
  d.truncated_mean = std::clamp(mean + sd * shift, lo, hi);
  return Distribution(d);
}

inline Distribution Distribution::empirical(std::vector<Point> points) {
  constexpr std::string_view kName = "empirical";
  constexpr double kTolerance = 1e-9;
  if (points.size() < 2) {
    detail::throw_bad_parameter(kName,
                                "needs at least two knots, got " + std::to_string(points.size()));
  }
  for (std::size_t i = 0; i < points.size(); ++i) {
    const Point& p = points[i];
    const auto where = [&] {
      return "knot " + std::to_string(i) + " (" + fmt(p.x) + ", " + fmt(p.cdf) + ")";
    };
    if (!std::isfinite(p.x)) detail::throw_bad_parameter(kName, where() + ": x must be finite");
    if (!(p.cdf >= 0.0 && p.cdf <= 1.0 + kTolerance)) {
      detail::throw_bad_parameter(kName, where() + ": cdf must lie in [0, 1]");
    }
    if (i > 0 && p.x < points[i - 1].x) {
      detail::throw_bad_parameter(kName, where() + ": x decreases from " + fmt(points[i - 1].x));
    }
    if (i > 0 && p.cdf < points[i - 1].cdf) {
      detail::throw_bad_parameter(kName,
                                  where() + ": cdf decreases from " + fmt(points[i - 1].cdf));
    }
  }
  if (points.front().cdf > kTolerance) {
    detail::throw_bad_parameter(kName,
                                "first knot's cdf must be 0, got " + fmt(points.front().cdf));
  }
  if (std::abs(points.back().cdf - 1.0) > kTolerance) {
    detail::throw_bad_parameter(kName, "last knot's cdf must be 1, got " + fmt(points.back().cdf));
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

}  // namespace vaxsim::sim
