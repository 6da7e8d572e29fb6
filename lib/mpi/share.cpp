#include "vaxsim/mpi/share.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>

namespace vaxsim::mpi {

std::vector<Block> share(std::size_t points, int replications, int rank, int ranks) {
  if (ranks < 1 || rank < 0 || rank >= ranks) {
    throw std::invalid_argument("share: rank " + std::to_string(rank) + " of " +
                                std::to_string(ranks));
  }
  if (points == 0 || replications < 1) return {};
  const std::uint64_t n = static_cast<std::uint64_t>(ranks);
  const std::uint64_t total = points * static_cast<std::uint64_t>(replications);
  // floor(k T / n) without forming k T, which could overflow.
  const auto boundary = [&](std::uint64_t k) { return total / n * k + total % n * k / n; };
  const std::uint64_t lo = boundary(static_cast<std::uint64_t>(rank));
  const std::uint64_t hi = boundary(static_cast<std::uint64_t>(rank) + 1);
  if (lo == hi) return {};

  const auto replication = [&](std::uint64_t run) { return static_cast<int>(run / points); };
  const auto point = [&](std::uint64_t run) { return static_cast<std::size_t>(run % points); };
  std::vector<Block> blocks;
  int first = replication(lo);
  const int last = replication(hi);  // hi is one past the end: its replication may not start
  if (first == last) {
    blocks.push_back({point(lo), point(hi) - point(lo), first, 1});
    return blocks;
  }
  if (point(lo) > 0) {  // the end of a replication begun by the rank before
    blocks.push_back({point(lo), points - point(lo), first, 1});
    ++first;
  }
  if (last > first) blocks.push_back({0, points, first, last - first});
  if (point(hi) > 0) blocks.push_back({0, point(hi), last, 1});  // the start of one
  return blocks;
}

}  // namespace vaxsim::mpi
