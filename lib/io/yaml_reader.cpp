// The YAML reading kit (yaml_reader.hpp): shapes, scalars and distributions, each checked with an
// error at the node.

#include "yaml_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <stdexcept>

#include "apply_overrides.hpp"
#include "text_helpers.hpp"
#include "vaxsim/sim/number_text.hpp"

namespace vaxsim::io::detail {
namespace {

/// Integers are read through double when written as 1.5e6; beyond 2^53 doubles skip integers.
constexpr double kMaxExactInteger = 9007199254740992.0;
/// Keeps `int` fields and day arithmetic far from overflow.
constexpr std::int64_t kMaxSmallInt = 1'000'000;

}  // namespace

void Reader::expect_map(const Field& f) const {
  if (!f.node.IsMap()) fail(f, "expected a map of keys, got " + describe(f.node));
}

std::vector<Field> Reader::list(const Field& f) const {
  if (!f.node.IsSequence()) fail(f, "expected a list, got " + describe(f.node));
  std::vector<Field> items;
  std::size_t i = 0;
  for (const YAML::Node& item : f.node) items.push_back({item, index_path(f.path, i++)});
  return items;
}

std::vector<Field> Reader::nonempty_list(const Field& f, std::string_view what) const {
  std::vector<Field> items = list(f);
  if (items.empty()) fail(f, "needs at least one " + std::string(what));
  return items;
}

std::vector<NamedEntry> Reader::named_entries(const Field& f) const {
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

std::string Reader::scalar(const Field& f, std::string_view expected) const {
  if (!f.node.IsScalar()) {
    fail(f, "expected " + std::string(expected) + ", got " + describe(f.node));
  }
  return f.node.Scalar();
}

std::string Reader::text(const Field& f) const {
  std::string s = scalar(f, "text");
  if (s.empty()) fail(f, "must not be empty");
  return s;
}

double Reader::number(const Field& f) const {
  const std::string s = scalar(f, "a number");
  const std::optional<double> x = to_double(s);
  if (!x) {
    std::string hint;
    if (s.find(',') != std::string::npos) hint = " (write 1000000 or 1_000_000, not 1,000,000)";
    fail(f, "expected a number, got " + describe(f.node) + hint);
  }
  return *x;
}

double Reader::nonnegative(const Field& f) const {
  const double x = number(f);
  // Errors of value are reject()ed: `vaxsim check` goes on reading with a value in range.
  if (x < 0) {
    reject(f, "must not be negative, got " + sim::number_text(x));
    return 0;
  }
  return x;
}

double Reader::share(const Field& f) const {
  const double x = number(f);
  if (x < 0 || x > 1) {
    reject(f, "is a share and must lie in [0, 1], got " + sim::number_text(x));
    return x < 0 ? 0.0 : 1.0;
  }
  return x;
}

void Reader::reject_at(const YAML::Mark& mark, const std::string& path,
                       const std::string& message) const {
  if (!collect_) fail_at(mark, path, message);
  const auto [line, column] = position(mark);
  errors_.emplace_back(file_, line, column, path, message);
}

void Reader::warn(const Field& f, std::string code, const std::string& message) const {
  const auto [line, column] = position(mark_of(f.node));
  warnings_.push_back({file_, line, column, f.path, std::move(code), message});
}

namespace {
// A limit or count as a planner reads it: 2,000,000,000 rather than 2e+09.
std::string readable(double x) {
  if (!(x == std::floor(x) && std::abs(x) < 1e16)) return sim::number_text(x);
  std::string digits = std::to_string(static_cast<std::int64_t>(std::abs(x)));
  for (auto i = static_cast<std::ptrdiff_t>(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(static_cast<std::size_t>(i), ",");
  }
  return (x < 0 ? "-" : "") + digits;
}
}  // namespace

double Reader::plausible(const Field& f, double x, double warn_above, double error_above,
                         std::string_view unit) const {
  const std::string with_unit = unit.empty() ? "" : " " + std::string(unit);
  if (x > error_above) {
    reject(f, "is implausibly large: " + readable(x) + with_unit + " (at most " +
                  readable(error_above) + with_unit + ")");
    return error_above;
  }
  if (x > warn_above) {
    warn(f, "implausible_value",
         readable(x) + with_unit + " is more than the plausible " + readable(warn_above) +
             with_unit + "; is it meant?");
  }
  return x;
}

std::int64_t Reader::integer(const Field& f) const {
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

std::int64_t Reader::count(const Field& f, std::int64_t minimum) const {
  const std::int64_t n = integer(f);
  if (n < 0) {
    reject(f, "must not be negative, got " + std::to_string(n));
    return minimum;
  }
  if (n < minimum) {
    reject(f, "must be at least " + std::to_string(minimum) + ", got " + std::to_string(n));
    return minimum;
  }
  return n;
}

int Reader::small_count(const Field& f, int minimum) const {
  const std::int64_t n = count(f, minimum);
  if (n > kMaxSmallInt) {
    reject(f, "is implausibly large (more than " + std::to_string(kMaxSmallInt) + "), got " +
                  std::to_string(n));
    return static_cast<int>(kMaxSmallInt);
  }
  return static_cast<int>(n);
}

bool Reader::boolean(const Field& f) const {
  const std::string s = lower(scalar(f, "true or false"));
  if (s == "true" || s == "yes") return true;
  if (s == "false" || s == "no") return false;
  fail(f, "expected true or false, got " + describe(f.node));
}

Date Reader::date(const Field& f) const {
  const std::string s = scalar(f, "a date (YYYY-MM-DD)");
  try {
    return sim::parse_date(s);
  } catch (const std::invalid_argument& e) {
    fail(f, e.what());
  }
}

sim::Duration Reader::time_of_day(const Field& f) const {
  const std::string s = scalar(f, "a time of day (HH:MM)");
  try {
    return sim::parse_time_of_day(s);
  } catch (const std::invalid_argument& e) {
    // yaml-cpp tags a quoted scalar "!": the hint to quote is for unquoted times only, which
    // some YAML tools read as numbers.
    const bool quoted = f.node.Tag() == "!";
    const bool hhmm = s.size() == 5 && s[2] == ':';
    fail(f, std::string(e.what()) + (hhmm     ? " (times run from 00:00 to 24:00)"
                                     : quoted ? " (write hours and minutes: \"08:00\")"
                                              : " (quote it: \"08:00\")"));
  }
}

std::size_t Reader::lookup(const Field& f, const std::string& name,
                           const std::vector<std::string>& known, std::string_view what) const {
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

Reader::ParsedDistribution Reader::distribution(const Field& f) const {
  static constexpr std::string_view kFamilies[] = {
      "constant", "exponential", "lognormal", "gamma", "uniform", "truncated_normal", "empirical"};
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

std::pair<Field, Field> Reader::two_items(const Field& f, std::string_view expected) const {
  if (!f.node.IsSequence() || f.node.size() != 2) {
    fail(f, "expected " + std::string(expected) + ", got " + describe(f.node) +
                (f.node.IsSequence() ? " of " + std::to_string(f.node.size()) + " items" : ""));
  }
  return {Field{f.node[0], index_path(f.path, 0)}, Field{f.node[1], index_path(f.path, 1)}};
}

template <typename Make>
sim::Distribution Reader::make(const Field& f, Make&& make_distribution) const {
  try {
    return make_distribution();
  } catch (const std::invalid_argument& e) {
    fail(f, std::string("bad distribution: ") + e.what());
  }
}

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

}  // namespace vaxsim::io::detail
