// The options `run` and `sweep` share (shared_options.hpp).

#include "shared_options.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdio>
#include <set>
#include <stdexcept>
#include <system_error>

#include "vaxsim/report/atomic_file.hpp"
#include "vaxsim/sim/calendar.hpp"

namespace vaxsim::cli {
namespace {

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

// A whole number in [lo, hi]: CLI::Range alone would read "2.5" as a number and call it out of
// range, which it is not.
CLI::Validator whole_number_in(int lo, int hi) {
  return CLI::Validator(
      [lo, hi](std::string& text) {
        long long value = 0;
        const char* end = text.data() + text.size();
        const auto [ptr, ec] = std::from_chars(text.data(), end, value);
        const bool ok =
            !text.empty() && ec == std::errc() && ptr == end && value >= lo && value <= hi;
        return ok ? std::string()
                  : "'" + text + "' is not a whole number from " + std::to_string(lo) + " to " +
                        std::to_string(hi);
      },
      "", "whole number");
}

// A directory name that is not empty: `--out ""` would otherwise mean the default directory.
const CLI::Validator nonempty_dir(
    [](std::string& text) {
      return text.empty() ? std::string("an empty directory name (leave --out out for the default)")
                          : std::string();
    },
    "", "directory");

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

// The options of the odds of the targets.
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
      ->check(whole_number_in(1, 100000));
}

}  // namespace

void add_scenario(CLI::App* cmd, ScenarioArgs& args, const SharedHelp& help) {
  cmd->add_option("scenario", args.scenario, help.scenario)->required()->type_name("SCENARIO.yaml");
}

CLI::Option* add_shared_options(CLI::App* cmd, ScenarioArgs& args, const SharedHelp& help) {
  CLI::Option* seed =
      cmd->add_option("--seed", args.seed, help.seed)->type_name("N")->check(whole_number);
  cmd->add_option("--replication", args.replication, help.replication)
      ->type_name("N")
      ->check(whole_number);
  cmd->add_option("--replications", args.replications, help.replications)
      ->type_name("R")
      ->check(whole_number_in(1, 1000000));
  cmd->add_option("--threads", args.threads, help.threads)
      ->type_name("T")
      ->check(whole_number_in(1, 256));
  cmd->add_option("--out", args.out, help.out)->type_name("DIR")->check(nonempty_dir);
  add_odds_options(cmd, args.daily_by, args.city_days);
  cmd->add_flag("--quiet,-q", args.quiet, help.quiet);
  return seed;
}

void print_warning(const model::Warning& warning) {
  fmt::print(stderr, "vaxsim: warning: {}\n", warning.message);
  std::fflush(stderr);
}

std::filesystem::path output_dir(const ScenarioArgs& args) {
  namespace fs = std::filesystem;
  return args.out.empty() ? fs::path("out") / fs::path(args.scenario).stem() : fs::path(args.out);
}

void check_before_running(const ScenarioArgs& args, const model::CampaignConfig& config,
                          std::span<const std::string> outputs) {
  if (!args.daily_by.empty()) {
    const sim::Date by = sim::parse_date(args.daily_by);
    if (by < config.targets.daily_from || by > config.end) {
      throw std::invalid_argument("--daily-by " + args.daily_by +
                                  " is outside the days the daily target is counted (" +
                                  sim::format_date(config.targets.daily_from) + " to " +
                                  sim::format_date(config.end) + ")");
    }
  }
  report::check_output_dir(output_dir(args), outputs);
}

void print_warnings(std::span<const io::ScenarioWarning> warnings) {
  std::set<std::string> printed;  // a sweep's grid points repeat the file's warnings
  for (const io::ScenarioWarning& w : warnings) {
    if (printed.insert(w.text()).second) fmt::print(stderr, "vaxsim: warning: {}\n", w.text());
  }
}

std::vector<model::Warning> summary_warnings(std::span<const io::ScenarioWarning> warnings) {
  std::vector<model::Warning> out;
  for (const io::ScenarioWarning& w : warnings) {
    out.push_back({w.code, w.message, w.file, w.line, w.column, w.field});
  }
  return out;
}

run::OddsOptions odds_options(const std::string& daily_by, int city_days) {
  run::OddsOptions o;
  if (!daily_by.empty()) o.daily_by = sim::parse_date(daily_by);
  o.city_days = city_days;
  return o;
}

}  // namespace vaxsim::cli
