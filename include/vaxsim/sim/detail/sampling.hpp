#pragma once
// Drawing from a Distribution, and the discrete helpers (bernoulli, each_selected, binomial,
// poisson): everything that draws random numbers, inline, since draws are the site-day
// simulation's hot path. For compiled code and for tools that draw themselves; a config needs
// only vaxsim/sim/distributions.hpp, which stays free of Boost (see there).
//
// All sampling goes through Boost.Random distributions on our engine (the lognormal's exp over
// a batch by glibc's libmvec, see vector_exp.hpp): the standard library's distributions are
// implementation-defined, so std:: would give different runs with libstdc++ and libc++.

#include <algorithm>
#include <array>
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
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <variant>

#include "vaxsim/sim/distributions.hpp"
#include "vaxsim/sim/number_text.hpp"
#include "vaxsim/sim/random.hpp"
#include "vaxsim/sim/vector_exp.hpp"

namespace vaxsim::sim {

namespace detail {

/// Inverse of Q(z) = P(Z > z), Z standard normal, on (0, 1). Compiled (lib/sim/distributions.cpp)
/// so that Boost.Math's erfc_inv is parsed there only; it costs about 25 ns, the call nothing.
double normal_upper_tail_inverse(double q);

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
inline std::size_t count_at_or_below(const std::array<double, N>& knots, double u) {
  static_assert(W <= N);
  std::size_t count = 0;
  for (std::size_t k = 0; k < W; ++k) count += knots[k] <= u ? 1u : 0u;
  return count;
}

// The templates below are declared inline, as the member templates they were (defined in their
// class) implicitly are: g++ then inlines them into the batch loop instead of calling them once
// per draw.

/// Calls f with the empirical's search_width as a compile-time constant.
template <typename F>
inline decltype(auto) with_search_width(const Distribution::Empirical& d, F&& f) {
  using W = std::size_t;
  switch (d.search_width) {
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
inline double draw_empirical(const Distribution::Empirical& d, RandomEngine& engine) {
  const double u = uniform_draw(engine);  // [0, 1)
  // First knot with F > u; exists because F ends at 1, and is not the first because F starts
  // at 0 <= u. Flat stretches of F (no mass) are skipped by construction.
  std::size_t i = 1;
  if constexpr (Width > 0) {
    // A handful of knots: count those at or below u, without a branch to mispredict.
    i += count_at_or_below<Width>(d.inner_cdf, u);
  } else {
    i = static_cast<std::size_t>(std::upper_bound(d.cdf.begin(), d.cdf.end(), u) - d.cdf.begin());
  }
  const double f0 = d.cdf[i - 1];
  const double x0 = d.x[i - 1];
  const double x1 = d.x[i];
  return std::clamp(x0 + (u - f0) / (d.cdf[i] - f0) * (x1 - x0), x0, x1);
}

}  // namespace detail

// One draw from each family, and a batch for the families with a batch path of their own:
// what Distribution::sample calls for the family it holds (found by argument-dependent lookup,
// the families being Distribution's, so these live in vaxsim::sim). No allocation, no virtual
// call.
//
// The batches are the site-day's hot loops (service times, arrival times) and are flattened:
// every draw inlined into the loop. Left to its heuristics, g++ 12 inlines Boost's ziggurat
// normal or not depending on the size of the whole translation unit, and without Boost.Math in
// site_day.cpp it did not: a call per normal draw, 4% more instructions for a campaign.

inline double sample_family(const Distribution::Constant& d, RandomEngine&) { return d.value; }

inline double sample_family(const Distribution::Exponential& d, RandomEngine& engine) {
  // Unit exponential times the mean, rather than rate 1/mean: no rounding of the reciprocal.
  return boost::random::exponential_distribution<double>(1.0)(engine) * d.mean_value;
}

inline double sample_family(const Distribution::TruncatedNormal& d, RandomEngine& engine) {
  using Family = Distribution::TruncatedNormal;
  if (d.degenerate) return d.truncated_mean;
  if (d.use_rejection) {
    boost::random::normal_distribution<double> normal(d.mu, d.sigma);  // operator() non-const
    for (int attempt = 0; attempt < Family::kMaxRejections; ++attempt) {
      const double x = normal(engine);
      if (x >= d.lo && x <= d.hi) return x;
    }
  }
  const double u = detail::uniform_draw(engine);
  // q in (q_b, q_a]; kept inside (0, 1) so erfc_inv's argument stays in (0, 2).
  const double q = std::clamp(d.q_a - u * (d.q_a - d.q_b),
                              std::numeric_limits<double>::denorm_min(), 1.0 - 0x1p-53);
  double z = std::clamp(detail::normal_upper_tail_inverse(q), d.a, d.b);
  if (d.mirrored) z = -z;
  return std::clamp(d.mu + d.sigma * z, d.lo, d.hi);
}

// exp(N(log_mu, log_sigma^2)), the normals drawn as boost::random::lognormal_distribution draws
// them, but exp taken over the whole batch by exp_in_place (vectorised, within a few ulp of
// std::exp): a scalar exp was most of a draw's cost. One draw is a batch of one, so both give
// the same values.
[[gnu::flatten]] inline void sample_family(const Distribution::LogNormal& d, RandomEngine& engine,
                                           std::span<double> out) {
  if (d.log_sigma == 0.0) {
    std::fill(out.begin(), out.end(), d.mean_value);
    return;
  }
  boost::random::normal_distribution<double> normal(d.log_mu, d.log_sigma);  // () is non-const
  for (double& x : out) x = normal(engine);
  detail::exp_in_place(out);
}
inline double sample_family(const Distribution::LogNormal& d, RandomEngine& engine) {
  double value;
  sample_family(d, engine, std::span<double>(&value, 1));
  return value;
}

inline double sample_family(const Distribution::Gamma& d, RandomEngine& engine) {
  boost::random::gamma_distribution<double> gamma(d.shape, d.scale);  // operator() is non-const
  return gamma(engine);
}

inline double sample_family(const Distribution::Uniform& d, RandomEngine& engine) {
  // uniform_draw loops until it draws a value < hi, forever when lo == hi.
  if (d.lo == d.hi) return d.lo;
  return detail::uniform_draw(engine, d.lo, d.hi);
}

inline double sample_family(const Distribution::Empirical& d, RandomEngine& engine) {
  return detail::with_search_width(
      d, [&](auto width) { return detail::draw_empirical<decltype(width)::value>(d, engine); });
}
[[gnu::flatten]] inline void sample_family(const Distribution::Empirical& d, RandomEngine& engine,
                                           std::span<double> out) {
  detail::with_search_width(d, [&](auto width) {
    for (double& value : out) value = detail::draw_empirical<decltype(width)::value>(d, engine);
  });
}

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

}  // namespace vaxsim::sim
