// Ctrl-C and the progress bar, with the program run as a user runs it: SIGINT to a running
// `vaxsim run` stops it cleanly (exit status 130, a message saying what was kept, no new or
// partial files), and the progress bar shows on a terminal (a pseudo-terminal here), is cleared
// at the end, and stays off with --quiet or when standard error is not a terminal.

#include <gtest/gtest.h>
#include <sys/types.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "support/files.hpp"
#include "support/program.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
using vaxsim::test::read_file;
using vaxsim::test::wait_for;

class Interrupt : public vaxsim::test::ProgramTest {
 protected:
  /// `run <plan> --out <folder>/out <extra...>`. The plan scenario takes about ten seconds in an
  /// optimised build, so Ctrl-C after one second always lands mid-run.
  std::vector<std::string> plan_run(const std::vector<std::string>& extra) const {
    std::vector<std::string> args = {
        "run", vaxsim::test::source_file("scenarios/shanxi-2021-plan.yaml").string(), "--out",
        out().string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }

  fs::path out() const { return folder() / "out"; }
  std::string err() const { return std_err(); }
};

TEST_F(Interrupt, CtrlCStopsTheRunWritesNothingAndSaysSo) {
  const pid_t pid = start(plan_run({"--threads", "2"}));
  ASSERT_GT(pid, 0);
  std::this_thread::sleep_for(1s);
  ASSERT_EQ(::kill(pid, SIGINT), 0);
  EXPECT_EQ(wait_for(pid, 120s), 130) << err();
  const std::string message = err();
  EXPECT_NE(message.find("vaxsim: stopped by Ctrl-C after "), std::string::npos) << message;
  EXPECT_NE(message.find(" of 91 simulated days. Nothing was written."), std::string::npos)
      << message;
  EXPECT_EQ(message.find("days/s"), std::string::npos) << "no progress bar off a terminal";
  EXPECT_EQ(std_out(), "") << "no verdict for a run that did not end";
  EXPECT_FALSE(fs::exists(out())) << "the output folder must not even be created";
}

TEST_F(Interrupt, CtrlCLeavesTheFilesOfAnEarlierRunAsTheyWere) {
  fs::create_directories(out());
  for (const char* name : {"city_days.csv", "summary.json", "report.html"}) {
    std::ofstream(out() / name) << "from an earlier run: " << name;
  }
  const pid_t pid = start(plan_run({}));
  ASSERT_GT(pid, 0);
  std::this_thread::sleep_for(1s);
  ASSERT_EQ(::kill(pid, SIGINT), 0);
  EXPECT_EQ(wait_for(pid, 120s), 130) << err();
  EXPECT_NE(err().find("Nothing was written; the files already in " + out().string() +
                       " were left as they were."),
            std::string::npos)
      << err();
  std::size_t entries = 0;
  for (const auto& entry : fs::directory_iterator(out())) {
    ++entries;
    EXPECT_EQ(read_file(entry.path()), "from an earlier run: " + entry.path().filename().string());
  }
  EXPECT_EQ(entries, 3u) << "no new, temporary or partial files";
}

TEST_F(Interrupt, TheProgressBarShowsOnATerminalAndIsClearedAtTheEnd) {
  int status = -1;
  const std::string shown = on_terminal(
      plan_run({}), [](const std::string& s) { return s.find("days/s") != std::string::npos; },
      status);
  EXPECT_EQ(status, 130) << shown;
  EXPECT_NE(shown.find("Simulating ["), std::string::npos) << shown;
  EXPECT_NE(shown.find("/91 days"), std::string::npos) << shown;
  EXPECT_NE(shown.find(" left"), std::string::npos) << shown;
  // The bar is cleared (carriage return, erase line) before the message that follows it.
  const std::size_t message = shown.find("vaxsim: stopped by Ctrl-C");
  ASSERT_NE(message, std::string::npos) << shown;
  EXPECT_GE(message, 4u);
  EXPECT_EQ(shown.substr(message - 4, 4), "\r\x1b[K") << shown;
  // Redrawn in place, never more than 100 columns (the terminal's width).
  for (std::size_t from = 0; (from = shown.find('\r', from)) != std::string::npos; ++from) {
    const std::size_t next = shown.find_first_of("\r\n", from + 1);
    const std::size_t length = (next == std::string::npos ? shown.size() : next) - from - 1;
    EXPECT_LE(length, 100u + 3u);  // + the erase-line sequence
  }
}

TEST_F(Interrupt, QuietSilencesTheProgressBar) {
  int status = -1;
  const auto begun = Clock::now();
  const std::string shown = on_terminal(
      plan_run({"--quiet"}), [&](const std::string&) { return Clock::now() - begun > 1500ms; },
      status);
  EXPECT_EQ(status, 130) << shown;
  EXPECT_EQ(shown.find("Simulating"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("days/s"), std::string::npos) << shown;
  EXPECT_NE(shown.find("vaxsim: stopped by Ctrl-C"), std::string::npos) << shown;
}

}  // namespace
