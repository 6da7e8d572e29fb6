// Overrides written into a scenario's text, in place: see write_overrides() in
// include/vaxsim/io/overrides.hpp.

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "apply_overrides.hpp"
#include "read_file.hpp"
#include "vaxsim/io/overrides.hpp"
#include "vaxsim/io/scenario_error.hpp"

namespace vaxsim::io {
namespace {

// The length of the scalar written at `at`: a quoted one to its closing quote, a plain one up to
// the end of the line, a comment, or the ',', ']' or '}' that ends it in a flow collection (the
// values an override writes in place are numbers, dates and times, which hold none of these).
std::size_t scalar_length(std::string_view text, std::size_t at) {
  if (at >= text.size()) return 0;
  const char quote = text[at];
  if (quote == '"' || quote == '\'') {
    for (std::size_t i = at + 1; i < text.size(); ++i) {
      if (quote == '"' && text[i] == '\\') {
        ++i;
      } else if (text[i] == quote) {
        if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
          ++i;  // '' is a quote inside single quotes
        } else {
          return i + 1 - at;
        }
      }
    }
    return text.size() - at;
  }
  std::size_t end = at;
  while (end < text.size() && text[end] != '\n' && text[end] != '\r' && text[end] != ',' &&
         text[end] != ']' && text[end] != '}' &&
         !(text[end] == '#' && end > at && (text[end - 1] == ' ' || text[end - 1] == '\t'))) {
    ++end;
  }
  while (end > at && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  return end - at;
}

}  // namespace

std::string write_overrides(std::string_view yaml, const std::string& file_name,
                            std::span<const Override> overrides) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    throw ScenarioError(file_name, e.mark.line + 1, e.mark.column + 1, "",
                        "malformed YAML: " + e.msg);
  }
  const detail::AppliedOverrides applied = detail::apply_overrides(root, overrides, file_name);
  // The last override to set a place wins, as when the overrides are applied in order.
  std::map<std::size_t, const detail::ValueEdit*> by_position;
  for (const detail::ValueEdit& edit : applied.edits()) {
    if (!edit.in_file) {
      throw ScenarioError(file_name, 0, 0, edit.path,
                          "override '" + edit.override_text +
                              "': cannot be written into the file, which has no value there to "
                              "replace; write the key in the file first");
    }
    by_position[edit.position] = &edit;
  }
  std::string out(yaml);
  for (auto it = by_position.rbegin(); it != by_position.rend(); ++it) {  // back to front
    const std::size_t length = scalar_length(out, it->first);
    out.replace(it->first, length, it->second->text);
  }
  return out;
}

std::string write_overrides(const std::filesystem::path& file,
                            std::span<const Override> overrides) {
  return write_overrides(detail::read_whole_file(file, "the scenario"), file.string(), overrides);
}

std::vector<std::string> values_at(const std::filesystem::path& file, const std::string& key) {
  const std::string text = detail::read_whole_file(file, "the scenario");
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw ScenarioError(file.string(), e.mark.line + 1, e.mark.column + 1, "",
                        "malformed YAML: " + e.msg);
  }
  // Setting the key (to anything) finds every place it selects; the tree is thrown away.
  const std::vector<Override> probe{{key, "0"}};
  const detail::AppliedOverrides applied = detail::apply_overrides(root, probe, file.string());
  std::vector<std::string> out;
  for (const detail::ValueEdit& edit : applied.edits()) out.push_back(edit.was);
  return out;
}

}  // namespace vaxsim::io
