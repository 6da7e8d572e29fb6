#pragma once
// Changes to a scenario given on the command line (`vaxsim sweep --vary KEY=V1,V2`), applied to
// the YAML tree before it is read and validated, so a changed scenario is checked exactly like
// a written one. The syntax is documented in docs/scenario-format.md, "Overrides":
//
//   KEY    a path in the scenario file, as error messages write it: keys joined with dots, list
//          elements by 0-based index ([-1] is the last), list elements with a `name` and entries
//          of name-keyed maps by name, and [*] for every element or entry:
//            sites[*].hours[-1].close    supply.deliveries[0].doses
//            sites[hospital].desks       targets.city_daily_doses[Taiyuan]
//          A missing key of a map is added (the reader then rejects it if the schema has no
//          such key); a missing list element or name is an error.
//   VALUE  a YAML value, written as in the file ("20:00", 5, [0.4, 0.5], {uniform: {lo: 1,
//          hi: 2}}); or x1.25 (multiply the number there by 1.25) or +25% / -10% (multiply by
//          1.25 / 0.9). A scaled count (any field the schema wants whole) is rounded to the
//          nearest whole number; other numbers keep their fraction.
//
// Problems are io::ScenarioError naming the override and the path, e.g.
//   plan.yaml:52:3: sites[0].hourz: override 'sites[*].hourz[-1].close=20:00': no key 'hourz'
//   here (did you mean 'hours'?)

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vaxsim/io/scenario.hpp"

namespace vaxsim::io {

struct Override {
  std::string key;
  std::string value;
  /// A number the reader rounds wherever the schema wants a whole one, and keeps as it is
  /// elsewhere, as it does a scaled number: for a caller that searches a key's values without
  /// knowing whether the key counts (a calibration).
  bool rounded = false;
};

/// Splits "KEY=VALUE" at the first '=' outside brackets. Throws std::invalid_argument when there
/// is no '=' or no key.
Override parse_override(std::string_view text);

/// "KEY=VALUE", as in messages.
std::string to_string(const Override& o);

/// load_scenario() with the overrides applied in order to the file's YAML before it is read.
Scenario load_scenario(const std::filesystem::path& file, std::span<const Override> overrides);

/// The scenario's text with the overrides written into it: each value an override sets is
/// replaced where it stands, so the file's comments and layout stay (how `vaxsim calibrate`
/// writes calibrated.yaml). A scaled whole number is written rounded, as the reader would read
/// it. Throws ScenarioError, like parse_scenario(), for an override it cannot apply, and for one
/// that sets a value not written in the file (a key the override adds, or a list or map put in
/// place of a value): there is no place to write it.
std::string write_overrides(std::string_view yaml, const std::string& file_name,
                            std::span<const Override> overrides);

/// The same for a scenario file, read as load_scenario() reads it.
std::string write_overrides(const std::filesystem::path& file, std::span<const Override> overrides);

/// The values a key selects in a scenario file, as written there (a scalar each; empty text for
/// a list or map), in the order an override would set them: what a calibration starts from.
/// Throws ScenarioError as an override with that key would.
std::vector<std::string> values_at(const std::filesystem::path& file, const std::string& key);

/// parse_scenario() with overrides.
Scenario parse_scenario(std::string_view yaml, const std::string& file_name,
                        std::span<const Override> overrides);

}  // namespace vaxsim::io
