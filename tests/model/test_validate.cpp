// validate(): a small valid config has no problems; then each rule of lib/model/validate.cpp,
// broken on its own, is reported with its exact field path (and message). Where one change
// breaks more than one rule, every problem it causes is listed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <ostream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "vaxsim/model/campaign_config.hpp"
#include "vaxsim/supply/cold_chain.hpp"
#include "vaxsim/supply/config_problem.hpp"

using namespace std::chrono_literals;
using namespace vaxsim;
using ::testing::UnorderedElementsAreArray;

namespace {

sim::Date date(const char* iso) { return sim::parse_date(iso); }

sim::Date days_after(sim::Date d, int n) {
  return sim::Date{std::chrono::sys_days{d} + std::chrono::days{n}};
}

// Two cities, two groups, one product, a fixed site and a mobile one, dated hours, staff,
// growth, registration and policies, a delivery, prior vaccinations: every list validate()
// walks has at least one entry, and none breaks a rule.
model::CampaignConfig valid_config() {
  model::CampaignConfig c;
  c.name = "valid";
  c.start = date("2021-05-01");
  c.end = date("2021-05-30");
  c.products.push_back({"A", 21, 56, sim::Distribution::constant(21)});
  c.groups.push_back({"priority", 0.3, c.start, 0.9});
  c.groups.push_back({"rest", 0.7, date("2021-05-15"), 0.8});
  c.cities.push_back({"Town", 1000, {}, {}, 50});
  c.cities.push_back({"Village", 300, {}, {}, 0});
  c.cities[0].staff.points = {{date("2021-05-01"), 10}, {date("2021-05-15"), 20}};

  model::SiteSpec fixed;
  fixed.name = "clinic";
  fixed.city = 0;
  fixed.desks = 2;
  fixed.growth.points = {{date("2021-05-01"), 0.5}, {date("2021-05-10"), 1.0}};
  fixed.hours = {{date("2021-04-01"), 8h, 18h}, {date("2021-05-15"), 8h, 22h}};
  c.sites.push_back(fixed);
  model::SiteSpec bus;
  bus.name = "bus";
  bus.city = 1;
  bus.kind = model::SiteKind::mobile;
  bus.hours = {{date("2021-04-15"), 9h, 17h}};
  bus.stops = {{date("2021-05-03"), date("2021-05-05"), "square"}};
  c.sites.push_back(bus);

  c.demand.registered.points = {{date("2021-05-01"), 0.2}, {date("2021-05-20"), 0.9}};
  c.policies = {{date("2021-05-01"), true, true, 0}, {date("2021-05-20"), false, true, 7}};
  c.supply.initial_stock = {1000};
  c.supply.deliveries = {{date("2021-05-10"), 0, 5000}};

  c.targets.daily_doses = 100;
  c.targets.daily_from = date("2021-05-10");
  c.targets.deadline = date("2021-05-30");
  c.targets.people_fully_vaccinated = 500;
  c.targets.doses = 1000;
  c.targets.coverage_levels = {0.4, 0.5};
  c.targets.coverage_base = 1300;

  c.prior.push_back({100, 50, date("2021-04-01"), date("2021-04-20"), {}});
  c.prior.push_back({0, 10, date("2021-04-01"), date("2021-04-01"), {1.0}});
  return c;
}

using Problem = std::pair<std::string, std::string>;  // field, message

std::vector<Problem> problems_of(const model::CampaignConfig& c) {
  std::vector<Problem> out;
  for (const model::ConfigProblem& p : model::validate(c)) out.emplace_back(p.field, p.message);
  return out;
}

struct Rule {
  const char* name;
  std::function<void(model::CampaignConfig&)> change;
  std::vector<Problem> expected;
};

void PrintTo(const Rule& rule, std::ostream* os) { *os << rule.name; }

// Each rule, broken alone, with what validate() must say.
std::vector<Rule> rules() {
  using C = model::CampaignConfig;
  return {
      // --- dates of the campaign
      {"start_not_a_date",
       [](C& c) { c.start = sim::Date{2021y / 4 / 31}; },
       {{"start", "not a valid date"}}},
      {"end_not_a_date",
       [](C& c) { c.end = sim::Date{2021y / 6 / 31}; },
       {{"end", "not a valid date"}}},
      // Ending before the start also puts the deadline, daily_from and the delivery outside.
      {"end_before_start",
       [](C& c) { c.end = date("2021-04-30"); },
       {{"end", "before start"},
        {"supply.deliveries[0].date", "outside the campaign"},
        {"targets.deadline", "outside the campaign"},
        {"targets.daily_from", "outside the campaign"}}},
      // 2021-05-01 + 20,000 days: 20,001 days.
      {"campaign_too_long",
       [](C& c) { c.end = days_after(c.start, 20'000); },
       {{"end", "campaign longer than 20,000 days"}}},
      // --- products
      {"no_products",
       [](C& c) { c.products.clear(); },
       {{"products", "at least one product is needed"},
        {"supply.initial_stock", "more entries than products"},
        {"supply.deliveries[0].product", "no such product"},
        {"prior[1].product_shares", "needs one share per product"}}},
      {"too_many_products",
       [](C& c) {
         const model::Product copy = c.products[0];
         c.products.resize(255, copy);
       },
       {{"products", "at most 254 products"},
        {"prior[1].product_shares", "needs one share per product"}}},
      {"negative_min_interval",
       [](C& c) { c.products[0].min_interval_days = -1; },
       {{"products[0].min_interval_days", "must not be negative"}}},
      {"max_interval_below_min",
       [](C& c) { c.products[0].max_interval_days = 20; },
       {{"products[0].max_interval_days", "smaller than min_interval_days"}}},
      {"return_may_be_negative",
       [](C& c) { c.products[0].return_after_days = sim::Distribution::uniform(-1, 30); },
       {{"products[0].return_after_days", "may be negative"}}},
      // --- groups
      {"too_many_groups",
       [](C& c) {
         const model::PopulationGroup copy = c.groups[0];
         c.groups.resize(255, copy);
         for (auto& g : c.groups) g.share = 0;
       },
       {{"groups", "at most 254 groups"}}},
      {"group_share_negative",
       [](C& c) { c.groups[0].share = -0.1; },
       {{"groups[0].share", "outside [0, 1]"}}},
      // 0.3 + 1.2 = 1.5 > 1: the sum is reported too.
      {"group_share_above_one",
       [](C& c) { c.groups[1].share = 1.2; },
       {{"groups[1].share", "outside [0, 1]"}, {"groups", "shares add up to more than 1"}}},
      {"group_uptake_outside",
       [](C& c) { c.groups[0].uptake = 1.5; },
       {{"groups[0].uptake", "outside [0, 1]"}}},
      // 0.4 + 0.7 = 1.1.
      {"group_shares_sum_above_one",
       [](C& c) { c.groups[0].share = 0.4; },
       {{"groups", "shares add up to more than 1"}}},
      // --- cities
      {"no_cities",
       [](C& c) { c.cities.clear(); },
       {{"cities", "at least one city is needed"},
        {"sites[0].city", "no such city"},
        {"sites[1].city", "no such city"},
        {"prior", "needs one entry per city"}}},
      {"too_many_cities",
       [](C& c) {
         const model::City copy = c.cities[1];
         c.cities.resize(65'535, copy);
         for (std::size_t i = 0; i < c.cities.size(); ++i) c.cities[i].name = std::to_string(i);
       },
       {{"cities", "too many cities"}, {"prior", "needs one entry per city"}}},
      {"duplicate_city",
       [](C& c) { c.cities[1].name = "Town"; },
       {{"cities[1].name", "duplicate city 'Town'"}}},
      {"negative_residents",
       [](C& c) { c.cities[0].residents = -1; },
       {{"cities[0].residents", "must not be negative"}}},
      {"negative_city_target",
       [](C& c) { c.cities[1].daily_target = -5; },
       {{"cities[1].daily_target", "must not be negative"}}},
      {"city_group_shares_count",
       [](C& c) { c.cities[0].group_shares = {0.5}; },
       {{"cities[0].group_shares", "needs one share per group"}}},
      {"city_group_share_outside",
       [](C& c) {
         c.cities[0].group_shares = {-0.2, 0.5};
       },
       {{"cities[0].group_shares[0]", "outside [0, 1]"}}},
      {"city_group_shares_sum",
       [](C& c) {
         c.cities[1].group_shares = {0.6, 0.6};
       },
       {{"cities[1].group_shares", "shares add up to more than 1"}}},
      {"staff_dates_not_increasing",
       [](C& c) { c.cities[0].staff.points[1].first = c.cities[0].staff.points[0].first; },
       {{"cities[0].staff[1]", "dates must increase"}}},
      {"staff_negative",
       [](C& c) { c.cities[0].staff.points[0].second = -1; },
       {{"cities[0].staff[0]", "must not be negative"}}},
      // --- sites
      {"site_city_out_of_range",
       [](C& c) { c.sites[1].city = 2; },
       {{"sites[1].city", "no such city"}}},
      {"site_count_negative",
       [](C& c) { c.sites[0].count = -1; },
       {{"sites[0].count", "must not be negative"}}},
      {"site_desks_negative",
       [](C& c) { c.sites[0].desks = -1; },
       {{"sites[0].desks", "must not be negative"}}},
      {"site_staff_per_desk_negative",
       [](C& c) { c.sites[0].staff_per_desk = -1; },
       {{"sites[0].staff_per_desk", "must not be negative"}}},
      // Negative seats also leave the 30-minute observation without a seat.
      {"site_seats_negative",
       [](C& c) { c.sites[0].observation_seats = -1; },
       {{"sites[0].observation_seats", "must not be negative"},
        {"sites[0].observation_seats", "an observation period needs at least one seat"}}},
      {"site_observation_negative",
       [](C& c) { c.sites[0].observation = -1min; },
       {{"sites[0].observation", "must not be negative"}}},
      {"site_observation_without_seats",
       [](C& c) { c.sites[1].observation_seats = 0; },
       {{"sites[1].observation_seats", "an observation period needs at least one seat"}}},
      {"site_service_may_be_negative",
       [](C& c) { c.sites[0].service_minutes = sim::Distribution::uniform(-2, 10); },
       {{"sites[0].service_minutes", "may be negative"}}},
      {"site_service_mean_zero",
       [](C& c) { c.sites[0].service_minutes = sim::Distribution::constant(0); },
       {{"sites[0].service_minutes", "mean must be positive"}}},
      {"site_growth_share_outside",
       [](C& c) { c.sites[0].growth.points[1].second = 1.5; },
       {{"sites[0].growth[1]", "share outside [0, 1]"}}},
      {"site_growth_dates",
       [](C& c) { c.sites[0].growth.points[1].first = date("2021-04-30"); },
       {{"sites[0].growth[1]", "dates must increase"}}},
      {"site_without_hours",
       [](C& c) { c.sites[1].hours.clear(); },
       {{"sites[1].hours", "opening hours are needed"}}},
      {"site_opens_before_midnight",
       [](C& c) { c.sites[0].hours[0].open = -1h; },
       {{"sites[0].hours[0].open", "before midnight"}}},
      {"site_closes_after_midnight",
       [](C& c) { c.sites[0].hours[1].close = 24h + 1min; },
       {{"sites[0].hours[1].close", "after midnight"}}},
      {"site_closes_at_opening",
       [](C& c) { c.sites[0].hours[0].close = 8h; },
       {{"sites[0].hours[0].close", "not after opening time"}}},
      {"site_closes_before_opening",
       [](C& c) {
         c.sites[1].hours[0] = {c.start, 17h, 9h};
       },
       {{"sites[1].hours[0].close", "not after opening time"}}},
      {"site_hours_dates",
       [](C& c) { c.sites[0].hours[1].from = c.sites[0].hours[0].from; },
       {{"sites[0].hours[1].from", "dates must increase"}}},
      {"site_first_hours_after_start",
       [](C& c) { c.sites[1].hours[0].from = date("2021-05-02"); },
       {{"sites[1].hours[0].from", "the first opening hours must apply from the campaign start"}}},
      {"site_stop_ends_before_it_starts",
       [](C& c) { c.sites[1].stops[0].to = date("2021-05-02"); },
       {{"sites[1].stops[0].to", "before from"}}},
      // --- demand
      {"booking_fill_zero",
       [](C& c) { c.demand.booking_fill = 0; },
       {{"demand.booking_fill", "outside (0, 1]"}}},
      {"booking_fill_above_one",
       [](C& c) { c.demand.booking_fill = 1.01; },
       {{"demand.booking_fill", "outside (0, 1]"}}},
      {"no_show_negative",
       [](C& c) { c.demand.no_show = -0.1; },
       {{"demand.no_show", "outside [0, 1]"}}},
      {"no_show_everyone",
       [](C& c) { c.demand.no_show = 1.0; },
       {{"demand.no_show", "nobody would ever come"}}},
      {"walk_in_rate_outside",
       [](C& c) { c.demand.walk_in_rate = 1.5; },
       {{"demand.walk_in_rate", "outside [0, 1]"}}},
      {"registered_share_outside",
       [](C& c) { c.demand.registered.points[1].second = 1.5; },
       {{"demand.registered[1]", "share outside [0, 1]"}}},
      {"registered_goes_down",
       [](C& c) { c.demand.registered.points[1].second = 0.1; },
       {{"demand.registered[1]", "registration cannot go down"}}},
      {"registered_dates",
       [](C& c) { c.demand.registered.points[1].first = date("2021-04-01"); },
       {{"demand.registered[1]", "dates must increase"}}},
      // --- dose policies
      {"policy_dates",
       [](C& c) { c.policies[1].from = c.policies[0].from; },
       {{"policies[1].from", "dates must increase"}}},
      {"policy_reserve_negative",
       [](C& c) { c.policies[0].reserve_second_dose_days = -1; },
       {{"policies[0].reserve_second_dose_days", "must not be negative"}}},
      // --- supply
      {"initial_stock_entries",
       [](C& c) {
         c.supply.initial_stock = {1000, 5};
       },
       {{"supply.initial_stock", "more entries than products"}}},
      {"initial_stock_negative",
       [](C& c) { c.supply.initial_stock = {-1}; },
       {{"supply.initial_stock[0]", "must not be negative"}}},
      {"delivery_product",
       [](C& c) { c.supply.deliveries[0].product = 1; },
       {{"supply.deliveries[0].product", "no such product"}}},
      {"delivery_doses_negative",
       [](C& c) { c.supply.deliveries[0].doses = -5; },
       {{"supply.deliveries[0].doses", "must not be negative"}}},
      {"delivery_after_end",
       [](C& c) {
         c.supply.deliveries.push_back({date("2021-05-31"), 0, 1});
       },
       {{"supply.deliveries[1].date", "outside the campaign"}}},
      {"delivery_before_start",
       [](C& c) { c.supply.deliveries[0].date = date("2021-04-30"); },
       {{"supply.deliveries[0].date", "outside the campaign"}}},
      {"delivery_expires_on_arrival",
       [](C& c) { c.supply.deliveries[0].expires = c.supply.deliveries[0].date; },
       {{"supply.deliveries[0].expires",
         "not after the delivery date: the doses would expire before they could be used"}}},
      {"shelf_life_zero",
       [](C& c) { c.products[0].shelf_life_days = 0; },
       {{"products[0].shelf_life_days", "must be at least 1 day"}}},
      {"allocation_every_zero_days",
       [](C& c) { c.supply.allocation_every_days = 0; },
       {{"supply.allocation_every_days", "must be at least 1"}}},
      {"lead_days_negative",
       [](C& c) { c.supply.lead_days = -1; },
       {{"supply.lead_days", "must not be negative"}}},
      {"site_cover_zero_days",
       [](C& c) { c.supply.site_cover_days = 0; },
       {{"supply.site_cover_days", "must be at least 1"}}},
      {"wastage_outside",
       [](C& c) { c.supply.wastage_rate = 1.5; },
       {{"supply.wastage_rate", "outside [0, 1]"}}},
      // --- targets
      {"daily_doses_negative",
       [](C& c) { c.targets.daily_doses = -1; },
       {{"targets.daily_doses", "must not be negative"}}},
      {"people_target_negative",
       [](C& c) { c.targets.people_fully_vaccinated = -1; },
       {{"targets.people_fully_vaccinated", "must not be negative"}}},
      {"doses_target_negative",
       [](C& c) { c.targets.doses = -1; },
       {{"targets.doses", "must not be negative"}}},
      {"coverage_base_negative",
       [](C& c) { c.targets.coverage_base = -1; },
       {{"targets.coverage_base", "must not be negative"}}},
      {"reference_hours_zero",
       [](C& c) { c.targets.reference_open_hours = 0; },
       {{"targets.reference_open_hours", "outside (0, 24]"}}},
      {"reference_hours_above_24",
       [](C& c) { c.targets.reference_open_hours = 24.5; },
       {{"targets.reference_open_hours", "outside (0, 24]"}}},
      {"coverage_level_outside",
       [](C& c) { c.targets.coverage_levels[1] = 1.2; },
       {{"targets.coverage_levels[1]", "outside [0, 1]"}}},
      {"deadline_after_end",
       [](C& c) { c.targets.deadline = date("2021-05-31"); },
       {{"targets.deadline", "outside the campaign"}}},
      {"deadline_not_a_date",
       [](C& c) { c.targets.deadline = sim::Date{2021y / 5 / 0}; },
       {{"targets.deadline", "outside the campaign"}}},
      {"best_desk_doses_per_day_not_positive",
       [](C& c) { c.targets.best_desk_doses_per_day = 0; },
       {{"targets.best_desk_doses_per_day", "must be above 0"}}},
      {"daily_from_before_start",
       [](C& c) { c.targets.daily_from = date("2021-04-30"); },
       {{"targets.daily_from", "outside the campaign"}}},
      // --- prior vaccinations
      {"prior_entries", [](C& c) { c.prior.pop_back(); }, {{"prior", "needs one entry per city"}}},
      {"prior_one_dose_negative",
       [](C& c) { c.prior[0].one_dose = -1; },
       {{"prior[0].one_dose", "must not be negative"}}},
      {"prior_two_doses_negative",
       [](C& c) { c.prior[1].two_doses = -1; },
       {{"prior[1].two_doses", "must not be negative"}}},
      {"prior_first_doses_to_before_from",
       [](C& c) { c.prior[0].first_doses_to = date("2021-03-31"); },
       {{"prior[0].first_doses_to", "before first_doses_from"}}},
      {"prior_first_doses_to_not_before_start",
       [](C& c) { c.prior[0].first_doses_to = c.start; },
       {{"prior[0].first_doses_to", "must be before the campaign start"}}},
      {"prior_product_shares",
       [](C& c) {
         c.prior[0].product_shares = {0.5, 0.5};
       },
       {{"prior[0].product_shares", "needs one share per product"}}},
      // 2021-05-01 - 20,001 days.
      {"prior_too_long_ago",
       [](C& c) { c.prior[0].first_doses_from = days_after(c.start, -20'001); },
       {{"prior[0].first_doses_from", "too long ago"}}},
      // --- prior first doses dated by the record (100 people with one dose)
      {"prior_record_not_before_start",
       [](C& c) {
         c.prior_first_doses_by.points = {{date("2021-04-01"), 0}, {c.start, 200}};
       },
       {{"prior_first_doses_by[1]", "must be before the campaign start"}}},
      {"prior_record_decreasing",
       [](C& c) {
         c.prior_first_doses_by.points = {
             {date("2021-04-01"), 0}, {date("2021-04-10"), 300}, {date("2021-04-20"), 200}};
       },
       {{"prior_first_doses_by[2]", "a cumulative count must not decrease"}}},
      {"prior_record_dates_not_increasing",
       [](C& c) {
         c.prior_first_doses_by.points = {{date("2021-04-10"), 0}, {date("2021-04-10"), 200}};
       },
       {{"prior_first_doses_by[1]", "dates must increase"}}},
      {"prior_record_negative",
       [](C& c) {
         c.prior_first_doses_by.points = {{date("2021-04-01"), -10}, {date("2021-04-20"), 200}};
       },
       {{"prior_first_doses_by[0]", "must not be negative"}}},
      {"prior_record_too_long_ago",
       [](C& c) {
         c.prior_first_doses_by.points = {{days_after(c.start, -20'001), 0},
                                          {date("2021-04-20"), 200}};
       },
       {{"prior_first_doses_by[0]", "too long ago"}}},
      {"prior_record_dates_too_few",
       [](C& c) {
         c.prior_first_doses_by.points = {{date("2021-04-01"), 50}, {date("2021-04-20"), 120}};
       },
       {{"prior_first_doses_by",
         "dates the first doses of 70 people (its rise from its first "
         "point to its last), fewer than the 100 with one dose at the "
         "start"}}},
  };
}

class ValidateRule : public ::testing::TestWithParam<Rule> {};

}  // namespace

TEST(Validate, ValidConfigHasNoProblems) {
  EXPECT_THAT(problems_of(valid_config()), ::testing::IsEmpty());
}

TEST(Validate, BoundariesAreAccepted) {
  model::CampaignConfig c = valid_config();
  c.end = days_after(c.start, 19'999);  // exactly 20,000 days
  c.groups[0].share = 0.0;
  c.groups[1].share = 1.0;  // shares add up to exactly 1
  c.groups[0].uptake = 0.0;
  c.groups[1].uptake = 1.0;
  c.cities[0].group_shares = {0.25, 0.75};
  c.cities[1].residents = 0;
  c.products[0].min_interval_days = 0;
  c.products[0].max_interval_days = 0;
  c.products[0].return_after_days = sim::Distribution::uniform(0, 3);
  c.sites[0].count = 0;
  c.sites[0].desks = 0;
  c.sites[0].staff_per_desk = 0;
  c.sites[0].hours[0] = {date("2021-04-01"), 0h, 24h};  // midnight to midnight
  c.sites[1].observation = 0min;
  c.sites[1].observation_seats = 0;  // no observation needs no seat
  c.demand.booking_fill = 1.0;
  c.demand.no_show = 0.0;
  c.demand.walk_in_rate = 1.0;
  c.supply.allocation_every_days = 1;
  c.supply.lead_days = 0;
  c.supply.site_cover_days = 1;
  c.supply.wastage_rate = 1.0;
  c.targets.reference_open_hours = 24;
  c.targets.coverage_levels = {0.0, 1.0};
  c.targets.deadline = c.start;
  c.prior[0].first_doses_to = days_after(c.start, -1);  // the day before the start
  c.prior[0].first_doses_from = days_after(c.start, -20'000);
  c.products[0].shelf_life_days = 1;  // usable on the day it arrives only
  c.supply.deliveries[0].expires = days_after(c.supply.deliveries[0].date, 1);
  EXPECT_THAT(problems_of(c), ::testing::IsEmpty());
}

TEST(Validate, RulesThatDoNotApplyAreNotChecked) {
  model::CampaignConfig c = valid_config();
  // No daily target: daily_from is not used, so it may be anything.
  c.targets.daily_doses = 0;
  c.targets.daily_from = date("2000-01-01");
  // Nobody with one dose: their dates are not used.
  c.prior[1].one_dose = 0;
  c.prior[1].first_doses_from = date("2021-06-30");
  c.prior[1].first_doses_to = date("2021-06-01");
  // No sites, groups, policies, deliveries or prior at all.
  c.sites.clear();
  c.policies.clear();
  c.supply.deliveries.clear();
  c.supply.initial_stock.clear();
  EXPECT_THAT(problems_of(c), ::testing::IsEmpty());
  c.groups.clear();
  c.prior.clear();
  EXPECT_THAT(problems_of(c), ::testing::IsEmpty());
}

TEST(Validate, ARecordDatingTheFirstDosesLeavesTheWindowUnchecked) {
  model::CampaignConfig c = valid_config();
  c.prior_first_doses_by.points = {{date("2021-04-01"), 0}, {date("2021-04-30"), 100}};
  c.prior[0].first_doses_from = date("2021-06-30");  // unused: the record dates them
  c.prior[0].first_doses_to = date("2021-06-01");
  EXPECT_THAT(problems_of(c), ::testing::IsEmpty());
}

TEST(Validate, ProblemsAccumulate) {
  // Two unrelated mistakes: both reported, in the order validate() walks the config.
  model::CampaignConfig c = valid_config();
  c.cities[0].residents = -1;
  c.supply.lead_days = -1;
  const std::vector<Problem> got = problems_of(c);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].first, "cities[0].residents");
  EXPECT_EQ(got[1].first, "supply.lead_days");
}

TEST_P(ValidateRule, ReportsTheField) {
  const Rule& rule = GetParam();
  model::CampaignConfig c = valid_config();
  rule.change(c);
  EXPECT_THAT(problems_of(c), UnorderedElementsAreArray(rule.expected));
}

INSTANTIATE_TEST_SUITE_P(Validate, ValidateRule, ::testing::ValuesIn(rules()),
                         [](const ::testing::TestParamInfo<Rule>& param_info) {
                           return std::string(param_info.param.name);
                         });

// ---- One problem type, one book of rules --------------------------------------------------------

static_assert(std::is_same_v<model::ConfigProblem, supply::ConfigProblem>,
              "the model's and supply's validate() return one problem type");

TEST(Validate, ASiteMayHaveNoDesk) {
  // A site with no desk books nobody: a sweep may ask for it (desks=0), and the loader reads
  // `desks: 0` too (tests/io). Fewer than none is an error.
  model::CampaignConfig c = valid_config();
  c.sites[0].desks = 0;
  EXPECT_THAT(problems_of(c), ::testing::IsEmpty());
  c.sites[1].desks = 0;
  EXPECT_THAT(problems_of(c), ::testing::IsEmpty());
  c.sites[0].desks = -1;
  EXPECT_THAT(problems_of(c),
              ::testing::ElementsAre(Problem{"sites[0].desks", "must not be negative"}));
}

TEST(Validate, IncludesSupplysChecksOfTheColdChain) {
  model::CampaignConfig c = valid_config();
  supply::ColdChainConfig net;
  net.nodes = {{"province CDC", supply::NodeKind::province, supply::unlimited},
               {"Town", supply::NodeKind::city, supply::unlimited},
               {"Village", supply::NodeKind::city, supply::unlimited}};
  net.links = {{0, 1, 1, 2, 1000, 1.0}, {0, 2, 1, -1, 1000, 1.0}};
  c.supply.cold_chain = net;
  // Supply's problem as supply::validate() states it, its field placed in the campaign.
  const std::vector<supply::ConfigProblem> own = supply::validate(net);
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0].field, "links[1].trucks");
  EXPECT_THAT(problems_of(c),
              ::testing::ElementsAre(Problem{"supply.cold_chain.links[1].trucks", own[0].message}));
  c.supply.cold_chain->links[1].trucks = 0;  // no truck is a valid (if useless) link
  EXPECT_THAT(problems_of(c), ::testing::IsEmpty());
}
