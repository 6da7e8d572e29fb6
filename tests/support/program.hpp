#pragma once
// Runs the vaxsim program as a user would: with arguments, in a working directory of its own,
// with its exit status, standard output and standard error kept; or started in the background
// (to be stopped with Ctrl-C), or with standard error on a terminal (to see the progress bar).
//
// The program's path comes from the build: tests/CMakeLists.txt gives vaxsim_test_support
// VAXSIM_CLI_EXE="$<TARGET_FILE:vaxsim_cli>", and each test target that runs the program
// depends on vaxsim_cli. Without the program these tests skip.

#include <gtest/gtest.h>
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "support/files.hpp"

namespace vaxsim::test {

/// The vaxsim program of this build; nullptr where it is not built.
const char* vaxsim_program();

/// `word` as one shell word: single-quoted, with its single quotes escaped.
std::string shell_quoted(const std::string& word);

/// Runs `command` with the shell; its exit status, or -1 if it did not exit normally.
int shell(const std::string& command);

/// Waits for the child process `pid`; kills it if it takes longer than `limit`. Its exit status,
/// or -1 if it did not exit normally (killed by a signal, or by this).
int wait_for(pid_t pid, std::chrono::seconds limit);

/// What a run of the program did.
struct Outcome {
  int status = -1;  // exit status; -1: did not exit normally
  std::string out;  // standard output
  std::string err;  // standard error
};

/// A test that runs the vaxsim program. Each test has a fresh folder (folder()) holding the
/// program's working directory (work(), empty at the start) and the files that catch its
/// standard output and error; removed after a test that passed, kept for a look after one that
/// failed. Without the program the test skips.
class ProgramTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  /// Runs `vaxsim <args>` in work() through the shell (args already shell-quoted as needed).
  Outcome run(const std::string& args) const;

  /// Starts `vaxsim <args...>` in work() without a shell, standard output and error in files
  /// (std_out() and std_err() read them); its process id. wait_for() ends it.
  pid_t start(const std::vector<std::string>& args) const;

  /// Runs `vaxsim <args...>` in work() with standard error on a pseudo-terminal of 24 rows and
  /// 100 columns (standard output to the file std_out() reads), sends Ctrl-C once `ready` says
  /// so about what the terminal has shown (or after a minute), and returns everything shown;
  /// `status` gets the exit status.
  std::string on_terminal(const std::vector<std::string>& args,
                          const std::function<bool(const std::string&)>& ready, int& status) const;

  const std::filesystem::path& folder() const { return folder_->path(); }
  std::filesystem::path work() const { return folder() / "work"; }
  bool work_is_empty() const { return std::filesystem::is_empty(work()); }
  /// What the last run or start() wrote on standard output and standard error.
  std::string std_out() const { return read_file(folder() / "stdout"); }
  std::string std_err() const { return read_file(folder() / "stderr"); }

 private:
  std::optional<TempFolder> folder_;
};

}  // namespace vaxsim::test
