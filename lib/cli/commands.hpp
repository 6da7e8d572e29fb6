#pragma once
// Private to the vaxsim program: its subcommands. Each is an add_<name>() that registers its
// options on the app and returns the action to run once parsing succeeded; a new subcommand
// (calibrate, ...) is one more such function, in a file of its own, and one more line in main().

// GCC 12 at -O2 may report a false "potential null pointer dereference" inside CLI11's own
// string helpers, depending on what gets inlined; the warning is not about vaxsim's code.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <CLI/CLI.hpp>
#pragma GCC diagnostic pop
#include <functional>

namespace vaxsim::cli {

using Action = std::function<int()>;

/// A subcommand as registered on the app, and what to do when it was given.
struct Command {
  CLI::App* app;
  Action action;
};

/// vaxsim run: one replication, or with --replications R the odds over R (run_command.cpp).
Command add_run(CLI::App& app);

/// vaxsim sweep: the odds at every point of a grid of changes (sweep_command.cpp).
Command add_sweep(CLI::App& app);

/// vaxsim check: every error and warning of scenario files, without running (check_command.cpp).
Command add_check(CLI::App& app);
/// vaxsim calibrate: scenario parameters fitted to the record (calibrate_command.cpp).
Command add_calibrate(CLI::App& app);

/// vaxsim compare: two runs' outputs side by side, in text and HTML (compare_command.cpp).
Command add_compare(CLI::App& app);

}  // namespace vaxsim::cli
