#pragma once
// The pending-event set: what happens next, in a deterministic order.
//
// Events are plain values ordered by (time, priority, sequence number). The sequence number is
// the order of scheduling, so two events at the same time and priority run first-scheduled
// first, on every machine and every run. Any type with the members required by the EventQueue
// concept can serve; DefaultEventQueue is the one the benchmarks in bench/bench_event_queue.cpp
// chose (see the README for the figures).

#include "vaxsim/sim/detail/binary_heap_queue.hpp"
#include "vaxsim/sim/detail/quaternary_heap_queue.hpp"
#include "vaxsim/sim/pending_event.hpp"

namespace vaxsim::sim {

using BinaryHeapQueue = detail::BinaryHeapQueue;
using QuaternaryHeapQueue = detail::QuaternaryHeapQueue;
using DefaultEventQueue = QuaternaryHeapQueue;

static_assert(EventQueue<BinaryHeapQueue>);
static_assert(EventQueue<QuaternaryHeapQueue>);

}  // namespace vaxsim::sim
