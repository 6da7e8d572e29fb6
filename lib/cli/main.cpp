// vaxsim, the command line: parses the arguments, calls the library, prints. No logic of its own.
//
// Exit status: 0 done; 1 the scenario was rejected (file:line:col: field: message on stderr);
// 2 anything else (bad command line, failed run, output not written); 130 stopped by Ctrl-C
// (nothing written).
//
// The subcommands (commands.hpp) are each in a file of their own: run_command.cpp,
// sweep_command.cpp, calibrate_command.cpp, compare_command.cpp and check_command.cpp, with the
// options run and sweep share in shared_options.hpp.

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
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

// The edit distance of two words (insertions, deletions, substitutions).
std::size_t distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// A first argument that is neither an option nor a command: CLI11 would say only that "a
// subcommand is required". Names the commands, and the closest when it looks like a typo.
bool unknown_command(const CLI::App& app, const std::string& word) {
  if (word.empty() || word.front() == '-') return false;
  std::string closest;
  std::size_t best = 3;  // at most two edits
  std::string names;
  for (const CLI::App* sub : app.get_subcommands({})) {
    const std::string& name = sub->get_name();
    if (name == word) return false;
    names += (names.empty() ? "" : ", ") + name;
    if (const std::size_t d = distance(word, name); d < best) {
      best = d;
      closest = name;
    }
  }
  fmt::print(stderr, "vaxsim: unknown command '{}'{}; the commands are {} (vaxsim --help)\n", word,
             closest.empty() ? "" : " (did you mean '" + closest + "'?)", names);
  return true;
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
                                           cli::add_calibrate(app), cli::add_compare(app),
                                           cli::add_check(app)};
    if (argc > 1 && unknown_command(app, argv[1])) return kFailed;

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
