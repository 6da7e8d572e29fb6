// Warnings the program gives before its answers can be trusted: replications of a scenario with
// no uncertainty (their odds are near 0% or 100% whatever is not known), on stderr and in
// summary.json.

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <string_view>

#include "support/files.hpp"
#include "support/program.hpp"
#include "support/towns.hpp"

namespace {

using vaxsim::test::Outcome;
using vaxsim::test::read_file;

const std::string kTwoTowns = vaxsim::test::shell_quoted(vaxsim::test::two_towns_yaml().string());
constexpr std::string_view kWarning = "the scenario has no uncertainty: block";

class CliWarnings : public vaxsim::test::ProgramTest {};

TEST_F(CliWarnings, ReplicationsWithoutUncertaintyWarnOnStderrAndInTheSummary) {
  const Outcome o = run("run " + kTwoTowns + " --replications 2 --threads 2 --out r");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.err.find("vaxsim: warning: "), std::string::npos) << o.err;
  EXPECT_NE(o.err.find(kWarning), std::string::npos) << o.err;
  EXPECT_EQ(o.out.find(kWarning), std::string::npos) << "stdout keeps the answers only";
  const std::string json = read_file(work() / "r" / "summary.json");
  EXPECT_NE(json.find("\"code\": \"replications_without_uncertainty\""), std::string::npos)
      << json.substr(0, 1500);
  const std::string html = read_file(work() / "r" / "report.html");
  EXPECT_NE(html.find("id=\"warnings\""), std::string::npos);
}

TEST_F(CliWarnings, ASweepWithReplicationsWithoutUncertaintyWarnsToo) {
  const Outcome o = run("sweep " + kTwoTowns +
                        " --vary 'sites[*].desks=+0%,+50%' --replications 2 --threads 2 --out s");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.err.find(kWarning), std::string::npos) << o.err;
}

TEST_F(CliWarnings, OneRunOrAScenarioWithUncertaintyDoesNotWarn) {
  const Outcome single = run("run " + kTwoTowns + " --out one");
  ASSERT_EQ(single.status, 0) << single.err;
  EXPECT_EQ(single.err.find(kWarning), std::string::npos) << single.err;
  EXPECT_EQ(read_file(work() / "one" / "summary.json").find("replications_without_uncertainty"),
            std::string::npos);

  const std::string uncertain = (work() / "uncertain.yaml").string();
  std::ofstream(work() / "uncertain.yaml")
      << read_file(vaxsim::test::two_towns_yaml())
      << "\nuncertainty:\n  no_show: {uniform: {lo: 0.05, hi: 0.15}}\n";
  const Outcome o =
      run("run " + vaxsim::test::shell_quoted(uncertain) + " --replications 2 --threads 2 --out u");
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.err.find(kWarning), std::string::npos) << o.err;
  EXPECT_EQ(read_file(work() / "u" / "summary.json").find("replications_without_uncertainty"),
            std::string::npos);
}

}  // namespace
