// Scenario files (YAML) to a validated CampaignConfig, with file:line:col errors: the entry
// points, and the top level of the schema (scenario_reader.hpp), its campaign dates and
// assumptions, and the safety net that places a problem model::validate() finds.

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <span>
#include <sstream>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "apply_overrides.hpp"
#include "read_file.hpp"
#include "scenario_reader.hpp"
#include "vaxsim/io/overrides.hpp"
#include "vaxsim/io/scenario.hpp"
#include "vaxsim/io/scenario_error.hpp"
#include "vaxsim/model/campaign_config.hpp"
#include "yaml_words.hpp"

namespace vaxsim::io {
namespace detail {

Scenario ScenarioReader::read(const YAML::Node& root) {
  const Field top{root, ""};
  if (root.IsNull() || !root.IsDefined()) {
    YAML::Mark first_line = YAML::Mark::null_mark();  // placed, so editors can jump to it
    first_line.line = first_line.column = 0;
    fail_at(first_line, "", "the scenario is empty");
  }
  const MapView m(
      *this, top,
      {"name", "description", "seed", "start", "end", "assumptions", "products", "groups", "cities",
       "staff", "sites", "demand", "policies", "supply", "targets", "prior", "uncertainty"});
  Scenario scenario;
  model::CampaignConfig& c = config_;
  c.name = text(m.need("name"));
  if (const auto f = m.get("description")) scenario.description = scalar(*f, "text");
  if (const auto f = m.get("seed")) {
    scenario.seed = static_cast<std::uint64_t>(count(*f));
  }
  read_dates(m);
  read_products(m.need("products"));
  read_groups(m.need("groups"));
  read_cities(m.need("cities"));
  if (const auto f = m.get("staff")) read_province_staff(*f);
  read_sites(m.need("sites"));
  if (const auto f = m.get("demand")) read_demand(*f);
  if (const auto f = m.get("policies")) read_policies(*f);
  read_supply(m.need("supply"));
  read_targets(m.get("targets"));
  if (const auto f = m.get("prior")) read_prior(*f);
  if (const auto f = m.get("uncertainty")) read_uncertainty(*f);
  if (const auto f = m.get("assumptions")) scenario.assumptions = read_assumptions(*f);
  run_model_validation();
  scenario.campaign = std::move(config_);
  scenario.warnings = warnings();
  return scenario;
}

// ---- Campaign dates ----

void ScenarioReader::read_dates(const MapView& m) {
  const Field start = m.need("start");
  const Field end = m.need("end");
  config_.start = date(start);
  config_.end = date(end);
  if (config_.end < config_.start) {
    fail(end, "the campaign ends (" + date_text(config_.end) + ") before it starts (" +
                  date_text(config_.start) + ")");
  }
  const auto days =
      (std::chrono::sys_days{config_.end} - std::chrono::sys_days{config_.start}).count() + 1;
  if (days > 20000) fail(end, "the campaign is longer than 20,000 days");
  note("start", start);
  note("end", end);
}

std::string ScenarioReader::campaign_text() const {
  return date_text(config_.start) + " to " + date_text(config_.end);
}

Date ScenarioReader::date_in_campaign(const Field& f) const {
  const Date d = date(f);
  if (d < config_.start || d > config_.end) {
    reject(f, date_text(d) + " is outside the campaign (" + campaign_text() + ")");
    return d < config_.start ? config_.start : config_.end;
  }
  return d;
}

void ScenarioReader::check_increasing(const Field& f, std::optional<Date> previous, Date d) const {
  if (previous && !(*previous < d)) {
    fail(f, "dates must increase: " + date_text(d) + " is not after the previous " +
                date_text(*previous));
  }
}

// ---- Assumptions ----

std::vector<Assumption> ScenarioReader::read_assumptions(const Field& f) const {
  std::vector<Assumption> out;
  for (const Field& item : list(f)) {
    const MapView m(*this, item, {"what", "value", "source"});
    Assumption a;
    a.what = text(m.need("what"));
    a.value = text(m.need("value"));
    a.source = text(m.need("source"));
    out.push_back(std::move(a));
  }
  return out;
}

// ---- The safety net ----

/// The node that `rest` (".key" and "[index]" steps, as in a problem's field) names below `node`,
/// or the last one on the way that the YAML has.
YAML::Node node_at(YAML::Node node, std::string_view rest) {
  while (rest.size() > 1) {
    const YAML::Node& here = node;  // const: looking a key up must not add it
    YAML::Node next;
    std::size_t step_end = 0;
    if (rest.front() == '[') {
      step_end = rest.find(']');
      if (step_end == std::string_view::npos || !here.IsSequence()) break;
      std::size_t i = 0;
      const std::string_view digits = rest.substr(1, step_end - 1);
      const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), i);
      if (ec != std::errc{} || ptr != digits.data() + digits.size() || i >= here.size()) break;
      next.reset(here[i]);
      ++step_end;
    } else if (rest.front() == '.') {
      step_end = std::min(rest.find_first_of(".[", 1), rest.size());
      if (!here.IsMap()) break;
      next.reset(here[std::string(rest.substr(1, step_end - 1))]);
    } else {
      break;
    }
    if (!next.IsDefined()) break;
    node.reset(next);
    rest.remove_prefix(step_end);
  }
  return node;
}

/// Runs model::validate() and reports its problems (the first, unless collecting) at the
/// nearest recorded node, or at the key below it that the problem names.
void ScenarioReader::run_model_validation() const {
  // When collecting, the values already rejected were replaced by their limits; model::validate
  // still judges the rest.
  for (const model::ConfigProblem& p : model::validate(config_)) {
    const Origin* best = nullptr;
    for (const Origin& o : origins_) {
      const std::string& cp = o.config_path;
      const bool prefix =
          p.field.compare(0, cp.size(), cp) == 0 &&
          (p.field.size() == cp.size() || p.field[cp.size()] == '.' || p.field[cp.size()] == '[');
      if (prefix && (best == nullptr || cp.size() > best->config_path.size())) best = &o;
    }
    if (best == nullptr) {
      reject_at(YAML::Mark::null_mark(), p.field, p.message);
      continue;
    }
    const std::string rest = p.field.substr(best->config_path.size());
    reject_at(mark_of(node_at(best->node, rest)), best->yaml_path + rest, p.message);
  }
}

}  // namespace detail

Scenario parse_scenario(std::string_view yaml, const std::string& file_name) {
  return parse_scenario(yaml, file_name, {});
}

namespace {

// The file's one YAML document. yaml-cpp's own words for a syntax error are a parser's ("end of
// map not found"); the planner's come first (yaml_words.hpp), at the line of the fault.
YAML::Node load_yaml(std::string_view yaml, const std::string& file_name) {
  detail::refuse_what_yaml_cpp_cannot_take(yaml, file_name);
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(std::string(yaml));
  } catch (const YAML::Exception& e) {
    const detail::YamlFault fault = detail::explain_yaml_error(yaml, e);
    throw ScenarioError(file_name, fault.line, fault.column, "", fault.message);
  }
  if (documents.size() > 1) {
    // A second document is not read: what the planner wrote there would be silently lost.
    const auto [doc_line, doc_column] = detail::position(documents[1].Mark());
    throw ScenarioError(file_name, doc_line, doc_column, "",
                        "a second YAML document (after '---'): a scenario is one document; "
                        "remove the '---' line or move what follows into a file of its own");
  }
  return documents.empty() ? YAML::Node{} : documents.front();
}

}  // namespace

Scenario parse_scenario(std::string_view yaml, const std::string& file_name,
                        std::span<const Override> overrides) {
  YAML::Node root = load_yaml(yaml, file_name);
  const detail::AppliedOverrides applied = detail::apply_overrides(root, overrides, file_name);
  try {
    detail::ScenarioReader reader(file_name);
    return reader.read(root);
  } catch (const ScenarioError& e) {
    throw applied.explain(e);           // names the override behind a problem
  } catch (const YAML::Exception& e) {  // not expected: the reader checks shapes first
    const auto [line, column] = detail::position(e.mark);
    throw ScenarioError(file_name, line, column, "", "cannot read the scenario: " + e.msg);
  }
}

ScenarioCheck check_scenario_text(std::string_view yaml, const std::string& file_name) {
  ScenarioCheck check;
  detail::ScenarioReader reader(file_name);
  reader.collect_errors();
  try {
    const YAML::Node root = load_yaml(yaml, file_name);
    reader.read(root);
  } catch (const ScenarioError& e) {
    check.errors = reader.errors();
    check.errors.push_back(e);  // a problem of shape: the reading stopped there
    check.warnings = reader.warnings();
    return check;
  } catch (const YAML::Exception& e) {
    const auto [line, column] = detail::position(e.mark);
    check.errors.emplace_back(file_name, line, column, "", "cannot read the scenario: " + e.msg);
  }
  check.errors.insert(check.errors.end(), reader.errors().begin(), reader.errors().end());
  check.warnings = reader.warnings();
  return check;
}

ScenarioCheck check_scenario(const std::filesystem::path& file) {
  try {
    return check_scenario_text(detail::read_whole_file(file, "the scenario"), file.string());
  } catch (const ScenarioError& e) {  // missing or unreadable
    return {{e}, {}};
  }
}

Scenario load_scenario(const std::filesystem::path& file) { return load_scenario(file, {}); }

Scenario load_scenario(const std::filesystem::path& file, std::span<const Override> overrides) {
  const std::string text = detail::read_whole_file(file, "the scenario");
  Scenario scenario = parse_scenario(text, file.string(), overrides);
  scenario.file = file;
  return scenario;
}

}  // namespace vaxsim::io
