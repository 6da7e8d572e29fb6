#pragma once
// The textbook pending-event set: a binary heap of whole events (what std::priority_queue does).
// Kept as the baseline the benchmarks compare against.

#include <algorithm>
#include <vector>

#include "vaxsim/sim/pending_event.hpp"

namespace vaxsim::sim::detail {

class BinaryHeapQueue {
 public:
  void push(const PendingEvent& e) {
    heap_.push_back(e);
    std::push_heap(heap_.begin(), heap_.end(), later);
  }
  PendingEvent pop() {
    std::pop_heap(heap_.begin(), heap_.end(), later);
    PendingEvent e = heap_.back();
    heap_.pop_back();
    return e;
  }
  Time top_time() const { return heap_.front().time; }
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  void clear() { heap_.clear(); }
  void reserve(std::size_t n) { heap_.reserve(n); }

 private:
  static bool later(const PendingEvent& a, const PendingEvent& b) { return runs_before(b, a); }
  std::vector<PendingEvent> heap_;
};

}  // namespace vaxsim::sim::detail
