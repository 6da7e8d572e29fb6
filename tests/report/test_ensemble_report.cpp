// The files and text of replicated runs and sweeps: shapes, missing cells, and the JSON fields.

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "vaxsim/report/ensemble_report.hpp"
#include "vaxsim/report/sweep_report.hpp"
#include "vaxsim/report/verdict_text.hpp"

using namespace vaxsim;

namespace {

model::CampaignResult tiny(int k) {
  model::CampaignResult r;
  r.table = model::CityDayTable(sim::parse_date("2021-05-01"), 2, {"A", "B, the second"});
  for (int d = 0; d < 2; ++d) {
    for (int c = 0; c < 2; ++c) r.table.at(model::Measure::first_doses, d, c) = k + c;
  }
  return r;
}

run::Odds odds_with(std::vector<std::string> keys, int successes) {
  run::Odds o;
  o.replications = 4;
  for (const auto& k : keys) {
    o.targets.push_back({run::TargetKind::doses, k, "what " + k, run::wilson(successes, 4)});
  }
  o.dates.push_back({"coverage[40%]", "40% fully vaccinated", 2, std::nullopt,
                     sim::parse_date("2021-06-01"), std::nullopt});
  return o;
}

TEST(EnsembleReport, ChancesReadAsPercentages) {
  EXPECT_EQ(report::chance_text(0.0, 0, 10), "0%");
  EXPECT_EQ(report::chance_text(1.0, 10, 10), "100%");
  EXPECT_EQ(report::chance_text(0.004, 1, 250), "<1%");
  EXPECT_EQ(report::chance_text(0.996, 249, 250), ">99%");
  EXPECT_EQ(report::chance_text(0.834, 834, 1000), "83%");
}

TEST(EnsembleReport, QuantileCsvHasFourColumnsPerSeriesAndAProvinceRow) {
  const std::vector<model::CampaignResult> results = {tiny(1), tiny(2), tiny(3)};
  const run::Ensemble e(results);
  const std::string csv = report::city_days_quantiles_csv(e);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 2 * 3);
  const std::string header = csv.substr(0, csv.find('\n'));
  EXPECT_EQ(std::count(header.begin(), header.end(), ','), 1 + 4 * (model::kMeasureCount + 2) + 2);
  EXPECT_NE(csv.find("\n2021-05-01,A,2,1.1,2,2.9,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\n2021-05-02,\"B, the second\",3,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\n2021-05-02,PROVINCE,5,3.2,5,6.8,"), std::string::npos) << csv;
}

TEST(EnsembleReport, SummaryJsonHoldsOddsDatesAndBands) {
  const std::vector<model::CampaignResult> results = {tiny(1), tiny(2), tiny(3)};
  const run::Ensemble e(results);
  model::CampaignConfig config;
  config.name = "tiny";
  config.start = sim::parse_date("2021-05-01");
  config.end = sim::parse_date("2021-05-02");
  report::RunInfo info;
  info.seed = 5;
  info.replication = 10;
  const auto j = nlohmann::json::parse(
      report::ensemble_summary_json(info, config, e, odds_with({"doses"}, 3)));
  EXPECT_EQ(j["replications"], 3);
  EXPECT_EQ(j["first_replication"], 10);
  EXPECT_EQ(j["odds"][0]["key"], "doses");
  EXPECT_EQ(j["odds"][0]["successes"], 3);
  EXPECT_TRUE(j["key_dates"][0]["q05"].is_null());
  EXPECT_EQ(j["key_dates"][0]["q50"], "2021-06-01");
  ASSERT_EQ(j["province_daily"].size(), 2u);
  EXPECT_EQ(j["province_daily"][1]["first_doses"]["q50"], 5);
  EXPECT_EQ(j["province_daily"][1]["doses"]["mean"], 5);
  const std::string text = report::odds_text(info, config, odds_with({"doses"}, 3));
  EXPECT_NE(text.find("replications 10 to 13"), std::string::npos) << text;
  EXPECT_NE(text.find("what doses"), std::string::npos) << text;
}

model::Verdict people(std::int64_t fully) {
  model::Verdict v;
  v.people_fully_by_deadline = fully;
  return v;
}

TEST(EnsembleReport, TheTypicalReplicationHasTheMedianPeopleFullyVaccinated) {
  const std::vector<model::Verdict> odd = {people(50), people(10), people(30), people(40),
                                           people(20)};
  EXPECT_EQ(report::typical_index(odd), 2u);  // 30
  // An even count: the lower of the two middle values (20 of 10, 20, 30, 40).
  const std::vector<model::Verdict> even = {people(40), people(30), people(20), people(10)};
  EXPECT_EQ(report::typical_index(even), 2u);
  // Ties: the lowest index with the median value.
  const std::vector<model::Verdict> ties = {people(9), people(5), people(1), people(5), people(5)};
  EXPECT_EQ(report::typical_index(ties), 1u);
  EXPECT_EQ(report::typical_index(std::vector<model::Verdict>{people(7)}), 0u);
  EXPECT_THROW(report::typical_index(std::vector<model::Verdict>{}), std::invalid_argument);
}

TEST(EnsembleReport, BandsAreTheFiveAndNinetyFivePercentQuantiles) {
  const std::vector<model::CampaignResult> results = {tiny(1), tiny(2), tiny(3)};
  const run::Ensemble e(results);
  const report::ReportBands b = report::bands_from(e);
  EXPECT_EQ(b.name, "5-95% of 3 replications");
  ASSERT_TRUE(b.province_doses.has_value());
  ASSERT_EQ(b.province_doses->lo.size(), 2u);
  // Province doses per replication k: (k) + (k + 1) = 2k + 1, i.e. 3, 5, 7.
  EXPECT_DOUBLE_EQ(b.province_doses->lo[1], e.province_doses().q05(1, 0));
  EXPECT_DOUBLE_EQ(b.province_doses->lo[1], 3.2);
  EXPECT_DOUBLE_EQ(b.province_doses->hi[1], 6.8);
  ASSERT_EQ(b.city_doses.size(), 2u);
  ASSERT_TRUE(b.city_doses[1].has_value());
  EXPECT_DOUBLE_EQ(b.city_doses[1]->hi[0], e.city_doses().q95(0, 1));
  ASSERT_TRUE(b.people_two_doses && b.people_at_least_one && b.stock);
  EXPECT_EQ(b.stock->hi.size(), 2u);
}

TEST(EnsembleReport, SummaryJsonHoldsTheTypicalReplicationAsOneRunWould) {
  std::vector<model::CampaignResult> results = {tiny(1), tiny(2), tiny(3)};
  results[1].missed_second_doses = 17;
  const run::Ensemble e(results);
  model::CampaignConfig config;
  config.name = "tiny";
  report::RunInfo info;
  model::Verdict v = people(123);
  v.binding_links = {{"CDC -> A", 2}};
  const report::TypicalRun typical{11, &results[1], &v};
  const auto j = nlohmann::ordered_json::parse(
      report::ensemble_summary_json(info, config, e, odds_with({"doses"}, 3), &typical));
  ASSERT_TRUE(j.contains("typical"));
  EXPECT_EQ(j["typical"]["replication"], 11);
  EXPECT_EQ(j["typical"]["verdict"]["people_fully_by_deadline"], 123);
  EXPECT_EQ(j["typical"]["verdict"]["binding_links"][0]["link"], "CDC -> A");
  EXPECT_EQ(j["typical"]["run"]["missed_second_doses"], 17);
  EXPECT_FALSE(j["typical"].contains("network"));  // no cold chain
  // Before the daily series; and absent when not given.
  std::vector<std::string> keys;
  for (const auto& [key, value] : j.items()) keys.push_back(key);
  EXPECT_EQ(keys.back(), "province_daily");
  EXPECT_FALSE(
      nlohmann::json::parse(report::ensemble_summary_json(info, config, e, odds_with({"doses"}, 3)))
          .contains("typical"));
}

TEST(SweepReport, OneRowPerPointWithEmptyCellsForMissingTargets) {
  const std::vector<run::Axis> axes = {{"a.b", {"1", "2"}}};
  const auto points = run::grid(axes);
  const std::vector<run::Odds> odds = {odds_with({"doses", "people"}, 4), odds_with({"doses"}, 0)};
  const std::string csv = report::sweep_csv(axes, points, odds);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "point,a.b,replications,doses.p,doses.lo,doses.hi,people.p,people.lo,people.hi,"
            "coverage[40%].q05,coverage[40%].q50,coverage[40%].q95");
  EXPECT_NE(csv.find("\n1,1,4,1,0.5101"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\n2,2,4,0,0,0.4898"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",,,,,2021-06-01,\n"), std::string::npos) << csv;  // no people at point 2
  const std::string text = report::sweep_text("tiny", axes, points, odds);
  EXPECT_NE(text.find("2 grid points, 4 replications each"), std::string::npos) << text;
  EXPECT_NE(text.find("100% (51-100)"), std::string::npos) << text;
}

TEST(SweepReport, MissedSecondDosesGetTheirColumnsWhenThePointsHaveThem) {
  const std::vector<run::Axis> axes = {{"a.b", {"1", "2"}}};
  const auto points = run::grid(axes);
  std::vector<run::Odds> odds = {odds_with({"doses"}, 4), odds_with({"doses"}, 0)};
  odds[0].missed_second_doses =
      run::key_number("missed_second_doses", "missed", {0.0, 1200.0, 300.0, 4000.0});
  odds[1].missed_second_doses = run::key_number("missed_second_doses", "missed", {0, 0, 0, 0});
  const std::string csv = report::sweep_csv(axes, points, odds);
  const std::string header = csv.substr(0, csv.find('\n'));
  EXPECT_NE(header.find(",coverage[40%].q95,missed_second_doses.mean,missed_second_doses.q05,"
                        "missed_second_doses.q50,missed_second_doses.q95"),
            std::string::npos)
      << header;
  // Mean 1,375; median 750 (between 300 and 1,200).
  const std::string first = csv.substr(csv.find("\n1,"));
  EXPECT_NE(first.find(",1375,"), std::string::npos) << csv;
  EXPECT_NE(first.find(",750,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",0,0,0,0\n"), std::string::npos) << csv;
  const std::string text = report::sweep_text("tiny", axes, points, odds);
  EXPECT_NE(text.find("missed 2nd doses (median)"), std::string::npos) << text;
  EXPECT_NE(text.find("  750\n"), std::string::npos) << text;
  // Without them (odds from verdicts alone), no such column.
  odds[0].missed_second_doses.reset();
  odds[1].missed_second_doses.reset();
  EXPECT_EQ(report::sweep_csv(axes, points, odds).find("missed"), std::string::npos);
  EXPECT_EQ(report::sweep_text("tiny", axes, points, odds).find("missed 2nd"), std::string::npos);
}

}  // namespace
