// vaxsim run: one replication of a scenario (the verdict, report.html, city_days.csv,
// supply_nodes.csv, summary.json), or with --replications R the odds of the targets over R
// replications (the odds, report.html, city_days_quantiles.csv, summary.json).

#include <fmt/format.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "commands.hpp"
#include "distributed.hpp"
#include "interrupt.hpp"
#include "progress_bar.hpp"
#include "shared_options.hpp"
#include "vaxsim/fit/compare.hpp"
#include "vaxsim/io/observed.hpp"
#include "vaxsim/io/scenario.hpp"
#include "vaxsim/model/campaign.hpp"
#include "vaxsim/model/verdict.hpp"
#include "vaxsim/report/atomic_file.hpp"
#include "vaxsim/report/csv.hpp"
#include "vaxsim/report/ensemble_report.hpp"
#include "vaxsim/report/html_report.hpp"
#include "vaxsim/report/record_text.hpp"
#include "vaxsim/report/summary_json.hpp"
#include "vaxsim/report/verdict_text.hpp"
#include "vaxsim/run/ensemble.hpp"
#include "vaxsim/run/replications.hpp"
#include "vaxsim/run/target_odds.hpp"

namespace vaxsim::cli {
namespace {

namespace fs = std::filesystem;

// What the outputs say was run: the scenario file, its description and assumptions, the seed
// and the (first) replication.
report::RunInfo run_info(const std::string& file, const io::Scenario& scenario, std::uint64_t seed,
                         std::uint64_t first_replication) {
  report::RunInfo info;
  info.scenario_file = file;
  info.description = scenario.description;
  info.seed = seed;
  info.replication = first_replication;
  for (const auto& a : scenario.assumptions) {
    info.assumptions.push_back({a.what, a.value, a.source});
  }
  info.warnings = summary_warnings(scenario.warnings);
  return info;
}

// The files a run writes, named before it runs so that the directory is checked first.
const std::vector<std::string> kRunFiles = {"city_days.csv", "supply_nodes.csv", "summary.json",
                                            "report.html"};
const std::vector<std::string> kReplicatedFiles = {"city_days_quantiles.csv", "summary.json",
                                                   "report.html"};

int run_replicated(const ScenarioArgs& args);

// The record given with --observed, read and checked against the scenario's cities before
// anything runs: a bad file is rejected like a bad scenario. None without --observed.
std::optional<io::ObservedProgress> load_record(const ScenarioArgs& args,
                                                const model::CampaignConfig& config) {
  if (args.observed.empty()) return std::nullopt;
  io::ObservedProgress observed = io::load_observed(args.observed);
  std::vector<std::string> cities;
  for (const model::City& c : config.cities) cities.push_back(c.name);
  io::check_places(observed, cities);
  return observed;
}

int run(const ScenarioArgs& args) {
  if (args.replications > 1) return run_replicated(args);
  cli::catch_interrupts();  // Ctrl-C stops the run at the end of a day; see stopped()
  // Load first: a rejected scenario throws io::ScenarioError before anything is created.
  const io::Scenario scenario = io::load_scenario(args.scenario);
  const model::CampaignConfig& config = scenario.campaign;
  const std::optional<io::ObservedProgress> record = load_record(args, config);
  const fs::path dir = output_dir(args);
  print_warnings(scenario.warnings);
  check_before_running(args, config, kRunFiles);

  model::RunOptions options;
  options.seed = args.seed_given ? args.seed : scenario.seed;
  options.replication = args.replication;
  options.threads = args.threads;
  cli::ProgressBar progress(!args.quiet && cli::stderr_is_terminal());
  options.progress = &progress;
  model::CampaignResult result;
  try {
    result = model::run_campaign(config, options);
  } catch (const model::Cancelled&) {
    progress.clear();
    return stopped(progress.days_done(), progress.days_total(), dir);
  }
  progress.clear();
  if (cli::interrupted()) return stopped(progress.days_done(), progress.days_total(), dir);
  const model::Verdict verdict = model::judge(config, result);

  report::RunInfo info = run_info(args.scenario, scenario, options.seed, options.replication);
  if (record) {
    info.observed_file = args.observed;
    info.observed = fit::compare(config, std::span(&result, 1), *record);
  }

  // Every output is made before the directory is touched, so a failure leaves nothing behind.
  std::string text = report::verdict_text(config, result, verdict);
  if (record) text += "\n" + report::record_summary(info.observed, args.observed);
  const std::string csv = report::city_days_csv(result.table);
  const std::string supply_csv = report::supply_nodes_csv(result.supply, result.table.start());
  const std::string json = report::summary_json(info, config, result, verdict);
  const std::string html = report::html_report(info, config, result, verdict);

  const fs::path csv_path = dir / "city_days.csv";
  const fs::path supply_path = dir / "supply_nodes.csv";
  const fs::path json_path = dir / "summary.json";
  const fs::path html_path = dir / "report.html";
  fmt::print("{}", text);
  std::fflush(stdout);
  fs::create_directories(dir);
  const report::OutputFile files[] = {
      {csv_path, csv}, {supply_path, supply_csv}, {json_path, json}, {html_path, html}};
  report::write_files_atomically(files);
  fmt::print("\nSeed {}, replication {}. Wrote {}, {}, {} and the report {}.\n", options.seed,
             options.replication, csv_path.string(), supply_path.string(), json_path.string(),
             html_path.string());
  return 0;
}

// --- vaxsim run --replications R (R > 1) --------------------------------------------------------

int run_replicated(const ScenarioArgs& args) {
  cli::catch_interrupts();
  const io::Scenario scenario = io::load_scenario(args.scenario);
  const model::CampaignConfig& config = scenario.campaign;
  const std::optional<io::ObservedProgress> record = load_record(args, config);
  const fs::path dir = output_dir(args);
  const run::OddsOptions odds_for = odds_options(args.daily_by, args.city_days);
  print_warnings(scenario.warnings);
  check_before_running(args, config, kReplicatedFiles);
  const std::optional<model::Warning> no_uncertainty =
      run::replications_without_uncertainty(config, args.replications);

  run::ReplicationOptions options;
  options.seed = args.seed_given ? args.seed : scenario.seed;
  options.first_replication = args.replication;
  options.replications = args.replications;
  options.threads = args.threads;
  cli::ProgressBar progress(!args.quiet && cli::stderr_is_terminal());
  options.progress = &progress;
  std::vector<model::CampaignResult> results;
  try {
    results = cli::run_replications(config, options);  // over MPI ranks under mpirun
  } catch (const model::Cancelled&) {
    progress.clear();
    return stopped(progress.days_done(), progress.days_total(), dir);
  }
  progress.clear();
  if (cli::interrupted()) return stopped(progress.days_done(), progress.days_total(), dir);
  if (!cli::is_main_rank()) return 0;  // under mpirun, rank 0 alone prints and writes
  if (no_uncertainty) print_warning(*no_uncertainty);

  std::vector<model::Verdict> verdicts;
  verdicts.reserve(results.size());
  for (const model::CampaignResult& r : results) verdicts.push_back(model::judge(config, r));
  const run::Odds odds = run::target_odds(config, verdicts, odds_for);
  const run::Ensemble ensemble(results);
  report::RunInfo info = run_info(args.scenario, scenario, options.seed, options.first_replication);
  if (record) {
    info.observed_file = args.observed;
    info.observed = fit::compare(config, results, *record);
  }
  if (no_uncertainty) info.warnings.push_back(*no_uncertainty);

  // The report draws one replication near the middle of the spread as its lines.
  const std::size_t typical = report::typical_index(verdicts);
  const report::TypicalRun typical_run{options.first_replication + typical, &results[typical],
                                       &verdicts[typical]};

  // Every output is made before the directory is touched, so a failure leaves nothing behind.
  std::string text = report::odds_text(info, config, odds);
  if (record) text += "\n" + report::record_summary(info.observed, args.observed);
  const std::string csv = report::city_days_quantiles_csv(ensemble);
  const std::string json =
      report::ensemble_summary_json(info, config, ensemble, odds, &typical_run);
  const std::string html =
      report::replicated_html_report(info, config, ensemble, odds, typical_run);
  const fs::path csv_path = dir / "city_days_quantiles.csv";
  const fs::path json_path = dir / "summary.json";
  const fs::path html_path = dir / "report.html";
  fmt::print("{}", text);
  std::fflush(stdout);
  fs::create_directories(dir);
  const report::OutputFile files[] = {{csv_path, csv}, {json_path, json}, {html_path, html}};
  report::write_files_atomically(files);
  fmt::print(
      "\nWrote {}, {} and the report {} (its charts: replication {}, the median of people "
      "fully vaccinated).\n",
      csv_path.string(), json_path.string(), html_path.string(), typical_run.replication);
  return 0;
}

}  // namespace

Command add_run(CLI::App& app) {
  auto args = std::make_shared<ScenarioArgs>();
  CLI::App* cmd = app.add_subcommand(
      "run",
      "Run one replication of a scenario: print the verdict, write the report (HTML), the "
      "city-day table (CSV) and a summary (JSON); or, with --replications R, R replications: "
      "print the chance of meeting each target and write their spread");
  const SharedHelp help{
      .scenario = "The scenario file (YAML) to run",
      .seed =
          "Random seed; the same seed and replication give the same "
          "results (default: the seed in the scenario file)",
      .replication =
          "Replication number: an independent random stream for the same seed "
          "(default: 0); with --replications R, the first of R",
      .replications =
          "Replications to run (default: 1). With R > 1: print the chance of meeting "
          "each target (95% interval), key dates and totals over the replications, and "
          "write summary.json, city_days_quantiles.csv (mean, 5%, 50%, 95% per "
          "city-day) and report.html (the odds first, then a typical replication with "
          "5-95% bands) instead of the one-run files",
      .threads =
          "Threads: replications run in parallel, and cities within a replication when "
          "threads are left over; results are identical for any number (default: 1)",
      .out =
          "Directory for report.html, city_days.csv and summary.json, created if "
          "needed; existing files there are replaced (default: out/<scenario file name "
          "without extension>)",
      .quiet =
          "No progress bar (it is shown on standard error, when that is a terminal, for "
          "runs longer than about a second)"};
  add_scenario(cmd, *args, help);
  CLI::Option* seed = add_shared_options(cmd, *args, help);
  cmd->add_option("--observed", args->observed,
                  "A record of the campaign's progress (CSV, docs/observed-format.md, e.g. "
                  "data/shanxi-2021-observed.csv): its figures are drawn on the report's charts, "
                  "listed in summary.json with the run's value and the gap, and the verdict says "
                  "how far the run is from the record")
      ->type_name("FILE");
  cmd->footer(
      "Prints the verdict to standard output. Nothing is written if the scenario is rejected.\n"
      "Ctrl-C stops the run cleanly: nothing is written, earlier files are left as they were.\n"
      "Exit status: 0 done, 1 scenario rejected, 2 any other failure, 130 stopped by Ctrl-C.");
  return {cmd, [args, seed] {
            args->seed_given = seed->count() > 0;
            return run(*args);
          }};
}

}  // namespace vaxsim::cli
