#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "vaxsim/model/site_day.hpp"
#include "vaxsim/sim/histogram.hpp"

using namespace std::chrono_literals;
using namespace vaxsim;
using model::SiteDay;
using model::SiteDayMethod;
using model::SiteDayPlan;
using model::Visit;

namespace {

// A site's engine for a test: the stream of `seed`.
sim::RandomEngine site_engine(std::uint64_t seed) {
  return sim::RandomStreams(seed, 0).engine(sim::purpose_id("site-day test"), 0);
}

struct Fixture {
  sim::Distribution service = sim::Distribution::constant(10.0);
  sim::Distribution everyone_at_opening = sim::Distribution::constant(0.0);
  std::vector<Visit> visits;

  SiteDayPlan plan(int desks, int seats, sim::Duration observation, int day = 0,
                   sim::Duration close = 10h) {
    SiteDayPlan p;
    p.open = sim::kEpoch + std::chrono::days{day} + 8h;
    p.close = sim::kEpoch + std::chrono::days{day} + close;
    p.desks = desks;
    p.seats = seats;
    p.observation = observation;
    p.service_minutes = &service;
    p.arrival_profile = &everyone_at_opening;
    p.visits = visits;
    return p;
  }
};

// The hand-worked cases hold for both ways of computing a day.
class SiteDayBoth : public ::testing::TestWithParam<SiteDayMethod> {
 protected:
  SiteDay make_site(std::uint64_t seed) { return SiteDay{site_engine(seed), GetParam()}; }
};
INSTANTIATE_TEST_SUITE_P(Methods, SiteDayBoth,
                         ::testing::Values(SiteDayMethod::sweep, SiteDayMethod::events),
                         [](const auto& param_info) {
                           return param_info.param == SiteDayMethod::sweep ? "sweep" : "events";
                         });

// One desk, 10-minute service, open 08:00-10:00, 15 people at the door at 08:00: the desk
// serves back to back at 08:00, 08:10, ..., 09:50 (12 people); at 10:00 three are still waiting
// and go home.
TEST_P(SiteDayBoth, ServesBackToBackAndSendsTheRestHomeAtClosing) {
  Fixture f;
  f.visits.assign(15, Visit{});
  std::vector<std::int64_t> stock{100};
  SiteDay site = make_site(1);
  const auto out = site.run(f.plan(1, 0, 0min), stock);

  ASSERT_EQ(out.doses.size(), 12u);
  for (std::size_t i = 0; i < out.doses.size(); ++i) {
    EXPECT_EQ(out.doses[i].at, sim::kEpoch + 8h + std::chrono::minutes{10 * i});
  }
  EXPECT_EQ(out.sent_home.size(), 3u);
  EXPECT_TRUE(out.no_stock.empty());
  EXPECT_EQ(stock[0], 100 - 12) << "doses held for people sent home go back on the shelf";
  // Waits: 0, 10, ..., 110 minutes.
  EXPECT_DOUBLE_EQ(out.mean_wait_minutes(), 55.0);
  EXPECT_EQ(out.longest_wait, 110min);
  EXPECT_DOUBLE_EQ(out.desk_busy_seconds, 120.0 * 60.0);
  EXPECT_DOUBLE_EQ(out.desk_open_seconds, 120.0 * 60.0);
}

// Two desks, one observation seat for 30 minutes, four people at 08:00 (worked by hand):
//   08:00 P1 at A, P2 at B.  08:10 P1 done -> seat (to 08:40), A takes P3; P2 done, blocked at B.
//   08:20 P3 done, blocked at A.  08:40 P2 seated (to 09:10), B takes P4; 08:50 P4 blocked.
//   09:10 P3 seated (to 09:40), A free.  09:40 P4 seated, B free.
// Desk A busy 08:00-09:10 (70 min), B 08:00-09:40 (100 min).
TEST_P(SiteDayBoth, AFullObservationAreaBlocksTheDesks) {
  Fixture f;
  f.visits.assign(4, Visit{});
  std::vector<std::int64_t> stock{10};
  SiteDay site = make_site(1);
  const auto out = site.run(f.plan(2, 1, 30min), stock);

  ASSERT_EQ(out.doses.size(), 4u);
  EXPECT_EQ(out.doses[0].at, sim::kEpoch + 8h);
  EXPECT_EQ(out.doses[1].at, sim::kEpoch + 8h);
  EXPECT_EQ(out.doses[2].at, sim::kEpoch + 8h + 10min);
  EXPECT_EQ(out.doses[3].at, sim::kEpoch + 8h + 40min);
  EXPECT_DOUBLE_EQ(out.desk_busy_seconds, (70.0 + 100.0) * 60.0);
  EXPECT_EQ(site.now(), sim::kEpoch + 10h) << "closing (10:00) is the day's last event here";
}

// Yesterday's observation was longer than today's, and today opens while it runs. One desk,
// two seats, 10-minute service. Day 0: one person, 08:00-08:10, then seated until 09:10 (60
// minutes). Day 1 opens at 08:20 with a 5-minute observation and three people at the door:
// A 08:20-08:30, seated to 08:35; B 08:30-08:40, and at 08:40 A's seat is free again although
// yesterday's is not, so B sits and C starts at 08:40 (not at 09:10, when yesterday's frees).
TEST_P(SiteDayBoth, ASeatFreedTodayIsFreeWhileYesterdaysLongerObservationRuns) {
  Fixture f;
  std::vector<std::int64_t> stock{10};
  SiteDay site = make_site(1);
  f.visits.assign(1, Visit{});
  site.run(f.plan(1, 2, 60min, 0, 8h + 10min), stock);
  f.visits.assign(3, Visit{});
  SiteDayPlan day1 = f.plan(1, 2, 5min, 0, 12h);
  day1.open = sim::kEpoch + 8h + 20min;
  const auto out = site.run(day1, stock);
  ASSERT_EQ(out.doses.size(), 3u);
  EXPECT_EQ(out.doses[1].at, sim::kEpoch + 8h + 30min);
  EXPECT_EQ(out.doses[2].at, sim::kEpoch + 8h + 40min);
}

TEST_P(SiteDayBoth, TurnsAwayWhoeverFindsNoDoseOfTheirProduct) {
  Fixture f;
  Visit second;
  second.second_dose = true;
  second.product = 1;
  f.visits = {Visit{}, second, Visit{}, second};
  std::vector<std::int64_t> stock{1, 1};  // one dose of each product
  SiteDay site = make_site(1);
  const auto out = site.run(f.plan(1, 0, 0min), stock);
  // Arrivals in visit order (same time, ties by index): first dose takes product 0 (most
  // stock, lowest index), the second dose product 1, then nothing is left for either.
  ASSERT_EQ(out.doses.size(), 2u);
  EXPECT_EQ(out.doses[0].product, 0);
  EXPECT_EQ(out.doses[1].product, 1);
  EXPECT_EQ(out.no_stock, (std::vector<std::uint32_t>{2, 3}));
  EXPECT_EQ(stock, (std::vector<std::int64_t>{0, 0}));
}

// A first dose booked to a product takes that product, even when another has more stock; one
// not booked takes the most stocked.
TEST_P(SiteDayBoth, AFirstDoseBookedToAProductTakesThatProduct) {
  Fixture f;
  Visit booked_b;
  booked_b.product = 1;
  f.visits = {booked_b, Visit{}, booked_b};
  std::vector<std::int64_t> stock{5, 1};
  SiteDay site = make_site(1);
  const auto out = site.run(f.plan(1, 0, 0min), stock);
  ASSERT_EQ(out.doses.size(), 2u);
  EXPECT_EQ(out.doses[0].product, 1);
  EXPECT_EQ(out.doses[1].product, 0);
  EXPECT_EQ(out.no_stock, (std::vector<std::uint32_t>{2})) << "no B left for the third";
  EXPECT_EQ(stock, (std::vector<std::int64_t>{4, 0}));
}
// An identity over random days: when nobody is sent home, the area under the queue-length
// curve equals the sum of the waits (Little's law on a day that starts and ends with an empty
// queue); and no service starts outside the opening hours.
TEST_P(SiteDayBoth, WaitsMatchTheQueueAreaOnRandomDays) {
  Fixture f;
  f.service = sim::Distribution::lognormal(4.0, 2.0);
  const auto profile = sim::Distribution::uniform(0.0, 1.0);
  SiteDay site = make_site(7);
  int identity_days = 0;
  for (int day = 0; day < 30; ++day) {
    f.visits.assign(static_cast<std::size_t>(50 + 5 * day), Visit{});
    std::vector<std::int64_t> stock{1000};
    SiteDayPlan plan = f.plan(2 + day % 3, 5, 30min, day, 22h);
    plan.arrival_profile = &profile;
    const auto out = site.run(plan, stock);
    for (const auto& dose : out.doses) {
      EXPECT_GE(dose.at, plan.open);
      EXPECT_LT(dose.at, plan.close);
    }
    EXPECT_EQ(out.doses.size() + out.sent_home.size(), f.visits.size());
    EXPECT_EQ(stock[0], 1000 - static_cast<std::int64_t>(out.doses.size()));
    if (out.sent_home.empty()) {
      ++identity_days;
      const double waited_seconds = sim::to_seconds(sim::Duration{out.wait_total_ms});
      EXPECT_NEAR(out.queue_area_seconds, waited_seconds, 1e-6 * waited_seconds + 1e-3);
    }
  }
  EXPECT_GE(identity_days, 10) << "the identity must actually be checked";
}

}  // namespace

namespace {

// With a desk for everyone, each person is served the moment they arrive, so the order of service
// is the order of arrival: times never go back, and equal times keep the visits' order. Covers the
// bucket sort of large days.
TEST_P(SiteDayBoth, ServesInArrivalOrderOnLargeDays) {
  Fixture f;
  const auto profile = sim::Distribution::empirical({{0.0, 0.0}, {0.1, 0.5}, {1.0, 1.0}});
  SiteDay site = make_site(3);
  for (int day = 0; day < 5; ++day) {
    f.visits.assign(static_cast<std::size_t>(500 + 700 * day), Visit{});
    std::vector<std::int64_t> stock{100000};
    SiteDayPlan plan = f.plan(static_cast<int>(f.visits.size()), 0, 0min, day, 22h);
    plan.arrival_profile = &profile;
    const auto out = site.run(plan, stock);
    ASSERT_EQ(out.doses.size(), f.visits.size());
    for (std::size_t i = 1; i < out.doses.size(); ++i) {
      const auto& a = out.doses[i - 1];
      const auto& b = out.doses[i];
      ASSERT_TRUE(a.at < b.at || (a.at == b.at && a.visit < b.visit))
          << "day " << day << " i " << i;
    }
    EXPECT_EQ(out.longest_wait, sim::Duration::zero());
  }
}

}  // namespace

namespace {

// The sweep is an optimisation of the reference, so it must give the very same day: the same
// people served at the same instants with the same products, the same people sent home or turned
// away, the same stock and event count, on random days built to be awkward (everyone at the door
// at opening, whole-minute and zero service times that end together, observation areas far too
// small, days that open while yesterday's observation still runs, little stock of two products).
TEST(SiteDay, TheSweepGivesTheReferenceDayOnRandomDays) {
  std::mt19937_64 dice{2021};
  const auto pick = [&](int lo, int hi) { return std::uniform_int_distribution{lo, hi}(dice); };
  const std::vector<sim::Distribution> services{
      sim::Distribution::constant(0.0),      sim::Distribution::constant(3.0),
      sim::Distribution::constant(10.0),     sim::Distribution::lognormal(4.0, 2.0),
      sim::Distribution::uniform(0.0, 10.0), sim::Distribution::exponential(5.0)};
  const std::vector<sim::Distribution> profiles{
      sim::Distribution::constant(0.0), sim::Distribution::uniform(0.0, 1.0),
      sim::Distribution::empirical({{0.0, 0.0}, {0.1, 0.5}, {0.6, 0.7}, {1.0, 1.0}})};

  int blocked_days = 0, sent_home_days = 0, no_stock_days = 0;
  for (int run = 0; run < 60; ++run) {
    SiteDay sweep{site_engine(static_cast<std::uint64_t>(run)), SiteDayMethod::sweep};
    SiteDay events{site_engine(static_cast<std::uint64_t>(run)), SiteDayMethod::events};
    const std::size_t products = static_cast<std::size_t>(pick(1, 2));
    std::vector<std::int64_t> stock_sweep(products), stock_events(products);
    for (std::size_t p = 0; p < products; ++p) stock_sweep[p] = stock_events[p] = pick(0, 300);
    sim::Time open = sim::kEpoch + 8h;
    for (int day = 0; day < 6; ++day) {
      std::vector<Visit> visits(static_cast<std::size_t>(pick(0, 250)));
      for (Visit& v : visits) {
        v.second_dose = pick(0, 2) == 0;
        v.product = v.second_dose ? static_cast<std::uint8_t>(pick(0, static_cast<int>(products)))
                                  : Visit::kAnyProduct;  // product == products: none stocked
      }
      SiteDayPlan plan;
      plan.open = open;
      plan.close = open + std::chrono::minutes{pick(30, 840)};
      plan.desks = pick(0, 4) == 0 ? pick(9, 20) : pick(0, 6);  // many desks: the sweep's heap
      plan.observation = pick(0, 3) == 0 ? 0min : std::chrono::minutes{pick(5, 45)};
      plan.seats = plan.observation > 0min ? pick(1, 3 * std::max(1, plan.desks)) : 0;
      plan.service_minutes = &services[static_cast<std::size_t>(pick(0, 5))];
      plan.service_scale = pick(0, 1) == 0 ? 1.0 : 0.8;
      plan.arrival_profile = &profiles[static_cast<std::size_t>(pick(0, 2))];
      plan.visits = visits;
      sim::Histogram waits_sweep{0.0, 1.0, 600}, waits_events{0.0, 1.0, 600};
      plan.wait_histogram = &waits_sweep;
      const auto a = sweep.run(plan, stock_sweep);
      plan.wait_histogram = &waits_events;
      const auto b = events.run(plan, stock_events);
      const std::string where = "run " + std::to_string(run) + " day " + std::to_string(day);

      ASSERT_EQ(a.doses.size(), b.doses.size()) << where;
      for (std::size_t i = 0; i < a.doses.size(); ++i) {
        ASSERT_EQ(a.doses[i].visit, b.doses[i].visit) << where << " dose " << i;
        ASSERT_EQ(a.doses[i].product, b.doses[i].product) << where << " dose " << i;
        ASSERT_EQ(a.doses[i].at, b.doses[i].at) << where << " dose " << i;
      }
      EXPECT_EQ(a.sent_home, b.sent_home) << where;
      EXPECT_EQ(a.no_stock, b.no_stock) << where;
      EXPECT_EQ(stock_sweep, stock_events) << where;
      EXPECT_EQ(a.wait_total_ms, b.wait_total_ms) << where;
      EXPECT_EQ(a.longest_wait, b.longest_wait) << where;
      if (!a.doses.empty()) {
        EXPECT_EQ(waits_sweep.quantile(0.95), waits_events.quantile(0.95)) << where;
      }
      // Integrals: exact sums of whole milliseconds against sums of doubles.
      EXPECT_NEAR(a.desk_busy_seconds, b.desk_busy_seconds, 1e-9 * b.desk_busy_seconds + 1e-6)
          << where;
      EXPECT_NEAR(a.queue_area_seconds, b.queue_area_seconds, 1e-9 * b.queue_area_seconds + 1e-6)
          << where;
      EXPECT_EQ(a.desk_open_seconds, b.desk_open_seconds) << where;
      EXPECT_EQ(sweep.events(), events.events()) << where;
      EXPECT_EQ(sweep.now(), events.now()) << where;

      blocked_days += b.desk_busy_seconds > 0 && plan.observation > 0min &&
                      plan.seats < plan.desks;  // observation areas smaller than the desks
      sent_home_days += !b.sent_home.empty();
      no_stock_days += !b.no_stock.empty();
      // Tomorrow sometimes opens before the last observation ends (not before the last service).
      open = std::max(events.now(), pick(0, 1) == 0 ? plan.close + std::chrono::minutes{pick(0, 20)}
                                                    : plan.close + std::chrono::hours{10});
    }
  }
  EXPECT_GE(blocked_days, 20);
  EXPECT_GE(sent_home_days, 20);
  EXPECT_GE(no_stock_days, 20);
}

}  // namespace

namespace {

// Open 00:00-24:00 with one desk and 10-minute services: someone starting at 23:55 is served
// until 00:05, so the next day's desk opens at 00:05, not at 00:00 (issue 17: it threw).
TEST_P(SiteDayBoth, ADayThatRunsOverStartsTheNextDayBehind) {
  Fixture f;
  std::vector<std::int64_t> stock{1000};
  SiteDay site = make_site(1);
  sim::Distribution at_23_55 = sim::Distribution::constant(1.0 - 5.0 / (24 * 60));
  SiteDayPlan day0 = f.plan(1, 0, 0min, 0, 24h);
  day0.open = sim::kEpoch;
  f.visits.assign(1, Visit{});
  day0.visits = f.visits;
  day0.arrival_profile = &at_23_55;
  const auto first = site.run(day0, stock);
  ASSERT_EQ(first.doses.size(), 1u);
  EXPECT_EQ(first.doses[0].at, sim::kEpoch + 23h + 55min);
  EXPECT_EQ(site.now(), sim::kEpoch + 24h + 5min);

  f.visits.assign(3, Visit{});
  SiteDayPlan day1 = f.plan(1, 0, 0min, 1, 24h);
  day1.open = sim::kEpoch + 24h;
  day1.close = sim::kEpoch + 48h;
  day1.visits = f.visits;
  const auto second = site.run(day1, stock);
  ASSERT_EQ(second.doses.size(), 3u);
  EXPECT_EQ(second.doses[0].at, sim::kEpoch + 24h + 5min) << "the desk is free at 00:05";
  EXPECT_EQ(second.doses[2].at, sim::kEpoch + 24h + 25min);
  EXPECT_DOUBLE_EQ(second.desk_open_seconds, (24.0 * 60 - 5) * 60);
  EXPECT_EQ(stock[0], 1000 - 4);
}

// A service longer than the next day's opening hours takes that whole day: the site does not
// open, and whoever was booked is sent home with their dose left on the shelf.
TEST_P(SiteDayBoth, ADayWhollyTakenByTheOverrunDoesNotOpen) {
  Fixture f;
  f.service = sim::Distribution::constant(30.0 * 60);  // 30 hours
  f.visits.assign(1, Visit{});
  std::vector<std::int64_t> stock{10};
  SiteDay site = make_site(1);
  site.run(f.plan(1, 0, 0min, 0, 22h), stock);  // 08:00 to 14:00 the next day
  f.visits.assign(4, Visit{});
  const auto out = site.run(f.plan(1, 0, 0min, 1, 12h), stock);  // 08:00-12:00
  EXPECT_TRUE(out.doses.empty());
  EXPECT_EQ(out.sent_home, (std::vector<std::uint32_t>{0, 1, 2, 3}));
  EXPECT_EQ(stock[0], 10 - 1);
  EXPECT_DOUBLE_EQ(out.desk_open_seconds, 0.0);
  const auto after = site.run(f.plan(1, 0, 0min, 2, 12h), stock);
  ASSERT_FALSE(after.doses.empty());
  EXPECT_EQ(after.doses[0].at, sim::kEpoch + std::chrono::days{2} + 8h)
      << "the day after opens as planned";
}

}  // namespace
