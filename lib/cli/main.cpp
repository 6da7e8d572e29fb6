// vaxsim, the command line: parses the arguments, calls the library, prints. No logic of its own.
//
// Exit status: 0 done; 1 the scenario was rejected (file:line:col: field: message on stderr);
// 2 anything else (bad command line, failed run, output not written).
//
// Each subcommand is an add_<name>() that registers its options on the app and returns the
// action to run once parsing succeeded; a new subcommand (sweep, ...) is one more such function
// and one more line in main().

#include <fmt/format.h>

#include <CLI/CLI.hpp>
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

#include "vaxsim/io/scenario.hpp"
#include "vaxsim/io/scenario_error.hpp"
#include "vaxsim/model/campaign.hpp"
#include "vaxsim/model/verdict.hpp"
#include "vaxsim/report/atomic_file.hpp"
#include "vaxsim/report/csv.hpp"
#include "vaxsim/report/summary_json.hpp"
#include "vaxsim/report/verdict_text.hpp"

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
};

int run(const RunArgs& args) {
  // Load first: a rejected scenario throws io::ScenarioError before anything is created.
  const io::Scenario scenario = io::load_scenario(args.scenario);
  const model::CampaignConfig& config = scenario.campaign;

  model::RunOptions options;
  options.seed = args.seed_given ? args.seed : scenario.seed;
  options.replication = args.replication;
  options.threads = args.threads;
  const model::CampaignResult result = model::run_campaign(config, options);
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
  const std::string json = report::summary_json(info, config, result, verdict);

  const fs::path dir =
      args.out.empty() ? fs::path("out") / fs::path(args.scenario).stem() : fs::path(args.out);
  const fs::path csv_path = dir / "city_days.csv";
  const fs::path json_path = dir / "summary.json";
  fmt::print("{}", text);
  std::fflush(stdout);
  fs::create_directories(dir);
  report::write_file_atomically(csv_path, csv);
  report::write_file_atomically(json_path, json);
  fmt::print("\nSeed {}, replication {}. Wrote {} and {}.\n", options.seed, options.replication,
             csv_path.string(), json_path.string());
  return 0;
}

Command add_run(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand(
      "run",
      "Run one replication of a scenario: print the verdict, write the city-day table (CSV) and "
      "a summary (JSON)");
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
                  "(default: 0)")
      ->type_name("N")
      ->check(whole_number);
  cmd->add_option("--threads", args->threads,
                  "Threads simulating cities in parallel; results are identical for any number "
                  "(default: 1)")
      ->type_name("T")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--out", args->out,
                  "Directory for city_days.csv and summary.json, created if needed; existing "
                  "files there are replaced (default: out/<scenario file name without "
                  "extension>)")
      ->type_name("DIR");
  cmd->footer(
      "Prints the verdict to standard output. Nothing is written if the scenario is rejected.\n"
      "Exit status: 0 done, 1 scenario rejected, 2 any other failure.");
  return {cmd, [args, seed] {
            args->seed_given = seed->count() > 0;
            return run(*args);
          }};
}

// Runs an action, turning every exception into a message on stderr and an exit status.
int guarded(const Action& action) {
  try {
    return action();
  } catch (const io::ScenarioError& e) {
    fmt::print(stderr, "{}\n", e.what());
    return kScenarioRejected;
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
        "line).");

    const std::vector<Command> commands = {add_run(app)};

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
