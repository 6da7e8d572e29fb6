// Bad command lines and bad outputs get a clear answer before any simulating (issue 17):
// `vaxsim check`, a misspelt command, options that are not what they say, an output directory
// that cannot be written; and the warnings a run prints and keeps. Also, end to end, sites open
// round the clock (a day running into the next), which once ended in an internal error.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/files.hpp"
#include "support/program.hpp"
#include "support/towns.hpp"

namespace {

namespace fs = std::filesystem;
using vaxsim::test::Outcome;
using vaxsim::test::read_file;
using vaxsim::test::shell_quoted;

class CliInputs : public vaxsim::test::ProgramTest {
 protected:
  std::string towns() const { return shell_quoted(vaxsim::test::two_towns_yaml().string()); }

  // The two towns with `old_text` replaced, as towns.yaml in the working directory.
  std::string towns_with(const std::string& old_text, const std::string& new_text) const {
    std::string text = read_file(vaxsim::test::two_towns_yaml());
    const std::size_t at = text.find(old_text);
    EXPECT_NE(at, std::string::npos) << old_text;
    if (at != std::string::npos) text.replace(at, old_text.size(), new_text);
    std::ofstream(work() / "towns.yaml") << text;
    return "towns.yaml";
  }
};

TEST_F(CliInputs, CheckSaysOkOfAGoodScenarioAndExits0) {
  const Outcome o = run("check " + towns());
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find(": ok\n"), std::string::npos) << o.out;
  EXPECT_TRUE(work_is_empty());
}

TEST_F(CliInputs, CheckPrintsEveryErrorOfEachFileAndExits1) {
  const std::string bad =
      towns_with("residents: 20000}", "residents: 5.3e12}\n  - {name: East, residents: 0}");
  std::ofstream(work() / "empty.yaml") << "";
  const Outcome o = run("check " + bad + " empty.yaml");
  EXPECT_EQ(o.status, 1);
  EXPECT_EQ(o.out,
            "towns.yaml:16:30: cities[0].residents: is implausibly large: 5,300,000,000,000 people "
            "(at most 2,000,000,000 people)\n"
            "towns.yaml:17:29: cities[1].residents: must be at least 1, got 0\n"
            "towns.yaml: 2 errors, 0 warnings\n"
            "empty.yaml:1:1: the scenario is empty\n"
            "empty.yaml: 1 error, 0 warnings\n");
}

TEST_F(CliInputs, AMisspeltCommandSuggestsTheClosest) {
  const Outcome o = run("rn " + towns());
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.err,
            "vaxsim: unknown command 'rn' (did you mean 'run'?); the commands are run, sweep, "
            "calibrate, compare, check (vaxsim --help)\n");
  EXPECT_TRUE(work_is_empty());
}

TEST_F(CliInputs, AFractionOfAThreadIsNotAWholeNumber) {
  const Outcome o = run("run " + towns() + " --threads 2.5");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("--threads: '2.5' is not a whole number from 1 to 256"), std::string::npos)
      << o.err;
}

TEST_F(CliInputs, AnEmptyOutIsRefusedRatherThanMeaningTheDefault) {
  const Outcome o = run("run " + towns() + " --out ''");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("--out: an empty directory name"), std::string::npos) << o.err;
  EXPECT_TRUE(work_is_empty());
}

TEST_F(CliInputs, DailyByOutsideTheCampaignIsRefusedBeforeRunning) {
  const Outcome o = run("run " + towns() + " --replications 2 --daily-by 2021-08-01 --out r");
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.out, "") << "refused before the odds are printed";
  EXPECT_NE(o.err.find("--daily-by 2021-08-01 is outside the days the daily target is counted "
                       "(2021-05-15 to 2021-06-11)"),
            std::string::npos)
      << o.err;
}

TEST_F(CliInputs, AnOutUnderAFileIsRefusedBeforeTheVerdict) {
  std::ofstream(work() / "afile") << "x";
  const Outcome o = run("run " + towns() + " --out afile/result");
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.out, "") << "nothing simulated, no verdict printed";
  EXPECT_EQ(o.err,
            "vaxsim: error: cannot write to afile/result: afile is a file, not a directory\n");
}

TEST_F(CliInputs, ADirectoryInTheWayOfAnOutputLeavesNoOutputsAtAll) {
  fs::create_directories(work() / "result" / "summary.json");
  const Outcome o = run("run " + towns() + " --out result");
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.out, "");
  EXPECT_NE(o.err.find("result/summary.json is a directory"), std::string::npos) << o.err;
  EXPECT_FALSE(fs::exists(work() / "result" / "city_days.csv"));
  EXPECT_FALSE(fs::exists(work() / "result" / "supply_nodes.csv"));
}

TEST_F(CliInputs, ARunPrintsItsWarningsAndKeepsThemInTheSummary) {
  const std::string file =
      towns_with("    desks: 2\n", "    desks: 2\n    observation_minutes: 150\n");
  const Outcome o = run("run " + file + " --out result");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.err,
            "vaxsim: warning: towns.yaml:23:26: sites[0].observation_minutes: 150 minutes is more "
            "than the plausible 120 minutes; is it meant?\n");
  const std::string json = read_file(work() / "result" / "summary.json");
  EXPECT_NE(json.find("\"warnings\": [\n    {\n      \"code\": \"implausible_value\",\n"
                      "      \"message\": \"150 minutes is more than the plausible 120 minutes; "
                      "is it meant?\",\n      \"file\": \"towns.yaml\",\n      \"line\": 23,"),
            std::string::npos)
      << json.substr(0, 800);
}

TEST_F(CliInputs, ARunWithoutWarningsKeepsAnEmptyList) {
  // The towns' desks give up to 183 doses a day, beyond the default record of 134: a record of
  // 200 keeps the verdict from warning, whose warnings the list holds too.
  const std::string file =
      towns_with("  daily_doses: 800\n", "  daily_doses: 800\n  best_desk_doses_per_day: 200\n");
  const Outcome o = run("run " + file + " --out result");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.err, "");
  EXPECT_NE(read_file(work() / "result" / "summary.json").find("\"warnings\": [],"),
            std::string::npos);
}

// Open 00:00-24:00, the last person of a day is served after midnight: the next day starts
// behind instead of ending the run in an internal error.
TEST_F(CliInputs, SitesOpenRoundTheClockRun) {
  const std::string file = towns_with(R"(      - {open: "08:00", close: "18:00"}
      - {from: 2021-05-15, open: "08:00", close: "22:00"})",
                                      R"(      - {open: "00:00", close: "24:00"})");
  const Outcome o = run("run " + file + " --out result");
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_TRUE(fs::exists(work() / "result" / "summary.json"));
}

// The sweep of issue 17: opening at midnight, closing at 22:00 or at 24:00; both points run.
TEST_F(CliInputs, ASweepToMidnightKeepsEveryPoint) {
  const Outcome o = run("sweep " + towns() +
                        " --vary 'sites[*].hours[*].open=00:00' --vary "
                        "'sites[*].hours[-1].close=22:00,24:00' --out sweep");
  ASSERT_EQ(o.status, 0) << o.err;
  const std::string csv = read_file(work() / "sweep" / "sweep.csv");
  EXPECT_NE(csv.find("22:00"), std::string::npos) << csv;
  EXPECT_NE(csv.find("24:00"), std::string::npos) << csv;
}

}  // namespace
