// Bad input gets a located answer (issue 17): the corpus of bad scenarios in
// tests/io/bad_scenarios/ (one mistake each, its exact message in its first line), the
// plausible ranges (errors and warnings), and `check_scenario`, which reports every problem of
// a file at once.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "support/files.hpp"
#include "vaxsim/io/overrides.hpp"
#include "vaxsim/io/scenario.hpp"
#include "vaxsim/io/scenario_error.hpp"

namespace fs = std::filesystem;
using vaxsim::io::check_scenario;
using vaxsim::io::check_scenario_text;
using vaxsim::io::load_scenario;
using vaxsim::io::parse_scenario;
using vaxsim::io::ScenarioError;

namespace {

// ---- The corpus ---------------------------------------------------------------------------------

constexpr std::string_view kExpect = "# expect: ";

std::vector<fs::path> corpus_files() {
  std::vector<fs::path> files;
  for (const auto& entry :
       fs::directory_iterator(vaxsim::test::source_file("tests/io/bad_scenarios"))) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The message after the file name, from the file's first line ("# expect: 12:5: field: ...").
std::string expected_message(const fs::path& file) {
  const std::string text = vaxsim::test::read_file(file);
  if (text.compare(0, kExpect.size(), kExpect) != 0) return {};
  return text.substr(kExpect.size(), text.find('\n') - kExpect.size());
}

class BadScenario : public ::testing::TestWithParam<fs::path> {};

TEST_P(BadScenario, IsRejectedWithItsExpectedMessage) {
  const fs::path& file = GetParam();
  const std::string expected = expected_message(file);
  ASSERT_FALSE(expected.empty()) << file << " has no '# expect: ' first line";
  try {
    load_scenario(file);
    ADD_FAILURE() << file << " was accepted";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.what(), file.string() + ":" + expected);
    EXPECT_GT(e.line(), 0) << "every rejection is located";
  }
}

TEST_P(BadScenario, IsAmongTheErrorsThatCheckReports) {
  const fs::path& file = GetParam();
  const vaxsim::io::ScenarioCheck check = check_scenario(file);
  std::vector<std::string> errors;
  for (const ScenarioError& e : check.errors) errors.emplace_back(e.what());
  EXPECT_NE(std::find(errors.begin(), errors.end(), file.string() + ":" + expected_message(file)),
            errors.end());
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadScenario, ::testing::ValuesIn(corpus_files()),
                         [](const auto& param_info) {
                           std::string name = param_info.param.stem().string();
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(BadScenarioCorpus, HoldsAtLeastSixtyFilesEachWithItsOwnMessage) {
  const std::vector<fs::path> files = corpus_files();
  EXPECT_GE(files.size(), 60u);
  std::vector<std::string> messages;
  for (const fs::path& f : files) messages.push_back(expected_message(f));
  std::sort(messages.begin(), messages.end());
  EXPECT_EQ(std::adjacent_find(messages.begin(), messages.end()), messages.end())
      << "two files test the same message";
}

// ---- Warnings and check ------------------------------------------------------------------------

// Line numbers are part of the tests below: keep this text's layout as it is.
constexpr std::string_view kBase = R"(name: base
start: 2021-04-01
end: 2021-04-30
products:
  - name: A
cities:
  - {name: North, residents: 300}
  - {name: South, residents: 200}
groups:
  - {name: adults, share: 0.8}
sites:
  - name: clinic
    city: all
    observation_minutes: 30
    hours:
      - {open: "08:00", close: "18:00"}
supply:
  initial_stock: {A: 1000}
  cold_chain:
    links:
      all: {trucks: 2, doses_per_truck: 500}
)";

std::string with(std::string_view old_text, std::string_view new_text) {
  std::string s(kBase);
  const std::size_t at = s.find(old_text);
  if (at == std::string::npos) throw std::logic_error("not in the base: " + std::string(old_text));
  return s.replace(at, old_text.size(), new_text);
}

TEST(PlausibleRanges, APlausibleScenarioHasNoWarnings) {
  EXPECT_TRUE(parse_scenario(kBase, "base.yaml").warnings.empty());
}

TEST(PlausibleRanges, ASuspiciousValueIsAcceptedWithALocatedWarning) {
  const auto s =
      parse_scenario(with("observation_minutes: 30", "observation_minutes: 300"), "base.yaml");
  ASSERT_EQ(s.warnings.size(), 1u);
  EXPECT_EQ(s.warnings[0].code, "implausible_value");
  EXPECT_EQ(s.warnings[0].text(),
            "base.yaml:14:26: sites[0].observation_minutes: 300 minutes is more than the "
            "plausible 120 minutes; is it meant?");
}

TEST(PlausibleRanges, ACityWithNoTrucksIsWarnedItNeverGetsADose) {
  const auto s = parse_scenario(
      with("      all: {trucks: 2, doses_per_truck: 500}\n",
           "      all: {trucks: 2, doses_per_truck: 500}\n      South: {trucks: 0}\n"),
      "base.yaml");
  ASSERT_EQ(s.warnings.size(), 1u);
  EXPECT_EQ(s.warnings[0].code, "never_supplied");
  EXPECT_EQ(s.warnings[0].text(),
            "base.yaml:22:14: supply.cold_chain.links[South]: no trucks: South never gets a dose");
}

TEST(PlausibleRanges, ResidentsBeyondWhatVaxsimCanFollowAreALocatedRejection) {
  // Three cities of 1.5 billion each: each plausible, together more than 32-bit person ids.
  std::string text = with("  - {name: South, residents: 200}\n",
                          "  - {name: South, residents: 1.5e9}\n"
                          "  - {name: East, residents: 1.5e9}\n"
                          "  - {name: West, residents: 1.5e9}\n");
  try {
    parse_scenario(text, "big.yaml");
    ADD_FAILURE() << "accepted";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(std::string(e.what()),
              "big.yaml:10:29: cities[3].residents: the cities' residents add up to more than "
              "4000000000, the most vaxsim can follow");
  }
}

TEST(CheckScenario, ReportsEveryProblemOfValueAtOnce) {
  std::string text = with("observation_minutes: 30", "observation_minutes: 1e300");
  text = text.replace(text.find("residents: 300"), 14, "residents: 5e12");
  const vaxsim::io::ScenarioCheck check = check_scenario_text(text, "many.yaml");
  std::vector<std::string> errors;
  for (const ScenarioError& e : check.errors) errors.emplace_back(e.what());
  EXPECT_EQ(errors, (std::vector<std::string>{
                        "many.yaml:7:30: cities[0].residents: is implausibly large: "
                        "5,000,000,000,000 people (at most 2,000,000,000 people)",
                        "many.yaml:14:26: sites[0].observation_minutes: is implausibly large: "
                        "1e+300 minutes (at most 1,440 minutes)",
                    }));
}

TEST(CheckScenario, StopsAtAMistakeOfShapeAfterTheErrorsBeforeIt) {
  std::string text = with("residents: 300", "residents: 5e12");
  text = text.replace(text.find("hours:"), 6, "hourz:");
  const vaxsim::io::ScenarioCheck check = check_scenario_text(text, "shape.yaml");
  ASSERT_EQ(check.errors.size(), 2u);
  EXPECT_EQ(check.errors[0].field(), "cities[0].residents");
  EXPECT_EQ(check.errors[1].field(), "sites[0].hourz");
}

TEST(CheckScenario, ReportsTheRulesOfTheCampaignAllTogether) {
  // A rule only model::validate() checks (observation needs a seat), broken by two site
  // families: both are reported, each at its own site.
  std::string text = with("    observation_minutes: 30\n",
                          "    observation_minutes: 30\n    observation_seats: 0\n");
  text = text.replace(text.find("supply:"), 7,
                      "  - name: van\n    city: North\n    observation_seats: 0\n    hours:\n"
                      "      - {open: \"08:00\", close: \"12:00\"}\nsupply:");
  const vaxsim::io::ScenarioCheck check = check_scenario_text(text, "rules.yaml");
  ASSERT_EQ(check.errors.size(), 2u);
  EXPECT_EQ(check.errors[0].line(), 15) << check.errors[0].what();
  EXPECT_EQ(check.errors[1].line(), 20) << check.errors[1].what();
  try {
    parse_scenario(text, "rules.yaml");
    ADD_FAILURE() << "accepted";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(std::string(e.what()), check.errors[0].what()) << "the loader stops at the first";
  }
}

TEST(CheckScenario, AMissingFileIsOneErrorWithoutAPosition) {
  const vaxsim::io::ScenarioCheck check = check_scenario("no/such/file.yaml");
  ASSERT_EQ(check.errors.size(), 1u);
  EXPECT_EQ(std::string(check.errors[0].what()),
            "no/such/file.yaml: cannot read the scenario: no such file");
}

// Fuzz finds: yaml-cpp 0.7 loops without end, taking memory, on a document or an override
// value whose first token is ','. Both are refused before yaml-cpp sees them.
TEST(FuzzFinds, AnOverrideValueStartingWithACommaIsRefusedNotHung) {
  const std::vector<vaxsim::io::Override> overrides = {{"name", ",025"}};
  try {
    parse_scenario(kBase, "base.yaml", overrides);
    ADD_FAILURE() << "accepted";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("override 'name=,025': the value is not valid YAML"),
              std::string::npos)
        << e.what();
  }
}

TEST(FuzzFinds, ASecondDocumentStartingWithACommaIsRefusedNotHung) {
  try {
    parse_scenario(std::string(kBase) + "---\n  &a ,\n", "base.yaml");
    ADD_FAILURE() << "accepted";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(std::string(e.what()),
              "base.yaml:23:6: a ',' where the scenario starts: a comma only separates the "
              "entries of a [list] or a {map}");
  }
}

// Each of these made yaml-cpp 0.7 loop without end: a ',' in a document's root context.
TEST(FuzzFinds, EveryRootCommaYamlCppLoopsOnIsRefused) {
  for (const char* text :
       {",\n", "  ,\n", "# c\n,\n", "---\n,\n", "&x ,\n", "!t ,\n", "[1],x\n", "[1] ,\n",
        "{a: 1},\n", "\"a\",\n", "'a',\n", "[1]\n,\n", "a: 1\n---\n[1],\n", "'it''s',\n"}) {
    EXPECT_THROW(parse_scenario(text, "t.yaml"), ScenarioError) << text;
  }
}

TEST(FuzzFinds, AWholeDocumentInBracesIsStillRead) {
  const vaxsim::io::ScenarioCheck check = check_scenario_text("{name: x}  # a comment\n", "t.yaml");
  ASSERT_EQ(check.errors.size(), 1u);
  EXPECT_EQ(check.errors[0].field(), "start") << "read as far as its missing keys";
}

TEST(ScenarioMessages, ControlBytesAreWrittenOutNotEchoed) {
  const ScenarioError e("f.yaml", 1, 1, "a\x01", "got '\x1b[31m'");
  EXPECT_EQ(std::string(e.what()), "f.yaml:1:1: a\\x01: got '\\x1b[31m'");
}

}  // namespace
