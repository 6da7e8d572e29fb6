#pragma once
// Which runs each rank does: points x replications runs, shared out evenly and so that every
// rank, as far as possible, runs every grid point (points can differ in cost: more desks, longer
// hours).
//
// The runs are numbered replication by replication, point by point within a replication (run t
// is replication t / points of point t % points), and rank k of n gets runs
// [floor(k T / n), floor((k + 1) T / n)) of the T in all: counts differ by at most one. As
// ranges of points and replications, that is at most three blocks: the end of one replication,
// whole replications, the start of another.

#include <cstddef>
#include <vector>

namespace vaxsim::mpi {

/// Replications [first_index, first_index + replications) of points [first_point, first_point +
/// points); indices count from the caller's first replication number.
struct Block {
  std::size_t first_point = 0;
  std::size_t points = 0;
  int first_index = 0;
  int replications = 0;
  friend bool operator==(const Block&, const Block&) = default;
};

/// Rank `rank`'s blocks, in run order (empty when it has no runs). Throws std::invalid_argument
/// unless 0 <= rank < ranks; no runs for points == 0 or replications < 1.
std::vector<Block> share(std::size_t points, int replications, int rank, int ranks);

}  // namespace vaxsim::mpi
