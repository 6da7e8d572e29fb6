#pragma once
// A pool of identical servers with one first-come-first-served queue (an M/G/c station).
//
//   Resource desks{sim.clock(), 8};
//   desks.request(bind<&Person::start_service>(person));   // runs now, or when a desk frees
//   ...
//   desks.release();                                        // in the service-end event
//
// A granted request's action runs inside request() or release(), so a zero-length service can
// re-enter; nothing is scheduled on the caller's behalf. Statistics cover the current window
// (since construction or the last reset_statistics()), which lets a model keep them per day.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <stdexcept>
#include <vector>

#include "vaxsim/sim/action.hpp"
#include "vaxsim/sim/tally.hpp"
#include "vaxsim/sim/time.hpp"
#include "vaxsim/sim/time_weighted.hpp"

namespace vaxsim::sim {

class Resource {
 public:
  /// A request still waiting: what to run when served, and since when it waits.
  struct Waiting {
    Action on_granted;
    Time since;
  };

  /// `clock` is the simulator's clock (Simulator::clock()); it must outlive the resource.
  Resource(const Time& clock, int capacity)
      : clock_{&clock},
        capacity_{checked(capacity)},
        queue_length_{clock, 0.0},
        busy_{clock, 0.0} {}

  Resource(const Resource&) = delete;
  Resource& operator=(const Resource&) = delete;

  /// Asks for one server: `on_granted` runs at once if one is free, else when it is this
  /// request's turn.
  void request(Action on_granted) {
    if (busy_count_ < capacity_) {
      grant(on_granted, now());
    } else {
      waiting_.push_back({on_granted, now()});
      queue_length_.set(now(), static_cast<double>(waiting_.size()));
    }
  }

  /// Frees one server, which goes to the longest-waiting request if there is one.
  void release() {
    if (busy_count_ == 0) throw std::logic_error("Resource::release: no server is busy");
    --busy_count_;
    busy_.set(now(), busy_count_);
    serve_waiting();
  }

  /// Changes the number of servers. More servers start on the queue at once; with fewer, busy
  /// servers finish their current job (no preemption) and are not handed another.
  void set_capacity(int capacity) {
    capacity_ = checked(capacity);
    serve_waiting();
  }

  /// Removes every waiting request (at closing time, say) and returns them, longest-waiting first.
  std::vector<Waiting> take_waiting() {
    std::vector<Waiting> out(waiting_.begin(), waiting_.end());
    waiting_.clear();
    queue_length_.set(now(), 0.0);
    return out;
  }

  int capacity() const { return capacity_; }
  int busy() const { return busy_count_; }
  std::size_t queue_length() const { return waiting_.size(); }

  /// Waiting times, in seconds, of the requests granted in the window.
  const Tally& waits() const { return waits_; }
  const TimeWeighted& queue_length_stats() const { return queue_length_; }
  const TimeWeighted& busy_stats() const { return busy_; }
  std::uint64_t granted() const { return granted_; }

  /// Starts a new statistics window now; the state (busy servers, queue) is kept.
  void reset_statistics() {
    waits_ = Tally{};
    granted_ = 0;
    queue_length_.reset(now());
    busy_.reset(now());
  }

 private:
  static int checked(int capacity) {
    if (capacity < 0) throw std::invalid_argument("Resource: negative capacity");
    return capacity;
  }
  Time now() const { return *clock_; }

  void grant(Action on_granted, Time since) {
    ++busy_count_;
    ++granted_;
    busy_.set(now(), busy_count_);
    waits_.add(to_seconds(now() - since));
    on_granted();
  }

  void serve_waiting() {
    while (busy_count_ < capacity_ && !waiting_.empty()) {
      const Waiting next = waiting_.front();
      waiting_.pop_front();
      queue_length_.set(now(), static_cast<double>(waiting_.size()));
      grant(next.on_granted, next.since);
    }
  }

  const Time* clock_;
  int capacity_;
  int busy_count_ = 0;
  std::uint64_t granted_ = 0;
  std::deque<Waiting> waiting_;
  Tally waits_;
  TimeWeighted queue_length_;
  TimeWeighted busy_;
};

}  // namespace vaxsim::sim
