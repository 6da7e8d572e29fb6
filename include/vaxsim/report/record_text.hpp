#pragma once
// How far a run is from the record, in words (what `vaxsim run --observed` prints and the report
// says) and as a table of figures (what `vaxsim calibrate` prints for its fit and forecast).

#include <string>
#include <string_view>
#include <vector>

#include "vaxsim/fit/compare.hpp"

namespace vaxsim::report {

/// A figure as a reader names it: "people with at least one dose, PROVINCE, 3 June 2021 09:00".
std::string figure_name(const fit::ComparedFigure& figure);

/// One paragraph: how many figures the run could be compared with, how many it is ahead of and
/// behind, the median gap and the largest, and whether the run reproduces the record's progress
/// (every cumulative figure within 5%) or not; days' doses more than 5% off are said apart. Ends
/// in a newline.
std::string record_summary(const std::vector<fit::ComparedFigure>& figures, std::string_view file);

/// One row per figure: date and time, place, measure, the record, the run (the mean over
/// replications), the gap as a share; with `bands`, the 5-95% band and whether the record lies
/// inside it. Rows start with `indent`; ends in a newline.
std::string record_table(const std::vector<fit::ComparedFigure>& figures, bool bands,
                         const std::string& indent = "  ");

/// The share of the record a run may be off and still be said to reproduce it (5%).
inline constexpr double kReproducesWithin = 0.05;

}  // namespace vaxsim::report
