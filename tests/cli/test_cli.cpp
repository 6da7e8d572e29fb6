// Runs the vaxsim program as a user would and checks exit status, messages and files (the
// harness: tests/support/program.hpp; without the program these tests are skipped).

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
using vaxsim::test::source_file;

// Each test runs the program in its own empty working directory (support/program.hpp).
class Cli : public vaxsim::test::ProgramTest {};

TEST_F(Cli, HelpListsRun) {
  const Outcome o = run("--help");
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("run"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("--version"), std::string::npos) << o.out;
}

TEST_F(Cli, RunHelpExplainsEveryOption) {
  const Outcome o = run("run --help");
  EXPECT_EQ(o.status, 0) << o.err;
  for (const char* option : {"SCENARIO", "--seed", "--replication", "--out", "Exit status"}) {
    EXPECT_NE(o.out.find(option), std::string::npos) << option << "\n" << o.out;
  }
}

TEST_F(Cli, Version) {
  const Outcome o = run("--version");
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.out.rfind("vaxsim ", 0), 0u) << o.out;
}

TEST_F(Cli, NoCommandIsAUsageError) {
  const Outcome o = run("");
  EXPECT_EQ(o.status, 2);
  EXPECT_FALSE(o.err.empty());
}

TEST_F(Cli, BadOptionsAreUsageErrors) {
  EXPECT_EQ(run("run").status, 2);                   // no scenario
  EXPECT_EQ(run("run a.yaml --seed -1").status, 2);  // not a whole number
  EXPECT_EQ(run("run a.yaml --replication x").status, 2);
  EXPECT_EQ(run("run a.yaml --no-such-option").status, 2);
  EXPECT_EQ(run("frobnicate").status, 2);
  EXPECT_TRUE(work_is_empty());
}

TEST_F(Cli, MissingScenarioExits1NamingTheFileAndWritesNothing) {
  const Outcome o = run("run missing-scenario.yaml");
  EXPECT_EQ(o.status, 1);
  EXPECT_NE(o.err.find("missing-scenario.yaml"), std::string::npos) << o.err;
  EXPECT_TRUE(o.out.empty()) << o.out;
  EXPECT_TRUE(work_is_empty()) << "no out/ directory may be created";
}

TEST_F(Cli, MissingScenarioWithOutDirCreatesNoDir) {
  const Outcome o = run("run missing.yaml --out results/here --seed 3");
  EXPECT_EQ(o.status, 1);
  EXPECT_NE(o.err.find("missing.yaml"), std::string::npos) << o.err;
  EXPECT_FALSE(fs::exists(work() / "results"));
}

TEST_F(Cli, RejectedScenarioExits1WithFileLineColumn) {
  std::ofstream(work() / "broken.yaml") << "name: [unclosed\n";
  const Outcome o = run("run broken.yaml");
  EXPECT_EQ(o.status, 1);
  EXPECT_EQ(o.err.rfind("broken.yaml:", 0), 0u) << o.err;  // file:line:col: ...
  EXPECT_EQ(o.err.find("vaxsim: error"), std::string::npos) << o.err;
  EXPECT_FALSE(fs::exists(work() / "out"));
}

// ---- End to end, on real scenario files ---------------------------------------------------

std::size_t count_lines(const std::string& text) {
  std::size_t n = 0;
  for (const char c : text) n += c == '\n' ? 1 : 0;
  return n;
}

TEST_F(Cli, RunWritesTheVerdictTheTableAndTheSummary) {
  const fs::path scenario = vaxsim::test::two_towns_yaml();
  const Outcome o = run("run " + shell_quoted(scenario.string()) + " --out result");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("Is 800 doses a day reachable?"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("Will the deadline, 2021-06-11, be met?"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("North"), std::string::npos);
  const std::string csv = read_file(work() / "result" / "city_days.csv");
  // A header, then 42 days x (2 cities + the province row).
  EXPECT_EQ(count_lines(csv), 1u + 42u * 3u);
  EXPECT_EQ(csv.rfind("date,city,first_doses,second_doses,", 0), 0u);
  // The supply record: 42 days x (the province + a store and the sites of each town).
  const std::string supply = read_file(work() / "result" / "supply_nodes.csv");
  EXPECT_EQ(count_lines(supply), 1u + 42u * 5u);
  EXPECT_EQ(supply.rfind("date,node,kind,received,sent,stock,wasted,expired,overflow,stock_out\n"
                         "2021-05-01,province,province,",
                         0),
            0u)
      << supply.substr(0, 200);
  const std::string json = read_file(work() / "result" / "summary.json");
  EXPECT_NE(json.find("\"verdict\""), std::string::npos);
  const std::string html = read_file(work() / "result" / "report.html");
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("id=\"svg-province-daily\""), std::string::npos);
  EXPECT_NE(o.out.find("report.html"), std::string::npos) << o.out;
  EXPECT_EQ(o.err, "");  // no progress bar when standard error is not a terminal
  // Nothing else is left in the folder (no temporary files).
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(work() / "result")) ++files;
  EXPECT_EQ(files, 4u);
}

TEST_F(Cli, SameSeedSameFilesWhateverTheThreads) {
  const std::string scenario = shell_quoted(vaxsim::test::two_towns_yaml().string());
  ASSERT_EQ(run("run " + scenario + " --out a --seed 9").status, 0);
  ASSERT_EQ(run("run " + scenario + " --out b --seed 9 --threads 2").status, 0);
  ASSERT_EQ(run("run " + scenario + " --out c --seed 10").status, 0);
  const std::string a = read_file(work() / "a" / "city_days.csv");
  EXPECT_EQ(a, read_file(work() / "b" / "city_days.csv"));
  EXPECT_NE(a, read_file(work() / "c" / "city_days.csv"));
}

TEST_F(Cli, AnInconsistentScenarioIsRejectedWithItsLineAndField) {
  std::string yaml = read_file(vaxsim::test::two_towns_yaml());
  const std::string good = "interval_days: {min: 21, max: 56}";
  ASSERT_NE(yaml.find(good), std::string::npos);
  yaml.replace(yaml.find(good), good.size(), "interval_days: {min: 60, max: 56}");
  std::ofstream(work() / "bad.yaml") << yaml;
  const Outcome o = run("run bad.yaml --out result");
  EXPECT_EQ(o.status, 1);
  EXPECT_EQ(o.err.rfind("bad.yaml:10:", 0), 0u) << o.err;
  EXPECT_NE(o.err.find("interval_days"), std::string::npos) << o.err;
  EXPECT_FALSE(fs::exists(work() / "result"));
}

TEST_F(Cli, TheJuneScenarioRuns) {
  const fs::path scenario = source_file("scenarios/shanxi-2021-june.yaml");
  const Outcome o = run("run " + shell_quoted(scenario.string()) + " --out june --threads 2");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("Is 800,000 doses a day reachable?"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("Taiyuan"), std::string::npos);
  EXPECT_EQ(count_lines(read_file(work() / "june" / "city_days.csv")), 1u + 28u * 12u);
}

}  // namespace
