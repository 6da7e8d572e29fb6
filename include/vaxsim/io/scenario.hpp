#pragma once
// A scenario file: a campaign plus what a reader needs to trust it.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "vaxsim/model/campaign_config.hpp"

namespace vaxsim::io {

/// One stated assumption, shown in reports: what, its value, and where it comes from.
struct Assumption {
  std::string what;
  std::string value;
  std::string source;
};

struct Scenario {
  model::CampaignConfig campaign;
  std::string description;
  std::vector<Assumption> assumptions;
  std::uint64_t seed = 1;  // default seed; the command line may override it
  std::filesystem::path file;
};

/// Reads and validates a scenario file. Throws ScenarioError (file, line, column, field,
/// message) for a missing or unreadable file, malformed YAML, an unknown key, a wrong type, an
/// impossible or inconsistent value. Never returns a campaign that model::validate() rejects.
Scenario load_scenario(const std::filesystem::path& file);

/// The same from text; `file_name` is used in error messages only.
Scenario parse_scenario(std::string_view yaml, const std::string& file_name);

}  // namespace vaxsim::io
