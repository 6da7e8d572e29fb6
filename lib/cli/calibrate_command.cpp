// vaxsim calibrate: fits scenario parameters to the record of a campaign's progress, writes the
// scenario with the fitted values (calibrated.yaml), the fit (calibration.json) and a page of the
// record over the forecast's bands (calibration.html). The method is fit/calibrate.hpp's.

#include <fmt/format.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "commands.hpp"
#include "interrupt.hpp"
#include "progress_bar.hpp"
#include "shared_options.hpp"
#include "vaxsim/fit/calibrate.hpp"
#include "vaxsim/io/observed.hpp"
#include "vaxsim/io/overrides.hpp"
#include "vaxsim/io/scenario.hpp"
#include "vaxsim/io/scenario_error.hpp"
#include "vaxsim/report/atomic_file.hpp"
#include "vaxsim/report/calibration_report.hpp"
#include "vaxsim/sim/calendar.hpp"

namespace vaxsim::cli {
namespace {

namespace fs = std::filesystem;

struct CalibrateArgs {
  std::string scenario;
  std::string observed;
  std::vector<std::string> fit;
  std::string until;
  std::uint64_t seed = 1;
  int replications = 10;
  int forecast_replications = 20;
  int threads = 1;
  int max_evaluations = 150;
  double observation_error = 0.02;
  double day_error = 0.25;
  std::string out;
  bool quiet = false;
};

int calibrate(const CalibrateArgs& args, bool seed_given) {
  cli::catch_interrupts();
  // Everything the command line and the files say is checked before the first run.
  std::vector<fit::FitParameter> parameters;
  for (const std::string& text : args.fit) {
    try {
      parameters.push_back(fit::parse_fit_parameter(text));
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(std::string("--fit ") + e.what());
    }
  }
  const io::Scenario scenario = io::load_scenario(args.scenario);
  // Each key must lead somewhere; the search starts from what the file has (x1 for a factor).
  for (const fit::FitParameter& p : parameters) {
    (void)io::load_scenario(args.scenario, p.at((p.lo + p.hi) / 2));
  }
  const std::vector<double> start = fit::start_values(args.scenario, parameters);
  io::ObservedProgress observed = io::load_observed(args.observed);
  std::vector<std::string> cities;
  for (const model::City& c : scenario.campaign.cities) cities.push_back(c.name);
  io::check_places(observed, cities);
  const fs::path dir =
      args.out.empty()
          ? fs::path("out") / (fs::path(args.scenario).stem().string() + "-calibration")
          : fs::path(args.out);
  print_warnings(scenario.warnings);
  // The directory is checked before a fit of minutes, not after.
  const std::vector<std::string> outputs = {"calibrated.yaml", "calibration.json",
                                            "calibration.html"};
  report::check_output_dir(dir, outputs);

  fit::CalibrationOptions options;
  options.seed = seed_given ? args.seed : scenario.seed;
  options.replications = args.replications;
  options.forecast_replications = args.forecast_replications;
  options.threads = args.threads;
  options.max_evaluations = args.max_evaluations;
  options.observation_error = args.observation_error;
  options.day_error = args.day_error;
  options.start = start;
  if (!args.until.empty()) options.until = sim::parse_date(args.until);
  cli::ProgressBar progress(!args.quiet && cli::stderr_is_terminal(), "Calibrating");
  options.progress = [&progress](int done, int most) { return progress.on_day(done, most); };

  const fit::ScenarioMaker make = [&](std::span<const io::Override> overrides) {
    return io::load_scenario(args.scenario, overrides).campaign;
  };
  fit::Calibration fit;
  try {
    fit = fit::calibrate(make, parameters, observed, options);
  } catch (const model::Cancelled&) {
    progress.clear();
    fmt::print(stderr, "vaxsim: stopped by Ctrl-C after {} evaluations; nothing written.\n",
               progress.days_done());
    return cli::kInterruptedStatus;
  }
  progress.clear();

  const report::CalibrationInfo info{args.scenario, args.observed, scenario.campaign.name,
                                     options.seed};
  // Every output is made before the directory is touched, so a failure leaves nothing behind.
  const std::string summary = report::calibration_text(info, fit);
  const std::string calibrated = report::calibration_comment(info, fit) + "#\n" +
                                 io::write_overrides(fs::path(args.scenario), fit.overrides());
  const std::string json = report::calibration_json(info, fit);
  const std::string html = report::calibration_html(info, fit);
  fmt::print("{}", summary);
  std::fflush(stdout);
  fs::create_directories(dir);
  // The three appear together or not at all.
  const report::OutputFile files[] = {
      {dir / outputs[0], calibrated}, {dir / outputs[1], json}, {dir / outputs[2], html}};
  report::write_files_atomically(files);
  fmt::print("\nWrote {}, {} and {}.\n", (dir / "calibrated.yaml").string(),
             (dir / "calibration.json").string(), (dir / "calibration.html").string());
  return 0;
}

}  // namespace

Command add_calibrate(CLI::App& app) {
  auto args = std::make_shared<CalibrateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "calibrate",
      "Fit scenario parameters to the record of a campaign's progress: the values that make "
      "runs agree best with the record, their intervals, and a forecast of the later figures "
      "with 5-95% bands (a backtest with --until)");
  cmd->add_option("scenario", args->scenario, "The scenario file (YAML) to calibrate")
      ->required()
      ->type_name("SCENARIO.yaml");
  cmd->add_option("--observed", args->observed,
                  "The record (CSV, docs/observed-format.md), e.g. data/shanxi-2021-observed.csv")
      ->required()
      ->type_name("FILE");
  cmd->add_option("--fit", args->fit,
                  "A parameter to fit and its range, KEY=LO..HI: KEY as for overrides "
                  "(docs/scenario-format.md), e.g. 'demand.booking_fill=0.5..1' or, to scale "
                  "every number KEY selects together, 'supply.deliveries[*].doses=x0.5..x1.5'. "
                  "Repeat for each parameter")
      ->required()
      ->type_name("KEY=LO..HI")
      ->allow_extra_args(false);
  cmd->add_option("--until", args->until,
                  "Fit the figures dated up to this day only; the later ones are forecast and "
                  "scored (a backtest)")
      ->type_name("YYYY-MM-DD");
  CLI::Option* seed = cmd->add_option("--seed", args->seed,
                                      "Random seed of every run (common random numbers across "
                                      "evaluations; default: the scenario's)")
                          ->type_name("N");
  cmd->add_option("--replications", args->replications,
                  "Runs an evaluation: the loss compares their mean with the record (default: 10)")
      ->type_name("R")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--forecast-replications", args->forecast_replications,
                  "Runs of the forecast, each with its own draw of the parameters (default: 20)")
      ->type_name("R")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--threads", args->threads,
                  "Threads; results are identical for any number (default: 1)")
      ->type_name("T")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--max-evaluations", args->max_evaluations,
                  "The optimiser's budget of evaluations (default: 150)")
      ->type_name("N")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--observation-error", args->observation_error,
                  "The record's relative error, the unit of a cumulative figure's gap in the loss "
                  "(default: 0.02, 2%)")
      ->type_name("SHARE")
      ->check(CLI::Range(1e-6, 1.0));
  cmd->add_option("--day-error", args->day_error,
                  "The relative error of one day's doses in the loss: the record's error and "
                  "how far a day strays from its week's pace (default: 0.25)")
      ->type_name("SHARE")
      ->check(CLI::Range(1e-6, 10.0));
  cmd->add_option("--out", args->out,
                  "Directory for calibrated.yaml, calibration.json and calibration.html "
                  "(default: out/<scenario file name without extension>-calibration)")
      ->type_name("DIR");
  cmd->add_flag("--quiet,-q", args->quiet, "No progress bar");
  cmd->footer(
      "Prints the estimates and the fitted and forecast figures. Nothing is written if a file "
      "is rejected.\nExit status: 0 done, 1 scenario or record rejected, 2 any other failure, "
      "130 stopped by Ctrl-C.");
  return {cmd, [args, seed] {
            if (!args->until.empty()) {
              try {
                (void)sim::parse_date(args->until);
              } catch (const std::invalid_argument& e) {
                throw std::invalid_argument(std::string("--until: ") + e.what());
              }
            }
            return calibrate(*args, seed->count() > 0);
          }};
}

}  // namespace vaxsim::cli
