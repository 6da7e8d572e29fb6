#pragma once
// Doses held at one place (the province store, a city store, a site), as lots: the doses of one
// delivery expire together, and keep their expiry day wherever they are carried.
//
// Every use takes the lots that expire first ("first expired, first out"): allocation, truck
// loading, the sites' top-up, doses given and doses wasted. On the morning of a lot's expiry day
// what is left of it is removed (expire()), so no dose is ever given on or after that day.
//
// Without shelf lives every lot never expires and a place holds one lot per product: the same
// numbers as plain counts, at the cost of a few comparisons.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace vaxsim::supply {

/// The expiry day of doses without a shelf life: later than any campaign day.
inline constexpr int kNeverExpires = std::numeric_limits<int>::max();

struct Lot {
  std::int64_t doses = 0;
  /// Campaign day on whose morning what is left is removed: usable up to the day before.
  int expires = kNeverExpires;
  friend bool operator==(const Lot&, const Lot&) = default;
};

class StockLots {
 public:
  /// Adds doses; lots with the same expiry day are one lot. Throws std::invalid_argument if
  /// `doses` is negative.
  void add(std::int64_t doses, int expires = kNeverExpires);
  void add(const StockLots& other);

  /// Doses held, all lots.
  std::int64_t total() const { return total_; }
  bool empty() const { return total_ == 0; }
  /// The lots, earliest expiry first, each with doses > 0 and a different expiry day.
  const std::vector<Lot>& lots() const { return lots_; }
  /// The earliest expiry day held; kNeverExpires when empty.
  int earliest_expiry() const { return lots_.empty() ? kNeverExpires : lots_.front().expires; }

  /// Removes `doses`, earliest expiry first, and returns them as lots. Throws
  /// std::invalid_argument if `doses` is negative or more than total().
  StockLots take(std::int64_t doses);
  /// The same, for doses that leave the campaign (given, or wasted in use): nothing is returned,
  /// nothing is allocated.
  void use(std::int64_t doses);
  /// Removes what is left of the lots expiring on or before `day`; returns the doses removed.
  std::int64_t expire(int day);

  /// One taker's piece of one lot, from share_out().
  struct Piece {
    std::size_t taker = 0;
    Lot lot;
  };
  /// Takes parts[0] + parts[1] + ... doses (earliest expiry first) and hands taker i exactly
  /// parts[i] of them. Each lot taken is shared in proportion to what the takers still lack
  /// (largest remainders, exactly, ties to the lower index), so every taker gets its share of the
  /// short-dated doses instead of the first taker getting all of them. Pieces come lot by lot,
  /// takers in order within a lot; no piece is empty. Throws std::invalid_argument if a part is
  /// negative or they add up to more than total().
  std::vector<Piece> share_out(std::span<const std::int64_t> parts);

 private:
  std::vector<Lot> lots_;  // earliest expiry first
  std::int64_t total_ = 0;
};

}  // namespace vaxsim::supply
