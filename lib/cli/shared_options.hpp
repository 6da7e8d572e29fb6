#pragma once
// Private to the vaxsim program: the options `run` and `sweep` share, declared once (each command
// says in its help what an option means for it), and the output directory they name.

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "commands.hpp"
#include "vaxsim/io/scenario.hpp"
#include "vaxsim/model/campaign_config.hpp"
#include "vaxsim/model/warning.hpp"
#include "vaxsim/run/target_odds.hpp"

namespace vaxsim::cli {

/// The values of the shared options.
struct ScenarioArgs {
  std::string scenario;
  std::uint64_t seed = 1;
  bool seed_given = false;
  std::uint64_t replication = 0;
  int replications = 1;  // run: > 1 gives the odds of the targets (run_replicated)
  int threads = 1;
  std::string out;
  bool quiet = false;
  std::string daily_by;  // odds: "daily target reached by" date; empty: the deadline
  int city_days = 1;     // odds: days at its target for a city to count as meeting it
  std::string observed;  // run: the record to compare the run with (--observed); empty: none
};

/// What each shared option means for the command, as its help says it.
struct SharedHelp {
  std::string scenario;
  std::string seed;
  std::string replication;
  std::string replications;
  std::string threads;
  std::string out;
  std::string quiet;
};

/// The scenario file, the command's first argument.
void add_scenario(CLI::App* cmd, ScenarioArgs& args, const SharedHelp& help);

/// --seed, --replication, --replications, --threads, --out, --daily-by, --city-days and --quiet,
/// in this order. Returns --seed, to tell after parsing whether a seed was given.
CLI::Option* add_shared_options(CLI::App* cmd, ScenarioArgs& args, const SharedHelp& help);

/// Where a command writes: --out, or out/<scenario file name without extension>.
std::filesystem::path output_dir(const ScenarioArgs& args);

/// The options of the odds from --daily-by and --city-days.
run::OddsOptions odds_options(const std::string& daily_by, int city_days);

/// What can be checked before a long run, so that it fails in a second, not after minutes:
/// the output directory can take `outputs` (report::check_output_dir), --daily-by lies in
/// the campaign. Throws std::invalid_argument or std::runtime_error (exit 2).
void check_before_running(const ScenarioArgs& args, const model::CampaignConfig& config,
                          std::span<const std::string> outputs);

/// Prints each warning to standard error once, "vaxsim: warning: file:line:col: field: ...".
void print_warnings(std::span<const io::ScenarioWarning> warnings);

/// The scenario's warnings as summary.json keeps them (located in the file).
std::vector<model::Warning> summary_warnings(std::span<const io::ScenarioWarning> warnings);

/// Prints a warning on stderr ("vaxsim: warning: ...").
void print_warning(const model::Warning& warning);

}  // namespace vaxsim::cli
