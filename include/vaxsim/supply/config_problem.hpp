#pragma once
// One inconsistency in a config, the one problem type of every validate(): supply's (the cold
// chain) and the model's (the whole campaign, which includes supply's with its fields prefixed).
// The scenario loader maps each back to the file, line and column it came from.

#include <string>

namespace vaxsim::supply {

struct ConfigProblem {
  std::string field;    // a path such as "sites[3].hours[0].close" or "links[3].to"
  std::string message;  // what is wrong, e.g. "not after opening time"
};

}  // namespace vaxsim::supply
