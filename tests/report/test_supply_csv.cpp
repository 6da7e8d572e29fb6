// supply_nodes.csv: the header, one row per day and node in the record's order, kinds by name,
// names quoted when they need it, numbers exact.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "vaxsim/model/supply_record.hpp"
#include "vaxsim/report/csv.hpp"
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
  for (Eigen::MatrixXd* m :
       {&r.received, &r.sent, &r.stock, &r.wasted, &r.expired, &r.overflow, &r.stock_out}) {
    *m = Eigen::MatrixXd::Zero(2, 3);
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
