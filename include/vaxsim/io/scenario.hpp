#pragma once
// A scenario file: a campaign plus what a reader needs to trust it.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "vaxsim/io/scenario_error.hpp"
#include "vaxsim/model/campaign_config.hpp"

namespace vaxsim::io {

/// One stated assumption, shown in reports: what, its value, and where it comes from.
struct Assumption {
  std::string what;
  std::string value;
  std::string source;
};

/// A value that can be meant but probably is not (outside its plausible range,
/// docs/scenario-format.md#plausible-ranges): the run goes ahead, and says so.
struct ScenarioWarning {
  std::string file;
  int line = 0;  // 1-based; 0 when unknown
  int column = 0;
  std::string field;    // a path, as in ScenarioError
  std::string code;     // stable, for tools: "implausible_value", "never_supplied", ...
  std::string message;  // in words, for people

  /// "file:line:col: field: message", as ScenarioError writes it.
  std::string text() const { return ScenarioError::format(file, line, column, field, message); }
};

struct Scenario {
  model::CampaignConfig campaign;
  std::string description;
  std::vector<Assumption> assumptions;
  std::uint64_t seed = 1;  // default seed; the command line may override it
  std::filesystem::path file;
  /// What the file holds that is possible but suspicious, in file order; `vaxsim run` prints
  /// them and keeps them in summary.json.
  std::vector<ScenarioWarning> warnings;
};

/// Reads and validates a scenario file. Throws ScenarioError (file, line, column, field,
/// message) for a missing or unreadable file, malformed YAML, an unknown key, a wrong type, an
/// impossible or inconsistent value. Never returns a campaign that model::validate() rejects.
Scenario load_scenario(const std::filesystem::path& file);

/// The same from text; `file_name` is used in error messages only.
Scenario parse_scenario(std::string_view yaml, const std::string& file_name);

/// Everything wrong with a scenario file at once, for `vaxsim check`. A problem of shape (bad
/// YAML, an unknown key, a wrong type) stops the reading, so it is the last error; problems of
/// value (out of range, a rule of model::validate()) are all collected, with every warning.
struct ScenarioCheck {
  std::vector<ScenarioError> errors;
  std::vector<ScenarioWarning> warnings;
};
ScenarioCheck check_scenario(const std::filesystem::path& file);
ScenarioCheck check_scenario_text(std::string_view yaml, const std::string& file_name);

}  // namespace vaxsim::io
