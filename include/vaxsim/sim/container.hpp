#pragma once
// A stock of identical units (doses in a fridge): put and get whole amounts, never below zero,
// never above capacity. Gets do not wait: a site that runs out turns people away, it does not
// hold them until a truck comes, so a blocking get would model the wrong thing.

#include <cstdint>
#include <limits>
#include <stdexcept>

#include "vaxsim/sim/time.hpp"
#include "vaxsim/sim/time_weighted.hpp"

namespace vaxsim::sim {

class Container {
 public:
  static constexpr std::int64_t kUnlimited = std::numeric_limits<std::int64_t>::max();

  Container(const Time& clock, std::int64_t initial = 0, std::int64_t capacity = kUnlimited)
      : clock_{&clock},
        capacity_{capacity},
        level_{initial},
        level_stats_{clock, static_cast<double>(initial)} {
    if (capacity < 0 || initial < 0 || initial > capacity) {
      throw std::invalid_argument("Container: need 0 <= initial <= capacity");
    }
  }

  /// Takes `amount` if that much is in stock; otherwise takes nothing and returns false.
  bool get(std::int64_t amount) {
    check(amount);
    if (amount > level_) return false;
    level_ -= amount;
    taken_ += amount;
    level_stats_.set(*clock_, static_cast<double>(level_));
    return true;
  }

  /// Adds up to `amount`; returns the part that did not fit (the caller decides its fate).
  std::int64_t put(std::int64_t amount) {
    check(amount);
    const std::int64_t fits = amount < capacity_ - level_ ? amount : capacity_ - level_;
    level_ += fits;
    added_ += fits;
    level_stats_.set(*clock_, static_cast<double>(level_));
    return amount - fits;
  }

  std::int64_t level() const { return level_; }
  std::int64_t capacity() const { return capacity_; }
  std::int64_t space() const { return capacity_ - level_; }
  /// Totals since construction: level == initial + added - taken, always.
  std::int64_t added() const { return added_; }
  std::int64_t taken() const { return taken_; }
  const TimeWeighted& level_stats() const { return level_stats_; }
  void reset_statistics() { level_stats_.reset(*clock_); }

 private:
  static void check(std::int64_t amount) {
    if (amount < 0) throw std::invalid_argument("Container: negative amount");
  }

  const Time* clock_;
  std::int64_t capacity_;
  std::int64_t level_;
  std::int64_t added_ = 0;
  std::int64_t taken_ = 0;
  TimeWeighted level_stats_;
};

}  // namespace vaxsim::sim
