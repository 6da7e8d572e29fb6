#pragma once
// What `vaxsim calibrate` writes: the fit in words for the terminal, calibration.json for tools
// and calibration.html for people (the record's points over the forecast's bands), and the
// comment block that heads calibrated.yaml. Formats in docs/output-format.md.

#include <string>

#include "vaxsim/fit/calibrate.hpp"

namespace vaxsim::report {

/// What was calibrated, beyond the calibration itself.
struct CalibrationInfo {
  std::string scenario_file;
  std::string observed_file;
  std::string scenario_name;
  std::uint64_t seed = 1;
};

/// The estimates with their intervals (and which the record does not determine), the loss, the
/// fitted figures and, with an --until date, the backtest of the later ones. Ends in a newline.
std::string calibration_text(const CalibrationInfo& info, const fit::Calibration& fit);

/// calibration.json (pretty-printed, ending in a newline).
std::string calibration_json(const CalibrationInfo& info, const fit::Calibration& fit);

/// calibration.html: one self-contained page, as report.html is.
std::string calibration_html(const CalibrationInfo& info, const fit::Calibration& fit);

/// The comment block that heads calibrated.yaml: every line starts with "# ".
std::string calibration_comment(const CalibrationInfo& info, const fit::Calibration& fit);

}  // namespace vaxsim::report
