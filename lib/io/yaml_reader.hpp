#pragma once
// Private to vaxsim_io: the kit the scenario schema is read with (scenario_reader.hpp). It reads
// a YAML tree shape by shape and value by value, and fails at the first problem with an
// io::ScenarioError that says where it is. It knows no scenario keys.
//
// Conventions used in every error:
//   - line and column are 1-based (yaml-cpp marks are 0-based);
//   - a field path names schema keys with dots, list elements with their 0-based index and
//     entries of name-keyed maps with their name: `sites[2].hours[0].close`,
//     `prior.cities[Taiyuan].one_dose`, `supply.initial_stock[Sinopharm BBIBP]`;
//   - a missing key is reported at the map that lacks it, with the path of the missing key.

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vaxsim/io/scenario.hpp"
#include "vaxsim/io/scenario_error.hpp"
#include "vaxsim/sim/calendar.hpp"
#include "vaxsim/sim/distributions.hpp"
#include "vaxsim/sim/time.hpp"

namespace vaxsim::io::detail {

using sim::Date;

// ---- Where things are --------------------------------------------------------------------------

/// A node and the path that names it in error messages.
struct Field {
  YAML::Node node;
  std::string path;
};

inline std::string key_path(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}
inline std::string index_path(const std::string& parent, std::size_t i) {
  return parent + "[" + std::to_string(i) + "]";
}
inline std::string name_path(const std::string& parent, std::string_view name) {
  return parent + "[" + std::string(name) + "]";
}

inline YAML::Mark mark_of(const YAML::Node& node) {
  return node.IsDefined() ? node.Mark() : YAML::Mark::null_mark();
}

/// 1-based line and column of a mark; 0 and 0 when unknown.
inline std::pair<int, int> position(const YAML::Mark& mark) {
  if (mark.line < 0 || mark.column < 0) return {0, 0};
  return {mark.line + 1, mark.column + 1};
}

// ---- The reader's toolbox ----------------------------------------------------------------------

class Reader;

/// A YAML map whose keys are fixed by the schema: unknown and repeated keys are rejected when
/// it is opened, so a typo is reported as a typo, not as a missing key.
class MapView {
 public:
  MapView(const Reader& reader, Field field, std::initializer_list<std::string_view> keys);

  std::optional<Field> get(std::string_view key) const {
    for (const Entry& e : entries_) {
      if (e.key == key) return Field{e.value, key_path(field_.path, key)};
    }
    return std::nullopt;
  }
  bool has(std::string_view key) const { return get(key).has_value(); }
  Field need(std::string_view key) const;
  const Field& field() const { return field_; }

 private:
  struct Entry {
    std::string key;
    YAML::Node value;
  };
  const Reader& reader_;
  Field field_;
  std::vector<Entry> entries_;
};

/// An entry of a map keyed by names the scenario chooses (cities, products, groups).
struct NamedEntry {
  std::string name;
  Field key;  // the key node, for "unknown city" errors
  Field value;
};

/// Reads the nodes of one file: each function returns the value of a field or throws
/// ScenarioError at the field, naming the file.
class Reader {
 public:
  explicit Reader(std::string file_name) : file_(std::move(file_name)) {}

  const std::string& file() const { return file_; }

  [[noreturn]] void fail_at(const YAML::Mark& mark, const std::string& path,
                            const std::string& message) const {
    const auto [line, column] = position(mark);
    throw ScenarioError(file_, line, column, path, message);
  }
  [[noreturn]] void fail(const Field& f, const std::string& message) const {
    fail_at(mark_of(f.node), f.path, message);
  }

  /// An error of value (the value read is of the right type, so the rest of the file can still
  /// be read): thrown at once, or, when collecting (`vaxsim check`), kept and the reading goes on.
  void reject_at(const YAML::Mark& mark, const std::string& path, const std::string& message) const;
  void reject(const Field& f, const std::string& message) const {
    reject_at(mark_of(f.node), f.path, message);
  }
  /// Something possible but suspicious: kept, and the reading goes on.
  void warn(const Field& f, std::string code, const std::string& message) const;
  void collect_errors() { collect_ = true; }
  const std::vector<ScenarioError>& errors() const { return errors_; }
  const std::vector<ScenarioWarning>& warnings() const { return warnings_; }

  /// `x` read at `f`, checked against its plausible range: above `error_above` it cannot be
  /// meant (an error), above `warn_above` it probably is not (a warning). `unit` follows the
  /// number in the message ("minutes", "days"). Returns `x`, or `error_above` if rejected
  /// while collecting, so that what is read next is not thrown off by it.
  double plausible(const Field& f, double x, double warn_above, double error_above,
                   std::string_view unit) const;

  // ---- Shapes ----

  void expect_map(const Field& f) const;
  std::vector<Field> list(const Field& f) const;
  std::vector<Field> nonempty_list(const Field& f, std::string_view what) const;
  /// The entries of a name-keyed map, in file order; empty or repeated names are rejected.
  std::vector<NamedEntry> named_entries(const Field& f) const;

  // ---- Scalars ----

  std::string scalar(const Field& f, std::string_view expected) const;
  /// Text that is not empty.
  std::string text(const Field& f) const;
  /// A number; YAML's 1_000_000 is read, 1,000,000 is rejected with a hint.
  double number(const Field& f) const;
  double nonnegative(const Field& f) const;
  /// A number in [0, 1].
  double share(const Field& f) const;
  /// A whole number below 2^53; an override's scaled value is rounded here (kScaledTag).
  std::int64_t integer(const Field& f) const;
  /// A count of people, doses, sites...: a whole number >= `minimum` (0 or 1).
  std::int64_t count(const Field& f, std::int64_t minimum = 0) const;
  /// A small count stored in an `int` (desks, days...).
  int small_count(const Field& f, int minimum = 0) const;
  /// true / yes or false / no, in any case.
  bool boolean(const Field& f) const;
  /// YYYY-MM-DD.
  Date date(const Field& f) const;
  /// HH:MM.
  sim::Duration time_of_day(const Field& f) const;
  /// A name that must be one of `known`; returns its index.
  std::size_t lookup(const Field& f, const std::string& name, const std::vector<std::string>& known,
                     std::string_view what) const;

  // ---- Distributions ----

  struct ParsedDistribution {
    sim::Distribution distribution;
    double max = std::numeric_limits<double>::infinity();  // upper end of the support
  };

  /// A number (a constant) or a one-key map naming the family: {lognormal: {mean: 4, sd: 1.5}}.
  ParsedDistribution distribution(const Field& f) const;

  /// A two-element list [a, b], as in dated lists and empirical knots.
  std::pair<Field, Field> two_items(const Field& f, std::string_view expected) const;

 private:
  template <typename Make>
  sim::Distribution make(const Field& f, Make&& make_distribution) const;

  std::string file_;
  bool collect_ = false;
  mutable std::vector<ScenarioError> errors_;
  mutable std::vector<ScenarioWarning> warnings_;
};

}  // namespace vaxsim::io::detail
