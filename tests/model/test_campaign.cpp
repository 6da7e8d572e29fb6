#include <gtest/gtest.h>

#include <map>
#include <tuple>
#include <vector>

#include "support/towns.hpp"
#include "vaxsim/model/campaign.hpp"
#include "vaxsim/model/verdict.hpp"
#include "vaxsim/sim/eigen_view.hpp"

using namespace std::chrono_literals;
using namespace vaxsim;
using model::Measure;

namespace {

// The one-desk town (support/towns.hpp: one desk open 08:00-10:00, ten minutes a person,
// everyone at the door at opening, no no-shows, no observation: the desk serves exactly 12
// people a day, 08:00 ... 09:50), 1-30 May, with 1,000 doses in stock.
model::CampaignConfig one_desk_town_stocked() {
  model::CampaignConfig c = test::one_desk_town("2021-05-01", "2021-05-30");
  c.supply.initial_stock = {1000};
  return c;
}

// Hand-computed: 12 first doses a day for 21 days; from day 21 the 12 people of day 0 are due
// each day and, second doses first, take all 12 places. So 21 x 12 = 252 first doses and
// 9 x 12 = 108 second doses; 1000 - 360 = 640 doses left in stock.
TEST(Campaign, OneDeskTownMatchesTheHandComputation) {
  const model::CampaignConfig c = one_desk_town_stocked();
  const model::CampaignResult r = model::run_campaign(c);
  const model::CityDayTable& t = r.table;
  ASSERT_EQ(t.days(), 30);
  for (int d = 0; d < 30; ++d) {
    EXPECT_EQ(t.at(Measure::first_doses, d, 0), d < 21 ? 12 : 0) << "day " << d;
    EXPECT_EQ(t.at(Measure::second_doses, d, 0), d < 21 ? 0 : 12) << "day " << d;
    EXPECT_EQ(t.at(Measure::capacity, d, 0), 12.0);
    EXPECT_EQ(t.at(Measure::unmet, d, 0), 0.0);
  }
  EXPECT_EQ(t.at(Measure::people_two_doses, 29, 0), 108);
  EXPECT_EQ(t.at(Measure::people_one_dose, 29, 0), 252 - 108);
  EXPECT_EQ(t.at(Measure::stock, 29, 0), 640);
  EXPECT_EQ(t.at(Measure::delivered, 0, 0), 1000);
  EXPECT_DOUBLE_EQ(t.at(Measure::utilisation, 5, 0), 1.0);
  EXPECT_EQ(r.prior_doses, 0);
  EXPECT_EQ(r.missed_second_doses, 0);

  const model::Verdict v = model::judge(c, r);
  EXPECT_EQ(v.doses_by_deadline, 360);
  EXPECT_EQ(v.people_fully_by_deadline, 108);
  EXPECT_EQ(v.daily_best, 12);
}

// A site with no desk takes no appointment, no walk-in and no dose: the one-desk town with a
// second clinic without desks has exactly the same days.
TEST(Campaign, ASiteWithNoDeskChangesNothing) {
  model::CampaignConfig c = one_desk_town_stocked();
  model::SiteSpec empty = c.sites[0];
  empty.name = "empty clinic";
  empty.desks = 0;
  c.sites.push_back(empty);
  c.demand.walk_in_rate = 0.5;
  model::CampaignConfig one = one_desk_town_stocked();
  one.demand.walk_in_rate = 0.5;
  const model::CampaignResult with = model::run_campaign(c);
  const model::CampaignResult without = model::run_campaign(one);
  EXPECT_GT(as_eigen(without.table.column(Measure::first_doses)).sum(), 0);
  for (int i = 0; i < model::kMeasureCount; ++i) {
    const auto m = static_cast<Measure>(i);
    EXPECT_TRUE(
        (as_eigen(with.table.column(m)).array() == as_eigen(without.table.column(m)).array()).all())
        << to_string(m);
  }
}

// A drawn return interval is rounded to whole days, halves away from zero (as std::round), and
// never below the product's minimum: the 12 people of day 0 come back on day 22 for 21.5 days,
// on day 21 for 21.4999 days, and on day 21 (the minimum) for 20.2 days.
TEST(Campaign, ReturnIntervalsRoundToWholeDaysNotBelowTheMinimum) {
  for (const auto& [drawn, due] : {std::pair{21.5, 22}, {21.4999, 21}, {20.2, 21}}) {
    model::CampaignConfig c = one_desk_town_stocked();
    c.products[0].return_after_days = sim::Distribution::constant(drawn);
    const model::CampaignResult r = model::run_campaign(c);
    for (int d = 0; d < 30; ++d) {
      ASSERT_EQ(r.table.at(Measure::second_doses, d, 0), d < due ? 0 : 12)
          << "interval " << drawn << ", day " << d;
    }
  }
}

// A 0-day interval brings people back the next day (not the same evening, when today's list of
// people due has been booked already): second doses first, the desk alternates 12 first doses
// and the same 12 people's second doses.
TEST(Campaign, AZeroDayIntervalBringsPeopleBackTheNextDay) {
  model::CampaignConfig c = one_desk_town_stocked();
  c.products[0] = {"no wait", 0, 3, sim::Distribution::constant(0)};
  const model::CampaignResult r = model::run_campaign(c);
  for (int d = 0; d < 30; ++d) {
    EXPECT_EQ(r.table.at(Measure::first_doses, d, 0), d % 2 == 0 ? 12 : 0) << "day " << d;
    EXPECT_EQ(r.table.at(Measure::second_doses, d, 0), d % 2 == 0 ? 0 : 12) << "day " << d;
  }
  EXPECT_EQ(r.missed_second_doses, 0);
}

// Hand-computed: first doses before second ones fill the desk with 12 first doses every day of
// the 10, so no second dose is ever given. The product's window is 2-3 days and everyone comes
// back after 5: whoever had a first dose by day 5 is past the window by the last day (9), those
// of days 0-4 waiting in the queue, those of day 5 due on day 10, after the run; those of days
// 6-9 are not, yet. Missed: 6 x 12 = 72.
TEST(Campaign, SecondDosesNeverGivenAreMissedOnceTheirWindowHasClosed) {
  model::CampaignConfig c = test::one_desk_town("2021-05-01", "2021-05-10");
  c.supply.initial_stock = {1000};
  c.demand.pace_to_supply = false;
  c.products[0] = {"short window", 2, 3, sim::Distribution::constant(5)};
  c.policies.push_back({c.start, /*first_doses=*/true, /*second_doses_first=*/false, 0});
  const model::CampaignResult r = model::run_campaign(c);
  for (int d = 0; d < 10; ++d) {
    ASSERT_EQ(r.table.at(Measure::first_doses, d, 0), 12) << "day " << d;
    ASSERT_EQ(r.table.at(Measure::second_doses, d, 0), 0) << "day " << d;
  }
  EXPECT_EQ(r.missed_second_doses, 72);
}

TEST(Campaign, ReservingStockForSecondDosesHoldsBackFirstDoses) {
  model::CampaignConfig c = one_desk_town_stocked();
  c.supply.initial_stock = {300};
  c.demand.pace_to_supply = false;  // this test is about the reserve alone
  // Without a reserve, first doses use the 300 doses by day 24 and the second doses due after
  // that find nothing; with a 30-day reserve every first dose keeps its second one back.
  const model::CampaignResult plain = model::run_campaign(c);
  c.policies.push_back({c.start, true, true, 30});
  const model::CampaignResult reserved = model::run_campaign(c);
  const auto total = [](const model::CampaignResult& r, Measure m) {
    return as_eigen(r.table.column(m)).sum();
  };
  EXPECT_EQ(total(plain, Measure::first_doses) + total(plain, Measure::second_doses), 300);
  EXPECT_GT(total(plain, Measure::first_doses), total(reserved, Measure::first_doses));
  // With the reserve, everyone due a second dose within the run gets it.
  const double firsts_due_in_run =
      as_eigen(reserved.table.column(Measure::first_doses)).topRows(9).sum();
  EXPECT_EQ(total(reserved, Measure::second_doses), firsts_due_in_run);
  EXPECT_LT(total(plain, Measure::second_doses),
            as_eigen(plain.table.column(Measure::first_doses)).topRows(9).sum());
}

// A busier, random province: two cities, two products, several site families, random service
// times, observation seats, no-shows, walk-ins, wastage, staff limits and dated policies.
model::CampaignConfig random_province(double supply_per_week) {
  model::CampaignConfig c;
  c.name = "random";
  c.start = sim::parse_date("2021-04-01");
  c.end = sim::parse_date("2021-06-30");
  c.products.push_back({"A", 21, 56, sim::Distribution::uniform(21, 28)});
  c.products.push_back({"B", 28, 42, sim::Distribution::constant(20)});  // raised to 28
  c.groups.push_back({"priority", 0.1, c.start, 0.95});
  c.groups.push_back({"older", 0.2, sim::parse_date("2021-04-20"), 0.6});
  c.groups.push_back({"adults", 0.5, sim::parse_date("2021-05-01"), 0.8});
  c.groups.push_back({"minors", 0.2, std::nullopt, 0.0});
  c.cities.push_back({"Hill", 60'000, {}, {}, 900});
  c.cities.push_back({"Vale", 30'000, {}, {}, 500});
  c.cities[1].staff.points = {{c.start, 20}, {sim::parse_date("2021-05-15"), 60}};
  for (std::size_t city = 0; city < 2; ++city) {
    model::SiteSpec fixed;
    fixed.name = "hospital";
    fixed.city = city;
    fixed.count = 2;
    fixed.desks = 3;
    fixed.observation_seats = 20;
    fixed.service_minutes = sim::Distribution::truncated_normal(4.0, 1.5, 2.0, 12.0);
    fixed.hours = {{c.start, 8h, 18h}, {sim::parse_date("2021-05-01"), 8h, 22h}};
    fixed.closed_on = {sim::parse_date("2021-05-01")};
    c.sites.push_back(fixed);
    model::SiteSpec cabin = fixed;
    cabin.name = "cabin";
    cabin.kind = model::SiteKind::temporary;
    cabin.count = 4;
    cabin.desks = 6;
    cabin.observation_seats = 25;
    cabin.growth.points = {{sim::parse_date("2021-04-15"), 0.0},
                           {sim::parse_date("2021-05-20"), 1.0}};
    c.sites.push_back(cabin);
    model::SiteSpec mobile = fixed;
    mobile.name = "van";
    mobile.kind = model::SiteKind::mobile;
    mobile.count = 1;
    mobile.desks = 2;
    mobile.stops = {{sim::parse_date("2021-04-05"), sim::parse_date("2021-04-20"), "north"},
                    {sim::parse_date("2021-04-23"), sim::parse_date("2021-06-30"), "south"}};
    c.sites.push_back(mobile);
  }
  c.demand.registered.points = {{c.start, 0.3}, {sim::parse_date("2021-05-31"), 0.9}};
  c.demand.no_show = 0.08;
  c.demand.walk_in_rate = 0.002;
  c.demand.arrival_profile =
      sim::Distribution::empirical({{0.0, 0.0}, {0.2, 0.35}, {0.6, 0.6}, {0.8, 0.9}, {1.0, 1.0}});
  for (int week = 0; week < 13; ++week) {
    const sim::Date date{std::chrono::sys_days{c.start} + std::chrono::days{7 * week}};
    c.supply.deliveries.push_back({date, 0, static_cast<std::int64_t>(supply_per_week * 0.6)});
    c.supply.deliveries.push_back({date, 1, static_cast<std::int64_t>(supply_per_week * 0.4)});
  }
  c.supply.wastage_rate = 0.05;
  c.supply.allocation = supply::make_allocation_policy("backlog");
  c.policies = {{c.start, true, true, 3}, {sim::parse_date("2021-06-10"), false, true, 0}};
  c.prior.assign(2, {});
  c.prior[0] = {500, 200, sim::parse_date("2021-03-01"), sim::parse_date("2021-03-31"), {0.5, 0.5}};
  c.targets.daily_doses = 1200;
  c.targets.daily_from = sim::parse_date("2021-05-01");
  c.targets.deadline = c.end;
  c.targets.coverage_levels = {0.2, 0.4};
  c.targets.coverage_base = 90'000;
  return c;
}

struct DoseLog : model::DoseObserver {
  std::vector<model::DoseRecord> doses;
  void on_dose(const model::DoseRecord& d) override { doses.push_back(d); }
};

// The site instance -> its spec, as the engine expands families (config order).
std::vector<const model::SiteSpec*> expand_sites(const model::CampaignConfig& c) {
  std::vector<const model::SiteSpec*> out;
  for (const auto& s : c.sites) {
    for (int i = 0; i < s.count; ++i) out.push_back(&s);
  }
  return out;
}

class CampaignInvariants : public ::testing::TestWithParam<double> {};

TEST_P(CampaignInvariants, HoldForEveryDosePersonAndCityDay) {
  const model::CampaignConfig c = random_province(GetParam());
  DoseLog log;
  const model::CampaignResult r = model::run_campaign(c, {.seed = 11, .observer = &log});
  const model::CityDayTable& t = r.table;
  const sim::Calendar cal{c.start};
  const auto sites = expand_sites(c);
  ASSERT_GT(log.doses.size(), 1000u);

  // Per person: at most two doses, the second of the same product, not before the minimum.
  std::map<std::uint32_t, model::DoseRecord> first;
  std::map<std::uint32_t, int> doses_of;
  for (const model::DoseRecord& d : log.doses) {
    ++doses_of[d.person];
    ASSERT_LE(doses_of[d.person], d.dose == 2 && !first.contains(d.person) ? 1 : 2);
    if (d.dose == 1) {
      ASSERT_FALSE(first.contains(d.person)) << "two first doses for person " << d.person;
      first[d.person] = d;
    } else if (first.contains(d.person)) {
      const model::DoseRecord& f = first[d.person];
      EXPECT_EQ(d.product, f.product) << "second dose of another product";
      EXPECT_EQ(d.city, f.city) << "second dose in another city";
      EXPECT_GE(d.day - f.day, c.products[d.product].min_interval_days);
    } else {
      // Without a first dose in the run: one of the 500 who had it before, numbered first.
      EXPECT_LT(d.person, 500u) << "second dose for a person never given a first";
    }
    // Within the site's opening hours that day.
    const model::SiteSpec& spec = *sites[d.site];
    const model::OpeningHours* hours = nullptr;
    for (const auto& h : spec.hours) {
      if (h.from <= cal.date(d.day)) hours = &h;
    }
    ASSERT_NE(hours, nullptr);
    EXPECT_GE(cal.time_of_day(d.at), hours->open);
    EXPECT_LT(cal.time_of_day(d.at), hours->close);
    EXPECT_EQ(cal.day_index(d.at), d.day);
  }
  for (const auto& [person, n] : doses_of) EXPECT_LE(n, 2);

  // Per city and day: conservation of doses, and the desks' hard limit.
  double received_by_cities = 0;
  for (int city = 0; city < t.cities(); ++city) {
    double delivered = 0, given = 0, wasted = 0;
    for (int d = 0; d < t.days(); ++d) {
      delivered += t.at(Measure::delivered, d, city);
      const double today =
          t.at(Measure::first_doses, d, city) + t.at(Measure::second_doses, d, city);
      given += today;
      wasted += t.at(Measure::wasted, d, city);
      ASSERT_EQ(delivered, given + t.at(Measure::stock, d, city) + wasted)
          << "city " << city << " day " << d;
      // Each open desk starts at most one service per minimum service time (2 min), plus one.
      const double desk_limit = t.at(Measure::desks_open, d, city) *
                                (t.at(Measure::open_hours, d, city) * 60.0 / 2.0 + 1.0);
      EXPECT_LE(today, desk_limit + 1e-9) << "city " << city << " day " << d;
    }
    received_by_cities += delivered;
  }
  EXPECT_EQ(static_cast<double>(r.province_received),
            received_by_cities + static_cast<double>(r.province_stock_end + r.in_transit_end));

  // People: one-dose and two-dose counts follow the doses.
  const double firsts = as_eigen(t.column(Measure::first_doses)).sum();
  const double seconds = as_eigen(t.column(Measure::second_doses)).sum();
  const int last = t.days() - 1;
  EXPECT_EQ(t.province(Measure::people_two_doses, last), 200 + seconds);
  EXPECT_EQ(t.province(Measure::people_one_dose, last), 500 + firsts - seconds);
  EXPECT_EQ(static_cast<double>(log.doses.size()), firsts + seconds);
}

INSTANTIATE_TEST_SUITE_P(Supply, CampaignInvariants, ::testing::Values(2'000.0, 8'000.0, 30'000.0));

TEST(Campaign, SameSeedSameResultsDifferentSeedDifferent) {
  const model::CampaignConfig c = random_province(8'000);
  const model::CampaignResult a = model::run_campaign(c, {.seed = 5});
  const model::CampaignResult b = model::run_campaign(c, {.seed = 5});
  const model::CampaignResult other = model::run_campaign(c, {.seed = 6});
  bool all_equal = true, any_differs = false;
  for (int m = 0; m < model::kMeasureCount; ++m) {
    const auto measure = static_cast<Measure>(m);
    all_equal = all_equal && a.table.column(measure) == b.table.column(measure);
    any_differs = any_differs || a.table.column(measure) != other.table.column(measure);
  }
  EXPECT_TRUE(all_equal);
  EXPECT_TRUE(any_differs);
  EXPECT_EQ(a.events, b.events);
}

// On one thread a city's day runs from morning to evening before the next city's, and without
// a DoseObserver one outcome and one array of visits serve every site; on more, cities' days
// run in parallel, each with its own. Neither the threads nor an observer change any result,
// or the doses the observer sees.
TEST(Campaign, NeitherThreadsNorAnObserverChangeTheResults) {
  const model::CampaignConfig c = random_province(8'000);
  DoseLog one_log, two_log;
  const model::CampaignResult one = model::run_campaign(c, {.seed = 4});
  const model::CampaignResult two = model::run_campaign(c, {.seed = 4, .threads = 2});
  const model::CampaignResult one_seen = model::run_campaign(c, {.seed = 4, .observer = &one_log});
  const model::CampaignResult two_seen =
      model::run_campaign(c, {.seed = 4, .observer = &two_log, .threads = 2});
  for (const model::CampaignResult* other : {&two, &one_seen, &two_seen}) {
    for (int m = 0; m < model::kMeasureCount; ++m) {
      const auto measure = static_cast<Measure>(m);
      EXPECT_EQ(one.table.column(measure), other->table.column(measure)) << to_string(measure);
    }
    EXPECT_EQ(one.events, other->events);
    EXPECT_EQ(one.missed_second_doses, other->missed_second_doses);
  }
  ASSERT_EQ(one_log.doses.size(), two_log.doses.size());
  ASSERT_GT(one_log.doses.size(), 10'000u);
  for (std::size_t i = 0; i < one_log.doses.size(); ++i) {
    const model::DoseRecord& a = one_log.doses[i];
    const model::DoseRecord& b = two_log.doses[i];
    ASSERT_EQ(std::tie(a.person, a.site, a.city, a.product, a.dose, a.day, a.at),
              std::tie(b.person, b.site, b.city, b.product, b.dose, b.day, b.at))
        << "dose " << i;
  }
}

// The sweep computes site-days for speed, the event-driven reference for checking: a whole
// campaign gives the same doses, people, stock and waits either way (utilisation only to
// rounding: whole milliseconds summed exactly against the simulator's running sums).
TEST(Campaign, SweepAndEventSiteDaysGiveTheSameCampaign) {
  const model::CampaignConfig c = random_province(8'000);
  const model::CampaignResult sweep = model::run_campaign(c, {.seed = 3});
  const model::CampaignResult events =
      model::run_campaign(c, {.seed = 3, .site_days = model::SiteDayMethod::events});
  for (int m = 0; m < model::kMeasureCount; ++m) {
    const auto measure = static_cast<Measure>(m);
    if (measure == Measure::utilisation) {
      EXPECT_TRUE(as_eigen(sweep.table.column(measure))
                      .isApprox(as_eigen(events.table.column(measure)), 1e-12));
    } else {
      EXPECT_EQ(sweep.table.column(measure), events.table.column(measure)) << to_string(measure);
    }
  }
  for (int d = 0; d < sweep.table.days(); ++d) {
    for (int city = 0; city < sweep.table.cities(); ++city) {
      EXPECT_EQ(sweep.table.bottleneck(d, city), events.table.bottleneck(d, city));
    }
  }
  EXPECT_EQ(sweep.events, events.events);
  EXPECT_EQ(sweep.missed_second_doses, events.missed_second_doses);
  EXPECT_GT(as_eigen(sweep.table.column(Measure::first_doses)).sum(), 10'000);
}

TEST(Campaign, RejectsAnInvalidConfigNamingTheField) {
  model::CampaignConfig c = one_desk_town_stocked();
  c.products[0].min_interval_days = 60;  // above the maximum of 56
  c.sites[0].hours[0].close = 7h;        // before opening
  try {
    model::run_campaign(c);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("products[0].max_interval_days"), std::string::npos) << what;
    EXPECT_NE(what.find("sites[0].hours[0].close"), std::string::npos) << what;
  }
}

}  // namespace

namespace {

// A hand-built question about a date before the run: nothing from the run counts.
TEST(Campaign, AVerdictForADeadlineBeforeTheRunCountsNothingFromIt) {
  model::CampaignConfig c = one_desk_town_stocked();
  const model::CampaignResult r = model::run_campaign(c);
  c.targets.deadline = sim::parse_date("2021-04-15");
  c.targets.daily_from = sim::parse_date("2021-04-01");
  const model::Verdict v = model::judge(c, r);
  EXPECT_EQ(v.doses_by_deadline, 0);
  EXPECT_EQ(v.people_fully_by_deadline, 0);
  EXPECT_EQ(v.daily_days_in_window, 0);
}

}  // namespace
