#pragma once
// What `vaxsim sweep` prints and writes: one row per grid point with the varied values, each
// target's probability and confidence interval, and the key dates. Format in
// docs/output-format.md, "Sweeps".

#include <span>
#include <string>
#include <vector>

#include "vaxsim/run/sweep.hpp"
#include "vaxsim/run/target_odds.hpp"

namespace vaxsim::report {

/// sweep.csv. Columns: point (1-based), one per axis (header: the key; cell: the value), then
/// replications; for every target key K (in first-seen order over the points) K.p, K.lo, K.hi;
/// for every key date D: D.q05, D.q50, D.q95 (ISO dates, empty when not reached); for every key
/// number N: N.mean, N.q05, N.q50, N.q95; then, when a point has run::Odds::missed_second_doses,
/// missed_second_doses.mean, .q05, .q50, .q95. A cell is empty where a point lacks that target.
std::string sweep_csv(std::span<const run::Axis> axes,
                      std::span<const std::vector<run::Setting>> points,
                      std::span<const run::Odds> odds);

/// The sweep as an aligned table for a terminal: the varied values, the province targets'
/// chances with intervals, the expected number of cities meeting their target, the median key
/// dates and the median missed second doses (when the odds have them).
std::string sweep_text(const std::string& title, std::span<const run::Axis> axes,
                       std::span<const std::vector<run::Setting>> points,
                       std::span<const run::Odds> odds);

}  // namespace vaxsim::report
