#pragma once
// A scheduled event and its deterministic order, (time, priority, sequence number), with the
// EventQueue concept every pending-event set models. Apart from event_queue.hpp so that each
// queue (sim/detail/*_heap_queue.hpp) can include what it stores without the others.

#include <concepts>
#include <cstddef>
#include <cstdint>

#include "vaxsim/sim/action.hpp"
#include "vaxsim/sim/time.hpp"

namespace vaxsim::sim {

/// A scheduled event. Smaller priority values run first among events at the same time.
struct PendingEvent {
  Time time;
  std::int32_t priority = 0;
  std::uint64_t seq = 0;
  Action action;
};

/// Strict (time, priority, seq) order: true when `a` must run before `b`.
constexpr bool runs_before(const PendingEvent& a, const PendingEvent& b) {
  if (a.time != b.time) return a.time < b.time;
  if (a.priority != b.priority) return a.priority < b.priority;
  return a.seq < b.seq;
}

/// Priorities must fit the queues' compact keys.
inline constexpr std::int32_t kMinPriority = -128;
inline constexpr std::int32_t kMaxPriority = 127;

template <class Q>
concept EventQueue = requires(Q q, const Q cq, const PendingEvent& e) {
  q.push(e);
  { q.pop() } -> std::same_as<PendingEvent>;  // precondition: !empty()
  { cq.top_time() } -> std::same_as<Time>;    // precondition: !empty()
  { cq.empty() } -> std::convertible_to<bool>;
  { cq.size() } -> std::convertible_to<std::size_t>;
  q.clear();
};

}  // namespace vaxsim::sim
