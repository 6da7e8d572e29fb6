#pragma once
// Fixed-width histogram for quantiles (median and 95th-percentile waits) in O(bins) memory.
//
// Keeping every observation would cost memory proportional to the number of vaccinations; a
// histogram's cost is fixed and its add() never allocates, so it can sit in the event loop.
// Quantiles are then known to within one bin width, which the caller chooses (e.g. 30 s bins for
// waits measured in minutes). Histograms with the same layout merge exactly (counts just add),
// so per-thread or per-replication histograms combine without loss.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace vaxsim::sim {

/// Counts of observations in `bins` bins [lo + i w, lo + (i+1) w), plus an underflow counter for
/// x < lo and an overflow counter for x >= hi() = lo + bins w.
class Histogram {
 public:
  /// Throws std::invalid_argument unless lo is finite, bin_width > 0, bins >= 1 and hi() is
  /// finite.
  Histogram(double lo, double bin_width, std::size_t bins)
      : lo_(lo),
        bin_width_(bin_width),
        hi_(lo + bin_width * static_cast<double>(bins)),
        inverse_width_(power_of_two(bin_width) ? 1.0 / bin_width : 0.0) {
    if (!std::isfinite(lo) || !(bin_width > 0.0) || bins == 0 || !std::isfinite(hi_)) {
      throw std::invalid_argument(
          "Histogram: needs finite lo, bin_width > 0, bins >= 1, got lo=" + std::to_string(lo) +
          ", bin_width=" + std::to_string(bin_width) + ", bins=" + std::to_string(bins));
    }
    counts_.assign(bins, 0);
  }

  /// Counts x. Throws std::invalid_argument for NaN, which has no bin (and is always a bug
  /// upstream); +-inf go to overflow / underflow.
  void add(double x) { add(std::span<const double>{&x, 1}); }

  /// Counts each of xs, in order, as add() would (up to a NaN, which throws). The layout is held
  /// in registers for the whole batch: a simulation adds a wait for every person served.
  void add(std::span<const double> xs) {
    const double lo = lo_, hi = hi_, inverse_width = inverse_width_, bin_width = bin_width_;
    const std::size_t last = counts_.size() - 1;
    std::int64_t* const counts = counts_.data();
    std::int64_t underflow = 0, overflow = 0, count = 0;
    const auto commit = [&] {
      underflow_ += underflow;
      overflow_ += overflow;
      count_ += count;
    };
    for (const double x : xs) {
      if (x < lo) {
        ++underflow;
      } else if (x >= hi) {
        ++overflow;
      } else if (std::isnan(x)) {
        commit();
        throw std::invalid_argument("Histogram::add: NaN");
      } else {
        // x < hi, but (x - lo) / w can still round up to `bins`: clamp into the last bin. By a
        // power of two, multiplying by the inverse is the very same division, only faster.
        const double offset = x - lo;
        const auto bin = static_cast<std::size_t>(inverse_width != 0.0 ? offset * inverse_width
                                                                       : offset / bin_width);
        ++counts[std::min(bin, last)];
      }
      ++count;
    }
    commit();
  }

  /// Counts each n / denominator (denominator > 0), as add() would count that quotient
  /// computed in double: a simulation keeps times in whole milliseconds and bins them in
  /// minutes. When a bin spans a whole number of numerators (lo 0, a power-of-two width), the
  /// bin is the integer quotient, found without a division (see bin_of_quotient).
  void add_quotients(std::span<const std::int64_t> numerators, std::int64_t denominator) {
    if (denominator <= 0) {
      throw std::invalid_argument("Histogram::add_quotients: denominator must be > 0, got " +
                                  std::to_string(denominator));
    }
    const double step = bin_width_ * static_cast<double>(denominator);  // numerators per bin
    const double end = step * static_cast<double>(counts_.size());      // first past the bins
    if (lo_ != 0.0 || inverse_width_ == 0.0 || step < 1.0 || step != std::floor(step) ||
        end >= kQuotientLimit) {
      for (const std::int64_t n : numerators) {
        add(static_cast<double>(n) / static_cast<double>(denominator));
      }
      return;
    }
    const double inverse_step = 1.0 / step;
    const auto past = static_cast<std::int64_t>(end);
    std::int64_t* const counts = counts_.data();
    std::int64_t underflow = 0, overflow = 0;
    for (const std::int64_t n : numerators) {
      if (n < 0) {
        ++underflow;
      } else if (n >= past) {
        ++overflow;
      } else {
        ++counts[bin_of_quotient(n, inverse_step)];
      }
    }
    underflow_ += underflow;
    overflow_ += overflow;
    count_ += static_cast<std::int64_t>(numerators.size());
  }

  /// The q-quantile (0 <= q <= 1), treating each bin's observations as spread evenly over the
  /// bin and interpolating linearly. The result lies in the same bin as the sample quantile
  /// x_(k), k = max(1, ceil(q n)) (the smallest observation with at least q n observations <= it;
  /// q = 0 gives the minimum), hence within one bin width of it. Where that rank falls among the
  /// underflow or overflow observations, whose values were not kept, the result is -infinity or
  /// +infinity: an honest "below lo()" / "above hi()" rather than a made-up number (test with
  /// std::isinf and report "> hi()"). NaN when empty; throws std::invalid_argument for q outside
  /// [0, 1].
  double quantile(double q) const {
    if (!(q >= 0.0 && q <= 1.0)) {
      throw std::invalid_argument("Histogram::quantile: q must be in [0, 1], got " +
                                  std::to_string(q));
    }
    if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
    const double rank = q * static_cast<double>(count_);
    if (underflow_ > 0 && rank <= static_cast<double>(underflow_)) {
      return -std::numeric_limits<double>::infinity();  // rank lies among the underflow
    }
    // Exact: counts are integers far below 2^53.
    double below = static_cast<double>(underflow_);
    for (std::size_t i = 0; i < counts_.size(); ++i) {
      if (counts_[i] == 0) continue;
      const double in_bin = static_cast<double>(counts_[i]);
      if (rank <= below + in_bin) {
        return bin_lo(i) + (rank - below) / in_bin * bin_width_;
      }
      below += in_bin;
    }
    return std::numeric_limits<double>::infinity();  // rank lies among the overflow
  }

  /// Adds the counts of `other`, which must have exactly the same lo, bin width and bin count
  /// (throws std::invalid_argument otherwise: re-binning would silently lose accuracy).
  void merge(const Histogram& other) {
    if (other.lo_ != lo_ || other.bin_width_ != bin_width_ ||
        other.counts_.size() != counts_.size()) {
      throw std::invalid_argument("Histogram::merge: layouts differ");
    }
    for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
    underflow_ += other.underflow_;
    overflow_ += other.overflow_;
    count_ += other.count_;
  }

  /// Forgets all observations, keeping the layout (and the memory).
  void clear() noexcept {
    std::fill(counts_.begin(), counts_.end(), 0);
    underflow_ = 0;
    overflow_ = 0;
    count_ = 0;
  }

  /// All observations, including underflow and overflow.
  std::int64_t count() const noexcept { return count_; }
  std::int64_t underflow() const noexcept { return underflow_; }
  std::int64_t overflow() const noexcept { return overflow_; }
  std::int64_t bin_count(std::size_t i) const { return counts_.at(i); }
  std::size_t bins() const noexcept { return counts_.size(); }
  double lo() const noexcept { return lo_; }
  double hi() const noexcept { return hi_; }
  double bin_width() const noexcept { return bin_width_; }
  double bin_lo(std::size_t i) const noexcept { return lo_ + bin_width_ * static_cast<double>(i); }

 private:
  // Whether w is 2^k with 2^-k a normal double too: then x * (1 / w) == x / w for every x.
  static bool power_of_two(double w) {
    int exponent = 0;
    return std::frexp(w, &exponent) == 0.5 && std::isnormal(1.0 / w);
  }

  // n / step rounded down, for 0 <= n < step x bins < kQuotientLimit, step a whole number:
  // the quotient of n + 1/2 lies at least 1/(2 step) from a whole number, farther than the
  // rounding errors of the product, so truncating it is exact. And it is the bin add() finds
  // for x = n / denominator: with n = k step + r, x is exactly k w when r = 0 (w a power of
  // two), and otherwise lies in (k w, (k+1) w), at least 1 / denominator below the next edge,
  // farther than its own rounding error; so floor(x / w) = k too.
  static constexpr double kQuotientLimit = 0x1p40;
  static std::size_t bin_of_quotient(std::int64_t n, double inverse_step) {
    return static_cast<std::size_t>((static_cast<double>(n) + 0.5) * inverse_step);
  }

  double lo_;
  double bin_width_;
  double hi_;
  double inverse_width_;  // 1 / bin_width_ when power_of_two(bin_width_), else 0
  std::vector<std::int64_t> counts_;
  std::int64_t underflow_ = 0;
  std::int64_t overflow_ = 0;
  std::int64_t count_ = 0;
};

}  // namespace vaxsim::sim
