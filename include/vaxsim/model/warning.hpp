#pragma once
// A warning: what the reader of an answer should know before trusting it (an assumption beyond
// the record, odds that cannot mean much), with a code that tools can test for.

#include <string>

namespace vaxsim::model {

struct Warning {
  std::string code;     // e.g. "desk_productivity_above_record"
  std::string message;  // one or two plain sentences
};

}  // namespace vaxsim::model
