#pragma once
// Continuous distributions for service times, uptake, delays...: `Distribution`, a small value
// type that a config holds (the family and its parameters, checked by the factories), and no
// more. Drawing from one is in vaxsim/sim/detail/sampling.hpp, with the Boost.Random machinery
// it needs and the discrete helpers (bernoulli, binomial...): compiled code and tools that draw
// themselves include it; a planning tool that only configures and runs campaigns never parses
// Boost.Random or Boost.Math.
//
// A Distribution is a std::variant of plain families, no virtual calls; sampling never
// allocates; it is const and holds no hidden state, so one instance may be shared by many
// threads, each with its own engine.

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace vaxsim::sim {

/// A probability distribution over doubles, built by the validating factories below (they
/// throw std::invalid_argument "Distribution::<factory>: <problem>").
///
/// Default-constructed, it is constant(0): "no delay" is the natural default for a config field.
class Distribution {
 public:
  /// A knot of an empirical CDF: P(X <= x) = cdf.
  struct Point {
    double x;
    double cdf;
  };

  Distribution() noexcept : family_(Constant{0.0}) {}

  /// Always `value` (finite).
  static Distribution constant(double value);
  /// Exponential with the given mean (> 0, finite). Use constant(0) for "no delay".
  static Distribution exponential(double mean);
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
  static Distribution lognormal(double mean, double sd);
  /// Gamma with shape k > 0 and scale theta > 0: mean k*theta, variance k*theta^2.
  static Distribution gamma(double shape, double scale);
  /// Uniform on [lo, hi) (finite, lo <= hi); lo == hi is a point mass.
  static Distribution uniform(double lo, double hi);
  /// Piecewise-linear CDF through the knots (x_i, F_i), sampled by inverse transform. Needs at
  /// least two knots; x and F nondecreasing; F starts at 0 and ends at 1 (within 1e-9, then
  /// snapped, to forgive hand-typed decimals). Equal x with rising F is an atom at x; equal F
  /// with rising x is a gap in the support.
  static Distribution empirical(std::vector<Point> points);

  /// One draw; the number of engine outputs used varies by family. Each family's draw is
  /// sample_family() in vaxsim/sim/detail/sampling.hpp (inline, Boost.Random), found by
  /// argument-dependent lookup where the call is instantiated: include that header where you
  /// draw; without it, a call does not compile.
  template <typename Engine>
  double sample(Engine& engine) const {
    return std::visit([&engine](const auto& f) { return sample_family(f, engine); }, family_);
  }
  /// Fills `out` with draws: the same values as calling sample() once per element, in order,
  /// with one dispatch on the family for the whole batch instead of one per draw. Also needs
  /// vaxsim/sim/detail/sampling.hpp.
  template <typename Engine>
  void sample(Engine& engine, std::span<double> out) const {
    std::visit(
        [&engine, out](const auto& f) {
          if constexpr (requires { sample_family(f, engine, out); }) {
            sample_family(f, engine, out);  // a family with a batch path of its own
          } else {
            for (double& x : out) x = sample_family(f, engine);
          }
        },
        family_);
  }
  /// The expected value (for truncated_normal: of the truncated variable).
  double mean() const {
    return std::visit([](const auto& f) { return f.mean(); }, family_);
  }
  /// Lower bound of the support (may be -inf for truncated_normal); check `min() >= 0` when
  /// validating something that must not be negative, such as a service time.
  double min() const {
    return std::visit([](const auto& f) { return f.min(); }, family_);
  }
  /// Human-readable form for logs and reports, e.g. "exponential(mean=30)".
  std::string describe() const;

  // The families, as the factories leave them: what the sampler reads.

  struct Constant {
    double value;
    double mean() const { return value; }
    double min() const { return value; }
  };

  struct Exponential {
    double mean_value;
    double mean() const { return mean_value; }
    double min() const { return 0.0; }
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

    double mean() const { return truncated_mean; }
    double min() const { return degenerate ? truncated_mean : lo; }
  };

  struct LogNormal {
    double mean_value, sd;  // of the variable itself, as given
    double log_mu, log_sigma;
    double mean() const { return mean_value; }
    double min() const { return log_sigma == 0.0 ? mean_value : 0.0; }
  };

  struct Gamma {
    double shape, scale;
    double mean() const { return shape * scale; }
    double min() const { return 0.0; }
  };

  struct Uniform {
    double lo, hi;
    double mean() const { return 0.5 * (lo + hi); }
    double min() const { return lo; }
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

    double mean() const { return mean_value; }
    double min() const { return support_min; }
  };

  using Family =
      std::variant<Constant, Exponential, TruncatedNormal, LogNormal, Gamma, Uniform, Empirical>;

  /// The family and its parameters.
  const Family& family() const noexcept { return family_; }

 private:
  template <typename F>
  explicit Distribution(F family) : family_(std::move(family)) {}

  Family family_;
};

}  // namespace vaxsim::sim
