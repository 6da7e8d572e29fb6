// Compiles and links against vaxsim::mpi the way a downstream project would, and starts MPI.
#include <cstdio>
#include <vaxsim/mpi/replications.hpp>
#include <vaxsim/mpi/session.hpp>
#include <vaxsim/mpi/share.hpp>

int main(int argc, char** argv) {
  const vaxsim::mpi::Session session(argc, argv);
  // Linked, not called: a campaign would take this program beyond a packaging check.
  volatile auto run = &vaxsim::mpi::run_replications;
  const auto blocks = vaxsim::mpi::share(2, 3, session.rank(), session.size());
  if (session.size() == 1 && (blocks.size() != 1 || blocks[0].replications != 3 || !run)) {
    std::puts("vaxsim mpi consumer: one rank should run everything");
    return 1;
  }
  std::puts("vaxsim mpi consumer: ok");
  return 0;
}
