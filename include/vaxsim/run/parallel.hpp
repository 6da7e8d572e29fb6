#pragma once
// A minimal thread pool for independent tasks (replications, sweep points): workers pull task
// indices from a shared counter. Each task writes its own result slot, so what the tasks compute,
// and the order in which it is later combined, does not depend on the number of threads.

#include <cstddef>
#include <functional>

namespace vaxsim::run {

/// Runs task(i) for every i in [0, count), on min(threads, count) threads (the calling thread is
/// one of them; threads <= 1 runs everything on it, in index order). Tasks are handed out in
/// increasing index order.
///
/// If a task throws, no further task is started, the running ones finish, and the exception of
/// the lowest-index task that threw is rethrown on the calling thread: the same exception a
/// one-thread run would throw.
void parallel_for(std::size_t count, int threads, const std::function<void(std::size_t)>& task);

}  // namespace vaxsim::run
