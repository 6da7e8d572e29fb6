// Overrides (KEY=VALUE applied to a scenario before it is read): what they change, that a
// changed scenario runs exactly like the same change made by hand, and the errors, which name
// the override and the path.

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "support/files.hpp"
#include "support/towns.hpp"
#include "vaxsim/io/overrides.hpp"
#include "vaxsim/io/scenario_error.hpp"
#include "vaxsim/model/campaign.hpp"
#include "vaxsim/model/verdict.hpp"
#include "vaxsim/run/replications.hpp"
#include "vaxsim/run/sweep.hpp"
#include "vaxsim/run/target_odds.hpp"

using namespace std::chrono_literals;
using namespace vaxsim;

namespace {

const std::string kTwoTowns = test::two_towns_yaml().string();

std::string two_towns_text() { return test::read_file(kTwoTowns); }

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

io::Scenario load(std::vector<io::Override> overrides) {
  return io::load_scenario(kTwoTowns, overrides);
}

io::ScenarioError load_error(const std::string& override_text) {
  try {
    const io::Override o = io::parse_override(override_text);
    io::load_scenario(kTwoTowns, std::span(&o, 1));
  } catch (const io::ScenarioError& e) {
    return e;
  }
  ADD_FAILURE() << override_text << " was accepted";
  return io::ScenarioError("", 0, 0, "", "");
}

bool same_runs(const model::CampaignConfig& a, const model::CampaignConfig& b) {
  const model::CampaignResult ra = model::run_campaign(a, {.seed = 3});
  const model::CampaignResult rb = model::run_campaign(b, {.seed = 3});
  for (int m = 0; m < model::kMeasureCount; ++m) {
    const auto& x = ra.table.column(static_cast<model::Measure>(m));
    const auto& y = rb.table.column(static_cast<model::Measure>(m));
    if (x.rows() != y.rows() || x.cols() != y.cols() ||
        std::memcmp(x.data(), y.data(), sizeof(double) * static_cast<std::size_t>(x.size())) != 0) {
      return false;
    }
  }
  return true;
}

TEST(Overrides, ParseSplitsAtTheFirstEqualsOutsideBrackets) {
  const io::Override o = io::parse_override("sites[a=b].desks=x=1");
  EXPECT_EQ(o.key, "sites[a=b].desks");
  EXPECT_EQ(o.value, "x=1");
  EXPECT_EQ(io::to_string(o), "sites[a=b].desks=x=1");
  EXPECT_THROW(io::parse_override("desks"), std::invalid_argument);
  EXPECT_THROW(io::parse_override("=3"), std::invalid_argument);
}

TEST(Overrides, WildcardsAndNegativeIndicesReachEveryMatch) {
  const io::Scenario s = load({{"sites[*].hours[-1].close", "20:00"}});
  ASSERT_EQ(s.campaign.sites.size(), 2u);  // the family split over the two towns
  for (const model::SiteSpec& site : s.campaign.sites) {
    ASSERT_EQ(site.hours.size(), 2u);
    EXPECT_EQ(site.hours[0].close, 18h);
    EXPECT_EQ(site.hours[1].close, 20h);
  }
}

TEST(Overrides, ScaleNumbersAndRoundCountsOnly) {
  const io::Scenario s = load({{"sites[hospital].desks", "x1.25"},  // 2.5 -> 3
                               {"supply.deliveries[0].doses", "+10%"},
                               {"targets.daily_doses", "-10%"},
                               {"sites[0].service_minutes.lognormal.mean", "x1.1"}});
  for (const model::SiteSpec& site : s.campaign.sites) {
    EXPECT_EQ(site.desks, 3);
    EXPECT_NEAR(site.service_minutes.mean(), 4.4, 1e-9);  // a number: not rounded
  }
  for (const supply::Delivery& d : s.campaign.supply.deliveries) EXPECT_EQ(d.doses, 4400);
  EXPECT_EQ(s.campaign.targets.daily_doses, 720);
}

TEST(Overrides, SetValuesOfAnyShapeAndAddMissingKeys) {
  const io::Scenario s = load({{"targets.coverage_levels", "[0.3, 0.4, 0.5]"},
                               {"targets.city_daily_doses[North]", "600"},
                               {"demand.walk_in_rate", "0.01"},
                               {"sites[0].service_minutes", "{uniform: {lo: 3, hi: 5}}"}});
  EXPECT_EQ(s.campaign.targets.coverage_levels, (std::vector<double>{0.3, 0.4, 0.5}));
  EXPECT_EQ(s.campaign.cities[0].daily_target, 600);
  EXPECT_EQ(s.campaign.cities[1].daily_target, 300);
  EXPECT_EQ(s.campaign.demand.walk_in_rate, 0.01);
  EXPECT_NEAR(s.campaign.sites[0].service_minutes.mean(), 4.0, 1e-12);
}

TEST(Overrides, RunExactlyLikeTheSameChangeMadeByHand) {
  const std::string text = two_towns_text();
  const io::Scenario by_hand =
      io::parse_scenario(replaced(replaced(text, "    desks: 2\n", "    desks: 3\n"),
                                  "close: \"22:00\"", "close: \"20:00\""),
                         "edited.yaml");
  const io::Scenario overridden =
      load({{"sites[*].desks", "x1.5"}, {"sites[*].hours[1].close", "20:00"}});
  EXPECT_TRUE(same_runs(by_hand.campaign, overridden.campaign));
  EXPECT_FALSE(same_runs(load({}).campaign, overridden.campaign));
}

// A sweep point equals the same scenario run alone, with the change made by hand.
TEST(Overrides, ASweepPointEqualsTheEditedScenarioRunAlone) {
  const run::Axis axis = run::parse_axis("sites[*].hours[-1].close=18:00,20:00,22:00");
  std::vector<model::CampaignConfig> points;
  std::vector<std::uint64_t> seeds;
  for (const std::vector<run::Setting>& point : run::grid(std::span(&axis, 1))) {
    const io::Override o{point[0].key, point[0].value};
    io::Scenario s = io::load_scenario(kTwoTowns, std::span(&o, 1));
    seeds.push_back(s.seed);
    points.push_back(std::move(s.campaign));
  }
  const run::ReplicationOptions options{.replications = 3, .threads = 2};
  const std::vector<run::Odds> swept = run::run_sweep(points, seeds, options);

  const io::Scenario by_hand = io::parse_scenario(
      replaced(two_towns_text(), "close: \"22:00\"", "close: \"20:00\""), "edited.yaml");
  run::ReplicationOptions alone = options;
  alone.seed = by_hand.seed;
  alone.threads = 1;
  std::vector<model::Verdict> verdicts;
  for (const auto& r : run::run_replications(by_hand.campaign, alone)) {
    verdicts.push_back(model::judge(by_hand.campaign, r));
  }
  const run::Odds expected = run::target_odds(by_hand.campaign, verdicts);
  const run::Odds& got = swept[1];
  ASSERT_EQ(got.targets.size(), expected.targets.size());
  for (std::size_t i = 0; i < got.targets.size(); ++i) {
    EXPECT_EQ(got.targets[i].odds.successes, expected.targets[i].odds.successes);
  }
  ASSERT_EQ(got.numbers.size(), expected.numbers.size());
  for (std::size_t i = 0; i < got.numbers.size(); ++i) {
    EXPECT_EQ(got.numbers[i].mean, expected.numbers[i].mean) << got.numbers[i].key;
    EXPECT_EQ(got.numbers[i].q05, expected.numbers[i].q05) << got.numbers[i].key;
  }
  ASSERT_EQ(got.dates.size(), expected.dates.size());
  for (std::size_t i = 0; i < got.dates.size(); ++i) {
    EXPECT_EQ(got.dates[i].q50, expected.dates[i].q50) << got.dates[i].key;
  }
}

TEST(Overrides, AKeyThatLeadsNowhereIsNamedWithASuggestion) {
  const io::ScenarioError e = load_error("sites[*].hourz[-1].close=20:00");
  EXPECT_EQ(e.field(), "sites[0].hourz");
  EXPECT_EQ(e.line(), 19);  // the site that has no such key
  EXPECT_NE(std::string(e.message()).find("override 'sites[*].hourz[-1].close=20:00'"),
            std::string::npos)
      << e.what();
  EXPECT_NE(std::string(e.message()).find("no key 'hourz' here (did you mean 'hours'?)"),
            std::string::npos)
      << e.what();
  EXPECT_NE(std::string(e.what()).find("two-towns.yaml:19:5: sites[0].hourz: "), std::string::npos)
      << e.what();
}

TEST(Overrides, MissingElementsAndNamesAreErrors) {
  EXPECT_NE(load_error("sites[5].desks=3").message().find("no element 5: the list has 1 element"),
            std::string::npos);
  const io::ScenarioError named = load_error("sites[clinic].desks=3");
  EXPECT_EQ(named.field(), "sites[clinic]");
  EXPECT_NE(named.message().find("no element named 'clinic' in sites"), std::string::npos)
      << named.what();
  EXPECT_NE(load_error("name[*]=x").message().find("[*] matches nothing"), std::string::npos);
  EXPECT_NE(load_error("targets.doses.x=1").message().find("not a map"), std::string::npos);
  EXPECT_NE(load_error("sites[*.desks=1").message().find("without its ']'"), std::string::npos);
  EXPECT_NE(load_error("sites[0].hours[0].close=x2").message().find("not a number"),
            std::string::npos);
  EXPECT_NE(load_error("demand.no_show=x2").message().find("there is no number to scale"),
            std::string::npos);
  EXPECT_NE(load_error("targets.doses=[1").message().find("not valid YAML"), std::string::npos);
}

TEST(Overrides, AValueTheScenarioRejectsIsPlacedAndBlamedOnTheOverride) {
  const io::ScenarioError e = load_error("sites[0].hours[1].close=25:00");
  EXPECT_EQ(e.field(), "sites[0].hours[1].close");
  EXPECT_EQ(e.line(), 26);  // where the file wrote the value the override replaced
  EXPECT_NE(e.message().find("(after the override 'sites[0].hours[1].close=25:00')"),
            std::string::npos)
      << e.what();
  // A misspelt key the override added: the reader's own message, with the override named.
  const io::ScenarioError added = load_error("demand.walk_in_ratee=0.1");
  EXPECT_EQ(added.field(), "demand.walk_in_ratee");
  EXPECT_NE(added.message().find("did you mean 'walk_in_rate'?"), std::string::npos)
      << added.what();
  EXPECT_NE(added.message().find("after the override 'demand.walk_in_ratee=0.1'"),
            std::string::npos)
      << added.what();
}

TEST(WriteOverrides, WritesEachValueWhereItStandsAndKeepsCommentsAndLayout) {
  const std::string text =
      "# the clinic\n"
      "sites:\n"
      "  - {name: a, desks: 2, service_minutes: {lognormal: {mean: 4.0, sd: 1.5}}}  # [F]\n"
      "  - name: b\n"
      "    desks: 3   # assumption\n"
      "    hours:\n"
      "      - {open: \"08:00\", close: \"22:00\"}\n";
  const std::vector<io::Override> overrides{
      {"sites[a].service_minutes.lognormal.mean", "6.25"},
      {"sites[b].desks", "x1.5"},                   // 4.5: written whole, as read
      {"sites[a].desks", "2.6", /*rounded=*/true},  // where the file counts: whole
      {"sites[b].hours[0].close", "\"20:00\""}};
  EXPECT_EQ(io::write_overrides(text, "s.yaml", {overrides.data(), 1}),
            "# the clinic\n"
            "sites:\n"
            "  - {name: a, desks: 2, service_minutes: {lognormal: {mean: 6.25, sd: 1.5}}}  # [F]\n"
            "  - name: b\n"
            "    desks: 3   # assumption\n"
            "    hours:\n"
            "      - {open: \"08:00\", close: \"22:00\"}\n");
  const std::string all = io::write_overrides(text, "s.yaml", overrides);
  EXPECT_NE(all.find("{name: a, desks: 3, service_minutes"), std::string::npos) << all;
  EXPECT_NE(all.find("    desks: 5   # assumption\n"), std::string::npos) << all;
  EXPECT_NE(all.find("close: \"20:00\"}"), std::string::npos) << all;
}

TEST(WriteOverrides, RefusesAValueTheFileDoesNotWriteWithTheReason) {
  const std::string text = "name: x\ndemand: {no_show: 0.1}\n";
  try {
    io::write_overrides(text, "s.yaml", std::vector<io::Override>{{"demand.walk_in_rate", "0.1"}});
    FAIL() << "a key the override adds has no place in the file";
  } catch (const io::ScenarioError& e) {
    EXPECT_EQ(e.field(), "demand.walk_in_rate");
    EXPECT_NE(e.message().find("write the key in the file first"), std::string::npos) << e.what();
  }
}

TEST(WriteOverrides, TheWrittenFileReadsAsTheFileWithTheOverrides) {
  const std::string text = test::read_file(test::two_towns_yaml());
  const std::vector<io::Override> overrides{{"sites[*].desks", "x1.5"},
                                            {"targets.daily_doses", "850"},
                                            {"supply.deliveries[0].doses", "4400.4", true}};
  const model::CampaignConfig written =
      io::parse_scenario(io::write_overrides(text, "t.yaml", overrides), "t.yaml").campaign;
  const model::CampaignConfig applied = io::parse_scenario(text, "t.yaml", overrides).campaign;
  EXPECT_EQ(written.sites[0].desks, applied.sites[0].desks);
  EXPECT_EQ(written.sites[0].desks, 3);
  EXPECT_EQ(written.targets.daily_doses, 850);
  EXPECT_EQ(written.supply.deliveries[0].doses, applied.supply.deliveries[0].doses);
  EXPECT_EQ(written.supply.deliveries[0].doses, 4400);
}

}  // namespace
