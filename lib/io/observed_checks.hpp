#pragma once
// Private to vaxsim_io: what the figures of an observed-progress file must agree on, across the
// cells of a row and the rows of a place (observed_checks.cpp); the loader (load_observed.cpp)
// runs it once every cell has been read.

#include "vaxsim/io/observed.hpp"

namespace vaxsim::io::detail {

/// Throws ScenarioError at the first figure that contradicts another: in a row, more people
/// fully vaccinated than with one dose, or more people with one dose than doses given; over
/// time, two rows of one place and moment, or a cumulative figure that falls. `observed.points`
/// are in file order.
void check_observed_figures(const ObservedProgress& observed);

}  // namespace vaxsim::io::detail
