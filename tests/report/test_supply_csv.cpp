// supply_nodes.csv: the header, one row per day and node in the record's order, kinds by name,
// names quoted when they need it, numbers exact. summary.json's supply totals: the record's sums,
// which add up at every place of a real campaign.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/towns.hpp"
#include "vaxsim/model/campaign.hpp"
#include "vaxsim/model/supply_record.hpp"
#include "vaxsim/model/verdict.hpp"
#include "vaxsim/report/csv.hpp"
#include "vaxsim/report/summary_json.hpp"
#include "vaxsim/sim/calendar.hpp"

using vaxsim::model::SupplyNodeKind;
using vaxsim::model::SupplyRecord;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Two days, the province and one city ("Lü, East": a comma, so quoted).
SupplyRecord small_record() {
  SupplyRecord r;
  r.nodes = {"Province CDC", "Lü, East", "Lü, East"};
  r.kinds = {SupplyNodeKind::province, SupplyNodeKind::store, SupplyNodeKind::sites};
  for (vaxsim::sim::Matrix* m :
       {&r.received, &r.sent, &r.stock, &r.wasted, &r.expired, &r.overflow, &r.stock_out}) {
    *m = vaxsim::sim::Matrix::Zero(2, 3);
  }
  r.received(0, 0) = 1000;
  r.sent(0, 0) = 600;
  r.overflow(0, 0) = 100;
  r.stock(0, 0) = 300;
  r.received(1, 1) = 600;
  r.sent(1, 1) = 250;
  r.expired(1, 1) = 50;
  r.stock(1, 1) = 300;
  r.received(1, 2) = 250;
  r.sent(1, 2) = 240;
  r.wasted(1, 2) = 10;
  r.stock_out(1, 2) = 7;
  r.stock(0, 2) = 0.5;  // not a count in practice; written exactly all the same
  return r;
}

}  // namespace

TEST(SupplyNodesCsv, OneRowPerDayAndNodeInTheRecordsOrder) {
  const std::string csv =
      vaxsim::report::supply_nodes_csv(small_record(), vaxsim::sim::parse_date("2021-05-01"));
  const std::vector<std::string> lines = lines_of(csv);
  ASSERT_EQ(lines.size(), 1u + 2u * 3u);
  EXPECT_EQ(lines[0], "date,node,kind,received,sent,stock,wasted,expired,overflow,stock_out");
  EXPECT_EQ(lines[1], "2021-05-01,Province CDC,province,1000,600,300,0,0,100,0");
  EXPECT_EQ(lines[2], "2021-05-01,\"Lü, East\",store,0,0,0,0,0,0,0");
  EXPECT_EQ(lines[3], "2021-05-01,\"Lü, East\",sites,0,0,0.5,0,0,0,0");
  EXPECT_EQ(lines[4], "2021-05-02,Province CDC,province,0,0,0,0,0,0,0");
  EXPECT_EQ(lines[5], "2021-05-02,\"Lü, East\",store,600,250,300,0,50,0,0");
  EXPECT_EQ(lines[6], "2021-05-02,\"Lü, East\",sites,250,240,0,10,0,0,7");
  EXPECT_EQ(csv.back(), '\n');
}

TEST(SupplyNodesCsv, AnEmptyRecordIsTheHeaderAlone) {
  EXPECT_EQ(vaxsim::report::supply_nodes_csv(SupplyRecord{}, vaxsim::sim::parse_date("2021-05-01")),
            "date,node,kind,received,sent,stock,wasted,expired,overflow,stock_out\n");
}

// summary.json's "supply" of a result holding only `record`.
nlohmann::json supply_of(const SupplyRecord& record) {
  vaxsim::model::CampaignResult result;
  result.supply = record;
  return nlohmann::json::parse(
             vaxsim::report::summary_json({}, vaxsim::model::CampaignConfig{}, result, {}))
      .at("supply");
}

// The hand record's totals: sums over the days, the last evening's stock, kinds by name.
TEST(SummaryJsonSupply, TotalsAreTheRecordsSums) {
  const nlohmann::json nodes = supply_of(small_record()).at("nodes");
  ASSERT_EQ(nodes.size(), 3u);
  EXPECT_EQ(nodes[0].at("node"), "Province CDC");
  EXPECT_EQ(nodes[0].at("kind"), "province");
  EXPECT_EQ(nodes[0].at("received"), 1000);
  EXPECT_EQ(nodes[0].at("sent"), 600);
  EXPECT_EQ(nodes[0].at("overflow"), 100);
  EXPECT_EQ(nodes[0].at("stock_end"), 0) << "the last evening's, not the first";
  EXPECT_EQ(nodes[1].at("kind"), "store");
  EXPECT_EQ(nodes[1].at("expired"), 50);
  EXPECT_EQ(nodes[1].at("stock_end"), 300);
  EXPECT_EQ(nodes[2].at("wasted"), 10);
  EXPECT_EQ(nodes[2].at("stock_out"), 7);
  EXPECT_TRUE(supply_of(SupplyRecord{}).at("nodes").empty());
}

// On a campaign run through the model, every place's totals in summary.json add up, and the
// province's receipts are the run's.
TEST(SummaryJsonSupply, EveryPlacesBooksBalanceOnARealCampaign) {
  const vaxsim::model::CampaignConfig config = vaxsim::test::two_towns_by_truck_with_targets();
  const vaxsim::model::CampaignResult result = vaxsim::model::run_campaign(config);
  const vaxsim::model::Verdict verdict = vaxsim::model::judge(config, result);
  const nlohmann::json j =
      nlohmann::json::parse(vaxsim::report::summary_json({}, config, result, verdict));
  const nlohmann::json& nodes = j.at("supply").at("nodes");
  ASSERT_EQ(nodes.size(), result.supply.nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const nlohmann::json& n = nodes[i];
    EXPECT_EQ(n.at("node"), result.supply.nodes[i]);
    EXPECT_EQ(n.at("stock_end").get<double>(),
              n.at("received").get<double>() - n.at("sent").get<double>() -
                  n.at("wasted").get<double>() - n.at("expired").get<double>() -
                  n.at("overflow").get<double>())
        << n.at("node");
  }
  EXPECT_EQ(nodes[0].at("received"), result.province_received);
  EXPECT_GT(nodes[0].at("sent").get<double>(), 0);
}
