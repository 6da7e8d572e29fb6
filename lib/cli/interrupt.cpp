#include "interrupt.hpp"

#include <csignal>

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

}  // namespace vaxsim::cli
