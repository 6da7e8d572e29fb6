#pragma once
// A 4-ary heap of 16-byte keys, with the actions kept aside in a slab.
//
// Why: with a million pending events the heap no longer fits in cache, and the cost of a pop is
// the cache lines touched while sifting down. A 4-ary heap halves the depth of a binary one, and
// 16-byte nodes put four siblings in one or two cache lines; the 24-byte action is read only once,
// when its event is popped. Limits (checked, std::length_error): 2^24 events pending at once and
// 2^40 events scheduled over a simulator's life; times below 2^55 ticks, priorities in [-128, 127].

#include <cstdint>
#include <stdexcept>
#include <vector>

namespace vaxsim::sim::detail {

class QuaternaryHeapQueue {
 public:
  static constexpr std::uint64_t kSlotBits = 24;
  static constexpr std::uint64_t kMaxPending = std::uint64_t{1} << kSlotBits;
  static constexpr std::uint64_t kMaxSeq = std::uint64_t{1} << (64 - kSlotBits);

  void push(const PendingEvent& e) {
    const std::uint32_t slot = take_slot();
    if (e.seq >= kMaxSeq) throw std::length_error("event queue: too many events scheduled");
    slab_[slot] = e.action;
    const Node node{(static_cast<std::uint64_t>(e.time.time_since_epoch().count()) << 8) |
                        static_cast<std::uint64_t>(e.priority - kMinPriority),
                    (e.seq << kSlotBits) | slot};
    std::size_t hole = heap_.size();
    heap_.push_back(node);
    while (hole > 0) {
      const std::size_t parent = (hole - 1) / 4;
      if (!less(node, heap_[parent])) break;
      heap_[hole] = heap_[parent];
      hole = parent;
    }
    heap_[hole] = node;
  }

  PendingEvent pop() {
    const Node top = heap_.front();
    const Node last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(last);

    const auto slot = static_cast<std::uint32_t>(top.order & (kMaxPending - 1));
    free_.push_back(slot);
    return PendingEvent{Time{Duration{static_cast<std::int64_t>(top.key >> 8)}},
                        static_cast<std::int32_t>(top.key & 0xff) + kMinPriority,
                        top.order >> kSlotBits, slab_[slot]};
  }

  Time top_time() const {
    return Time{Duration{static_cast<std::int64_t>(heap_.front().key >> 8)}};
  }
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  void clear() {
    heap_.clear();
    slab_.clear();
    free_.clear();
  }
  void reserve(std::size_t n) {
    heap_.reserve(n);
    slab_.reserve(n);
    free_.reserve(n);
  }

 private:
  struct Node {
    std::uint64_t key;    // time << 8 | biased priority
    std::uint64_t order;  // seq << kSlotBits | slot
  };
  static bool less(const Node& a, const Node& b) {
    return a.key < b.key || (a.key == b.key && a.order < b.order);
  }

  std::uint32_t take_slot() {
    if (!free_.empty()) {
      const std::uint32_t slot = free_.back();
      free_.pop_back();
      return slot;
    }
    if (slab_.size() >= kMaxPending) {
      throw std::length_error("event queue: more than 2^24 events pending at once");
    }
    slab_.emplace_back();
    return static_cast<std::uint32_t>(slab_.size() - 1);
  }

  // Moves `node` down from the root to its place; the root's old node has been taken out.
  void sift_down(Node node) {
    const std::size_t n = heap_.size();
    std::size_t hole = 0;
    for (;;) {
      const std::size_t first = 4 * hole + 1;
      if (first >= n) break;
      const std::size_t end = first + 4 < n ? first + 4 : n;
      std::size_t best = first;
      for (std::size_t c = first + 1; c < end; ++c) {
        if (less(heap_[c], heap_[best])) best = c;
      }
      if (!less(heap_[best], node)) break;
      heap_[hole] = heap_[best];
      hole = best;
    }
    heap_[hole] = node;
  }

  std::vector<Node> heap_;
  std::vector<Action> slab_;
  std::vector<std::uint32_t> free_;
};

}  // namespace vaxsim::sim::detail
