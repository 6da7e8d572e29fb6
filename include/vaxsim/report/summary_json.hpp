#pragma once
// A run's summary as JSON: what was run, the whole verdict and the province's daily series.
// Field names are listed in docs/output-format.md; schema_version changes when a field is
// renamed or removed (adding a field keeps it).

#include <cstdint>
#include <string>
#include <vector>

#include "vaxsim/fit/compare.hpp"
#include "vaxsim/model/campaign_config.hpp"
#include "vaxsim/model/results.hpp"
#include "vaxsim/model/verdict.hpp"
#include "vaxsim/model/warning.hpp"

namespace vaxsim::report {

/// 2: the bottleneck "supply" split into "no_stock" and "held_back" (short_days_by,
/// short_city_days_by, main_bottleneck).
inline constexpr int kSummarySchemaVersion = 2;

/// One stated assumption of the scenario, copied into the summary as it is.
struct StatedAssumption {
  std::string what;
  std::string value;
  std::string source;
};

/// What the summary needs to know about the run beyond the config and its results.
struct RunInfo {
  std::string scenario_file;  // empty: not from a file
  std::string description;
  std::uint64_t seed = 1;
  std::uint64_t replication = 0;
  std::vector<StatedAssumption> assumptions;
  /// The record the run was compared with (`vaxsim run --observed FILE`): the file and every
  /// figure beside the run's value (fit::compare). Empty: no record given.
  std::string observed_file;
  std::vector<fit::ComparedFigure> observed;
  /// Warnings in the order they are printed: the scenario's (a value outside its plausible
  /// range, located in the file), then those about how it was run (e.g. replications without
  /// uncertainty). The summary's "warnings" lists them, then the verdict's own.
  std::vector<model::Warning> warnings;
};

/// The summary as JSON text (pretty-printed, 2-space indent, ending in a newline).
/// Dates are ISO strings ("2021-06-30") or null when a date was not reached.
std::string summary_json(const RunInfo& run, const model::CampaignConfig& config,
                         const model::CampaignResult& result, const model::Verdict& verdict);

}  // namespace vaxsim::report
