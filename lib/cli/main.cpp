// vaxsim, the command line: parses the arguments, calls the library, prints. No logic of its own.
//
// Exit status: 0 done; 1 the scenario was rejected (file:line:col: field: message on stderr);
// 2 anything else (bad command line, failed run, output not written); 130 stopped by Ctrl-C
// (nothing written).
//
// The subcommands (commands.hpp) are each in a file of their own: run_command.cpp,
// sweep_command.cpp, calibrate_command.cpp and compare_command.cpp, with the options run and
// sweep share in shared_options.hpp.

#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "commands.hpp"
#include "interrupt.hpp"
#include "vaxsim/io/scenario_error.hpp"
#include "vaxsim/model/campaign.hpp"

#ifndef VAXSIM_VERSION
#define VAXSIM_VERSION "0.1.0"  // the project version; CMake may pass the real one
#endif

namespace {

using namespace vaxsim;
using cli::Action;
using cli::Command;

constexpr int kScenarioRejected = 1;
constexpr int kFailed = 2;

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

    const std::vector<Command> commands = {cli::add_run(app), cli::add_sweep(app),
                                           cli::add_calibrate(app), cli::add_compare(app)};

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
