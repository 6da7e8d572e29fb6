// vaxsim, the command line: parses the arguments, calls the library, prints. No logic of its own.
//
// Exit status: 0 done; 1 the scenario was rejected (file:line:col: field: message on stderr);
// 2 anything else (bad command line, failed run, output not written); 130 stopped by Ctrl-C
// (nothing written).
//
// Each subcommand is an add_<name>() that registers its options on the app and returns the
// action to run once parsing succeeded; a new subcommand (sweep, ...) is one more such function
// and one more line in main().

#include <fmt/format.h>

// GCC 12 at -O2 may report a false "potential null pointer dereference" inside CLI11's own
// string helpers, depending on what gets inlined; the warning is not about vaxsim's code.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <CLI/CLI.hpp>
#pragma GCC diagnostic pop
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "distributed.hpp"
#include "interrupt.hpp"
#include "progress_bar.hpp"
#include "vaxsim/io/overrides.hpp"
#include "vaxsim/io/scenario.hpp"
#include "vaxsim/io/scenario_error.hpp"
#include "vaxsim/model/campaign.hpp"
#include "vaxsim/model/verdict.hpp"
#include "vaxsim/report/atomic_file.hpp"
#include "vaxsim/report/csv.hpp"
#include "vaxsim/report/ensemble_report.hpp"
#include "vaxsim/report/html_report.hpp"
#include "vaxsim/report/summary_json.hpp"
#include "vaxsim/report/sweep_report.hpp"
#include "vaxsim/report/verdict_text.hpp"
#include "vaxsim/run/ensemble.hpp"
#include "vaxsim/run/replications.hpp"
#include "vaxsim/run/sweep.hpp"
#include "vaxsim/run/target_odds.hpp"
#include "vaxsim/sim/calendar.hpp"

#ifndef VAXSIM_VERSION
#define VAXSIM_VERSION "0.1.0"  // the project version; CMake may pass the real one
#endif

namespace {

namespace fs = std::filesystem;
using namespace vaxsim;

constexpr int kScenarioRejected = 1;
constexpr int kFailed = 2;

using Action = std::function<int()>;

/// A subcommand as registered on the app, and what to do when it was given.
struct Command {
  CLI::App* app;
  Action action;
};

// Accepts 0, 1, 2, ... up to 2^64 - 1 only (CLI11 would take "-1" as 2^64 - 1 and saturate
// anything larger).
const CLI::Validator whole_number(
    [](std::string& text) {
      std::uint64_t value = 0;
      const char* end = text.data() + text.size();
      const auto [ptr, ec] = std::from_chars(text.data(), end, value);
      const bool ok = !text.empty() && text.front() != '-' && ec == std::errc() && ptr == end;
      return ok ? std::string()
                : "'" + text + "' is not a whole number from 0 to 18446744073709551615";
    },
    "", "whole number");

// --- vaxsim run ---------------------------------------------------------------------------------

struct RunArgs {
  std::string scenario;
  std::uint64_t seed = 1;
  bool seed_given = false;
  std::uint64_t replication = 0;
  int threads = 1;
  std::string out;
  bool quiet = false;
  int replications = 1;  // > 1: the odds of the targets (run_replicated)
  std::string daily_by;  // odds: "daily target reached by" date; empty: the deadline
  int city_days = 1;     // odds: days at its target for a city to count as meeting it
};

int run_replicated(const RunArgs& args);
void add_odds_options(CLI::App* cmd, std::string& daily_by, int& city_days);

// Ctrl-C stopped a run: says so, and that nothing was written (files from an earlier run stay).
int stopped(int days_done, int days, const fs::path& dir) {
  std::error_code ec;
  const std::string kept =
      fs::exists(dir, ec) ? "; the files already in " + dir.string() + " were left as they were"
                          : std::string();
  fmt::print(stderr,
             "vaxsim: stopped by Ctrl-C after {} of {} simulated days. Nothing was written{}.\n",
             days_done, days, kept);
  return cli::kInterruptedStatus;
}

int run(const RunArgs& args) {
  if (args.replications > 1) return run_replicated(args);
  cli::catch_interrupts();  // Ctrl-C stops the run at the end of a day; see stopped()
  // Load first: a rejected scenario throws io::ScenarioError before anything is created.
  const io::Scenario scenario = io::load_scenario(args.scenario);
  const model::CampaignConfig& config = scenario.campaign;
  const fs::path dir =
      args.out.empty() ? fs::path("out") / fs::path(args.scenario).stem() : fs::path(args.out);

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

  report::RunInfo info;
  info.scenario_file = args.scenario;
  info.description = scenario.description;
  info.seed = options.seed;
  info.replication = options.replication;
  for (const auto& a : scenario.assumptions)
    info.assumptions.push_back({a.what, a.value, a.source});

  // Every output is made before the directory is touched, so a failure leaves nothing behind.
  const std::string text = report::verdict_text(config, result, verdict);
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
  report::write_file_atomically(csv_path, csv);
  report::write_file_atomically(supply_path, supply_csv);
  report::write_file_atomically(json_path, json);
  report::write_file_atomically(html_path, html);
  fmt::print("\nSeed {}, replication {}. Wrote {}, {}, {} and the report {}.\n", options.seed,
             options.replication, csv_path.string(), supply_path.string(), json_path.string(),
             html_path.string());
  return 0;
}

Command add_run(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand(
      "run",
      "Run one replication of a scenario: print the verdict, write the report (HTML), the "
      "city-day table (CSV) and a summary (JSON); or, with --replications R, R replications: "
      "print the chance of meeting each target and write their spread");
  cmd->add_option("scenario", args->scenario, "The scenario file (YAML) to run")
      ->required()
      ->type_name("SCENARIO.yaml");
  CLI::Option* seed = cmd->add_option("--seed", args->seed,
                                      "Random seed; the same seed and replication give the same "
                                      "results (default: the seed in the scenario file)")
                          ->type_name("N")
                          ->check(whole_number);
  cmd->add_option("--replication", args->replication,
                  "Replication number: an independent random stream for the same seed "
                  "(default: 0); with --replications R, the first of R")
      ->type_name("N")
      ->check(whole_number);
  cmd->add_option("--replications", args->replications,
                  "Replications to run (default: 1). With R > 1: print the chance of meeting "
                  "each target (95% interval), key dates and totals over the replications, and "
                  "write summary.json, city_days_quantiles.csv (mean, 5%, 50%, 95% per "
                  "city-day) and report.html (the odds first, then a typical replication with "
                  "5-95% bands) instead of the one-run files")
      ->type_name("R")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--threads", args->threads,
                  "Threads: replications run in parallel, and cities within a replication when "
                  "threads are left over; results are identical for any number (default: 1)")
      ->type_name("T")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--out", args->out,
                  "Directory for report.html, city_days.csv and summary.json, created if "
                  "needed; existing files there are replaced (default: out/<scenario file name "
                  "without extension>)")
      ->type_name("DIR");
  add_odds_options(cmd, args->daily_by, args->city_days);
  cmd->add_flag("--quiet,-q", args->quiet,
                "No progress bar (it is shown on standard error, when that is a terminal, for "
                "runs longer than about a second)");
  cmd->footer(
      "Prints the verdict to standard output. Nothing is written if the scenario is rejected.\n"
      "Ctrl-C stops the run cleanly: nothing is written, earlier files are left as they were.\n"
      "Exit status: 0 done, 1 scenario rejected, 2 any other failure, 130 stopped by Ctrl-C.");
  return {cmd, [args, seed] {
            args->seed_given = seed->count() > 0;
            return run(*args);
          }};
}

// --- vaxsim run --replications R (R > 1) --------------------------------------------------------

// Accepts an ISO date (YYYY-MM-DD).
const CLI::Validator iso_date(
    [](std::string& text) {
      try {
        sim::parse_date(text);
        return std::string();
      } catch (const std::invalid_argument& e) {
        return std::string(e.what());
      }
    },
    "", "date");

run::OddsOptions odds_options(const std::string& daily_by, int city_days) {
  run::OddsOptions o;
  if (!daily_by.empty()) o.daily_by = sim::parse_date(daily_by);
  o.city_days = city_days;
  return o;
}

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
  return info;
}

int run_replicated(const RunArgs& args) {
  cli::catch_interrupts();
  const io::Scenario scenario = io::load_scenario(args.scenario);
  const model::CampaignConfig& config = scenario.campaign;
  const fs::path dir =
      args.out.empty() ? fs::path("out") / fs::path(args.scenario).stem() : fs::path(args.out);
  const run::OddsOptions odds_for = odds_options(args.daily_by, args.city_days);

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

  std::vector<model::Verdict> verdicts;
  verdicts.reserve(results.size());
  for (const model::CampaignResult& r : results) verdicts.push_back(model::judge(config, r));
  const run::Odds odds = run::target_odds(config, verdicts, odds_for);
  const run::Ensemble ensemble(results);
  const report::RunInfo info =
      run_info(args.scenario, scenario, options.seed, options.first_replication);

  // The report draws one replication near the middle of the spread as its lines.
  const std::size_t typical = report::typical_index(verdicts);
  const report::TypicalRun typical_run{options.first_replication + typical, &results[typical],
                                       &verdicts[typical]};

  // Every output is made before the directory is touched, so a failure leaves nothing behind.
  const std::string text = report::odds_text(info, config, odds);
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
  report::write_file_atomically(csv_path, csv);
  report::write_file_atomically(json_path, json);
  report::write_file_atomically(html_path, html);
  fmt::print(
      "\nWrote {}, {} and the report {} (its charts: replication {}, the median of people "
      "fully vaccinated).\n",
      csv_path.string(), json_path.string(), html_path.string(), typical_run.replication);
  return 0;
}

// --- vaxsim sweep -------------------------------------------------------------------------------

struct SweepArgs {
  std::string scenario;
  std::vector<std::string> vary;
  std::uint64_t seed = 1;
  bool seed_given = false;
  std::uint64_t replication = 0;
  int replications = 1;
  int threads = 1;
  std::string out;
  bool quiet = false;
  std::string daily_by;
  int city_days = 1;
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
  const fs::path dir =
      args.out.empty() ? fs::path("out") / fs::path(args.scenario).stem() : fs::path(args.out);

  // Every grid point is loaded (and checked) before anything runs.
  std::vector<model::CampaignConfig> configs;
  std::vector<std::uint64_t> seeds;
  std::string title;
  for (const std::vector<run::Setting>& point : points) {
    std::vector<io::Override> overrides;
    for (const run::Setting& s : point) overrides.push_back({s.key, s.value});
    io::Scenario scenario = io::load_scenario(args.scenario, overrides);
    if (title.empty()) title = scenario.campaign.name;
    seeds.push_back(args.seed_given ? args.seed : scenario.seed);
    configs.push_back(std::move(scenario.campaign));
  }

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

  const std::string text = report::sweep_text(title, axes, points, odds);
  const std::string csv = report::sweep_csv(axes, points, odds);
  const fs::path csv_path = dir / "sweep.csv";
  fmt::print("{}", text);
  std::fflush(stdout);
  fs::create_directories(dir);
  report::write_file_atomically(csv_path, csv);
  fmt::print("\nSeed {}, replications {} to {} at every point. Wrote {}.\n",
             args.seed_given ? fmt::to_string(args.seed) : fmt::to_string(seeds.front()),
             args.replication, args.replication + static_cast<std::uint64_t>(args.replications) - 1,
             csv_path.string());
  return 0;
}

// Options shared by run and sweep for the odds of the targets.
void add_odds_options(CLI::App* cmd, std::string& daily_by, int& city_days) {
  cmd->add_option("--daily-by", daily_by,
                  "Odds: the province daily target counts as met when it is reached on some "
                  "day from targets.daily_from to this date (default: the deadline)")
      ->type_name("YYYY-MM-DD")
      ->check(iso_date);
  cmd->add_option("--city-days", city_days,
                  "Odds: a city meets its daily target when it reaches it on at least this "
                  "many days from targets.daily_from to the deadline (default: 1)")
      ->type_name("N")
      ->check(CLI::Range(1, 100000));
}

Command add_sweep(CLI::App& app) {
  auto args = std::make_shared<SweepArgs>();
  CLI::App* cmd = app.add_subcommand(
      "sweep",
      "Run a scenario under a grid of changes (--vary), every grid point with the same seed and "
      "replications (common random numbers): print and write (sweep.csv) each point's chance of "
      "meeting each target and its key dates");
  cmd->add_option("scenario", args->scenario, "The scenario file (YAML) to vary")
      ->required()
      ->type_name("SCENARIO.yaml");
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
  CLI::Option* seed = cmd->add_option("--seed", args->seed,
                                      "Random seed, the same at every grid point (default: the "
                                      "seed in the scenario file)")
                          ->type_name("N")
                          ->check(whole_number);
  cmd->add_option("--replication", args->replication,
                  "First replication number (default: 0); replications N .. N+R-1 are run at "
                  "every point")
      ->type_name("N")
      ->check(whole_number);
  cmd->add_option("--replications", args->replications,
                  "Replications per grid point (default: 1, a like-for-like comparison; 20 or "
                  "more for probabilities)")
      ->type_name("R")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--threads", args->threads,
                  "Threads running replications (and grid points) in parallel; results are "
                  "identical for any number (default: 1)")
      ->type_name("T")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--out", args->out,
                  "Directory for sweep.csv, created if needed; an existing sweep.csv is replaced "
                  "(default: out/<scenario file name without extension>)")
      ->type_name("DIR");
  add_odds_options(cmd, args->daily_by, args->city_days);
  cmd->add_flag("--quiet,-q", args->quiet,
                "No progress bar (it is shown on standard error, when that is a terminal)");
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

// Runs an action, turning every exception into a message on stderr and an exit status.
int guarded(const Action& action) {
  try {
    return action();
  } catch (const io::ScenarioError& e) {
    fmt::print(stderr, "{}\n", e.what());
    return kScenarioRejected;
  } catch (const model::Cancelled& e) {  // Ctrl-C, where a command did not say more itself
    fmt::print(stderr, "vaxsim: stopped by Ctrl-C: {}\n", e.what());
    return cli::kInterruptedStatus;
  } catch (const std::exception& e) {
    fmt::print(stderr, "vaxsim: error: {}\n", e.what());
    return kFailed;
  } catch (...) {
    fmt::print(stderr, "vaxsim: error: unknown exception\n");
    return kFailed;
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    CLI::App app{"vaxsim " VAXSIM_VERSION
                 ": simulate a mass-vaccination campaign, from dose deliveries to desks and "
                 "queues, and judge it against its targets.",
                 "vaxsim"};
    app.set_version_flag("--version", std::string("vaxsim " VAXSIM_VERSION),
                         "Print the version and exit");
    app.require_subcommand(1);
    app.footer(
        "Run 'vaxsim <command> --help' for a command's options.\n"
        "Exit status: 0 done, 1 scenario rejected, 2 any other failure (including a bad command "
        "line), 130 stopped by Ctrl-C.");

    const std::vector<Command> commands = {add_run(app), add_sweep(app)};

    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      return app.exit(e) == 0 ? 0 : kFailed;  // help and version print and exit 0
    }
    for (const Command& command : commands) {
      if (command.app->parsed()) return guarded(command.action);
    }
    return kFailed;  // unreachable: a subcommand is required
  } catch (const std::exception& e) {
    fmt::print(stderr, "vaxsim: error: {}\n", e.what());
    return kFailed;
  }
}
