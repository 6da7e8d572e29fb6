#pragma once
// Runs a campaign: the province, its cities and sites, day by day.

#include <cstdint>

#include "vaxsim/model/campaign_config.hpp"
#include "vaxsim/model/results.hpp"

namespace vaxsim::model {

struct RunOptions {
  std::uint64_t seed = 1;
  std::uint64_t replication = 0;
};

/// Runs one replication. Throws std::invalid_argument listing the problems if the config does
/// not validate. Same config and options give bit-identical results.
CampaignResult run_campaign(const CampaignConfig& config, const RunOptions& options = {});

}  // namespace vaxsim::model
