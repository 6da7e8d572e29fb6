// Ctrl-C and the progress bar, with the program run as a user runs it: SIGINT to a running
// `vaxsim run` stops it cleanly (exit status 130, a message saying what was kept, no new or
// partial files), and the progress bar shows on a terminal (a pseudo-terminal here), is cleared
// at the end, and stays off with --quiet or when standard error is not a terminal.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

#ifdef VAXSIM_CLI_EXE
constexpr const char* kExe = VAXSIM_CLI_EXE;
#else
constexpr const char* kExe = nullptr;
#endif

// The plan scenario: about ten seconds in an optimised build, so Ctrl-C after one second always
// lands mid-run.
fs::path plan_scenario() {
#ifdef VAXSIM_SOURCE_DIR
  return fs::path(VAXSIM_SOURCE_DIR) / "scenarios/shanxi-2021-plan.yaml";
#else
  return fs::path("scenarios/shanxi-2021-plan.yaml");
#endif
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Waits for a child; kills it if it takes longer than `limit`. The exit status, or -1 if it did
// not exit normally (killed by a signal, or by us).
int wait_for(pid_t pid, std::chrono::seconds limit) {
  const auto deadline = Clock::now() + limit;
  int raw = 0;
  while (true) {
    const pid_t done = ::waitpid(pid, &raw, WNOHANG);
    if (done == pid) return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    if (done < 0 && errno != EINTR) return -1;
    if (Clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &raw, 0);
      return -1;
    }
    std::this_thread::sleep_for(20ms);
  }
}

std::vector<char*> argv_of(std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  return argv;
}

class Interrupt : public ::testing::Test {
 protected:
  void SetUp() override {
    if (kExe == nullptr) GTEST_SKIP() << "VAXSIM_CLI_EXE is not defined: vaxsim is not built";
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("vaxsim_cli_interrupt_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ignored;
    if (!dir_.empty()) fs::remove_all(dir_, ignored);
  }

  /// Starts `vaxsim run <plan> <extra...> --out <dir>/out` with stdout and stderr in files.
  pid_t start(std::vector<std::string> extra) const {
    std::vector<std::string> args = {kExe, "run", plan_scenario().string(), "--out",
                                     out().string()};
    args.insert(args.end(), extra.begin(), extra.end());
    const std::string out_file = (dir_ / "stdout").string();
    const std::string err_file = (dir_ / "stderr").string();
    const pid_t pid = ::fork();
    if (pid == 0) {
      const int o = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int e = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (o < 0 || e < 0 || ::dup2(o, STDOUT_FILENO) < 0 || ::dup2(e, STDERR_FILENO) < 0) {
        ::_exit(127);
      }
      std::vector<char*> argv = argv_of(args);
      ::execv(kExe, argv.data());
      ::_exit(127);
    }
    return pid;
  }

  /// Runs `vaxsim run <plan> <extra...>` with standard error on a pseudo-terminal, sends Ctrl-C
  /// once `ready` says so about what the terminal has shown (or after `limit`), and returns
  /// everything shown; `status` gets the exit status.
  std::string on_terminal(std::vector<std::string> extra,
                          const std::function<bool(const std::string&)>& ready, int& status) const {
    std::vector<std::string> args = {kExe, "run", plan_scenario().string(), "--out",
                                     out().string()};
    args.insert(args.end(), extra.begin(), extra.end());
    const std::string out_file = (dir_ / "stdout").string();
    int master = -1;
    winsize size{};
    size.ws_row = 24;
    size.ws_col = 100;
    const pid_t pid = ::forkpty(&master, nullptr, nullptr, &size);
    if (pid == 0) {
      const int o = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (o < 0 || ::dup2(o, STDOUT_FILENO) < 0) ::_exit(127);
      std::vector<char*> argv = argv_of(args);
      ::execv(kExe, argv.data());
      ::_exit(127);
    }
    if (pid < 0) {
      ADD_FAILURE() << "forkpty failed: " << std::strerror(errno);
      return "";
    }
    std::string shown;
    bool sent = false;
    const auto start_time = Clock::now();
    while (true) {
      if (!sent && (ready(shown) || Clock::now() - start_time > 60s)) {
        ::kill(pid, SIGINT);
        sent = true;
      }
      pollfd p{master, POLLIN, 0};
      if (::poll(&p, 1, 50) > 0) {
        char buffer[4096];
        const ::ssize_t n = ::read(master, buffer, sizeof buffer);
        if (n > 0) {
          shown.append(buffer, static_cast<std::size_t>(n));
        } else if (n < 0 && errno == EINTR) {
          continue;
        } else {
          break;  // EIO: the program ended and the terminal closed
        }
      }
      if (Clock::now() - start_time > 180s) break;
    }
    ::close(master);
    status = wait_for(pid, 60s);
    return shown;
  }

  fs::path out() const { return dir_ / "out"; }
  std::string err() const { return read_all(dir_ / "stderr"); }
  std::string std_out() const { return read_all(dir_ / "stdout"); }

 private:
  fs::path dir_;
};

TEST_F(Interrupt, CtrlCStopsTheRunWritesNothingAndSaysSo) {
  const pid_t pid = start({"--threads", "2"});
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
  const pid_t pid = start({});
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
    EXPECT_EQ(read_all(entry.path()), "from an earlier run: " + entry.path().filename().string());
  }
  EXPECT_EQ(entries, 3u) << "no new, temporary or partial files";
}

TEST_F(Interrupt, TheProgressBarShowsOnATerminalAndIsClearedAtTheEnd) {
  int status = -1;
  const std::string shown = on_terminal(
      {}, [](const std::string& s) { return s.find("days/s") != std::string::npos; }, status);
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
      {"--quiet"}, [&](const std::string&) { return Clock::now() - begun > 1500ms; }, status);
  EXPECT_EQ(status, 130) << shown;
  EXPECT_EQ(shown.find("Simulating"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("days/s"), std::string::npos) << shown;
  EXPECT_NE(shown.find("vaxsim: stopped by Ctrl-C"), std::string::npos) << shown;
}

}  // namespace
