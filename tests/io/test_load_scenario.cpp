// The scenario loader: one test per kind of mistake (each pins the line, the field path and the
// wording), a minimal scenario read back field by field, and the two Shanxi scenarios.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <numeric>
#include <string>
#include <string_view>

#include "support/files.hpp"
#include "vaxsim/io/scenario.hpp"
#include "vaxsim/io/scenario_error.hpp"
#include "vaxsim/sim/calendar.hpp"

using namespace std::chrono_literals;
using vaxsim::io::load_scenario;
using vaxsim::io::parse_scenario;
using vaxsim::io::Scenario;
using vaxsim::io::ScenarioError;
using vaxsim::sim::parse_date;

namespace {

// Line numbers are part of the tests below: keep this text's layout as it is.
constexpr std::string_view kMinimal = R"(name: minimal
start: 2021-04-01
end: 2021-04-30
seed: 7
products:
  - name: A
    interval_days: {min: 21, max: 28}
    return_after_days: {uniform: {lo: 21, hi: 28}}
groups:
  - name: adults
    share: 0.8
    eligible_from: 2021-04-05
    uptake: 0.9
  - name: children
    share: 0.2
    eligible_from: never
cities:
  - name: North
    residents: 300
  - name: South
    residents: 100
sites:
  - name: clinic
    city: North
    kind: fixed
    desks: 2
    service_minutes: {lognormal: {mean: 4, sd: 1.5}}
    hours:
      - {open: "08:00", close: "18:00"}
      - {from: 2021-04-10, open: "08:00", close: "22:00"}
  - name: cabin
    city: all
    kind: temporary
    count: 5
    growth: [[2021-04-01, 0.2], [2021-04-15, 1.0]]
    hours:
      - {open: "09:00", close: "17:00"}
policies:
  - {from: 2021-04-01, first_doses: true, second_doses_first: true}
supply:
  wastage_rate: 0.05
  initial_stock: {A: 1000}
  deliveries:
    - {product: A, date: 2021-04-02, doses: 500}
    - {product: A, from: 2021-04-05, to: 2021-04-19, every_days: 7, doses: 200}
targets:
  daily_doses: 100
  daily_from: 2021-04-10
  people_fully_vaccinated: 200
  doses: 400
  coverage_levels: [0.4, 0.5]
  city_daily_doses: {all: 10, North: 30}
prior:
  first_doses_from: 2021-03-01
  first_doses_to: 2021-03-20
  total: {one_dose: 10, two_doses: 4}
)";

/// kMinimal with the first occurrence of `from` replaced by `to` (which must be there).
std::string edited(std::string_view from, std::string_view to) {
  std::string text(kMinimal);
  const std::size_t at = text.find(from);
  if (at == std::string::npos) {
    ADD_FAILURE() << "test bug: '" << from << "' is not in the minimal scenario";
    return text;
  }
  return text.replace(at, from.size(), to);
}

/// `text` with the first occurrence of `from` replaced by `to` (which must be there).
std::string edited_text(std::string text, std::string_view from, std::string_view to) {
  const std::size_t at = text.find(from);
  if (at == std::string::npos) {
    ADD_FAILURE() << "test bug: '" << from << "' is not in the scenario";
    return text;
  }
  return text.replace(at, from.size(), to);
}

/// The error a scenario text causes; fails the test when it loads.
ScenarioError error_of(const std::string& yaml) {
  try {
    parse_scenario(yaml, "test.yaml");
  } catch (const ScenarioError& e) {
    return e;
  }
  ADD_FAILURE() << "the scenario loaded, but an error was expected:\n" << yaml;
  return ScenarioError("", -1, -1, "", "");
}

/// Checks line, field path and that the message contains each of `words`.
void expect_error(const std::string& yaml, int line, const std::string& field,
                  std::initializer_list<std::string_view> words) {
  const ScenarioError e = error_of(yaml);
  EXPECT_EQ(e.file(), "test.yaml");
  EXPECT_EQ(e.line(), line) << e.what();
  EXPECT_GT(e.column(), 0) << e.what();
  EXPECT_EQ(e.field(), field) << e.what();
  for (const std::string_view word : words) {
    EXPECT_NE(e.message().find(word), std::string::npos)
        << "message lacks '" << word << "': " << e.what();
  }
}

}  // namespace

// ---- A valid scenario, read back ---------------------------------------------------------------

TEST(LoadScenario, MinimalScenarioRoundTrips) {
  const Scenario s = parse_scenario(kMinimal, "minimal.yaml");
  const auto& c = s.campaign;
  EXPECT_EQ(s.seed, 7u);
  EXPECT_EQ(c.name, "minimal");
  EXPECT_EQ(c.start, parse_date("2021-04-01"));
  EXPECT_EQ(c.end, parse_date("2021-04-30"));

  ASSERT_EQ(c.products.size(), 1u);
  EXPECT_EQ(c.products[0].name, "A");
  EXPECT_EQ(c.products[0].min_interval_days, 21);
  EXPECT_EQ(c.products[0].max_interval_days, 28);
  EXPECT_DOUBLE_EQ(c.products[0].return_after_days.mean(), 24.5);

  ASSERT_EQ(c.groups.size(), 2u);
  EXPECT_EQ(c.groups[0].name, "adults");
  EXPECT_DOUBLE_EQ(c.groups[0].share, 0.8);
  EXPECT_EQ(c.groups[0].eligible_from, parse_date("2021-04-05"));
  EXPECT_DOUBLE_EQ(c.groups[0].uptake, 0.9);
  EXPECT_FALSE(c.groups[1].eligible_from.has_value());
  EXPECT_DOUBLE_EQ(c.groups[1].uptake, 1.0);

  ASSERT_EQ(c.cities.size(), 2u);
  EXPECT_EQ(c.cities[0].name, "North");
  EXPECT_EQ(c.cities[0].residents, 300);
  EXPECT_EQ(c.cities[0].daily_target, 30);
  EXPECT_EQ(c.cities[1].daily_target, 10);
  EXPECT_TRUE(c.cities[0].group_shares.empty());

  // clinic, then cabin split 5 sites by residents 300:100 -> 3.75:1.25 -> 4:1.
  ASSERT_EQ(c.sites.size(), 3u);
  EXPECT_EQ(c.sites[0].name, "clinic");
  EXPECT_EQ(c.sites[0].city, 0u);
  EXPECT_EQ(c.sites[0].desks, 2);
  EXPECT_EQ(c.sites[0].count, 1);
  EXPECT_EQ(c.sites[0].staff_per_desk, 2);
  EXPECT_EQ(c.sites[0].observation, 30min);
  EXPECT_DOUBLE_EQ(c.sites[0].service_minutes.mean(), 4.0);
  ASSERT_EQ(c.sites[0].hours.size(), 2u);
  EXPECT_EQ(c.sites[0].hours[0].from, parse_date("2021-04-01"));
  EXPECT_EQ(c.sites[0].hours[0].open, 8h);
  EXPECT_EQ(c.sites[0].hours[0].close, 18h);
  EXPECT_EQ(c.sites[0].hours[1].from, parse_date("2021-04-10"));
  EXPECT_EQ(c.sites[0].hours[1].close, 22h);
  EXPECT_EQ(c.sites[1].name, "cabin/North");
  EXPECT_EQ(c.sites[1].city, 0u);
  EXPECT_EQ(c.sites[1].count, 4);
  EXPECT_EQ(c.sites[1].kind, vaxsim::model::SiteKind::temporary);
  ASSERT_EQ(c.sites[1].growth.points.size(), 2u);
  EXPECT_DOUBLE_EQ(c.sites[1].growth.points[0].second, 0.2);
  EXPECT_EQ(c.sites[2].name, "cabin/South");
  EXPECT_EQ(c.sites[2].city, 1u);
  EXPECT_EQ(c.sites[2].count, 1);

  ASSERT_EQ(c.policies.size(), 1u);
  EXPECT_TRUE(c.policies[0].first_doses);

  EXPECT_DOUBLE_EQ(c.supply.wastage_rate, 0.05);
  ASSERT_EQ(c.supply.initial_stock.size(), 1u);
  EXPECT_EQ(c.supply.initial_stock[0], 1000);
  ASSERT_EQ(c.supply.deliveries.size(), 4u);  // one, then 04-05, 04-12, 04-19
  EXPECT_EQ(c.supply.deliveries[0].date, parse_date("2021-04-02"));
  EXPECT_EQ(c.supply.deliveries[0].doses, 500);
  EXPECT_EQ(c.supply.deliveries[3].date, parse_date("2021-04-19"));
  EXPECT_EQ(c.supply.deliveries[3].doses, 200);
  ASSERT_NE(c.supply.allocation, nullptr);
  EXPECT_EQ(c.supply.allocation->name(), "population");
  EXPECT_EQ(c.supply.allocation_every_days, 7);
  EXPECT_EQ(c.supply.lead_days, 1);

  EXPECT_EQ(c.targets.daily_doses, 100);
  EXPECT_EQ(c.targets.daily_from, parse_date("2021-04-10"));
  EXPECT_EQ(c.targets.deadline, parse_date("2021-04-30"));  // default: campaign end
  EXPECT_EQ(c.targets.people_fully_vaccinated, 200);
  EXPECT_EQ(c.targets.doses, 400);
  EXPECT_EQ(c.targets.coverage_base, 400);  // default: all residents
  ASSERT_EQ(c.targets.coverage_levels.size(), 2u);
  EXPECT_DOUBLE_EQ(c.targets.coverage_levels[1], 0.5);

  // 10 one-dose people split 7.5:2.5 -> 8:2 (tie to the first city), 4 two-dose -> 3:1.
  ASSERT_EQ(c.prior.size(), 2u);
  EXPECT_EQ(c.prior[0].one_dose, 8);
  EXPECT_EQ(c.prior[1].one_dose, 2);
  EXPECT_EQ(c.prior[0].two_doses, 3);
  EXPECT_EQ(c.prior[1].two_doses, 1);
  EXPECT_EQ(c.prior[1].first_doses_from, parse_date("2021-03-01"));
  EXPECT_EQ(c.prior[1].first_doses_to, parse_date("2021-03-20"));
  EXPECT_TRUE(c.prior[0].product_shares.empty());
}

TEST(LoadScenario, AcceptsDigitSeparatorsAndIntegralExponents) {
  const Scenario s = parse_scenario(edited("    residents: 300", "    residents: 3e2") +
                                        "assumptions:\n  - {what: a, value: 1_000, source: b}\n",
                                    "t.yaml");
  EXPECT_EQ(s.campaign.cities[0].residents, 300);
  ASSERT_EQ(s.assumptions.size(), 1u);
  EXPECT_EQ(s.assumptions[0].value, "1_000");
  const Scenario t = parse_scenario(edited("doses: 400", "doses: 1_000"), "t.yaml");
  EXPECT_EQ(t.campaign.targets.doses, 1000);
}

// ---- The file itself -------------------------------------------------------------------------

TEST(LoadScenario, MissingFile) {
  try {
    load_scenario("/nonexistent/dir/scenario.yaml");
    FAIL() << "expected an error";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.file(), "/nonexistent/dir/scenario.yaml");
    EXPECT_EQ(e.line(), 0);
    EXPECT_EQ(e.column(), 0);
    EXPECT_EQ(e.field(), "");
    EXPECT_NE(e.message().find("no such file"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()), "/nonexistent/dir/scenario.yaml: " + e.message());
  }
}

// yaml-cpp gives up on line 3 ("end of sequence flow not found"); the mistake is the bracket
// opened on line 2, and the message says so in a planner's words.
TEST(LoadScenario, MalformedYamlIsPlacedAtTheUnclosedBracket) {
  const ScenarioError e = error_of("name: a\nstart: [2021-04-01\nend: 2021-04-30\n");
  EXPECT_EQ(e.line(), 2) << e.what();
  EXPECT_EQ(e.column(), 8) << e.what();
  EXPECT_EQ(e.field(), "");
  EXPECT_EQ(e.message(), "this '[' is not closed with ']' (a list in brackets ends on ']')");
}

TEST(LoadScenario, ATabInTheIndentationIsNamedAsSuch) {
  const ScenarioError e = error_of("name: a\nstart: 2021-04-01\n\tend: 2021-04-30\n");
  EXPECT_EQ(e.line(), 3) << e.what();
  EXPECT_EQ(e.message(),
            "a tab in the indentation: YAML indents with spaces only (replace the tab by spaces)");
}

TEST(LoadScenario, AnUnclosedQuoteIsPlacedWhereItOpens) {
  // yaml-cpp reads the quote on across lines and fails at the next one.
  const ScenarioError e = error_of("name: \"a\nstart: 2021-04-01\nend: \"2021-04-30\"\n");
  EXPECT_EQ(e.line(), 1) << e.what();
  EXPECT_EQ(e.column(), 7) << e.what();
}

TEST(LoadScenario, DeepNestingIsSaidInWords) {
  const ScenarioError e = error_of("a: " + std::string(2000, '[') + std::string(2000, ']') + "\n");
  EXPECT_EQ(e.message(), "nested too deeply (hundreds of levels of brackets or indentation)")
      << e.what();
}

TEST(LoadScenario, EmptyFile) {
  const ScenarioError e = error_of("# nothing but a comment\n");
  EXPECT_NE(e.message().find("empty"), std::string::npos) << e.what();
}

// ---- Keys --------------------------------------------------------------------------------------

TEST(LoadScenario, UnknownKeySuggestsTheClosest) {
  expect_error(edited("    residents: 300", "    residnets: 300"), 19, "cities[0].residnets",
               {"unknown key 'residnets'", "did you mean 'residents'"});
}

TEST(LoadScenario, UnknownKeyWithNothingCloseListsTheKeys) {
  expect_error(std::string(kMinimal) + "colour: red\n", 57, "colour",
               {"unknown key 'colour'", "expected one of", "products"});
}

TEST(LoadScenario, RepeatedKey) {
  expect_error(edited("    desks: 2\n", "    desks: 2\n    desks: 3\n"), 27, "sites[0].desks",
               {"appears twice", "line 26"});
}

TEST(LoadScenario, MissingRequiredKey) {
  // Reported at the map that lacks the key (its first line), with the missing key's path.
  expect_error(edited("    residents: 300\n", ""), 18, "cities[0].residents",
               {"missing required key 'residents'"});
}

TEST(LoadScenario, OnlyTheFirstOpeningHoursMayLeaveOutFrom) {
  expect_error(edited("{from: 2021-04-10, open", "{open"), 30, "sites[0].hours[1].from",
               {"missing required key 'from'"});
}

// ---- Types and numbers -------------------------------------------------------------------------

TEST(LoadScenario, TextWhereANumberIsExpected) {
  expect_error(edited("residents: 300", "residents: many"), 19, "cities[0].residents",
               {"expected a whole number", "'many'"});
}

TEST(LoadScenario, ListWhereANumberIsExpected) {
  expect_error(edited("desks: 2", "desks: [1, 2]"), 26, "sites[0].desks",
               {"expected a whole number", "a list"});
}

TEST(LoadScenario, ThousandsSeparatorsAreExplained) {
  expect_error(edited("doses: 400", "doses: \"1,000\""), 50, "targets.doses",
               {"expected a whole number", "1_000"});
}

TEST(LoadScenario, NegativeCount) {
  expect_error(edited("residents: 300", "residents: -300"), 19, "cities[0].residents",
               {"must not be negative", "-300"});
}

TEST(LoadScenario, NonIntegerCount) {
  expect_error(edited("desks: 2", "desks: 2.5"), 26, "sites[0].desks",
               {"must be a whole number", "2.5"});
}

TEST(LoadScenario, ASiteMayHaveNoDesk) {
  // The desk rule is model::validate()'s, for a file as for a config built in code: a site with
  // no desk loads (it books nobody); fewer than none is an error at the value.
  const Scenario s = parse_scenario(edited("desks: 2", "desks: 0"), "test.yaml");
  EXPECT_EQ(s.campaign.sites[0].desks, 0);
  expect_error(edited("desks: 2", "desks: -1"), 26, "sites[0].desks",
               {"must not be negative", "-1"});
}

TEST(LoadScenario, BadBoolean) {
  expect_error(edited("first_doses: true", "first_doses: maybe"), 39, "policies[0].first_doses",
               {"expected true or false", "'maybe'"});
}

TEST(LoadScenario, BadTimeOfDay) {
  expect_error(edited("open: \"08:00\", close: \"18:00\"", "open: \"8:00\", close: \"18:00\""), 29,
               "sites[0].hours[0].open", {"HH:MM", "'8:00'"});
}

TEST(LoadScenario, BadDate) {
  expect_error(edited("eligible_from: 2021-04-05", "eligible_from: 2021-04-31"), 12,
               "groups[0].eligible_from", {"no such date", "2021-04-31"});
}

// ---- Names -------------------------------------------------------------------------------------

TEST(LoadScenario, UnknownCityInSites) {
  expect_error(edited("city: North", "city: Nort"), 24, "sites[0].city",
               {"unknown city 'Nort'", "did you mean 'North'"});
}

TEST(LoadScenario, UnknownCityInPrior) {
  expect_error(edited("total: {one_dose: 10, two_doses: 4}", "cities: {West: {one_dose: 1}}"), 56,
               "prior.cities[West]", {"unknown city 'West'", "known: North, South"});
}

TEST(LoadScenario, UnknownCityInTargets) {
  expect_error(edited("{all: 10, North: 30}", "{all: 10, Nrth: 30}"), 52,
               "targets.city_daily_doses[Nrth]", {"unknown city 'Nrth'", "did you mean 'North'"});
}

TEST(LoadScenario, UnknownProduct) {
  expect_error(edited("{product: A, date", "{product: B, date"), 44, "supply.deliveries[0].product",
               {"unknown product 'B'"});
}

TEST(LoadScenario, UnknownGroup) {
  expect_error(
      edited("    residents: 100\n", "    residents: 100\n    group_shares: {adult: 0.7}\n"), 22,
      "cities[1].group_shares[adult]", {"unknown group 'adult'", "did you mean 'adults'"});
}

TEST(LoadScenario, UnknownAllocationPolicy) {
  expect_error(edited("  wastage_rate: 0.05\n", "  wastage_rate: 0.05\n  allocation: backlgo\n"),
               42, "supply.allocation",
               {"unknown allocation policy 'backlgo'", "did you mean 'backlog'"});
}

TEST(LoadScenario, DuplicateName) {
  expect_error(edited("  - name: South", "  - name: North"), 20, "cities[1].name",
               {"duplicate city name 'North'", "cities[0]"});
}

// ---- Values that cannot be -------------------------------------------------------------------

TEST(LoadScenario, IntervalMinimumAboveMaximum) {
  expect_error(edited("{min: 21, max: 28}", "{min: 30, max: 28}"), 7,
               "products[0].interval_days.max",
               {"minimum (30 days) exceeds its maximum (28 days)"});
}

TEST(LoadScenario, ClosingBeforeOpening) {
  expect_error(edited("open: \"08:00\", close: \"18:00\"", "open: \"08:00\", close: \"07:30\""), 29,
               "sites[0].hours[0].close", {"07:30", "not after opening time 08:00"});
}

TEST(LoadScenario, ClosingAtOpening) {
  expect_error(edited("open: \"09:00\", close: \"17:00\"", "open: \"09:00\", close: \"09:00\""), 37,
               "sites[1].hours[0].close", {"not after opening time 09:00"});
}

TEST(LoadScenario, DateOutsideTheCampaign) {
  expect_error(edited("{from: 2021-04-01, first", "{from: 2021-05-01, first"), 39,
               "policies[0].from", {"2021-05-01 is outside the campaign", "2021-04-30"});
}

TEST(LoadScenario, DeliveryOutsideTheCampaign) {
  expect_error(edited("date: 2021-04-02", "date: 2021-03-31"), 44, "supply.deliveries[0].date",
               {"outside the campaign"});
}

TEST(LoadScenario, ShelfLifeUnderADay) {
  expect_error(edited("    return_after_days: {uniform: {lo: 21, hi: 28}}\n",
                      "    return_after_days: {uniform: {lo: 21, hi: 28}}\n"
                      "    shelf_life_days: 0\n"),
               9, "products[0].shelf_life_days", {"at least 1", "got 0"});
}

TEST(LoadScenario, DeliveryExpiringBeforeItCanBeUsed) {
  expect_error(edited("doses: 500}", "doses: 500, expires: 2021-04-02}"), 44,
               "supply.deliveries[0].expires",
               {"would expire (2021-04-02) before they could be used", "delivery date 2021-04-02"});
}

TEST(LoadScenario, ExpiryDateOnARepeatingDelivery) {
  expect_error(edited("doses: 200}", "doses: 200, expires: 2021-06-01}"), 45,
               "supply.deliveries[1].expires", {"one delivery", "shelf_life_days"});
}

TEST(LoadScenario, ExpiryThatIsNotADate) {
  expect_error(edited("doses: 500}", "doses: 500, expires: soon}"), 44,
               "supply.deliveries[0].expires", {"soon"});
}

TEST(LoadScenario, DatesNotIncreasing) {
  expect_error(
      edited("[[2021-04-01, 0.2], [2021-04-15, 1.0]]", "[[2021-04-15, 0.2], [2021-04-15, 1.0]]"),
      35, "sites[1].growth[1][0]",
      {"dates must increase", "2021-04-15 is not after the previous 2021-04-15"});
}

TEST(LoadScenario, ShareAboveOne) {
  expect_error(edited("uptake: 0.9", "uptake: 1.2"), 13, "groups[0].uptake",
               {"share", "[0, 1]", "1.2"});
}

TEST(LoadScenario, GroupSharesAboveOne) {
  expect_error(edited("    share: 0.2", "    share: 0.3"), 15, "groups[1].share",
               {"add up to 1.1", "must not exceed 1"});
}

TEST(LoadScenario, BadDistributionParameter) {
  expect_error(edited("{lognormal: {mean: 4, sd: 1.5}}", "{lognormal: {mean: -4, sd: 1.5}}"), 27,
               "sites[0].service_minutes.lognormal",
               {"bad distribution", "Distribution::lognormal", "mean must be positive", "-4"});
}

TEST(LoadScenario, UnknownDistributionFamily) {
  expect_error(edited("{lognormal: {mean: 4", "{lognormall: {mean: 4"), 27,
               "sites[0].service_minutes.lognormall",
               {"unknown distribution 'lognormall'", "did you mean 'lognormal'"});
}

TEST(LoadScenario, EndBeforeStart) {
  expect_error(edited("end: 2021-04-30", "end: 2021-03-30"), 3, "end",
               {"ends (2021-03-30) before it starts (2021-04-01)"});
}

TEST(LoadScenario, PriorMoreThanResidents) {
  expect_error(edited("{one_dose: 10, two_doses: 4}", "{one_dose: 1000, two_doses: 4}"), 56,
               "prior.total", {"more people vaccinated", "than it has residents"});
}

TEST(LoadScenario, PriorDatedInsideTheCampaign) {
  expect_error(edited("first_doses_to: 2021-03-20", "first_doses_to: 2021-04-02"), 55,
               "prior.first_doses_to", {"before its start (2021-04-01)"});
}

TEST(LoadScenario, BestDeskDosesPerDayIsReadAndDefaultsToTheRecord) {
  EXPECT_EQ(parse_scenario(kMinimal, "test.yaml").campaign.targets.best_desk_doses_per_day, 134);
  const Scenario s =
      parse_scenario(edited("  coverage_levels: [0.4, 0.5]\n",
                            "  coverage_levels: [0.4, 0.5]\n  best_desk_doses_per_day: 120.5\n"),
                     "test.yaml");
  EXPECT_EQ(s.campaign.targets.best_desk_doses_per_day, 120.5);
}

TEST(LoadScenario, BestDeskDosesPerDayNotAboveZero) {
  expect_error(edited("  coverage_levels: [0.4, 0.5]\n",
                      "  coverage_levels: [0.4, 0.5]\n  best_desk_doses_per_day: 0\n"),
               52, "targets.best_desk_doses_per_day", {"must be above 0", "got 0"});
}

TEST(LoadScenario, PriorFirstDosesDatedByTheRecordAreReadInsteadOfAWindow) {
  const Scenario s = parse_scenario(
      edited("  first_doses_from: 2021-03-01\n  first_doses_to: 2021-03-20\n",
             "  first_doses_by: [[2021-03-01, 0], [2021-03-11, 100], [2021-03-20, 150]]\n"),
      "test.yaml");
  const auto& points = s.campaign.prior_first_doses_by.points;
  ASSERT_EQ(points.size(), 3u);
  EXPECT_EQ(points[1].first, parse_date("2021-03-11"));
  EXPECT_EQ(points[1].second, 100.0);
  EXPECT_EQ(points[2].second, 150.0);
}

TEST(LoadScenario, PriorRecordAndWindowTogetherAreAnError) {
  expect_error(edited("  first_doses_from: 2021-03-01\n",
                      "  first_doses_by: [[2021-03-01, 0], [2021-03-11, 100]]\n"
                      "  first_doses_from: 2021-03-01\n"),
               54, "prior.first_doses_by", {"either `first_doses_by`", "not both"});
}

TEST(LoadScenario, PriorRecordDatedInsideTheCampaign) {
  expect_error(edited("  first_doses_from: 2021-03-01\n  first_doses_to: 2021-03-20\n",
                      "  first_doses_by: [[2021-03-01, 0], [2021-04-01, 100]]\n"),
               54, "prior.first_doses_by[1][0]", {"before its start (2021-04-01)", "2021-04-01"});
}

TEST(LoadScenario, PriorRecordThatDecreases) {
  expect_error(edited("  first_doses_from: 2021-03-01\n  first_doses_to: 2021-03-20\n",
                      "  first_doses_by: [[2021-03-01, 0], [2021-03-11, 100], [2021-03-20, 90]]\n"),
               54, "prior.first_doses_by[2][1]", {"must not decrease", "90", "previous 100"});
}

TEST(LoadScenario, PriorRecordDatingFewerPeopleThanHaveOneDose) {
  // 10 people with one dose; the record rises by 6 after its first point.
  expect_error(edited("  first_doses_from: 2021-03-01\n  first_doses_to: 2021-03-20\n",
                      "  first_doses_by: [[2021-03-01, 4], [2021-03-11, 10]]\n"),
               54, "prior.first_doses_by", {"first doses of 6 people", "fewer than the 10"});
}

TEST(LoadScenario, PriorRecordWithOnePoint) {
  expect_error(edited("  first_doses_from: 2021-03-01\n  first_doses_to: 2021-03-20\n",
                      "  first_doses_by: [[2021-03-01, 40]]\n"),
               54, "prior.first_doses_by", {"at least two"});
}

// ---- The safety net ----------------------------------------------------------------------------

TEST(LoadScenario, ModelValidationProblemsAreLocated) {
  // 255 products pass every check of the loader but not model::validate() (at most 254): the
  // problem comes back as a ScenarioError placed at the products list.
  std::string extra;
  for (int i = 0; i < 254; ++i) extra += "  - name: P" + std::to_string(i) + "\n";
  const ScenarioError e =
      error_of(edited("    return_after_days: {uniform: {lo: 21, hi: 28}}\n",
                      "    return_after_days: {uniform: {lo: 21, hi: 28}}\n" + extra));
  EXPECT_EQ(e.field(), "products") << e.what();
  EXPECT_EQ(e.line(), 6) << e.what();  // the list's first entry
  EXPECT_FALSE(e.message().empty());
}

TEST(LoadScenario, ModelRulesArePlacedAtTheKeyTheyName) {
  // An observation period needs a seat: a rule of model::validate() alone, reported at the
  // `observation_seats` of the site (line 27), not at the site's first line.
  expect_error(edited("    desks: 2\n", "    desks: 2\n    observation_seats: 0\n"), 27,
               "sites[0].observation_seats", {"an observation period needs at least one seat"});
  const ScenarioError e =
      error_of(edited("    desks: 2\n", "    desks: 2\n    observation_seats: 0\n"));
  EXPECT_EQ(e.column(), 24) << e.what();  // the value
  // A family split over every city (`city: all`): its sites in the config map back to it.
  expect_error(edited("    count: 5\n", "    count: 5\n    observation_seats: 0\n"), 35,
               "sites[1].observation_seats", {"an observation period needs at least one seat"});
}

// ---- The Shanxi scenarios ----------------------------------------------------------------------

TEST(LoadScenario, ShanxiPlanLoads) {
  const Scenario s = load_scenario(vaxsim::test::source_file("scenarios/shanxi-2021-plan.yaml"));
  const auto& c = s.campaign;
  EXPECT_EQ(c.start, parse_date("2021-04-01"));
  EXPECT_EQ(c.end, parse_date("2021-06-30"));
  ASSERT_EQ(c.cities.size(), 11u);
  std::int64_t residents = 0;
  for (const auto& city : c.cities) residents += city.residents;
  EXPECT_EQ(residents, 34'915'616);  // 2020 census
  EXPECT_EQ(c.targets.coverage_base, 37'292'200);
  EXPECT_EQ(c.targets.people_fully_vaccinated, 14'910'000);
  EXPECT_EQ(c.targets.doses, 29'820'000);
  EXPECT_EQ(c.targets.daily_doses, 800'000);
  std::int64_t sites = 0;
  for (const auto& site : c.sites) sites += site.count;
  EXPECT_EQ(sites, 10'000);  // the plan's aim
  EXPECT_FALSE(s.assumptions.empty());
}

TEST(LoadScenario, ShanxiJuneLoads) {
  const Scenario s = load_scenario(vaxsim::test::source_file("scenarios/shanxi-2021-june.yaml"));
  const auto& c = s.campaign;
  EXPECT_EQ(c.start, parse_date("2021-06-03"));
  EXPECT_EQ(c.end, parse_date("2021-06-30"));
  std::int64_t sites = 0;
  std::int64_t desks = 0;
  for (const auto& site : c.sites) {
    sites += site.count;
    desks += std::int64_t{site.count} * site.desks;
  }
  EXPECT_EQ(sites, 2'733);  // progress report, 3 June 2021
  EXPECT_EQ(desks, 7'548);
  std::int64_t one = 0;
  std::int64_t two = 0;
  for (const auto& p : c.prior) {
    one += p.one_dose;
    two += p.two_doses;
  }
  EXPECT_EQ(one + two, 12'600'000);
  EXPECT_EQ(two, 1'793'000);
  EXPECT_FALSE(s.assumptions.empty());
}

namespace {

// kMinimal has 56 lines; the uncertainty section starts on line 57.
TEST(LoadScenario, ReadsTheUncertaintySection) {
  const Scenario s =
      parse_scenario(std::string(kMinimal) +
                         "uncertainty:\n"
                         "  delivery_quantity_factor: {uniform: {lo: 0.8, hi: 1.1}}\n"
                         "  delivery_delay_days: {exponential: {mean: 2}}\n"
                         "  staff_absence: 0.1\n",
                     "u.yaml");
  const auto& u = s.campaign.uncertainty;
  ASSERT_TRUE(u.delivery_quantity_factor.has_value());
  EXPECT_DOUBLE_EQ(u.delivery_quantity_factor->mean(), 0.95);
  ASSERT_TRUE(u.delivery_delay_days.has_value());
  EXPECT_DOUBLE_EQ(u.delivery_delay_days->mean(), 2.0);
  ASSERT_TRUE(u.staff_absence.has_value());
  EXPECT_DOUBLE_EQ(u.staff_absence->mean(), 0.1);
  EXPECT_FALSE(u.no_show.has_value());
}

TEST(LoadScenario, UncertaintyMustNotGoNegativeAndSharesStayBelowOne) {
  expect_error(
      std::string(kMinimal) + "uncertainty:\n  uptake_factor: {uniform: {lo: -1, hi: 1}}\n", 58,
      "uncertainty.uptake_factor", {"below 0"});
  expect_error(std::string(kMinimal) + "uncertainty:\n  no_show: {uniform: {lo: 0, hi: 2}}\n", 58,
               "uncertainty.no_show", {"share"});
  expect_error(std::string(kMinimal) + "uncertainty:\n  staf_absence: 0.1\n", 58,
               "uncertainty.staf_absence", {"staff_absence"});
}

}  // namespace

namespace {

TEST(LoadScenario, ReadsTheColdChainAsOneFleetPerCity) {
  const std::string yaml = edited("  wastage_rate: 0.05\n",
                                  "  wastage_rate: 0.05\n"
                                  "  cold_chain:\n"
                                  "    province: CDC\n"
                                  "    links:\n"
                                  "      all: {lead_days: 2, trucks: 3, doses_per_truck: 100}\n"
                                  "      South: {trucks: 1, trips_per_day: 2, storage: 500}\n");
  const Scenario s = parse_scenario(yaml, "c.yaml");
  ASSERT_TRUE(s.campaign.supply.cold_chain.has_value());
  const auto& net = *s.campaign.supply.cold_chain;
  ASSERT_EQ(net.nodes.size(), 3u);
  EXPECT_EQ(net.nodes[0].name, "CDC");
  EXPECT_EQ(net.nodes[2].name, "South");
  EXPECT_EQ(net.nodes[2].storage_capacity, 500);
  EXPECT_EQ(net.links[0].daily_capacity(), 300);  // North: 3 x 100 x 1
  EXPECT_EQ(net.links[1].daily_capacity(), 200);  // South: 1 x 100 x 2
  EXPECT_EQ(net.links[1].lead_days, 2);
}

TEST(LoadScenario, ReadsShelfLivesAndExpiryDates) {
  const std::string yaml =
      edited("    return_after_days: {uniform: {lo: 21, hi: 28}}\n",
             "    return_after_days: {uniform: {lo: 21, hi: 28}}\n    shelf_life_days: 90\n");
  const Scenario s = parse_scenario(
      edited_text(yaml, "doses: 500}", "doses: 500, expires: 2021-05-15}"), "e.yaml");
  const auto& c = s.campaign;
  EXPECT_EQ(c.products[0].shelf_life_days, 90);
  ASSERT_EQ(c.supply.deliveries.size(), 4u);
  EXPECT_EQ(c.supply.deliveries[0].expires, parse_date("2021-05-15"));
  EXPECT_FALSE(c.supply.deliveries[1].expires.has_value()) << "the product's shelf life applies";
  // Without either, doses never expire.
  const Scenario plain = parse_scenario(kMinimal, "m.yaml");
  EXPECT_FALSE(plain.campaign.products[0].shelf_life_days.has_value());
  EXPECT_FALSE(plain.campaign.supply.deliveries[0].expires.has_value());
}

TEST(LoadScenario, ColdChainLinksNameKnownCities) {
  const std::string yaml = edited("  wastage_rate: 0.05\n",
                                  "  wastage_rate: 0.05\n"
                                  "  cold_chain:\n"
                                  "    links:\n"
                                  "      Sout: {trucks: 1}\n");
  expect_error(yaml, 44, "supply.cold_chain.links[Sout]", {"South"});
}

// A city whose fleet has no trucks (nor under `all`) would never get a dose: refused, naming the
// city's entry, or `links` when the city has none.
TEST(LoadScenario, EveryCityLinkNeedsTrucks) {
  expect_error(edited("  wastage_rate: 0.05\n",
                      "  wastage_rate: 0.05\n"
                      "  cold_chain:\n"
                      "    links:\n"
                      "      all: {doses_per_truck: 100}\n"
                      "      South: {trucks: 1}\n"),
               44, "supply.cold_chain.links[North].trucks", {"missing", "North"});
  expect_error(edited("  wastage_rate: 0.05\n",
                      "  wastage_rate: 0.05\n"
                      "  cold_chain:\n"
                      "    links:\n"
                      "      all: {trucks: 2}\n"
                      "      North: {trucks: 1, lead_days: 0}\n"),
               45, "supply.cold_chain.links[North].doses_per_truck", {"missing"});
}

}  // namespace

// ---- County stores ----------------------------------------------------------------------------

namespace {

/// kMinimal with a cold chain (its lines after `wastage_rate`, from line 43 with the clinic's
/// `store:` on line 25) and, if `store` is not empty, the clinic drawing from that store.
std::string with_county(std::string_view counties, std::string_view store) {
  std::string yaml = edited("  wastage_rate: 0.05\n",
                            "  wastage_rate: 0.05\n"
                            "  cold_chain:\n"
                            "    links:\n"
                            "      all: {lead_days: 1, trucks: 3, doses_per_truck: 100}\n" +
                                std::string(counties));
  if (!store.empty()) {
    yaml = edited_text(yaml, "    city: North\n",
                       "    city: North\n    store: " + std::string(store) + "\n");
  }
  return yaml;
}

}  // namespace

TEST(LoadScenario, ReadsCountyStoresAndTheSitesDrawingFromThem) {
  const Scenario s = parse_scenario(with_county("    counties:\n"
                                                "      Hills: {city: North, lead_days: 2, trucks: "
                                                "1, doses_per_truck: 50, storage: 400}\n",
                                                "Hills"),
                                    "c.yaml");
  const auto& net = *s.campaign.supply.cold_chain;
  ASSERT_EQ(net.nodes.size(), 4u);
  EXPECT_EQ(net.nodes[3].name, "Hills");
  EXPECT_EQ(net.nodes[3].kind, vaxsim::supply::NodeKind::county);
  EXPECT_EQ(net.nodes[3].storage_capacity, 400);
  ASSERT_EQ(net.links.size(), 3u);
  EXPECT_EQ(net.links[2].from, 1u);  // North
  EXPECT_EQ(net.links[2].to, 3u);
  EXPECT_EQ(net.links[2].lead_days, 2);
  EXPECT_EQ(net.links[2].daily_capacity(), 50);
  EXPECT_EQ(s.campaign.sites[0].store, "Hills");
  EXPECT_EQ(s.campaign.sites[1].store, "") << "the cabin draws from its city's store";
}

TEST(LoadScenario, AStoreNeedsAColdChain) {
  expect_error(edited("    city: North\n", "    city: North\n    store: Hills\n"), 25,
               "sites[0].store", {"needs a cold chain"});
}

TEST(LoadScenario, AStoreNamesANodeOfTheColdChain) {
  expect_error(with_county("", "Hills"), 25, "sites[0].store", {"no node 'Hills'"});
}

TEST(LoadScenario, AStoreIsACountyNode) {
  expect_error(with_county("", "South"), 25, "sites[0].store", {"not a county node"});
}

TEST(LoadScenario, AStoreIsACountyOfTheSitesCity) {
  expect_error(with_county("    counties:\n"
                           "      Hills: {city: South, trucks: 1, doses_per_truck: 50}\n",
                           "Hills"),
               25, "sites[0].store", {"not supplied by city 'North'"});
}

TEST(LoadScenario, ACountyNamesAKnownCity) {
  expect_error(with_county("    counties:\n"
                           "      Hills: {city: Nort, trucks: 1, doses_per_truck: 50}\n",
                           ""),
               46, "supply.cold_chain.counties[Hills].city", {"North"});
}

TEST(LoadScenario, ACountyNeedsTrucks) {
  expect_error(with_county("    counties:\n"
                           "      Hills: {city: North, doses_per_truck: 50}\n",
                           ""),
               46, "supply.cold_chain.counties[Hills].trucks", {"missing"});
}
