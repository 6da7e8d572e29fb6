// Scenario files (YAML) to a validated CampaignConfig, with file:line:col errors.
//
// The schema is documented key by key in docs/scenario-format.md. Conventions used in every error:
//   - line and column are 1-based (yaml-cpp marks are 0-based);
//   - a field path names schema keys with dots, list elements with their 0-based index and
//     entries of name-keyed maps with their name: `sites[2].hours[0].close`,
//     `prior.cities[Taiyuan].one_dose`, `supply.initial_stock[Sinopharm BBIBP]`;
//   - a missing key is reported at the map that lacks it, with the path of the missing key.
//
// The rules are model::validate()'s, one book for files and configs built in code. The loader
// checks shapes and types, and many rules as it reads, to quote the value read (with a few
// plausibility checks of its own for files); then it runs model::validate() and maps a problem
// only that finds back to the nearest YAML node recorded while reading.

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "apply_overrides.hpp"
#include "text_helpers.hpp"
#include "vaxsim/io/overrides.hpp"
#include "vaxsim/io/scenario.hpp"
#include "vaxsim/io/scenario_error.hpp"
#include "vaxsim/model/campaign_config.hpp"
#include "vaxsim/sim/calendar.hpp"
#include "vaxsim/sim/distributions.hpp"
#include "vaxsim/supply/allocation.hpp"

namespace vaxsim::io {
namespace {

using sim::Date;

/// Rounding slack when shares are added up (0.1 + 0.2 + 0.7 is not exactly 1 in binary).
constexpr double kShareTolerance = 1e-9;
/// Integers are read through double when written as 1.5e6; beyond 2^53 doubles skip integers.
constexpr double kMaxExactInteger = 9007199254740992.0;
/// Keeps `int` fields and day arithmetic far from overflow.
constexpr std::int64_t kMaxSmallInt = 1'000'000;

// ---- Text helpers ------------------------------------------------------------------------------

using detail::closest;
using detail::describe;
using detail::edit_distance;
using detail::lower;
using detail::quote;

template <typename Range>
std::string join(const Range& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += std::string(item);
  }
  return out;
}

std::string format_number(double x) { return sim::detail::format_number(x); }

/// Removes underscores between digits ("14_910_000"), as YAML 1.1 allows in numbers.
std::string strip_digit_separators(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool separator = s[i] == '_' && i > 0 && i + 1 < s.size() &&
                           std::isdigit(static_cast<unsigned char>(s[i - 1])) != 0 &&
                           std::isdigit(static_cast<unsigned char>(s[i + 1])) != 0;
    if (!separator) out += s[i];
  }
  return out;
}

std::optional<double> to_double(std::string_view text) {
  std::string s = strip_digit_separators(text);
  if (!s.empty() && s.front() == '+') s.erase(0, 1);
  if (s.empty()) return std::nullopt;
  double value = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || ptr != s.data() + s.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::string date_text(Date d) { return sim::format_date(d); }

// ---- Where things are --------------------------------------------------------------------------

/// A node and the path that names it in error messages.
struct Field {
  YAML::Node node;
  std::string path;
};

std::string key_path(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}
std::string index_path(const std::string& parent, std::size_t i) {
  return parent + "[" + std::to_string(i) + "]";
}
std::string name_path(const std::string& parent, std::string_view name) {
  return parent + "[" + std::string(name) + "]";
}

YAML::Mark mark_of(const YAML::Node& node) {
  return node.IsDefined() ? node.Mark() : YAML::Mark::null_mark();
}

/// 1-based line and column of a mark; 0 and 0 when unknown.
std::pair<int, int> position(const YAML::Mark& mark) {
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

  // ---- Shapes ----

  void expect_map(const Field& f) const {
    if (!f.node.IsMap()) fail(f, "expected a map of keys, got " + describe(f.node));
  }

  std::vector<Field> list(const Field& f) const {
    if (!f.node.IsSequence()) fail(f, "expected a list, got " + describe(f.node));
    std::vector<Field> items;
    std::size_t i = 0;
    for (const YAML::Node& item : f.node) items.push_back({item, index_path(f.path, i++)});
    return items;
  }

  std::vector<Field> nonempty_list(const Field& f, std::string_view what) const {
    std::vector<Field> items = list(f);
    if (items.empty()) fail(f, "needs at least one " + std::string(what));
    return items;
  }

  std::vector<NamedEntry> named_entries(const Field& f) const {
    expect_map(f);
    std::vector<NamedEntry> out;
    std::map<std::string, int> seen;  // name -> line
    for (const auto& kv : f.node) {
      const YAML::Node key = kv.first;
      if (!key.IsScalar() || key.Scalar().empty()) {
        fail_at(mark_of(key), f.path, "expected a name as key, got " + describe(key));
      }
      const std::string name = key.Scalar();
      const std::string path = name_path(f.path, name);
      const int line = position(mark_of(key)).first;
      if (const auto it = seen.find(name); it != seen.end()) {
        fail_at(mark_of(key), path,
                quote(name) + " appears twice (first on line " + std::to_string(it->second) + ")");
      }
      seen.emplace(name, line);
      out.push_back({name, Field{key, path}, Field{kv.second, path}});
    }
    return out;
  }

  // ---- Scalars ----

  std::string scalar(const Field& f, std::string_view expected) const {
    if (!f.node.IsScalar()) {
      fail(f, "expected " + std::string(expected) + ", got " + describe(f.node));
    }
    return f.node.Scalar();
  }

  std::string text(const Field& f) const {
    std::string s = scalar(f, "text");
    if (s.empty()) fail(f, "must not be empty");
    return s;
  }

  double number(const Field& f) const {
    const std::string s = scalar(f, "a number");
    const std::optional<double> x = to_double(s);
    if (!x) {
      std::string hint;
      if (s.find(',') != std::string::npos) hint = " (write 1000000 or 1_000_000, not 1,000,000)";
      fail(f, "expected a number, got " + describe(f.node) + hint);
    }
    return *x;
  }

  double nonnegative(const Field& f) const {
    const double x = number(f);
    if (x < 0) fail(f, "must not be negative, got " + format_number(x));
    return x;
  }

  double share(const Field& f) const {
    const double x = number(f);
    if (x < 0 || x > 1) fail(f, "is a share and must lie in [0, 1], got " + format_number(x));
    return x;
  }

  std::int64_t integer(const Field& f) const {
    const std::string s = scalar(f, "a whole number");
    const std::optional<double> x = to_double(s);
    if (!x) {
      std::string hint;
      if (s.find(',') != std::string::npos) hint = " (write 1000000 or 1_000_000, not 1,000,000)";
      fail(f, "expected a whole number, got " + describe(f.node) + hint);
    }
    if (std::abs(*x) >= kMaxExactInteger) fail(f, "is too large: " + s);
    if (f.node.Tag() == detail::kScaledTag) return static_cast<std::int64_t>(std::round(*x));
    if (*x != std::floor(*x)) fail(f, "must be a whole number, got " + s);
    return static_cast<std::int64_t>(*x);
  }

  /// A count of people, doses, sites...: a whole number >= `minimum` (0 or 1).
  std::int64_t count(const Field& f, std::int64_t minimum = 0) const {
    const std::int64_t n = integer(f);
    if (n < 0) fail(f, "must not be negative, got " + std::to_string(n));
    if (n < minimum)
      fail(f, "must be at least " + std::to_string(minimum) + ", got " + std::to_string(n));
    return n;
  }

  /// A small count stored in an `int` (desks, days...).
  int small_count(const Field& f, int minimum = 0) const {
    const std::int64_t n = count(f, minimum);
    if (n > kMaxSmallInt) {
      fail(f, "is implausibly large (more than " + std::to_string(kMaxSmallInt) + "), got " +
                  std::to_string(n));
    }
    return static_cast<int>(n);
  }

  bool boolean(const Field& f) const {
    const std::string s = lower(scalar(f, "true or false"));
    if (s == "true" || s == "yes") return true;
    if (s == "false" || s == "no") return false;
    fail(f, "expected true or false, got " + describe(f.node));
  }

  Date date(const Field& f) const {
    const std::string s = scalar(f, "a date (YYYY-MM-DD)");
    try {
      return sim::parse_date(s);
    } catch (const std::invalid_argument& e) {
      fail(f, e.what());
    }
  }

  sim::Duration time_of_day(const Field& f) const {
    const std::string s = scalar(f, "a time of day (HH:MM)");
    try {
      return sim::parse_time_of_day(s);
    } catch (const std::invalid_argument& e) {
      fail(f, std::string(e.what()) + " (quote it: \"08:00\")");
    }
  }

  /// A name that must be one of `known`; returns its index.
  std::size_t lookup(const Field& f, const std::string& name, const std::vector<std::string>& known,
                     std::string_view what) const {
    const auto it = std::find(known.begin(), known.end(), name);
    if (it != known.end()) return static_cast<std::size_t>(it - known.begin());
    std::string message = "unknown " + std::string(what) + " " + quote(name);
    if (const auto guess = closest(name, known)) {
      message += " (did you mean " + quote(*guess) + "?)";
    } else {
      message += "; known: " + join(known);
    }
    fail(f, message);
  }

  // ---- Distributions ----

  struct ParsedDistribution {
    sim::Distribution distribution;
    double max = std::numeric_limits<double>::infinity();  // upper end of the support
  };

  ParsedDistribution distribution(const Field& f) const {
    static constexpr std::string_view kFamilies[] = {"constant", "exponential", "lognormal",
                                                     "gamma",    "uniform",     "truncated_normal",
                                                     "empirical"};
    const std::string shape_hint =
        "a distribution is a number (a constant) or a one-key map such as "
        "{lognormal: {mean: 4, sd: 1.5}}";
    if (f.node.IsScalar()) {
      const double x = number(f);
      return {make(f, [&] { return sim::Distribution::constant(x); }), x};
    }
    if (!f.node.IsMap()) fail(f, "expected " + shape_hint + ", got " + describe(f.node));
    if (f.node.size() != 1) {
      fail(f, shape_hint + "; got " + std::to_string(f.node.size()) + " keys");
    }
    const auto kv = *f.node.begin();
    const YAML::Node key = kv.first;
    if (!key.IsScalar()) fail(f, shape_hint);
    const std::string family = key.Scalar();
    const Field params{kv.second, key_path(f.path, family)};
    if (family == "constant") {
      const double x = number(params);
      return {make(params, [&] { return sim::Distribution::constant(x); }), x};
    }
    if (family == "exponential") {
      const MapView m(*this, params, {"mean"});
      const double mean = number(m.need("mean"));
      return {make(params, [&] { return sim::Distribution::exponential(mean); })};
    }
    if (family == "lognormal") {
      const MapView m(*this, params, {"mean", "sd"});
      const double mean = number(m.need("mean"));
      const double sd = number(m.need("sd"));
      return {make(params, [&] { return sim::Distribution::lognormal(mean, sd); })};
    }
    if (family == "gamma") {
      const MapView m(*this, params, {"shape", "scale"});
      const double shape = number(m.need("shape"));
      const double scale = number(m.need("scale"));
      return {make(params, [&] { return sim::Distribution::gamma(shape, scale); })};
    }
    if (family == "uniform") {
      const MapView m(*this, params, {"lo", "hi"});
      const double lo = number(m.need("lo"));
      const double hi = number(m.need("hi"));
      return {make(params, [&] { return sim::Distribution::uniform(lo, hi); }), hi};
    }
    if (family == "truncated_normal") {
      const MapView m(*this, params, {"mean", "sd", "lo", "hi"});
      constexpr double kInf = std::numeric_limits<double>::infinity();
      const double mean = number(m.need("mean"));
      const double sd = number(m.need("sd"));
      const double lo = m.has("lo") ? number(*m.get("lo")) : -kInf;
      const double hi = m.has("hi") ? number(*m.get("hi")) : kInf;
      return {make(params, [&] { return sim::Distribution::truncated_normal(mean, sd, lo, hi); }),
              hi};
    }
    if (family == "empirical") {
      std::vector<sim::Distribution::Point> points;
      for (const Field& item : list(params)) {
        const auto [x_field, cdf_field] = two_items(item, "an [x, F] pair");
        points.push_back({number(x_field), number(cdf_field)});
      }
      const double max = points.empty() ? 0.0 : points.back().x;
      return {make(params, [&] { return sim::Distribution::empirical(points); }), max};
    }
    std::string message = "unknown distribution " + quote(family);
    if (const auto guess = closest(family, kFamilies)) {
      message += " (did you mean " + quote(*guess) + "?)";
    } else {
      message += "; known: " + join(kFamilies);
    }
    fail_at(mark_of(key), params.path, message);
  }

  /// A two-element list [a, b], as in dated lists and empirical knots.
  std::pair<Field, Field> two_items(const Field& f, std::string_view expected) const {
    if (!f.node.IsSequence() || f.node.size() != 2) {
      fail(f, "expected " + std::string(expected) + ", got " + describe(f.node) +
                  (f.node.IsSequence() ? " of " + std::to_string(f.node.size()) + " items" : ""));
    }
    return {Field{f.node[0], index_path(f.path, 0)}, Field{f.node[1], index_path(f.path, 1)}};
  }

 private:
  template <typename Make>
  sim::Distribution make(const Field& f, Make&& make_distribution) const {
    try {
      return make_distribution();
    } catch (const std::invalid_argument& e) {
      fail(f, std::string("bad distribution: ") + e.what());
    }
  }

  std::string file_;
};

MapView::MapView(const Reader& reader, Field field, std::initializer_list<std::string_view> keys)
    : reader_(reader), field_(std::move(field)) {
  reader_.expect_map(field_);
  std::map<std::string, int> seen;  // key -> line
  for (const auto& kv : field_.node) {
    const YAML::Node key = kv.first;
    if (!key.IsScalar()) {
      reader_.fail_at(mark_of(key), field_.path, "expected a key, got " + describe(key));
    }
    const std::string name = key.Scalar();
    const std::string path = key_path(field_.path, name);
    if (std::find(keys.begin(), keys.end(), name) == keys.end()) {
      std::string message = "unknown key " + quote(name);
      if (!name.empty() && std::all_of(name.begin(), name.end(), [](char ch) {
            return std::isdigit(static_cast<unsigned char>(ch)) != 0;
          })) {
        message +=
            " (a number written with commas? In YAML a comma separates entries: write "
            "1318505 or 1_318_505)";
      } else if (const auto guess = closest(name, keys)) {
        message += " (did you mean " + quote(*guess) + "?)";
      } else {
        message += "; expected one of: " + join(keys);
      }
      reader_.fail_at(mark_of(key), path, message);
    }
    if (const auto it = seen.find(name); it != seen.end()) {
      reader_.fail_at(mark_of(key), path,
                      "key " + quote(name) + " appears twice (first on line " +
                          std::to_string(it->second) + ")");
    }
    seen.emplace(name, position(mark_of(key)).first);
    entries_.push_back({name, kv.second});
  }
}

Field MapView::need(std::string_view key) const {
  if (auto f = get(key)) return *f;
  reader_.fail_at(mark_of(field_.node), key_path(field_.path, key),
                  "missing required key " + quote(key));
}

// ---- The scenario schema -----------------------------------------------------------------------

/// Where a part of the config came from, to place problems model::validate() finds.
struct Origin {
  std::string config_path;  // e.g. "sites[57]"
  std::string yaml_path;    // e.g. "sites[2]"
  YAML::Node node;
};

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

class ScenarioReader : public Reader {
 public:
  using Reader::Reader;

  Scenario read(const YAML::Node& root) {
    const Field top{root, ""};
    if (root.IsNull() || !root.IsDefined()) {
      fail_at(YAML::Mark::null_mark(), "", "the scenario is empty");
    }
    const MapView m(*this, top,
                    {"name", "description", "seed", "start", "end", "assumptions", "products",
                     "groups", "cities", "staff", "sites", "demand", "policies", "supply",
                     "targets", "prior", "uncertainty"});
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
    return scenario;
  }

 private:
  // ---- Campaign dates ----

  void read_dates(const MapView& m) {
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

  std::string campaign_text() const {
    return date_text(config_.start) + " to " + date_text(config_.end);
  }

  Date date_in_campaign(const Field& f) const {
    const Date d = date(f);
    if (d < config_.start || d > config_.end) {
      fail(f, date_text(d) + " is outside the campaign (" + campaign_text() + ")");
    }
    return d;
  }

  /// Checks that `d` comes strictly after `previous` in a dated list.
  void check_increasing(const Field& f, std::optional<Date> previous, Date d) const {
    if (previous && !(*previous < d)) {
      fail(f, "dates must increase: " + date_text(d) + " is not after the previous " +
                  date_text(*previous));
    }
  }

  /// [[date, value], ...] with strictly increasing dates (any dates: the curve is flat beyond
  /// its ends). `value` reads one number.
  template <typename Value>
  model::DatedCurve dated_curve(const Field& f, Value&& value) const {
    model::DatedCurve curve;
    std::optional<Date> previous;
    for (const Field& item : list(f)) {
      const auto [date_field, value_field] = two_items(item, "a [date, value] pair");
      const Date d = date(date_field);
      check_increasing(date_field, previous, d);
      previous = d;
      curve.points.emplace_back(d, value(value_field));
    }
    return curve;
  }

  // ---- Products ----

  void read_products(const Field& f) {
    note("products", f);
    for (const Field& item : nonempty_list(f, "product")) {
      const MapView m(*this, item,
                      {"name", "interval_days", "return_after_days", "shelf_life_days"});
      model::Product p;
      const Field name = m.need("name");
      p.name = text(name);
      check_unique(name, p.name, product_names_, "product", "products");
      if (const auto interval = m.get("interval_days")) {
        const MapView im(*this, *interval, {"min", "max"});
        if (const auto lo = im.get("min")) p.min_interval_days = small_count(*lo);
        if (const auto hi = im.get("max")) p.max_interval_days = small_count(*hi);
        if (p.min_interval_days > p.max_interval_days) {
          fail(im.has("max") ? *im.get("max") : *interval,
               "the interval's minimum (" + std::to_string(p.min_interval_days) +
                   " days) exceeds its maximum (" + std::to_string(p.max_interval_days) + " days)");
        }
      }
      if (const auto ret = m.get("return_after_days")) {
        p.return_after_days = distribution(*ret).distribution;
        if (p.return_after_days.min() < 0) {
          fail(*ret, "a return can't be before the first dose: the distribution reaches " +
                         format_number(p.return_after_days.min()) + " days");
        }
      } else {
        p.return_after_days = sim::Distribution::constant(p.min_interval_days);
      }
      if (const auto life = m.get("shelf_life_days")) p.shelf_life_days = small_count(*life, 1);
      note(index_path("products", config_.products.size()), item);
      product_names_.push_back(p.name);
      config_.products.push_back(std::move(p));
    }
  }

  /// Rejects a name already in `known`, the names of the list at `list_path` so far.
  void check_unique(const Field& name_field, const std::string& name,
                    const std::vector<std::string>& known, std::string_view what,
                    const std::string& list_path) const {
    const auto it = std::find(known.begin(), known.end(), name);
    if (it != known.end()) {
      const auto index = static_cast<std::size_t>(it - known.begin());
      fail(name_field, "duplicate " + std::string(what) + " name " + quote(name) +
                           " (already used by " + index_path(list_path, index) + ")");
    }
  }

  // ---- Groups ----

  void read_groups(const Field& f) {
    note("groups", f);
    double sum = 0;
    for (const Field& item : nonempty_list(f, "group")) {
      const MapView m(*this, item, {"name", "share", "eligible_from", "uptake"});
      model::PopulationGroup g;
      const Field name = m.need("name");
      g.name = text(name);
      check_unique(name, g.name, group_names_, "group", "groups");
      const Field share_field = m.need("share");
      g.share = share(share_field);
      sum += g.share;
      if (sum > 1.0 + kShareTolerance) {
        fail(share_field, "group shares add up to " + format_number(sum) +
                              " with this group; they must not exceed 1");
      }
      g.eligible_from = config_.start;
      if (const auto e = m.get("eligible_from")) g.eligible_from = eligibility(*e);
      if (const auto u = m.get("uptake")) g.uptake = share(*u);
      note(index_path("groups", config_.groups.size()), item);
      group_names_.push_back(g.name);
      config_.groups.push_back(std::move(g));
    }
  }

  /// A date no later than the campaign's end, or `never` (none).
  std::optional<Date> eligibility(const Field& f) const {
    static constexpr std::string_view kNever[] = {"never"};
    const std::string s = scalar(f, "a date (YYYY-MM-DD) or `never`");
    if (lower(s) == "never") return std::nullopt;
    if (s.empty() || std::isdigit(static_cast<unsigned char>(s.front())) == 0) {
      std::string message = "expected a date (YYYY-MM-DD) or `never`, got " + describe(f.node);
      if (closest(s, kNever)) message += " (did you mean 'never'?)";
      fail(f, message);
    }
    const Date d = date(f);
    if (d > config_.end) {
      fail(f, date_text(d) + " is after the campaign ends (" + date_text(config_.end) +
                  "); write `never` for a group that is not eligible");
    }
    return d;
  }

  // ---- Cities ----

  void read_cities(const Field& f) {
    note("cities", f);
    for (const Field& item : nonempty_list(f, "city")) {
      const MapView m(*this, item, {"name", "residents", "group_shares", "staff"});
      model::City city;
      const Field name = m.need("name");
      city.name = text(name);
      if (city.name == "all") fail(name, "'all' is reserved (it means every city in `sites`)");
      check_unique(name, city.name, city_names_, "city", "cities");
      city.residents = count(m.need("residents"), 1);
      if (const auto gs = m.get("group_shares")) {
        for (const model::PopulationGroup& g : config_.groups) city.group_shares.push_back(g.share);
        for (const NamedEntry& e : named_entries(*gs)) {
          const std::size_t g = lookup(e.key, e.name, group_names_, "group");
          city.group_shares[g] = share(e.value);
        }
        double sum = 0;
        for (const double s : city.group_shares) sum += s;
        if (sum > 1.0 + kShareTolerance) {
          fail(*gs,
               "the city's group shares (with the groups' own shares for groups not "
               "listed) add up to " +
                   format_number(sum) + "; they must not exceed 1");
        }
      }
      if (const auto staff = m.get("staff")) {
        city.staff =
            dated_curve(*staff, [&](const Field& v) { return static_cast<double>(count(v)); });
        city_has_staff_ = true;
      }
      note(index_path("cities", config_.cities.size()), item);
      city_names_.push_back(city.name);
      config_.cities.push_back(std::move(city));
    }
  }

  std::vector<double> resident_weights() const {
    std::vector<double> w;
    for (const model::City& c : config_.cities) w.push_back(static_cast<double>(c.residents));
    return w;
  }

  std::vector<std::int64_t> split_by_residents(std::int64_t total) const {
    const std::vector<double> w = resident_weights();
    return supply::split_in_proportion(total, w);
  }

  void read_province_staff(const Field& f) {
    if (city_has_staff_) {
      fail(f, "give staff either for the province (here) or per city, not both");
    }
    const model::DatedCurve total =
        dated_curve(f, [&](const Field& v) { return static_cast<double>(count(v)); });
    for (const auto& [d, n] : total.points) {
      const std::vector<std::int64_t> parts = split_by_residents(static_cast<std::int64_t>(n));
      for (std::size_t c = 0; c < config_.cities.size(); ++c) {
        config_.cities[c].staff.points.emplace_back(d, static_cast<double>(parts[c]));
      }
    }
  }

  // ---- Sites ----

  void read_sites(const Field& f) {
    note("sites", f);
    std::vector<std::string> family_names;
    std::vector<std::string> expanded_names;
    for (const Field& item : nonempty_list(f, "site")) {
      const MapView m(*this, item,
                      {"name", "city", "kind", "count", "growth", "desks", "staff_per_desk",
                       "observation_seats", "observation_minutes", "service_minutes", "hours",
                       "closed_on", "stops", "store"});
      model::SiteSpec s;
      const Field name = m.need("name");
      s.name = text(name);
      check_unique(name, s.name, family_names, "site", "sites");
      family_names.push_back(s.name);

      const Field city_field = m.need("city");
      const std::string city_name = text(city_field);
      const bool all_cities = city_name == "all";
      if (!all_cities) s.city = lookup(city_field, city_name, city_names_, "city");

      const std::optional<Field> store = m.get("store");
      if (store) s.store = text(*store);  // a county node, checked with the cold chain
      if (const auto k = m.get("kind")) s.kind = site_kind(*k);
      if (const auto n = m.get("count")) s.count = small_count(*n);
      if (const auto g = m.get("growth"))
        s.growth = dated_curve(*g, [&](const Field& v) { return share(v); });
      if (const auto d = m.get("desks")) s.desks = small_count(*d);
      if (const auto d = m.get("staff_per_desk")) s.staff_per_desk = small_count(*d, 1);
      if (const auto d = m.get("observation_seats")) s.observation_seats = small_count(*d);
      if (const auto d = m.get("observation_minutes")) {
        s.observation = sim::from_minutes(nonnegative(*d));
      }
      if (const auto d = m.get("service_minutes")) {
        s.service_minutes = distribution(*d).distribution;
        if (s.service_minutes.min() < 0) {
          fail(*d, "a service time can't be negative: the distribution reaches " +
                       format_number(s.service_minutes.min()) + " minutes");
        }
        if (!(s.service_minutes.mean() > 0)) fail(*d, "the mean service time must be positive");
      }
      const Field hours = m.need("hours");
      s.hours = opening_hours(hours);
      if (const auto c = m.get("closed_on")) s.closed_on = closed_days(*c);
      if (const auto st = m.get("stops")) {
        if (s.kind != model::SiteKind::mobile) {
          fail(*st, "stops are for mobile sites only (set `kind: mobile`)");
        }
        s.stops = mobile_stops(*st);
      }

      // One SiteSpec per city: the family itself, or its share of each city.
      std::vector<std::pair<std::size_t, int>> parts;  // (city, count)
      if (all_cities) {
        const std::vector<std::int64_t> counts = split_by_residents(s.count);
        for (std::size_t c = 0; c < counts.size(); ++c) {
          if (counts[c] > 0) parts.emplace_back(c, static_cast<int>(counts[c]));
        }
      } else {
        parts.emplace_back(s.city, s.count);
      }
      for (const auto& [city, n] : parts) {
        model::SiteSpec spec = s;
        spec.city = city;
        spec.count = n;
        if (all_cities) spec.name = s.name + "/" + city_names_[city];
        if (std::find(expanded_names.begin(), expanded_names.end(), spec.name) !=
            expanded_names.end()) {
          fail(name, "the site name " + quote(spec.name) + " is used twice once `city: all` " +
                         "families are split by city; rename one of them");
        }
        expanded_names.push_back(spec.name);
        const std::string config_path = index_path("sites", config_.sites.size());
        note(config_path, item);
        if (store) note(config_path + ".store", *store);
        for (std::size_t h = 0; h < spec.hours.size(); ++h) {
          note(index_path(config_path + ".hours", h),
               Field{hours.node[h], index_path(hours.path, h)});
        }
        config_.sites.push_back(std::move(spec));
      }
    }
  }

  model::SiteKind site_kind(const Field& f) const {
    static constexpr std::string_view kKinds[] = {"fixed", "temporary", "mobile"};
    const std::string k = text(f);
    if (k == "fixed") return model::SiteKind::fixed;
    if (k == "temporary") return model::SiteKind::temporary;
    if (k == "mobile") return model::SiteKind::mobile;
    std::string message = "unknown site kind " + quote(k);
    if (const auto guess = closest(k, kKinds)) message += " (did you mean " + quote(*guess) + "?)";
    fail(f, message + "; expected one of: " + join(kKinds));
  }

  std::vector<model::OpeningHours> opening_hours(const Field& f) const {
    std::vector<model::OpeningHours> out;
    std::optional<Date> previous;
    for (const Field& item : nonempty_list(f, "opening-hours entry")) {
      const MapView m(*this, item, {"from", "open", "close"});
      model::OpeningHours h;
      if (const auto from = m.get("from")) {
        h.from = date_in_campaign(*from);
        if (out.empty() && h.from != config_.start) {
          fail(*from, "the first opening hours must apply from the campaign start (" +
                          date_text(config_.start) + "); leave out `from` on the first entry");
        }
        check_increasing(*from, previous, h.from);
      } else if (out.empty()) {
        h.from = config_.start;
      } else {
        m.need("from");  // throws: only the first entry may leave it out
      }
      previous = h.from;
      const Field open = m.need("open");
      const Field close = m.need("close");
      h.open = time_of_day(open);
      h.close = time_of_day(close);
      if (h.close <= h.open) {
        fail(close, "closing time " + sim::format_time_of_day(h.close) +
                        " is not after opening time " + sim::format_time_of_day(h.open));
      }
      out.push_back(h);
    }
    return out;
  }

  std::vector<Date> closed_days(const Field& f) const {
    std::vector<Date> out;
    std::optional<Date> previous;
    for (const Field& item : list(f)) {
      const Date d = date_in_campaign(item);
      check_increasing(item, previous, d);
      previous = d;
      out.push_back(d);
    }
    return out;
  }

  std::vector<model::MobileStop> mobile_stops(const Field& f) const {
    std::vector<model::MobileStop> out;
    for (const Field& item : list(f)) {
      const MapView m(*this, item, {"from", "to", "place"});
      model::MobileStop stop;
      const Field from = m.need("from");
      const Field to = m.need("to");
      stop.from = date_in_campaign(from);
      stop.to = date_in_campaign(to);
      if (stop.to < stop.from) {
        fail(to, "the stop ends (" + date_text(stop.to) + ") before it starts (" +
                     date_text(stop.from) + ")");
      }
      if (!out.empty() && !(out.back().to < stop.from)) {
        fail(from, "stops must follow each other: " + date_text(stop.from) +
                       " is not after the previous stop's end " + date_text(out.back().to));
      }
      if (const auto p = m.get("place")) stop.place = text(*p);
      out.push_back(std::move(stop));
    }
    return out;
  }

  // ---- Demand ----

  void read_demand(const Field& f) {
    const MapView m(*this, f,
                    {"registered", "booking_fill", "no_show", "walk_in_rate", "arrival_profile"});
    model::Demand& d = config_.demand;
    note("demand", f);
    if (const auto r = m.get("registered")) {
      d.registered = dated_curve(*r, [&](const Field& v) { return share(v); });
      for (std::size_t i = 1; i < d.registered.points.size(); ++i) {
        if (d.registered.points[i].second < d.registered.points[i - 1].second) {
          fail(Field{r->node[i][1], index_path(index_path(r->path, i), 1)},
               "registration cannot go down (" + format_number(d.registered.points[i].second) +
                   " after " + format_number(d.registered.points[i - 1].second) + ")");
        }
      }
    }
    if (const auto b = m.get("booking_fill")) {
      d.booking_fill = share(*b);
      if (d.booking_fill == 0) fail(*b, "must be above 0: nobody could book");
    }
    if (const auto n = m.get("no_show")) {
      d.no_show = share(*n);
      if (d.no_show >= 1) fail(*n, "must be below 1: nobody would ever come");
    }
    if (const auto w = m.get("walk_in_rate")) d.walk_in_rate = share(*w);
    if (const auto a = m.get("arrival_profile")) {
      const ParsedDistribution p = distribution(*a);
      if (p.distribution.min() < 0 || !(p.max <= 1)) {
        fail(*a,
             "arrival times are shares of the opening hours: the distribution must lie "
             "within [0, 1] (e.g. {uniform: {lo: 0, hi: 1}} or an empirical CDF on [0, 1])");
      }
      d.arrival_profile = p.distribution;
    }
  }

  // ---- Uncertainty ----

  void read_uncertainty(const Field& f) {
    note("uncertainty", f);
    const MapView m(*this, f,
                    {"delivery_quantity_factor", "delivery_delay_days", "uptake_factor", "no_show",
                     "service_time_factor", "staff_absence"});
    model::Uncertainty& u = config_.uncertainty;
    // Factors, delays and shares: none may be negative; shares may not exceed 1.
    const auto read = [&](std::string_view key, std::optional<sim::Distribution>& out, double max) {
      const auto field = m.get(key);
      if (!field) return;
      const ParsedDistribution p = distribution(*field);
      if (p.distribution.min() < 0) fail(*field, "the distribution must not go below 0");
      if (!(p.max <= max)) {
        fail(*field,
             "the distribution must stay within [0, " + format_number(max) + "]: it is a share");
      }
      out = p.distribution;
    };
    constexpr double kAny = std::numeric_limits<double>::infinity();
    read("delivery_quantity_factor", u.delivery_quantity_factor, kAny);
    read("delivery_delay_days", u.delivery_delay_days, kAny);
    read("uptake_factor", u.uptake_factor, kAny);
    read("no_show", u.no_show, 1.0);
    read("service_time_factor", u.service_time_factor, kAny);
    read("staff_absence", u.staff_absence, 1.0);
  }

  // ---- Dose policies ----

  void read_policies(const Field& f) {
    note("policies", f);
    std::optional<Date> previous;
    for (const Field& item : list(f)) {
      const MapView m(*this, item,
                      {"from", "first_doses", "second_doses_first", "reserve_second_dose_days"});
      model::DosePolicy p;
      const Field from = m.need("from");
      p.from = date_in_campaign(from);
      check_increasing(from, previous, p.from);
      previous = p.from;
      if (const auto b = m.get("first_doses")) p.first_doses = boolean(*b);
      if (const auto b = m.get("second_doses_first")) p.second_doses_first = boolean(*b);
      if (const auto r = m.get("reserve_second_dose_days")) {
        p.reserve_second_dose_days = small_count(*r);
      }
      note(index_path("policies", config_.policies.size()), item);
      config_.policies.push_back(p);
    }
  }

  // ---- Supply ----

  void read_supply(const Field& f) {
    const MapView m(*this, f,
                    {"allocation", "allocation_every_days", "lead_days", "site_cover_days",
                     "wastage_rate", "initial_stock", "deliveries", "cold_chain"});
    supply::SupplyPlan& s = config_.supply;
    note("supply", f);
    const std::string policy_name =
        m.has("allocation") ? text(*m.get("allocation")) : std::string("population");
    s.allocation = supply::make_allocation_policy(policy_name);
    if (!s.allocation) {
      static const std::vector<std::string> kPolicies = {"population", "backlog", "capacity",
                                                         "second_doses_first"};
      lookup(*m.get("allocation"), policy_name, kPolicies, "allocation policy");
    }
    if (const auto d = m.get("allocation_every_days")) s.allocation_every_days = small_count(*d, 1);
    if (const auto d = m.get("lead_days")) s.lead_days = small_count(*d);
    if (const auto d = m.get("site_cover_days")) s.site_cover_days = small_count(*d, 1);
    if (const auto w = m.get("wastage_rate")) {
      s.wastage_rate = share(*w);
      if (s.wastage_rate >= 1) fail(*w, "must be below 1: every dose would be wasted");
    }
    if (const auto stock = m.get("initial_stock")) {
      s.initial_stock.assign(config_.products.size(), 0);
      for (const NamedEntry& e : named_entries(*stock)) {
        const std::size_t p = lookup(e.key, e.name, product_names_, "product");
        s.initial_stock[p] = count(e.value);
      }
    }
    if (const auto d = m.get("deliveries")) read_deliveries(*d);
    if (const auto d = m.get("cold_chain")) read_cold_chain(*d);
  }

  // The province -> city network: one truck fleet (link) per city, `all` for the defaults and a
  // city's name for its own values; then the county stores, each with its city and its own fleet
  // from the city.
  void read_cold_chain(const Field& f) {
    note("supply.cold_chain", f);
    const MapView m(*this, f, {"province", "province_storage", "links", "counties"});
    supply::ColdChainConfig net;
    const std::string province = m.has("province") ? text(*m.get("province")) : "province CDC";
    const std::int64_t province_storage =
        m.has("province_storage") ? storage(*m.get("province_storage")) : supply::unlimited;
    net.nodes.push_back({province, supply::NodeKind::province, province_storage});

    struct Fleet {
      int lead_days = 1;
      std::optional<int> trucks;  // required: without trucks no dose would ever move
      std::optional<std::int64_t> doses_per_truck;
      double trips_per_day = 1.0;
      std::int64_t storage = supply::unlimited;
    };
    const auto fleet_from = [&](const MapView& fm, Fleet fleet) {
      if (const auto v = fm.get("lead_days")) fleet.lead_days = small_count(*v);
      if (const auto v = fm.get("trucks")) fleet.trucks = small_count(*v);
      if (const auto v = fm.get("doses_per_truck")) fleet.doses_per_truck = count(*v);
      if (const auto v = fm.get("trips_per_day")) {
        fleet.trips_per_day = number(*v);
        if (!(fleet.trips_per_day >= 0)) fail(*v, "must not be negative");
      }
      if (const auto v = fm.get("storage")) fleet.storage = storage(*v);
      return fleet;
    };
    const auto read_fleet = [&](const Field& item, Fleet fleet) {
      return fleet_from(
          MapView(*this, item,
                  {"lead_days", "trucks", "doses_per_truck", "trips_per_day", "storage"}),
          fleet);
    };
    const Field links = m.need("links");
    Fleet defaults;
    std::vector<std::optional<Fleet>> own(config_.cities.size());
    std::vector<std::optional<Field>> own_entry(config_.cities.size());
    const std::vector<NamedEntry> entries = named_entries(links);
    for (const NamedEntry& e : entries) {
      if (e.name == "all") defaults = read_fleet(e.value, defaults);
    }
    for (const NamedEntry& e : entries) {
      if (e.name == "all") continue;
      const std::size_t c = lookup(e.key, e.name, city_names_, "city");
      own[c] = read_fleet(e.value, defaults);
      own_entry[c] = e.value;
    }
    for (std::size_t c = 0; c < config_.cities.size(); ++c) {
      const Fleet fleet = own[c].value_or(defaults);
      for (const auto& [given, key] :
           {std::pair{fleet.trucks.has_value(), "trucks"},
            std::pair{fleet.doses_per_truck.has_value(), "doses_per_truck"}}) {
        if (given) continue;
        const Field& at = own_entry[c] ? *own_entry[c] : links;
        const std::string& city = config_.cities[c].name;
        fail_at(mark_of(at.node), "supply.cold_chain.links[" + city + "]." + key,
                "missing: give it under `all` or `" + city +
                    "`; without it no dose would ever reach " + city);
      }
      net.nodes.push_back({config_.cities[c].name, supply::NodeKind::city, fleet.storage});
      net.links.push_back(
          {0, c + 1, fleet.lead_days, *fleet.trucks, *fleet.doses_per_truck, fleet.trips_per_day});
    }
    if (const auto counties = m.get("counties")) {
      for (const NamedEntry& e : named_entries(*counties)) {
        const MapView cm(
            *this, e.value,
            {"city", "lead_days", "trucks", "doses_per_truck", "trips_per_day", "storage"});
        const Field city = cm.need("city");
        const std::size_t c = lookup(city, text(city), city_names_, "city");
        cm.need("trucks");  // a county without trucks would never get a dose
        cm.need("doses_per_truck");
        const Fleet fleet = fleet_from(cm, Fleet{});
        note(index_path("supply.cold_chain.nodes", net.nodes.size()), e.value);
        note(index_path("supply.cold_chain.links", net.links.size()), e.value);
        net.links.push_back({c + 1, net.nodes.size(), fleet.lead_days, *fleet.trucks,
                             *fleet.doses_per_truck, fleet.trips_per_day});
        net.nodes.push_back({e.name, supply::NodeKind::county, fleet.storage});
      }
    }
    config_.supply.cold_chain = std::move(net);
  }

  /// Doses of cold storage: a count, or `unlimited`.
  std::int64_t storage(const Field& f) const {
    if (f.node.IsScalar() && lower(f.node.Scalar()) == "unlimited") return supply::unlimited;
    return count(f);
  }

  void read_deliveries(const Field& f) {
    note("supply.deliveries", f);
    std::vector<supply::Delivery>& out = config_.supply.deliveries;
    std::vector<std::pair<supply::Delivery, Field>> all;
    for (const Field& item : list(f)) {
      const MapView m(*this, item,
                      {"product", "doses", "date", "from", "to", "every_days", "expires"});
      const Field product = m.need("product");
      const std::size_t p = lookup(product, text(product), product_names_, "product");
      const std::int64_t doses = count(m.need("doses"));
      const bool repeating = m.has("from") || m.has("to") || m.has("every_days");
      if (m.has("date") && repeating) {
        fail(*m.get("date"),
             "give either `date` (one delivery) or `from`, `to` and "
             "`every_days` (a repeating delivery), not both");
      }
      if (!repeating) {
        const Date d = date_in_campaign(m.need("date"));
        supply::Delivery delivery{d, p, doses};
        if (const auto e = m.get("expires")) {
          delivery.expires = date(*e);
          if (!(d < *delivery.expires)) {
            fail(*e, "the doses would expire (" + date_text(*delivery.expires) +
                         ") before they could be used: not after the delivery date " +
                         date_text(d));
          }
        }
        all.push_back({delivery, item});
        continue;
      }
      if (const auto e = m.get("expires")) {
        fail(*e,
             "`expires` dates one delivery (`date`); the doses of repeating deliveries expire "
             "by the product's `shelf_life_days`");
      }
      const Field from_field = m.need("from");
      const Date from = date_in_campaign(from_field);
      Date to = config_.end;
      if (const auto t = m.get("to")) {
        to = date_in_campaign(*t);
        if (to < from) {
          fail(*t, "the deliveries end (" + date_text(to) + ") before they start (" +
                       date_text(from) + ")");
        }
      }
      const int every = small_count(m.need("every_days"), 1);
      for (std::chrono::sys_days day{from}; day <= std::chrono::sys_days{to};
           day += std::chrono::days{every}) {
        all.push_back({supply::Delivery{Date{day}, p, doses}, item});
      }
    }
    std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
      return std::chrono::sys_days{a.first.date} < std::chrono::sys_days{b.first.date};
    });
    for (const auto& [delivery, item] : all) {
      note(index_path("supply.deliveries", out.size()), item);
      out.push_back(delivery);
    }
  }

  // ---- Targets ----

  void read_targets(const std::optional<Field>& f) {
    model::Targets& t = config_.targets;
    t.daily_from = config_.start;
    t.deadline = config_.end;
    t.coverage_base = 0;
    for (const model::City& c : config_.cities) t.coverage_base += c.residents;
    if (!f) return;
    const MapView m(
        *this, *f,
        {"daily_doses", "daily_from", "deadline", "people_fully_vaccinated", "doses",
         "coverage_levels", "coverage_base", "city_daily_doses", "reference_open_hours"});
    note("targets", *f);
    if (const auto d = m.get("daily_doses")) t.daily_doses = count(*d);
    if (const auto d = m.get("daily_from")) t.daily_from = date_in_campaign(*d);
    if (const auto d = m.get("deadline")) t.deadline = date_in_campaign(*d);
    if (const auto d = m.get("people_fully_vaccinated")) t.people_fully_vaccinated = count(*d);
    if (const auto d = m.get("doses")) t.doses = count(*d);
    if (const auto d = m.get("coverage_base")) t.coverage_base = count(*d, 1);
    if (const auto levels = m.get("coverage_levels")) {
      for (const Field& item : list(*levels)) {
        const double x = share(item);
        if (!t.coverage_levels.empty() && !(t.coverage_levels.back() < x)) {
          fail(item, "coverage levels must increase: " + format_number(x) +
                         " is not above the previous " + format_number(t.coverage_levels.back()));
        }
        t.coverage_levels.push_back(x);
      }
    }
    if (const auto h = m.get("reference_open_hours")) {
      t.reference_open_hours = number(*h);
      if (!(t.reference_open_hours > 0 && t.reference_open_hours <= 24)) {
        fail(*h, "hours a day must lie in (0, 24], got " + format_number(t.reference_open_hours));
      }
    }
    if (const auto per_city = m.get("city_daily_doses")) {
      const std::vector<NamedEntry> entries = named_entries(*per_city);
      for (const NamedEntry& e : entries) {  // `all` first, whatever its place
        if (e.name == "all") {
          for (model::City& c : config_.cities) c.daily_target = count(e.value);
        }
      }
      for (const NamedEntry& e : entries) {
        if (e.name == "all") continue;
        const std::size_t c = lookup(e.key, e.name, city_names_, "city");
        config_.cities[c].daily_target = count(e.value);
      }
    }
  }

  // ---- Prior vaccinations ----

  void read_prior(const Field& f) {
    note("prior", f);
    const MapView m(*this, f,
                    {"first_doses_from", "first_doses_to", "product_shares", "total", "cities"});
    const std::size_t n = config_.cities.size();
    std::vector<model::PriorVaccinations> prior(n);
    if (m.has("total") && m.has("cities")) {
      fail(*m.get("cities"), "give either `total` (split by residents) or `cities`, not both");
    }
    if (const auto total = m.get("total")) {
      const MapView tm(*this, *total, {"one_dose", "two_doses"});
      const std::int64_t one = tm.has("one_dose") ? count(*tm.get("one_dose")) : 0;
      const std::int64_t two = tm.has("two_doses") ? count(*tm.get("two_doses")) : 0;
      const std::vector<std::int64_t> ones = split_by_residents(one);
      const std::vector<std::int64_t> twos = split_by_residents(two);
      for (std::size_t c = 0; c < n; ++c) {
        prior[c].one_dose = ones[c];
        prior[c].two_doses = twos[c];
        check_prior_fits(*total, c, prior[c]);
        note(index_path("prior", c), *total);
      }
    }
    if (const auto cities = m.get("cities")) {
      for (const NamedEntry& e : named_entries(*cities)) {
        const std::size_t c = lookup(e.key, e.name, city_names_, "city");
        const MapView cm(*this, e.value, {"one_dose", "two_doses"});
        if (const auto one = cm.get("one_dose")) prior[c].one_dose = count(*one);
        if (const auto two = cm.get("two_doses")) prior[c].two_doses = count(*two);
        check_prior_fits(e.value, c, prior[c]);
        note(index_path("prior", c), e.value);
      }
    }
    std::int64_t one_dose_total = 0;
    for (const model::PriorVaccinations& p : prior) one_dose_total += p.one_dose;

    // When the one-dose people had their first dose: needed to know when they come back.
    Date from = Date{std::chrono::sys_days{config_.start} - std::chrono::days{1}};
    Date to = from;
    const auto from_field = m.get("first_doses_from");
    const auto to_field = m.get("first_doses_to");
    if (one_dose_total > 0 && !from_field) m.need("first_doses_from");
    if (one_dose_total > 0 && !to_field) m.need("first_doses_to");
    if (from_field) from = before_start(*from_field);
    if (to_field) to = before_start(*to_field);
    if (to < from) {
      fail(*to_field,
           "first doses end (" + date_text(to) + ") before they start (" + date_text(from) + ")");
    }
    if ((std::chrono::sys_days{config_.start} - std::chrono::sys_days{from}).count() > 20000) {
      fail(*from_field, "is too long before the campaign start");
    }

    std::vector<double> shares;
    if (const auto ps = m.get("product_shares")) {
      shares.assign(config_.products.size(), 0.0);
      double sum = 0;
      for (const NamedEntry& e : named_entries(*ps)) {
        const std::size_t p = lookup(e.key, e.name, product_names_, "product");
        shares[p] = share(e.value);
        sum += shares[p];
      }
      if (std::abs(sum - 1.0) > 1e-6) {
        fail(*ps, "product shares add up to " + format_number(sum) + "; they must add up to 1");
      }
    }
    for (model::PriorVaccinations& p : prior) {
      p.first_doses_from = from;
      p.first_doses_to = to;
      p.product_shares = shares;
    }
    config_.prior = std::move(prior);
  }

  Date before_start(const Field& f) const {
    const Date d = date(f);
    if (!(d < config_.start)) {
      fail(f, "vaccinations before the campaign must be dated before its start (" +
                  date_text(config_.start) + "), got " + date_text(d));
    }
    return d;
  }

  void check_prior_fits(const Field& f, std::size_t c, const model::PriorVaccinations& p) const {
    const std::int64_t residents = config_.cities[c].residents;
    if (p.one_dose + p.two_doses > residents) {
      fail(f, "more people vaccinated before the start in " + city_names_[c] + " (" +
                  std::to_string(p.one_dose + p.two_doses) + ") than it has residents (" +
                  std::to_string(residents) + ")");
    }
  }

  // ---- Assumptions ----

  std::vector<Assumption> read_assumptions(const Field& f) const {
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

  void note(std::string config_path, const Field& f) {
    origins_.push_back({std::move(config_path), f.path, f.node});
  }

  /// Runs model::validate() and reports its first problem at the nearest recorded node, or at
  /// the key below it that the problem names.
  void run_model_validation() const {
    const std::vector<model::ConfigProblem> problems = model::validate(config_);
    if (problems.empty()) return;
    const model::ConfigProblem& p = problems.front();
    const Origin* best = nullptr;
    for (const Origin& o : origins_) {
      const std::string& cp = o.config_path;
      const bool prefix =
          p.field.compare(0, cp.size(), cp) == 0 &&
          (p.field.size() == cp.size() || p.field[cp.size()] == '.' || p.field[cp.size()] == '[');
      if (prefix && (best == nullptr || cp.size() > best->config_path.size())) best = &o;
    }
    if (best == nullptr) fail_at(YAML::Mark::null_mark(), p.field, p.message);
    const std::string rest = p.field.substr(best->config_path.size());
    fail_at(mark_of(node_at(best->node, rest)), best->yaml_path + rest, p.message);
  }

  model::CampaignConfig config_;
  std::vector<std::string> product_names_;
  std::vector<std::string> group_names_;
  std::vector<std::string> city_names_;
  bool city_has_staff_ = false;
  std::vector<Origin> origins_;
};

}  // namespace

Scenario parse_scenario(std::string_view yaml, const std::string& file_name) {
  return parse_scenario(yaml, file_name, {});
}

Scenario parse_scenario(std::string_view yaml, const std::string& file_name,
                        std::span<const Override> overrides) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    const auto [line, column] = position(e.mark);
    throw ScenarioError(file_name, line, column, "", "malformed YAML: " + e.msg);
  }
  const detail::AppliedOverrides applied = detail::apply_overrides(root, overrides, file_name);
  try {
    ScenarioReader reader(file_name);
    return reader.read(root);
  } catch (const ScenarioError& e) {
    throw applied.explain(e);           // names the override behind a problem
  } catch (const YAML::Exception& e) {  // not expected: the reader checks shapes first
    const auto [line, column] = position(e.mark);
    throw ScenarioError(file_name, line, column, "", "cannot read the scenario: " + e.msg);
  }
}

Scenario load_scenario(const std::filesystem::path& file) { return load_scenario(file, {}); }

Scenario load_scenario(const std::filesystem::path& file, std::span<const Override> overrides) {
  const std::string name = file.string();
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (!std::filesystem::exists(status)) {
    throw ScenarioError(name, 0, 0, "", "cannot read the scenario: no such file");
  }
  if (std::filesystem::is_directory(status)) {
    throw ScenarioError(name, 0, 0, "", "cannot read the scenario: it is a directory");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ScenarioError(name, 0, 0, "", "cannot read the scenario: cannot open the file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw ScenarioError(name, 0, 0, "", "cannot read the scenario: read error");
  Scenario scenario = parse_scenario(text.str(), name, overrides);
  scenario.file = file;
  return scenario;
}

}  // namespace vaxsim::io
