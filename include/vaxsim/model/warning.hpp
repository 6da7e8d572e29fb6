#pragma once
// A warning: what the reader of an answer should know before trusting it (an assumption beyond
// the record, odds that cannot mean much, a scenario value outside its plausible range), with a
// code that tools can test for and, for a value of a scenario file, where it is.

#include <string>

namespace vaxsim::model {

struct Warning {
  std::string code;     // e.g. "desk_productivity_above_record"
  std::string message;  // one or two plain sentences
  // Where in the scenario, when it is about a value of the file (file empty: not located;
  // summary.json then writes no location). Initialised here so that Warning{code, message}
  // stays complete for -Wmissing-field-initializers.
  std::string file{};
  int line = 0;
  int column = 0;
  std::string field{};
};

}  // namespace vaxsim::model
