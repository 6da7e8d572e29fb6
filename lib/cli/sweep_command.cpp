// vaxsim sweep: a scenario under a grid of changes (--vary), the odds of the targets at every
// point with the same seed and replications (sweep.csv).

#include <fmt/format.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "commands.hpp"
#include "distributed.hpp"
#include "interrupt.hpp"
#include "progress_bar.hpp"
#include "shared_options.hpp"
#include "vaxsim/io/overrides.hpp"
#include "vaxsim/io/scenario.hpp"
#include "vaxsim/model/campaign.hpp"
#include "vaxsim/report/atomic_file.hpp"
#include "vaxsim/report/sweep_report.hpp"
#include "vaxsim/run/replications.hpp"
#include "vaxsim/run/sweep.hpp"
#include "vaxsim/run/target_odds.hpp"

namespace vaxsim::cli {
namespace {

namespace fs = std::filesystem;

/// The shared options and the grid's axes, KEY=V1,V2,... each.
struct SweepArgs : ScenarioArgs {
  std::vector<std::string> vary;
};

int sweep(const SweepArgs& args) {
  cli::catch_interrupts();
  std::vector<run::Axis> axes;
  for (const std::string& v : args.vary) {
    try {
      axes.push_back(run::parse_axis(v));
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(std::string("--vary: ") + e.what());
    }
  }
  const std::vector<std::vector<run::Setting>> points = run::grid(axes);
  const run::OddsOptions odds_for = odds_options(args.daily_by, args.city_days);
  const fs::path dir = output_dir(args);

  // Every grid point is loaded (and checked) before anything runs.
  std::vector<model::CampaignConfig> configs;
  std::vector<std::uint64_t> seeds;
  std::vector<io::ScenarioWarning> warnings;
  std::string title;
  for (const std::vector<run::Setting>& point : points) {
    std::vector<io::Override> overrides;
    for (const run::Setting& s : point) overrides.push_back({s.key, s.value});
    io::Scenario scenario = io::load_scenario(args.scenario, overrides);
    if (title.empty()) title = scenario.campaign.name;
    seeds.push_back(args.seed_given ? args.seed : scenario.seed);
    configs.push_back(std::move(scenario.campaign));
    warnings.insert(warnings.end(), scenario.warnings.begin(), scenario.warnings.end());
  }
  print_warnings(warnings);
  const std::string sweep_file = "sweep.csv";
  check_before_running(args, configs.front(), {&sweep_file, 1});

  run::ReplicationOptions options;
  options.first_replication = args.replication;
  options.replications = args.replications;
  options.threads = args.threads;
  cli::ProgressBar progress(!args.quiet && cli::stderr_is_terminal());
  options.progress = &progress;
  std::vector<run::Odds> odds;
  try {
    odds = cli::run_sweep(configs, seeds, options, odds_for);  // over MPI ranks under mpirun
  } catch (const model::Cancelled&) {
    progress.clear();
    return stopped(progress.days_done(), progress.days_total(), dir);
  }
  progress.clear();
  if (cli::interrupted()) return stopped(progress.days_done(), progress.days_total(), dir);
  if (!cli::is_main_rank()) return 0;  // under mpirun, rank 0 alone prints and writes
  // Every point has its own config; one without uncertainty is enough to warn.
  for (const model::CampaignConfig& config : configs) {
    if (const auto w = run::replications_without_uncertainty(config, args.replications)) {
      print_warning(*w);
      break;
    }
  }

  const std::string text = report::sweep_text(title, axes, points, odds);
  const std::string csv = report::sweep_csv(axes, points, odds);
  const fs::path csv_path = dir / "sweep.csv";
  fmt::print("{}", text);
  std::fflush(stdout);
  fs::create_directories(dir);
  const report::OutputFile files[] = {{csv_path, csv}};
  report::write_files_atomically(files);
  fmt::print("\nSeed {}, replications {} to {} at every point. Wrote {}.\n",
             args.seed_given ? fmt::to_string(args.seed) : fmt::to_string(seeds.front()),
             args.replication, args.replication + static_cast<std::uint64_t>(args.replications) - 1,
             csv_path.string());
  return 0;
}

}  // namespace

Command add_sweep(CLI::App& app) {
  auto args = std::make_shared<SweepArgs>();
  CLI::App* cmd = app.add_subcommand(
      "sweep",
      "Run a scenario under a grid of changes (--vary), every grid point with the same seed and "
      "replications (common random numbers): print and write (sweep.csv) each point's chance of "
      "meeting each target and its key dates");
  const SharedHelp help{
      .scenario = "The scenario file (YAML) to vary",
      .seed =
          "Random seed, the same at every grid point (default: the "
          "seed in the scenario file)",
      .replication =
          "First replication number (default: 0); replications N .. N+R-1 are run at "
          "every point",
      .replications =
          "Replications per grid point (default: 1, a like-for-like comparison; 20 or "
          "more for probabilities)",
      .threads =
          "Threads running replications (and grid points) in parallel; results are "
          "identical for any number (default: 1)",
      .out =
          "Directory for sweep.csv, created if needed; an existing sweep.csv is replaced "
          "(default: out/<scenario file name without extension>)",
      .quiet = "No progress bar (it is shown on standard error, when that is a terminal)"};
  add_scenario(cmd, *args, help);
  cmd->add_option(
         "--vary",
         [args](const CLI::results_t& values) {
           args->vary.insert(args->vary.end(), values.begin(), values.end());
           return true;
         },
         "A key of the scenario and its values, KEY=V1,V2,...; repeat for more keys: "
         "the grid is every combination (the first --vary varies slowest). KEY is a "
         "path in the file (sites[*].hours[-1].close, supply.deliveries[0].doses, "
         "sites[hospital].desks); a value is written as in the file, or x1.25 / +25% "
         "/ -10% to scale the number there (counts are rounded to whole numbers). "
         "Syntax: docs/scenario-format.md, Overrides")
      ->type_name("KEY=V1,V2,...")
      ->type_size(1)
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->required();
  CLI::Option* seed = add_shared_options(cmd, *args, help);
  cmd->footer(
      "Example: vaxsim sweep plan.yaml --vary 'sites[*].hours[-1].close=18:00,20:00,22:00' "
      "--vary 'sites[*].desks=+0%,+25%,+50%' --replications 20 --threads 2\n"
      "Every grid point is loaded and checked before anything runs; a key that leads nowhere or "
      "a value the scenario rejects exits 1 naming the key.\n"
      "Exit status: 0 done, 1 scenario rejected, 2 any other failure, 130 stopped by Ctrl-C.");
  return {cmd, [args, seed] {
            args->seed_given = seed->count() > 0;
            return sweep(*args);
          }};
}

}  // namespace vaxsim::cli
