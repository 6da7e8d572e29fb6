#pragma once
// The simulator: a clock and a pending-event set, and nothing else.
//
//   Simulator sim;
//   sim.after<&Desk::finish>(4min, desk);   // desk.finish() runs 4 minutes from now
//   sim.run();
//
// A model is a set of objects whose member functions are scheduled as events. The simulator
// knows nothing of what they mean; it only guarantees the order: by time, then priority (smaller
// first), then the order in which events were scheduled.

#include <cstdint>
#include <stdexcept>
#include <unordered_set>

#include "vaxsim/sim/action.hpp"
#include "vaxsim/sim/event_queue.hpp"
#include "vaxsim/sim/time.hpp"

namespace vaxsim::sim {

/// Names a scheduled event, for cancel().
struct EventId {
  Time time;
  std::int32_t priority = 0;
  std::uint64_t seq = 0;
};

template <EventQueue Queue = DefaultEventQueue>
class BasicSimulator {
 public:
  BasicSimulator() = default;
  // Models keep pointers to the simulator's clock: it must not move.
  BasicSimulator(const BasicSimulator&) = delete;
  BasicSimulator& operator=(const BasicSimulator&) = delete;

  Time now() const { return now_; }
  /// The clock itself, for statistics that read the time without owning the simulator.
  const Time& clock() const { return now_; }

  /// Schedules `action` at time `t` (not in the past, not after kMaxTime). At the current time,
  /// the priority may not be smaller than the running event's: that too would be the past, and
  /// keeping the run order strictly increasing is what makes cancel() exact and cheap.
  EventId schedule_at(Time t, Action action, std::int32_t priority = 0) {
    if (t < now_) throw std::invalid_argument("schedule_at: time is in the past");
    if (has_run_ && t == last_.time && priority < last_.priority) {
      throw std::invalid_argument("schedule_at: priority before the running event's, at its time");
    }
    if (t > kMaxTime) throw std::overflow_error("schedule_at: time is beyond kMaxTime");
    if (priority < kMinPriority || priority > kMaxPriority) {
      throw std::invalid_argument("schedule_at: priority outside [-128, 127]");
    }
    if (!action) throw std::invalid_argument("schedule_at: empty action");
    const PendingEvent e{t, priority, next_seq_++, action};
    queue_.push(e);
    return EventId{e.time, e.priority, e.seq};
  }

  /// Schedules `action` after `delay` (non-negative) from now.
  EventId schedule_after(Duration delay, Action action, std::int32_t priority = 0) {
    if (delay < Duration::zero()) throw std::invalid_argument("schedule_after: negative delay");
    if (delay > kMaxTime - now_) throw std::overflow_error("schedule_after: time overflows");
    return schedule_at(now_ + delay, action, priority);
  }

  /// Schedules member function Method of `object` at time t: sim.at<&Site::open>(t, site).
  template <auto Method, class T>
  EventId at(Time t, T& object, std::uint64_t tag = 0, std::int32_t priority = 0) {
    return schedule_at(t, bind<Method>(object, tag), priority);
  }
  template <auto Method, class T>
  EventId after(Duration delay, T& object, std::uint64_t tag = 0, std::int32_t priority = 0) {
    return schedule_after(delay, bind<Method>(object, tag), priority);
  }

  /// Cancels a pending event; false when it already ran or was already cancelled.
  ///
  /// The event stays in the queue and is dropped when it comes up (lazy deletion): an event has
  /// run exactly when it sorts before the last event run, so no per-event bookkeeping is needed.
  bool cancel(const EventId& id) {
    if (id.seq >= next_seq_) return false;
    const PendingEvent probe{id.time, id.priority, id.seq, {}};
    if (has_run_ && !runs_before(last_, probe)) return false;
    return cancelled_.insert(id.seq).second;
  }

  /// Runs the next event; false when there is none.
  bool step() { return step_before(kMaxTime + Duration{1}); }

  /// Runs until no event is left or stop() is called.
  void run() {
    stopped_ = false;
    while (!stopped_ && step()) {
    }
  }

  /// Runs every event before `t`, then sets the clock to `t` (unless stopped first). Events at
  /// exactly `t` stay pending, so a model can look at its state at midnight before the day runs.
  void run_until(Time t) {
    if (t < now_) throw std::invalid_argument("run_until: time is in the past");
    stopped_ = false;
    while (!stopped_ && step_before(t)) {
    }
    if (!stopped_) now_ = t;
  }

  /// Makes run() or run_until() return after the current event.
  void stop() { stopped_ = true; }

  /// Events waiting to run (cancelled ones excluded).
  std::size_t pending() const { return queue_.size() - cancelled_.size(); }
  std::uint64_t events_processed() const { return processed_; }

  /// A hash of the (time, priority, seq) of every event run so far: two runs that executed the
  /// same events in the same order have the same fingerprint.
  std::uint64_t fingerprint() const { return fingerprint_; }

 private:
  // Runs the next event if it is due before `limit`; cancelled events are dropped on the way.
  bool step_before(Time limit) {
    while (!queue_.empty() && queue_.top_time() < limit) {
      const PendingEvent e = queue_.pop();
      if (!cancelled_.empty() && cancelled_.erase(e.seq) > 0) continue;
      now_ = e.time;
      last_ = e;
      has_run_ = true;
      ++processed_;
      fingerprint_ = (fingerprint_ ^ mix(e)) * 0x100000001b3ULL;
      e.action();
      return true;
    }
    return false;
  }

  static std::uint64_t mix(const PendingEvent& e) {
    std::uint64_t x = static_cast<std::uint64_t>(e.time.time_since_epoch().count()) * 31 +
                      static_cast<std::uint64_t>(e.priority + 128) + (e.seq << 9);
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
  }

  Queue queue_;
  Time now_ = kEpoch;
  std::uint64_t next_seq_ = 0;
  std::uint64_t processed_ = 0;
  std::uint64_t fingerprint_ = 0xcbf29ce484222325ULL;
  PendingEvent last_{};
  bool has_run_ = false;
  bool stopped_ = false;
  std::unordered_set<std::uint64_t> cancelled_;
};

using Simulator = BasicSimulator<>;

}  // namespace vaxsim::sim
