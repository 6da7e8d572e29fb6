#include "support/program.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace vaxsim::test {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

const char* vaxsim_program() {
#ifdef VAXSIM_CLI_EXE
  return VAXSIM_CLI_EXE;
#else
  return nullptr;
#endif
}

std::string shell_quoted(const std::string& word) {
  std::string out = "'";
  for (const char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

int shell(const std::string& command) {
  const int raw = std::system(command.c_str());
  return raw != -1 && WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

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

namespace {

// The program and its arguments as execv wants them; `args` must outlive the result.
std::vector<char*> argv_of(std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  return argv;
}

}  // namespace

void ProgramTest::SetUp() {
  if (vaxsim_program() == nullptr) {
    GTEST_SKIP() << "VAXSIM_CLI_EXE is not defined: the vaxsim program is not built";
  }
  folder_.emplace();
  fs::create_directories(work());
}

void ProgramTest::TearDown() {
  if (folder_ && HasFailure()) folder_->keep();
  folder_.reset();
}

Outcome ProgramTest::run(const std::string& args) const {
  const int status =
      shell("cd " + shell_quoted(work().string()) + " && " + shell_quoted(vaxsim_program()) + " " +
            args + " >" + shell_quoted((folder() / "stdout").string()) + " 2>" +
            shell_quoted((folder() / "stderr").string()));
  return {status, std_out(), std_err()};
}

pid_t ProgramTest::start(const std::vector<std::string>& args) const {
  std::vector<std::string> command = {vaxsim_program()};
  command.insert(command.end(), args.begin(), args.end());
  std::vector<char*> argv = argv_of(command);
  const std::string dir = work().string();
  const std::string out_file = (folder() / "stdout").string();
  const std::string err_file = (folder() / "stderr").string();
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int o = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int e = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (o < 0 || e < 0 || ::dup2(o, STDOUT_FILENO) < 0 || ::dup2(e, STDERR_FILENO) < 0 ||
        ::chdir(dir.c_str()) != 0) {
      ::_exit(127);
    }
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

std::string ProgramTest::on_terminal(const std::vector<std::string>& args,
                                     const std::function<bool(const std::string&)>& ready,
                                     int& status) const {
  std::vector<std::string> command = {vaxsim_program()};
  command.insert(command.end(), args.begin(), args.end());
  std::vector<char*> argv = argv_of(command);
  const std::string dir = work().string();
  const std::string out_file = (folder() / "stdout").string();
  int master = -1;
  winsize size{};
  size.ws_row = 24;
  size.ws_col = 100;
  const pid_t pid = ::forkpty(&master, nullptr, nullptr, &size);
  if (pid == 0) {
    const int o = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (o < 0 || ::dup2(o, STDOUT_FILENO) < 0 || ::chdir(dir.c_str()) != 0) ::_exit(127);
    ::execv(argv[0], argv.data());
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

}  // namespace vaxsim::test
