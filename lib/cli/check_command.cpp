// vaxsim check: every error and warning of scenario files at once, without running them.

#include <fmt/format.h>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "vaxsim/io/scenario.hpp"

namespace vaxsim::cli {
namespace {

constexpr int kRejected = 1;

std::string plural(std::size_t n, const char* word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

int check(const std::vector<std::string>& files) {
  bool any_error = false;
  for (const std::string& file : files) {
    const io::ScenarioCheck c = io::check_scenario(file);
    for (const io::ScenarioError& e : c.errors) fmt::print("{}\n", e.what());
    for (const io::ScenarioWarning& w : c.warnings) fmt::print("warning: {}\n", w.text());
    any_error = any_error || !c.errors.empty();
    fmt::print("{}: {}\n", file,
               c.errors.empty() && c.warnings.empty() ? std::string("ok")
                                                      : plural(c.errors.size(), "error") + ", " +
                                                            plural(c.warnings.size(), "warning"));
  }
  return any_error ? kRejected : 0;
}

}  // namespace

Command add_check(CLI::App& app) {
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = app.add_subcommand(
      "check",
      "Check scenario files without running them: print every error and warning of each, "
      "located (file:line:col: field: message), then a line per file");
  cmd->add_option("scenario", *files, "The scenario files (YAML) to check")
      ->required()
      ->type_name("SCENARIO.yaml...");
  cmd->footer(
      "A mistake in the file's shape (bad YAML, an unknown key, a wrong type) stops the reading "
      "of that file, so it is its last error; values out of range and the campaign's rules are "
      "all reported.\n"
      "Exit status: 0 no errors (warnings allowed), 1 an error in some file, 2 a bad command "
      "line.");
  return {cmd, [files] { return check(*files); }};
}

}  // namespace vaxsim::cli
