// The files and text of replicated runs and sweeps: shapes, missing cells, and the JSON fields.

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "vaxsim/report/ensemble_report.hpp"
#include "vaxsim/report/sweep_report.hpp"

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

}  // namespace
