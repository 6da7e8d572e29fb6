// vaxsim compare DIR_A DIR_B: two runs' verdicts and key numbers side by side (one run or
// replicated, any mix), from the summary.json each wrote; and compare.html with both on the same
// charts. The comparison itself is report::compare_text / compare_html; this file finds and reads
// the files, and says plainly what is wrong with a directory.

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

#include "commands.hpp"
#include "vaxsim/report/atomic_file.hpp"
#include "vaxsim/report/compare_report.hpp"

namespace vaxsim::cli {
namespace {

namespace fs = std::filesystem;

constexpr int kRejected = 1;  // a directory that holds no run's outputs, as a rejected scenario
constexpr int kFailed = 2;    // no such directory, or output not written

struct CompareArgs {
  std::string dir_a;
  std::string dir_b;
  std::string out = "out/compare";
};

/// A directory that exists but holds no run's outputs (or unreadable ones): exit status 1.
struct NotARun : std::runtime_error {
  using std::runtime_error::runtime_error;
};

report::ComparedRun read_run(const std::string& dir) {
  const fs::path summary = fs::path(dir) / "summary.json";
  if (!fs::exists(summary)) {
    if (fs::exists(fs::path(dir) / "sweep.csv")) {
      throw NotARun(
          fmt::format("{} holds a sweep (sweep.csv); compare reads the outputs of "
                      "vaxsim run (summary.json)",
                      dir));
    }
    throw NotARun(
        fmt::format("{} holds no summary.json: not an output directory of vaxsim run", dir));
  }
  std::ifstream in(summary, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in.is_open() || in.bad()) {
    throw NotARun(fmt::format("{}: cannot be read", summary.string()));
  }
  return {dir, text.str()};
}

int compare(const CompareArgs& args) {
  for (const std::string& dir : {args.dir_a, args.dir_b}) {
    if (!fs::is_directory(dir)) {
      fmt::print(stderr, "vaxsim compare: {}: {}\n", dir,
                 fs::exists(dir) ? "not a directory" : "no such directory");
      return kFailed;
    }
  }
  std::string text;
  std::string html;
  try {
    const report::ComparedRun a = read_run(args.dir_a);
    const report::ComparedRun b = read_run(args.dir_b);
    // Both made before anything is written.
    text = report::compare_text(a, b);
    html = report::compare_html(a, b);
  } catch (const std::exception& e) {  // NotARun, or a summary.json that is not vaxsim's
    fmt::print(stderr, "vaxsim compare: {}\n", e.what());
    return kRejected;
  }
  const fs::path html_path = fs::path(args.out) / "compare.html";
  fmt::print("{}", text);
  std::fflush(stdout);
  fs::create_directories(args.out);
  report::write_file_atomically(html_path, html);
  fmt::print("\nWrote {} (both runs on the same charts).\n", html_path.string());
  return 0;
}

}  // namespace

Command add_compare(CLI::App& app) {
  auto args = std::make_shared<CompareArgs>();
  CLI::App* cmd = app.add_subcommand(
      "compare",
      "Compare two runs: their verdicts and key numbers side by side (from the summary.json "
      "each vaxsim run wrote; one run or replicated, in any mix), and an HTML page with both on "
      "the same charts");
  cmd->add_option("dir_a", args->dir_a, "Output directory of the first run (A)")
      ->required()
      ->type_name("DIR_A");
  cmd->add_option("dir_b", args->dir_b, "Output directory of the second run (B)")
      ->required()
      ->type_name("DIR_B");
  cmd->add_option("--out", args->out,
                  "Directory for compare.html, created if needed (default: out/compare)")
      ->type_name("DIR");
  cmd->footer(
      "Prints A, B and B - A: dates in days, numbers in counts, chances in percentage points. A "
      "replicated run answers with its medians.\n"
      "Exit status: 0 done, 1 a directory holds no run's outputs, 2 any other failure (no such "
      "directory, output not written).");
  return {cmd, [args] { return compare(*args); }};
}

}  // namespace vaxsim::cli
