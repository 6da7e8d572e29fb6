#include "vaxsim/supply/stock_lots.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

namespace vaxsim::supply {
namespace {

__extension__ using Wide = __int128;  // doses x doses does not fit in 64 bits in general

void check_count(std::int64_t doses, std::int64_t held, const char* what) {
  if (doses < 0) throw std::invalid_argument(std::string(what) + ": negative doses");
  if (doses > held) {
    throw std::invalid_argument(std::string(what) + ": " + std::to_string(doses) +
                                " doses asked, " + std::to_string(held) + " held");
  }
}

// Splits `doses` among takers in proportion to `lacking` (sum >= doses), exactly in integers:
// floors, then one more to the largest remainders (ties to the lower index). A share never
// exceeds what its taker lacks: below the full sum every exact share is strictly less than it.
std::vector<std::int64_t> split_by_lacking(std::int64_t doses,
                                           std::span<const std::int64_t> lacking,
                                           std::int64_t lacking_total) {
  std::vector<std::int64_t> shares(lacking.size(), 0);
  std::vector<Wide> remainders(lacking.size(), 0);
  std::int64_t given = 0;
  for (std::size_t i = 0; i < lacking.size(); ++i) {
    const Wide exact = Wide{doses} * lacking[i];
    shares[i] = static_cast<std::int64_t>(exact / lacking_total);
    remainders[i] = exact % lacking_total;
    given += shares[i];
  }
  std::vector<std::size_t> order(lacking.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  for (std::size_t k = 0; given < doses; ++k, ++given) ++shares[order[k]];
  return shares;
}

}  // namespace

void StockLots::add(std::int64_t doses, int expires) {
  if (doses < 0) throw std::invalid_argument("StockLots::add: negative doses");
  if (doses == 0) return;
  const auto at = std::lower_bound(lots_.begin(), lots_.end(), expires,
                                   [](const Lot& lot, int day) { return lot.expires < day; });
  if (at != lots_.end() && at->expires == expires) {
    at->doses += doses;
  } else {
    lots_.insert(at, Lot{doses, expires});
  }
  total_ += doses;
}

void StockLots::add(const StockLots& other) {
  for (const Lot& lot : other.lots_) add(lot.doses, lot.expires);
}

StockLots StockLots::take(std::int64_t doses) {
  check_count(doses, total_, "StockLots::take");
  StockLots taken;
  std::size_t emptied = 0;
  for (; doses > 0; ++emptied) {
    Lot& lot = lots_[emptied];
    const std::int64_t n = std::min(doses, lot.doses);
    taken.lots_.push_back({n, lot.expires});
    taken.total_ += n;
    lot.doses -= n;
    doses -= n;
    if (lot.doses > 0) break;  // a lot partly taken stays
  }
  lots_.erase(lots_.begin(), lots_.begin() + static_cast<std::ptrdiff_t>(emptied));
  total_ -= taken.total_;
  return taken;
}

void StockLots::use(std::int64_t doses) {
  check_count(doses, total_, "StockLots::use");
  total_ -= doses;
  std::size_t emptied = 0;
  while (doses > 0) {
    Lot& lot = lots_[emptied];
    const std::int64_t n = std::min(doses, lot.doses);
    lot.doses -= n;
    doses -= n;
    if (lot.doses == 0) ++emptied;
  }
  lots_.erase(lots_.begin(), lots_.begin() + static_cast<std::ptrdiff_t>(emptied));
}

std::int64_t StockLots::expire(int day) {
  std::int64_t removed = 0;
  std::size_t n = 0;
  while (n < lots_.size() && lots_[n].expires <= day) removed += lots_[n++].doses;
  if (n == 0) return 0;
  lots_.erase(lots_.begin(), lots_.begin() + static_cast<std::ptrdiff_t>(n));
  total_ -= removed;
  return removed;
}

std::vector<StockLots::Piece> StockLots::share_out(std::span<const std::int64_t> parts) {
  std::int64_t asked = 0;
  for (const std::int64_t part : parts) {
    if (part < 0) throw std::invalid_argument("StockLots::share_out: a negative part");
    asked += part;
  }
  check_count(asked, total_, "StockLots::share_out");
  const StockLots taken = take(asked);
  std::vector<Piece> pieces;
  if (taken.lots_.size() == 1) {  // the usual case: nothing to share, every part is one piece
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (parts[i] > 0) pieces.push_back({i, {parts[i], taken.lots_[0].expires}});
    }
    return pieces;
  }
  std::vector<std::int64_t> lacking(parts.begin(), parts.end());
  std::int64_t lacking_total = asked;
  for (const Lot& lot : taken.lots_) {
    const std::vector<std::int64_t> shares = split_by_lacking(lot.doses, lacking, lacking_total);
    for (std::size_t i = 0; i < shares.size(); ++i) {
      if (shares[i] == 0) continue;
      pieces.push_back({i, {shares[i], lot.expires}});
      lacking[i] -= shares[i];
    }
    lacking_total -= lot.doses;
  }
  return pieces;
}

}  // namespace vaxsim::supply
