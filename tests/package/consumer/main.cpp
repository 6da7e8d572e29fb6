// A planning tool in miniature, built against vaxsim the way a downstream project is: it loads a
// scenario file (vaxsim::io), runs the campaign (vaxsim::vaxsim), judges it and writes
// summary.json (vaxsim::report), then reads the file back to check that it says what was run.
//
//   consumer SCENARIO.yaml OUT_DIR
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vaxsim/io/scenario.hpp>
#include <vaxsim/model/campaign.hpp>
#include <vaxsim/model/verdict.hpp>
#include <vaxsim/report/atomic_file.hpp>
#include <vaxsim/report/summary_json.hpp>

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  using namespace vaxsim;
  if (argc != 3) {
    std::fputs("usage: consumer SCENARIO.yaml OUT_DIR\n", stderr);
    return 2;
  }
  const io::Scenario scenario = io::load_scenario(argv[1]);
  const model::CampaignResult result =
      model::run_campaign(scenario.campaign, {.seed = scenario.seed, .replication = 0});
  const model::Verdict verdict = model::judge(scenario.campaign, result);

  report::RunInfo info;
  info.scenario_file = argv[1];
  info.description = scenario.description;
  info.seed = scenario.seed;
  const fs::path path = fs::path(argv[2]) / "summary.json";
  fs::create_directories(path.parent_path());
  report::write_file_atomically(path,
                                report::summary_json(info, scenario.campaign, result, verdict));

  std::ifstream in(path);
  std::ostringstream read_back;
  read_back << in.rdbuf();
  const std::string written = read_back.str();
  const std::string people =
      "\"people_fully_by_deadline\": " + std::to_string(verdict.people_fully_by_deadline);
  if (verdict.people_fully_by_deadline <= 0 || written.find(people) == std::string::npos ||
      written.find("\"name\": \"" + scenario.campaign.name + "\"") == std::string::npos) {
    std::printf("vaxsim consumer: %s does not hold the run's verdict\n", path.c_str());
    return 1;
  }
  std::printf("vaxsim consumer: ok, %s: %lld people fully vaccinated by the deadline; wrote %s\n",
              scenario.campaign.name.c_str(),
              static_cast<long long>(verdict.people_fully_by_deadline), path.c_str());
  return 0;
}
