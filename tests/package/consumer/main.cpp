// Compiles and links against vaxsim the way a downstream project would.
#include <chrono>
#include <cstdio>
#include <vaxsim/sim/time.hpp>

int main() {
  using namespace std::chrono_literals;
  constexpr vaxsim::sim::Duration observation = 30min;
  static_assert(vaxsim::sim::to_minutes(observation) == 30.0);
  if (vaxsim::sim::from_minutes(30.0) != observation) {
    std::puts("vaxsim consumer: time conversion mismatch");
    return 1;
  }
  std::puts("vaxsim consumer: ok");
  return 0;
}
