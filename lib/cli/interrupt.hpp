#pragma once
// Ctrl-C: the first one asks the program to stop cleanly (the run stops at the end of the
// simulated day, nothing half-done is written); a second one ends the program at once, as usual.

#include <filesystem>

namespace vaxsim::cli {

/// Installs the SIGINT handler. Safe to call more than once.
void catch_interrupts();

/// Whether Ctrl-C was pressed since catch_interrupts().
bool interrupted();

/// The exit status of a program stopped by Ctrl-C (128 + SIGINT), as shells report it.
inline constexpr int kInterruptedStatus = 130;

/// Ctrl-C stopped a run: says so, and that nothing was written (files from an earlier run in `dir`
/// stay); returns kInterruptedStatus.
int stopped(int days_done, int days, const std::filesystem::path& dir);

}  // namespace vaxsim::cli
