#pragma once
// Private to vaxsim_io: applying overrides to a parsed YAML tree (see io/overrides.hpp), used by
// the loader between parsing and reading, and the tag an override leaves for the reader.

#include <yaml-cpp/yaml.h>

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "vaxsim/io/overrides.hpp"
#include "vaxsim/io/scenario_error.hpp"

namespace vaxsim::io::detail {

/// The tag of a scalar an override scaled: the reader rounds such a value where it wants a whole
/// number (and only there).
inline constexpr const char* kScaledTag = "!vaxsim/scaled";

/// A value an override set, where it stood in the file: what write_overrides() needs to write
/// the change in place.
struct ValueEdit {
  std::string path;
  std::string override_text;
  bool in_file = false;      // the value replaced a scalar of the file, at `position`
  std::size_t position = 0;  // of the scalar's first character in the text
  std::string text;          // the new value, as YAML text
  std::string was;           // the scalar it replaced, as read (empty for a list or map)
};

/// What the overrides changed, to say so in the reader's error messages.
class AppliedOverrides {
 public:
  void add(std::string path, std::string override_text) {
    changed_.emplace_back(std::move(path), std::move(override_text));
  }
  void add_edit(ValueEdit edit) { edits_.push_back(std::move(edit)); }
  const std::vector<ValueEdit>& edits() const { return edits_; }
  /// `error` again, its message ending in "(after the override 'KEY=VALUE')" when its field lies
  /// at, below or above a path an override changed.
  ScenarioError explain(const ScenarioError& error) const;

 private:
  std::vector<std::pair<std::string, std::string>> changed_;  // path, "KEY=VALUE"
  std::vector<ValueEdit> edits_;
};

/// Applies the overrides in order to `root`. Throws ScenarioError (file `file_name`) naming the
/// override and the path for a bad key, a path that leads nowhere or a value that cannot be set.
AppliedOverrides apply_overrides(YAML::Node& root, std::span<const Override> overrides,
                                 const std::string& file_name);

}  // namespace vaxsim::io::detail
