#pragma once
// People due for a second dose, kept as runs rather than one by one.
//
// A city's first-dose people of one day are numbered so that those of the same product who fall
// due on the same day have consecutive ids (evening.cpp: Evening::number_first_doses): a run. A
// province's lists and queues hold millions of people at a time, but only thousands of runs, and
// booking takes people from them a run at a time.

#include <algorithm>
#include <cstdint>
#include <deque>

namespace vaxsim::model::detail {

/// People `first`, `first + 1`, ..., `first + count - 1`: first dose of `product` on `first_day`.
struct DueRun {
  std::uint32_t first = 0;
  std::uint32_t count = 0;
  std::int16_t first_day = 0;  // campaign day (negative: before the campaign)
  std::uint8_t product = 0;

  /// Whether `next` goes on where this run ends, so that the two make one run.
  bool continued_by(const DueRun& next) const {
    return next.first == first + count && next.first_day == first_day && next.product == product;
  }
};

/// A first-in, first-out queue of people, held as runs.
class DueQueue {
 public:
  /// People in the queue.
  std::int64_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const std::deque<DueRun>& runs() const { return runs_; }

  void push_back(const DueRun& run) {
    if (run.count == 0) return;
    if (!runs_.empty() && runs_.back().continued_by(run)) {
      runs_.back().count += run.count;
    } else {
      runs_.push_back(run);
    }
    size_ += run.count;
  }

  void push_front(const DueRun& run) {
    if (run.count == 0) return;
    if (!runs_.empty() && run.continued_by(runs_.front())) {
      runs_.front().first = run.first;
      runs_.front().count += run.count;
    } else {
      runs_.push_front(run);
    }
    size_ += run.count;
  }

  /// Takes the first `n` people (all of them if fewer), in order, as pieces of runs:
  /// `each(const DueRun&)` is called for each piece.
  template <typename Each>
  void take(std::int64_t n, Each&& each) {
    while (n > 0 && !runs_.empty()) {
      DueRun& front = runs_.front();
      DueRun piece = front;
      piece.count = static_cast<std::uint32_t>(std::min<std::int64_t>(n, front.count));
      each(piece);
      n -= piece.count;
      size_ -= piece.count;
      front.first += piece.count;
      front.count -= piece.count;
      if (front.count == 0) runs_.pop_front();
    }
  }

 private:
  std::deque<DueRun> runs_;
  std::int64_t size_ = 0;
};

}  // namespace vaxsim::model::detail
