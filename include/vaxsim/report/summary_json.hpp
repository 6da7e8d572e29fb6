#pragma once
// A run's summary as JSON: what was run, the whole verdict and the province's daily series.
// Field names are listed in docs/output-format.md; schema_version changes when a field is
// renamed or removed (adding a field keeps it).

#include <cstdint>
#include <string>
#include <vector>

#include "vaxsim/model/campaign_config.hpp"
#include "vaxsim/model/results.hpp"
#include "vaxsim/model/verdict.hpp"

namespace vaxsim::report {

inline constexpr int kSummarySchemaVersion = 1;

/// One stated assumption of the scenario, copied into the summary as it is.
struct StatedAssumption {
  std::string what;
  std::string value;
  std::string source;
};

/// Something the run should say it doubts (a scenario value outside its plausible range, ...),
/// kept in the summary's "warnings" list.
struct Warning {
  std::string code;     // stable, for tools: "implausible_value", "never_supplied", ...
  std::string message;  // in words
  // Where in the scenario, when it is about a value of the file (file empty: not located).
  std::string file;
  int line = 0;
  int column = 0;
  std::string field;
};

/// What the summary needs to know about the run beyond the config and its results.
struct RunInfo {
  std::string scenario_file;  // empty: not from a file
  std::string description;
  std::uint64_t seed = 1;
  std::uint64_t replication = 0;
  std::vector<StatedAssumption> assumptions;
  std::vector<Warning> warnings;  // in the order they are printed
};

/// The summary as JSON text (pretty-printed, 2-space indent, ending in a newline).
/// Dates are ISO strings ("2021-06-30") or null when a date was not reached.
std::string summary_json(const RunInfo& run, const model::CampaignConfig& config,
                         const model::CampaignResult& result, const model::Verdict& verdict);

}  // namespace vaxsim::report
