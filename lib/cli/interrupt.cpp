#include "interrupt.hpp"

#include <fmt/format.h>

#include <csignal>
#include <cstdio>
#include <string>
#include <system_error>

namespace vaxsim::cli {
namespace {

// Lock-free, so the handler may set it (async-signal-safe).
volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void on_sigint(int /*signal*/) { g_interrupted = 1; }

}  // namespace

void catch_interrupts() {
  struct sigaction action {};
  action.sa_handler = on_sigint;
  sigemptyset(&action.sa_mask);
  // One-shot: the handler is reset to the default on delivery, so a second Ctrl-C ends the
  // program even if it hangs. SA_RESTART keeps reads and writes going.
  action.sa_flags = static_cast<int>(SA_RESETHAND | SA_RESTART);
  sigaction(SIGINT, &action, nullptr);
}

bool interrupted() { return g_interrupted != 0; }

int stopped(int days_done, int days, const std::filesystem::path& dir) {
  std::error_code ec;
  const std::string kept =
      std::filesystem::exists(dir, ec)
          ? "; the files already in " + dir.string() + " were left as they were"
          : std::string();
  fmt::print(stderr,
             "vaxsim: stopped by Ctrl-C after {} of {} simulated days. Nothing was written{}.\n",
             days_done, days, kept);
  return cli::kInterruptedStatus;
}

}  // namespace vaxsim::cli
