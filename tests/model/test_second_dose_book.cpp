// The book of second doses: who falls due when, who waits, who is missed.

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "../../lib/model/second_dose_book.hpp"

using vaxsim::model::Product;
using vaxsim::model::detail::DueRun;
using vaxsim::model::detail::SecondDoseBook;

namespace {

std::vector<Product> two_products() {
  std::vector<Product> products(2);
  products[0].max_interval_days = 5;
  products[1].max_interval_days = 50;
  return products;
}

TEST(SecondDoseBook, PeopleFallDueOnTheirDayAndQueueFromThatMorning) {
  const std::vector<Product> products = two_products();
  SecondDoseBook book{2, 10, products};
  book.add_due(1, DueRun{0, 3, 0, 0}, 4);
  book.add_due(1, DueRun{3, 2, 0, 0}, 4);  // goes on from the first: one run
  book.add_due(1, DueRun{5, 1, 1, 1}, 4);
  EXPECT_EQ(book.due_count(1, 4, 0), 5);
  EXPECT_EQ(book.due_count(1, 4, 1), 1);
  EXPECT_EQ(book.due_count(0, 4, 0), 0);
  EXPECT_EQ(book.waiting(1), 0);
  book.release(1, 4);
  EXPECT_EQ(book.waiting(1), 6);
  ASSERT_EQ(book.queue(1, 0).runs().size(), 1u);
  EXPECT_EQ(book.queue(1, 0).runs().front().count, 5u);
  EXPECT_EQ(book.queue(1, 1).size(), 1);
  book.release(1, 4);  // released once only
  EXPECT_EQ(book.waiting(1), 6);
}

TEST(SecondDoseBook, OverdueBeforeTheRunFallDueOnItsFirstDay) {
  const std::vector<Product> products = two_products();
  SecondDoseBook book{1, 10, products};
  book.add_due(0, DueRun{0, 4, -20, 1}, -3);
  EXPECT_EQ(book.due_count(0, 0, 1), 4);
}

TEST(SecondDoseBook, MissedAreThoseWhoseWindowClosedWithinTheRun) {
  const std::vector<Product> products = two_products();
  SecondDoseBook book{1, 10, products};
  book.add_due(0, DueRun{0, 7, 0, 0}, 12);  // due after the run, window closed on day 5: missed
  book.add_due(0, DueRun{7, 2, 0, 1}, 12);  // due after the run, window still open: not missed
  book.add_due(0, DueRun{9, 3, 1, 0}, 2);   // due within the run, still waiting at the end
  book.add_due(0, DueRun{12, 1, 8, 0}, 9);  // its window closes after the run: not missed
  EXPECT_EQ(book.missed(), 7);
  book.release(0, 2);
  book.release(0, 9);
  EXPECT_EQ(book.missed(), 7 + 3);
  book.queue(0, 0).take(3, [](const DueRun&) {});  // booked: no longer waiting
  EXPECT_EQ(book.missed(), 7);
}

}  // namespace
