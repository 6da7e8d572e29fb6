// The program against a record of progress: `vaxsim run --observed` and `vaxsim calibrate`.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/files.hpp"
#include "support/program.hpp"
#include "support/towns.hpp"

namespace fs = std::filesystem;
using vaxsim::test::Outcome;
using vaxsim::test::read_file;
using vaxsim::test::shell_quoted;

namespace {

class Record : public vaxsim::test::ProgramTest {
 protected:
  // A record of the two towns' progress (tests/support/two-towns.yaml), made up for the test.
  void write_record(const std::string& rows) const {
    std::ofstream(work() / "record.csv")
        << "# made up for the test\n"
           "date,place,doses_cumulative,people_one_dose_plus,people_fully,doses_that_day,source\n"
        << rows;
  }
  std::string scenario() const { return shell_quoted(vaxsim::test::two_towns_yaml().string()); }
};

constexpr const char* kRows =
    "2021-05-08,PROVINCE,3000,3000,,,made up\n"
    "2021-05-15 12:00,PROVINCE,6000,6000,,,made up\n"
    "2021-05-22,PROVINCE,9000,8800,200,800,made up\n"
    "2021-05-29,North,7000,6000,1000,,made up\n"
    "2021-06-05,PROVINCE,16000,12000,4000,,made up\n"
    "2021-07-01,PROVINCE,20000,,,,after the run\n";

TEST_F(Record, RunComparesTheRunWithTheRecordInWordsInTheSummaryAndOnTheCharts) {
  write_record(kRows);
  const Outcome o = run("run " + scenario() + " --observed record.csv --out r");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("Against the record (record.csv): of 15 figures, 14 fall within the run"),
            std::string::npos)
      << o.out;
  const std::string json = read_file(work() / "r" / "summary.json");
  EXPECT_NE(json.find("\"observed\": {"), std::string::npos);
  EXPECT_NE(json.find("\"file\": \"record.csv\""), std::string::npos);
  EXPECT_NE(json.find("\"relative_error\""), std::string::npos);
  EXPECT_NE(json.find("\"simulated\": null"), std::string::npos);  // 1 July: after the run
  const std::string html = read_file(work() / "r" / "report.html");
  EXPECT_NE(html.find("<section id=\"record\""), std::string::npos);
  EXPECT_NE(html.find("data-json=\"observed.figures.0.observed\""), std::string::npos);
  EXPECT_NE(html.find("class=\"point\""), std::string::npos);  // the diamonds on the charts
}

TEST_F(Record, ReplicatedRunsGiveEachFigureTheirBand) {
  write_record(kRows);
  const Outcome o = run("run " + scenario() + " --observed record.csv --replications 3 --out r");
  ASSERT_EQ(o.status, 0) << o.err;
  const std::string json = read_file(work() / "r" / "summary.json");
  EXPECT_NE(json.find("\"q95\""), std::string::npos);
  EXPECT_NE(json.find("\"inside_band\""), std::string::npos);
}

TEST_F(Record, ABadRecordIsRejectedWithItsPlaceBeforeAnythingRunsOrIsWritten) {
  write_record("2021-05-08,Nrth,3000,,,,typo\n");
  const Outcome o = run("run " + scenario() + " --observed record.csv --out r");
  EXPECT_EQ(o.status, 1);
  EXPECT_NE(o.err.find("record.csv:3:2: place:"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("North"), std::string::npos) << o.err;  // did you mean
  EXPECT_FALSE(fs::exists(work() / "r"));
}

TEST_F(Record, CalibrateWritesTheCalibratedScenarioTheFitAndItsPage) {
  write_record(kRows);
  const Outcome o =
      run("calibrate " + scenario() +
          " --observed record.csv --fit 'sites[*].service_minutes.lognormal.mean=3..8'"
          " --fit 'supply.deliveries[0].doses=x0.5..x1.5' --until 2021-05-22"
          " --replications 2 --forecast-replications 4 --max-evaluations 12"
          " --out cal");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("sites[*].service_minutes.lognormal.mean"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("Backtest: the figures after 2021-05-22"), std::string::npos) << o.out;
  const std::string yaml = read_file(work() / "cal" / "calibrated.yaml");
  EXPECT_EQ(yaml.rfind("# Calibrated by vaxsim calibrate on record.csv", 0), 0u) << yaml;
  // The fitted values are written in place, and the file runs.
  EXPECT_NE(yaml.find("# A small scenario for the end-to-end tests"), std::string::npos);
  const Outcome again = run("run cal/calibrated.yaml --out again");
  EXPECT_EQ(again.status, 0) << again.err;
  const std::string json = read_file(work() / "cal" / "calibration.json");
  EXPECT_NE(json.find("\"estimates\""), std::string::npos);
  EXPECT_NE(json.find("\"backtest\""), std::string::npos);
  EXPECT_NE(json.find("\"evaluations\""), std::string::npos);
  const std::string html = read_file(work() / "cal" / "calibration.html");
  EXPECT_NE(html.find("id=\"cal-people-one\""), std::string::npos);
}

TEST_F(Record, CalibrateRefusesABadRangeOrKeyBeforeRunningAndWritesNothing) {
  write_record(kRows);
  Outcome o = run("calibrate " + scenario() +
                  " --observed record.csv --fit 'demand.booking_fill=0.9..0.5' --out cal");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("--fit 'demand.booking_fill=0.9..0.5': the lower bound must be below"),
            std::string::npos)
      << o.err;
  o = run("calibrate " + scenario() +
          " --observed record.csv --fit 'sites[*].desk=1..3' --out cal");
  EXPECT_EQ(o.status, 1);
  EXPECT_NE(o.err.find("did you mean 'desks'"), std::string::npos) << o.err;
  EXPECT_FALSE(fs::exists(work() / "cal"));
}

}  // namespace
