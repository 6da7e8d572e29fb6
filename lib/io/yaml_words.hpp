#pragma once
// Private to vaxsim_io: a YAML syntax error in a planner's words, at the line of the fault.
// yaml-cpp reports a parser's view ("end of map not found") where the parser gave up, often a
// line or more after the mistake (an unclosed quote or bracket); this looks at the text for the
// usual mistakes (a tab in the indentation, an unclosed quote or bracket) and says what they are.

#include <yaml-cpp/exceptions.h>

#include <string>
#include <string_view>

namespace vaxsim::io::detail {

struct YamlFault {
  int line = 0;  // 1-based; 0 when unknown
  int column = 0;
  std::string message;
};

YamlFault explain_yaml_error(std::string_view text, const YAML::Exception& e);

/// Throws io::ScenarioError for text yaml-cpp must not be given: control bytes (not YAML), and a
/// ',' in a document's root context (yaml-cpp 0.7 loops on it without end; found by fuzzing).
void refuse_what_yaml_cpp_cannot_take(std::string_view yaml, const std::string& file_name);

}  // namespace vaxsim::io::detail
