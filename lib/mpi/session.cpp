#include "vaxsim/mpi/session.hpp"

#include <stdexcept>

namespace vaxsim::mpi {

Session::Session() { start(nullptr, nullptr); }

Session::Session(int& argc, char**& argv) { start(&argc, &argv); }

void Session::start(int* argc, char*** argv) {
  int running = 0;
  MPI_Initialized(&running);
  int provided = MPI_THREAD_SINGLE;
  if (running != 0) {
    MPI_Query_thread(&provided);
  } else {
    MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
    started_here_ = true;
  }
  if (provided < MPI_THREAD_FUNNELED) {
    if (started_here_) MPI_Finalize();
    throw std::runtime_error(
        "this MPI does not support threads (MPI_THREAD_FUNNELED), which vaxsim's replications "
        "need");
  }
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

Session::~Session() {
  if (!started_here_) return;
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (finalized == 0) MPI_Finalize();
}

}  // namespace vaxsim::mpi
