#include "progress_bar.hpp"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <utility>

#include "interrupt.hpp"

namespace vaxsim::cli {
namespace {

constexpr auto kFirstDraw = std::chrono::milliseconds(800);  // runs shorter than this show nothing
constexpr auto kRedraw = std::chrono::milliseconds(100);     // at most ten times a second

int terminal_columns() {
  winsize size{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

std::string time_left(double seconds) {
  if (!std::isfinite(seconds)) return "";
  const long s = std::lround(std::max(1.0, seconds));
  if (s < 90) return fmt::format("about {} s left", s);
  if (s < 90 * 60) return fmt::format("about {} min left", (s + 30) / 60);
  return fmt::format("about {} h {} min left", s / 3600, (s % 3600 + 30) / 60);
}

void write_stderr(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

}  // namespace

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

ProgressBar::ProgressBar(bool enabled, std::string label)
    : enabled_{enabled}, label_{std::move(label)}, start_{Clock::now()} {}

ProgressBar::~ProgressBar() { clear(); }

std::string ProgressBar::line(std::string_view label, int day, int days, double seconds,
                              int columns) {
  const double rate = seconds > 0 ? day / seconds : 0.0;
  const std::size_t digits = std::to_string(days).size();
  const std::string counts = fmt::format("{:>{}}/{} days", day, digits, days);
  const std::string speed = rate > 0 ? fmt::format("{:.1f} days/s", rate) : std::string();
  const std::string left = rate > 0 ? time_left((days - day) / rate) : std::string();
  std::string tail = "  " + counts;
  if (!speed.empty()) tail += "  " + speed;
  if (!left.empty()) tail += "  " + left;
  // The bar takes what is left of the line, up to 30 cells, leaving room for the longest speed
  // and time left so that it does not change width as they change; dropped on narrow terminals.
  const std::size_t longest_tail = 2 + counts.size() + 2 + 13 + 2 + 24;
  const int room = columns - 1 - static_cast<int>(label.size() + longest_tail) - 3;
  const int width = std::min(30, room);
  std::string bar;
  if (width >= 5) {
    const int filled = days > 0 ? static_cast<int>(static_cast<long long>(width) * day / days) : 0;
    bar = " [" + std::string(static_cast<std::size_t>(filled), '#') +
          std::string(static_cast<std::size_t>(width - filled), '.') + "]";
  }
  std::string out = std::string(label) + bar + tail;
  if (static_cast<int>(out.size()) > columns - 1) {
    out.resize(static_cast<std::size_t>(std::max(0, columns - 1)));
  }
  return out;
}

bool ProgressBar::on_day(int day, int days) {
  day_ = day;
  days_ = days;
  if (interrupted()) return false;
  if (!enabled_) return true;
  const Clock::time_point now = Clock::now();
  if (now - start_ < kFirstDraw || (drawn_ && now - last_draw_ < kRedraw)) return true;
  last_draw_ = now;
  drawn_ = true;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  // \r back to the start of the line, \x1b[K clears what a longer previous line left behind.
  write_stderr("\r" + line(label_, day, days, seconds, terminal_columns()) + "\x1b[K");
  return true;
}

void ProgressBar::clear() {
  if (!drawn_) return;
  write_stderr("\r\x1b[K");
  drawn_ = false;
}

}  // namespace vaxsim::cli
