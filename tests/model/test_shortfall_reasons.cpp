// Whole runs against the bottleneck rule's stock branches and the verdict's readings of a run
// (bottleneck.hpp, verdict.hpp): doses kept back for coming second doses are held_back, no doses
// are no_stock; second doses overdue before the run are a backlog its first days inherit; desks
// faster than the best recorded day are warned about.

#include <gtest/gtest.h>

#include <string>

#include "support/towns.hpp"
#include "vaxsim/model/campaign.hpp"
#include "vaxsim/model/verdict.hpp"

using namespace vaxsim;
using model::Bottleneck;
using model::Measure;

namespace {

// The one-desk town (12 doses a day at most) with its own target of 12 a day, booking as many
// as stock allows (no pacing), 1-10 May.
model::CampaignConfig town_with_target(std::int64_t stock) {
  model::CampaignConfig c = test::one_desk_town("2021-05-01", "2021-05-10");
  c.cities[0].daily_target = 12;
  c.demand.pace_to_supply = false;
  c.supply.initial_stock = {stock};
  return c;
}

// 20 people had their first dose on 12 April: their second doses fall due on 3 May (day 2).
void twenty_due_on_day_two(model::CampaignConfig& c) {
  c.prior = {{20, 0, sim::parse_date("2021-04-12"), sim::parse_date("2021-04-12"), {}}};
}

}  // namespace

// 30 doses; a 7-day reserve keeps 20 for the second doses due on day 2. Day 0: the site holds
// 24 (topped up to two days of 12), the budget for first doses is 30 - 20 = 10, so 10 are given:
// stock (10) was the limit, but the site had 24 on hand, more than the desk's 12: held back.
// Day 1: the 20 left are all kept; on hand 20: held back again.
TEST(ShortfallReasons, DosesKeptForComingSecondDosesAreHeldBack) {
  model::CampaignConfig c = town_with_target(30);
  twenty_due_on_day_two(c);
  c.policies = {{c.start, true, true, 7}};
  const model::CampaignResult r = model::run_campaign(c);
  const model::CityDayTable& t = r.table;
  EXPECT_EQ(t.at(Measure::first_doses, 0, 0), 10);
  EXPECT_EQ(t.at(Measure::available_stock, 0, 0), 10);
  EXPECT_EQ(t.at(Measure::stock_on_hand, 0, 0), 24);
  EXPECT_EQ(t.bottleneck(0, 0), Bottleneck::held_back);
  EXPECT_EQ(t.at(Measure::first_doses, 1, 0), 0);
  EXPECT_EQ(t.at(Measure::stock_on_hand, 1, 0), 20);
  EXPECT_EQ(t.bottleneck(1, 0), Bottleneck::held_back);
  // Day 2: the 20 due come; the desk gives 12 of them and meets its target.
  EXPECT_EQ(t.at(Measure::second_doses, 2, 0), 12);
  EXPECT_EQ(t.bottleneck(2, 0), Bottleneck::none);

  // Without the reserve the same doses go to first doses at once: the target is met.
  c.policies = {{c.start, true, true, 0}};
  const model::CampaignResult free = model::run_campaign(c);
  EXPECT_EQ(free.table.at(Measure::first_doses, 0, 0), 12);
  EXPECT_EQ(free.table.bottleneck(0, 0), Bottleneck::none);
}

// 5 doses and no delivery: the site holds 5, all of them usable, fewer than the desk and the
// people could take: the doses were not there. Then none at all.
TEST(ShortfallReasons, TooFewDosesWithNothingKeptBackIsNoStock) {
  const model::CampaignResult r = model::run_campaign(town_with_target(5));
  const model::CityDayTable& t = r.table;
  EXPECT_EQ(t.at(Measure::first_doses, 0, 0), 5);
  EXPECT_EQ(t.at(Measure::stock_on_hand, 0, 0), 5);
  EXPECT_EQ(t.at(Measure::available_stock, 0, 0), 5);
  for (int d = 0; d < t.days(); ++d) {
    EXPECT_EQ(t.bottleneck(d, 0), Bottleneck::no_stock) << "day " << d;
  }
  const model::Verdict v = model::judge(town_with_target(5), r);
  EXPECT_EQ(v.short_city_days_by[static_cast<std::size_t>(Bottleneck::no_stock)], 10);
  EXPECT_EQ(v.cities[0].main_bottleneck, Bottleneck::no_stock);
}

// 30 people had their first dose on 1-3 April, 10 a day: all due by 24 April, overdue on 1 May.
// Second doses first, 12 a day: 12 on 1 May, 12 on 2 May, the last 6 on 3 May (with 6 first
// doses). The first day's 12 doses are all the backlog's; it is cleared on 3 May.
TEST(ShortfallReasons, SecondDosesOverdueAtTheStartAreABacklogTheFirstDaysInherit) {
  model::CampaignConfig c = town_with_target(1000);
  c.prior = {{30, 0, sim::parse_date("2021-04-01"), sim::parse_date("2021-04-03"), {}}};
  const model::CampaignResult r = model::run_campaign(c);
  EXPECT_EQ(r.overdue_at_start, 30);
  EXPECT_EQ(r.table.at(Measure::second_doses, 0, 0), 12);
  EXPECT_EQ(r.table.at(Measure::second_doses, 2, 0), 6);
  const model::InheritedBacklog b = model::judge(c, r).inherited_backlog;
  EXPECT_EQ(b.people, 30);
  EXPECT_EQ(b.on_first_day, 12);
  EXPECT_EQ(b.first_day_doses, 12);
  EXPECT_EQ(b.cleared, sim::parse_date("2021-05-03"));
}

TEST(ShortfallReasons, NoPriorDosesDueBeforeTheStartIsNoBacklog) {
  model::CampaignConfig c = town_with_target(1000);
  twenty_due_on_day_two(c);  // due on day 2, within the run: not overdue
  const model::CampaignResult r = model::run_campaign(c);
  EXPECT_EQ(r.overdue_at_start, 0);
  const model::InheritedBacklog b = model::judge(c, r).inherited_backlog;
  EXPECT_EQ(b.people, 0);
  EXPECT_FALSE(b.cleared.has_value());
}

// The town's desk open 08:00-22:00, everyone at the door at opening: a 4-minute service gives
// 14 x 60 / 4 = 210 doses on the first day, above the best recorded 134 a desk; a 10-minute one
// gives 84, below it.
TEST(ShortfallReasons, DesksFasterThanTheBestRecordedDayAreWarnedAbout) {
  const auto town = [](double service_minutes) {
    model::CampaignConfig c = town_with_target(1000);
    c.sites[0].hours = {{c.start, std::chrono::hours{8}, std::chrono::hours{22}}};
    c.sites[0].service_minutes = sim::Distribution::constant(service_minutes);
    return c;
  };
  const model::CampaignConfig fast = town(4.0);
  const model::Verdict v = model::judge(fast, model::run_campaign(fast));
  EXPECT_EQ(v.best_desk_day.doses_per_desk, 210);
  EXPECT_EQ(v.best_desk_day.date, sim::parse_date("2021-05-01"));
  EXPECT_EQ(v.best_desk_day.reference, 134);
  ASSERT_EQ(v.warnings.size(), 1u);
  EXPECT_EQ(v.warnings[0].code, "desk_productivity_above_record");
  for (const char* words : {"On 2021-05-01", "gave 210 doses each", "(210 doses on 1 desk)",
                            "best recorded productivity of 134",
                            "Busiest city-day: Town on 2021-05-01, 210 doses a desk"}) {
    EXPECT_NE(v.warnings[0].message.find(words), std::string::npos)
        << words << " in: " << v.warnings[0].message;
  }

  const model::CampaignConfig slow = town(10.0);
  const model::Verdict calm = model::judge(slow, model::run_campaign(slow));
  EXPECT_EQ(calm.best_desk_day.doses_per_desk, 84);
  EXPECT_TRUE(calm.warnings.empty());

  // The reference is the scenario's: below 84, the slow town warns too.
  model::CampaignConfig strict = slow;
  strict.targets.best_desk_doses_per_day = 80;
  EXPECT_EQ(model::judge(strict, model::run_campaign(strict)).warnings.size(), 1u);
}
