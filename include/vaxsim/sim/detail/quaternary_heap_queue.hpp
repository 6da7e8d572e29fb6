#pragma once
// A 4-ary heap of 16-byte keys, laid out by cache line, with the actions kept aside in a slab.
//
// Why: with a million pending events the heap no longer fits in cache, and the cost of a pop is
// the cache lines touched while sifting down. So:
//  - a 4-ary heap halves the depth of a binary one, and 16-byte nodes hold (time, priority, seq,
//    slot); the 24-byte action is read once, when its event is popped;
//  - the array is 64-byte aligned with the root at index 3, so the four children of node p
//    (4p-8 .. 4p-5) are always exactly one cache line;
//  - the smallest child is picked without branches (nodes compare as one 128-bit integer, a
//    two-round tournament compiles to cmov); slots past the end hold an all-ones sentinel, so a
//    group always has four children and the loop needs no bounds checks;
//  - the grandchildren's lines are prefetched while the children are compared.
// bench/bench_event_queue.cpp measures it against BinaryHeapQueue (figures in the README).
// Limits (checked, std::length_error): 2^24 events pending at once and 2^40 events scheduled
// over a simulator's life; times below 2^55 ticks, priorities in [-128, 127].

#include <cstddef>
#include <cstdint>
#include <new>
#include <stdexcept>
#include <vector>

#include "vaxsim/sim/pending_event.hpp"

namespace vaxsim::sim::detail {

template <class T>
struct CacheLineAllocator {
  using value_type = T;
  CacheLineAllocator() = default;
  template <class U>
  CacheLineAllocator(const CacheLineAllocator<U>&) {}
  T* allocate(std::size_t n) {
    return static_cast<T*>(::operator new (n * sizeof(T), std::align_val_t{64}));
  }
  void deallocate(T* p, std::size_t) { ::operator delete (p, std::align_val_t{64}); }
  friend bool operator==(const CacheLineAllocator&, const CacheLineAllocator&) { return true; }
};

class QuaternaryHeapQueue {
 public:
  static constexpr std::uint64_t kSlotBits = 24;
  static constexpr std::uint64_t kMaxPending = std::uint64_t{1} << kSlotBits;
  static constexpr std::uint64_t kMaxSeq = std::uint64_t{1} << (64 - kSlotBits);

  QuaternaryHeapQueue() : heap_(kRoot + 1, kSentinel) {}

  void push(const PendingEvent& e) {
    if (e.seq >= kMaxSeq) throw std::length_error("event queue: too many events scheduled");
    const std::uint32_t slot = take_slot();
    slab_[slot] = e.action;
    const Node node{(static_cast<std::uint64_t>(e.time.time_since_epoch().count()) << 8) |
                        static_cast<std::uint64_t>(e.priority - kMinPriority),
                    (e.seq << kSlotBits) | slot};
    std::size_t hole = kRoot + size_;
    ++size_;
    // Grow by whole groups (the size stays a multiple of 4), filling with sentinels.
    if (hole == heap_.size()) heap_.resize(2 * heap_.size(), kSentinel);
    Node* h = heap_.data();
    while (hole > kRoot) {
      const std::size_t parent = hole / 4 + 2;
      if (!less(node, h[parent])) break;
      h[hole] = h[parent];
      hole = parent;
    }
    h[hole] = node;
  }

  PendingEvent pop() {
    Node* h = heap_.data();
    const Node top = h[kRoot];
    const auto slot = static_cast<std::uint32_t>(top.order & (kMaxPending - 1));
    __builtin_prefetch(&slab_[slot]);
    --size_;
    const std::size_t end = kRoot + size_;  // physical one-past-last, after removal
    const Node last = h[end];
    h[end] = kSentinel;
    if (size_ > 0) sift_down(h, end, last);
    free_.push_back(slot);
    return PendingEvent{Time{Duration{static_cast<std::int64_t>(top.key >> 8)}},
                        static_cast<std::int32_t>(top.key & 0xff) + kMinPriority,
                        top.order >> kSlotBits, slab_[slot]};
  }

  Time top_time() const { return Time{Duration{static_cast<std::int64_t>(heap_[kRoot].key >> 8)}}; }
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  void clear() {
    heap_.assign(kRoot + 1, kSentinel);
    size_ = 0;
    slab_.clear();
    free_.clear();
  }
  void reserve(std::size_t n) {
    std::size_t capacity = kRoot + 1;
    while (capacity < kRoot + n) capacity *= 2;
    heap_.reserve(capacity);
    slab_.reserve(n);
    free_.reserve(n);
  }

 private:
  struct alignas(16) Node {
    std::uint64_t key;    // time << 8 | biased priority
    std::uint64_t order;  // seq << kSlotBits | slot
  };
  static constexpr std::size_t kRoot = 3;
  // Larger than any real node: times are below 2^52, so real keys are below 2^60.
  static constexpr Node kSentinel{~std::uint64_t{0}, ~std::uint64_t{0}};

  static bool less(const Node& a, const Node& b) {
    __extension__ using U128 = unsigned __int128;
    return ((U128{a.key} << 64) | a.order) < ((U128{b.key} << 64) | b.order);
  }

  static void sift_down(Node* h, std::size_t end, Node node) {
    std::size_t hole = kRoot;
    for (;;) {
      const std::size_t c = 4 * hole - 8;  // first child; c..c+3 is one cache line
      if (c >= end) break;
      const std::size_t g = 4 * c - 8;  // first grandchild
      if (g < end) {
        __builtin_prefetch(h + g);
        __builtin_prefetch(h + g + 4);
        __builtin_prefetch(h + g + 8);
        __builtin_prefetch(h + g + 12);
      }
      const std::size_t a = c + static_cast<std::size_t>(less(h[c + 1], h[c]));
      const std::size_t b = c + 2 + static_cast<std::size_t>(less(h[c + 3], h[c + 2]));
      const std::size_t best = less(h[b], h[a]) ? b : a;
      if (!less(h[best], node)) break;
      h[hole] = h[best];
      hole = best;
    }
    h[hole] = node;
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

  std::vector<Node, CacheLineAllocator<Node>> heap_;  // size is 4 (kRoot + 1) times a power of 2
  std::size_t size_ = 0;
  std::vector<Action> slab_;
  std::vector<std::uint32_t> free_;
};

}  // namespace vaxsim::sim::detail
