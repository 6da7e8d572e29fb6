#pragma once
// MPI for as long as a Session lives: started on construction, finalized on destruction, once
// per process. vaxsim asks for MPI_THREAD_FUNNELED: replications run on worker threads, but only
// the thread that calls vaxsim::mpi's functions calls MPI.
//
// A program that starts MPI itself needs no Session (and a Session made while MPI runs neither
// starts nor ends it).

#include <mpi.h>

namespace vaxsim::mpi {

class Session {
 public:
  /// Starts MPI (MPI_Init_thread). Throws std::runtime_error if MPI cannot give
  /// MPI_THREAD_FUNNELED; MPI itself aborts the program if it cannot start at all.
  Session();
  Session(int& argc, char**& argv);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  /// This process's rank in MPI_COMM_WORLD, and the number of ranks.
  int rank() const { return rank_; }
  int size() const { return size_; }

 private:
  void start(int* argc, char*** argv);

  bool started_here_ = false;
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace vaxsim::mpi
