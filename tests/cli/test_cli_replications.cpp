// `vaxsim run --replications R` and `vaxsim sweep`, run as a user would: help, files, the same
// output for any number of threads, and errors naming the key.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "support/files.hpp"
#include "support/program.hpp"
#include "support/towns.hpp"

namespace {

namespace fs = std::filesystem;
using vaxsim::test::Outcome;
using vaxsim::test::read_file;

const std::string kTwoTowns = vaxsim::test::shell_quoted(vaxsim::test::two_towns_yaml().string());

class CliReplications : public vaxsim::test::ProgramTest {};

TEST_F(CliReplications, RunHelpExplainsTheReplicationOptions) {
  const Outcome o = run("run --help");
  EXPECT_EQ(o.status, 0) << o.err;
  for (const char* option : {"--replications", "--threads", "--daily-by", "--city-days"}) {
    EXPECT_NE(o.out.find(option), std::string::npos) << option << "\n" << o.out;
  }
}

TEST_F(CliReplications, SweepHelpExplainsEveryOption) {
  const Outcome o = run("sweep --help");
  EXPECT_EQ(o.status, 0) << o.err;
  for (const char* option :
       {"SCENARIO", "--vary", "KEY=V1,V2", "x1.25", "--seed", "--replication ", "--replications",
        "--threads", "--out", "--daily-by", "--city-days", "--quiet", "Exit status"}) {
    EXPECT_NE(o.out.find(option), std::string::npos) << option << "\n" << o.out;
  }
  EXPECT_NE(run("--help").out.find("sweep"), std::string::npos);
}

TEST_F(CliReplications, ReplicatedRunWritesOddsAndQuantilesTheSameForAnyThreads) {
  const Outcome one = run("run " + kTwoTowns + " --replications 4 --threads 1 --out one");
  ASSERT_EQ(one.status, 0) << one.err;
  const Outcome two = run("run " + kTwoTowns + " --replications 4 --threads 2 --out two");
  ASSERT_EQ(two.status, 0) << two.err;
  EXPECT_NE(one.out.find("4 replications (seed 7, replications 0 to 3)"), std::string::npos)
      << one.out;
  EXPECT_NE(one.out.find("Chance of meeting each target"), std::string::npos) << one.out;
  EXPECT_NE(one.out.find("Key dates"), std::string::npos) << one.out;
  for (const char* file : {"summary.json", "city_days_quantiles.csv", "report.html"}) {
    const std::string a = read_file(work() / "one" / file);
    ASSERT_FALSE(a.empty()) << file;
    EXPECT_EQ(a, read_file(work() / "two" / file)) << file;
  }
  EXPECT_FALSE(fs::exists(work() / "one" / "city_days.csv"));
  const std::string json = read_file(work() / "one" / "summary.json");
  EXPECT_NE(json.find("\"replications\": 4"), std::string::npos);
  EXPECT_NE(json.find("\"key\": \"daily_reached\""), std::string::npos);
  // The report: the odds first, then the typical replication the summary names, with bands.
  const std::size_t typical = json.find("\"typical\": {\n    \"replication\": ");
  ASSERT_NE(typical, std::string::npos) << json.substr(0, 2000);
  const std::string number = json.substr(typical + 32, json.find(',', typical) - typical - 32);
  const std::string html = read_file(work() / "one" / "report.html");
  EXPECT_LT(html.find("id=\"odds-table\""), html.find("id=\"answer-daily\"")) << html;
  EXPECT_NE(html.find("A typical replication (number " + number + ")"), std::string::npos)
      << number;
  EXPECT_NE(html.find("class=\"band\""), std::string::npos);
  EXPECT_NE(one.out.find("report.html (its charts: replication " + number + ","), std::string::npos)
      << one.out;
  // Header, then 42 days x (2 towns + PROVINCE).
  const std::string csv = read_file(work() / "one" / "city_days_quantiles.csv");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 42 * 3);
  EXPECT_EQ(csv.rfind("date,city,first_doses_mean,first_doses_q05,first_doses_q50,", 0), 0u);
}

TEST_F(CliReplications, SweepWritesOneRowPerGridPoint) {
  const Outcome o = run("sweep " + kTwoTowns +
                        " --vary 'sites[*].hours[-1].close=18:00,22:00'"
                        " --vary 'sites[hospital].desks=+0%,+50%,x2' --replications 2"
                        " --threads 2 --out s");
  ASSERT_EQ(o.status, 0) << o.err;
  const std::string csv = read_file(work() / "s" / "sweep.csv");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 6);
  EXPECT_EQ(csv.rfind("point,sites[*].hours[-1].close,sites[hospital].desks,replications,"
                      "daily_reached.p,daily_reached.lo,daily_reached.hi,",
                      0),
            0u)
      << csv;
  EXPECT_NE(csv.find("\n1,18:00,+0%,2,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\n6,22:00,x2,2,"), std::string::npos) << csv;
  EXPECT_NE(o.out.find("6 grid points, 2 replications each"), std::string::npos) << o.out;
  // The second doses missed at each point, last.
  EXPECT_NE(csv.find(",missed_second_doses.mean,missed_second_doses.q05,missed_second_doses.q50,"
                     "missed_second_doses.q95\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(o.out.find("missed 2nd doses (median)"), std::string::npos) << o.out;
}

TEST_F(CliReplications, SweepWithAKeyThatLeadsNowhereExits1NamingItAndWritesNothing) {
  const Outcome o = run("sweep " + kTwoTowns + " --vary 'sites[*].hourz[-1].close=20:00' --out s");
  EXPECT_EQ(o.status, 1) << o.err;
  EXPECT_NE(o.err.find("two-towns.yaml:19:5: sites[0].hourz: override "
                       "'sites[*].hourz[-1].close=20:00': no key 'hourz' here (did you mean "
                       "'hours'?)"),
            std::string::npos)
      << o.err;
  EXPECT_FALSE(fs::exists(work() / "s"));
}

TEST_F(CliReplications, SweepCommandLineMistakesAreUsageErrors) {
  EXPECT_EQ(run("sweep " + kTwoTowns).status, 2);  // --vary is required
  const Outcome o = run("sweep " + kTwoTowns + " --vary desks --out s");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("--vary: 'desks' is not KEY=V1,V2,..."), std::string::npos) << o.err;
  EXPECT_EQ(run("sweep " + kTwoTowns + " --vary a=1 --replications 0").status, 2);
  EXPECT_EQ(run("run " + kTwoTowns + " --replications 2 --daily-by 2021-13-01").status, 2);
  EXPECT_FALSE(fs::exists(work() / "s"));
}

}  // namespace
