// libFuzzer target: the scenario loader (io::parse_scenario). Any text must end in a Scenario or
// an io::ScenarioError, never another exception, a crash or a hang; and `check_scenario_text`
// must agree (no error for an accepted file; the loader's error first for a rejected one). A
// small accepted campaign is also run for its days, so that the model meets what the loader
// lets through (the internal errors of issue 17 came from there).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <string>
#include <string_view>

#include "vaxsim/io/scenario.hpp"
#include "vaxsim/io/scenario_error.hpp"
#include "vaxsim/model/campaign.hpp"

namespace {

[[noreturn]] void disagree(const std::string& what) {
  std::fprintf(stderr, "fuzz_scenario: %s\n", what.c_str());
  std::abort();
}

// Small enough to simulate on every input that gets this far.
bool small(const vaxsim::model::CampaignConfig& c) {
  std::int64_t residents = 0;
  for (const auto& city : c.cities) residents += city.residents;
  int sites = 0;
  for (const auto& s : c.sites) sites += s.count;
  const auto days = (std::chrono::sys_days{c.end} - std::chrono::sys_days{c.start}).count() + 1;
  return days <= 40 && residents <= 20000 && sites <= 50;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const vaxsim::io::ScenarioCheck check = vaxsim::io::check_scenario_text(text, "fuzz.yaml");
  try {
    const vaxsim::io::Scenario s = vaxsim::io::parse_scenario(text, "fuzz.yaml");
    if (!check.errors.empty()) disagree("check found errors in an accepted file");
    if (small(s.campaign)) vaxsim::model::run_campaign(s.campaign);
  } catch (const vaxsim::io::ScenarioError& e) {
    if (check.errors.empty())
      disagree(std::string("check found no error; the loader: ") + e.what());
    if (std::string(check.errors.front().what()) != e.what()) {
      disagree(std::string("check's first error differs: ") + check.errors.front().what() + " / " +
               e.what());
    }
    if (e.line() <= 0) disagree(std::string("an unlocated rejection: ") + e.what());
  }
  return 0;
}
