#pragma once
// A progress bar on standard error for long runs: days simulated, days a second, time left.
//
//   Simulating [##############..............]  45/91 days  9.8 days/s  about 5 s left
//
// Drawn only when enabled (standard error is a terminal and --quiet was not given), only once
// the run has taken more than about a second, redrawn at most ten times a second, and cleared
// at the end so that nothing of it stays on the screen. Whether drawn or not, it is also the
// run's stop button: on_day returns false once Ctrl-C was pressed (see interrupt.hpp).

#include <chrono>
#include <string>
#include <string_view>

#include "vaxsim/model/campaign.hpp"

namespace vaxsim::cli {

class ProgressBar final : public model::ProgressObserver {
 public:
  using Clock = std::chrono::steady_clock;

  explicit ProgressBar(bool enabled, std::string label = "Simulating");
  ~ProgressBar() override;
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  bool on_day(int day, int days) override;

  /// Clears the bar from the terminal (if it was drawn).
  void clear();

  int days_done() const { return day_; }
  int days_total() const { return days_; }

  /// The bar's text for a given state, fitted to `columns` (exposed for tests).
  static std::string line(std::string_view label, int day, int days, double seconds, int columns);

 private:
  bool enabled_;
  std::string label_;
  Clock::time_point start_;
  Clock::time_point last_draw_{};
  bool drawn_ = false;
  int day_ = 0;
  int days_ = 0;
};

/// Whether standard error is a terminal.
bool stderr_is_terminal();

}  // namespace vaxsim::cli
