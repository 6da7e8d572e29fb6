// Overrides: KEY=VALUE changes applied to a scenario's YAML tree before it is read (syntax in
// include/vaxsim/io/overrides.hpp and docs/scenario-format.md, "Overrides").

#include "vaxsim/io/overrides.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "apply_overrides.hpp"
#include "text_helpers.hpp"
#include "vaxsim/io/scenario_error.hpp"
#include "vaxsim/sim/number_text.hpp"
#include "yaml_words.hpp"

namespace vaxsim::io {
namespace {

using detail::closest;
using detail::describe;
using detail::quote;
using detail::to_double;

// ---- Keys --------------------------------------------------------------------------------------

struct Segment {
  enum class Kind { key, index, name, all };
  Kind kind = Kind::key;
  std::string text;     // the key or name
  long long index = 0;  // for Kind::index; negative counts from the end
};

std::optional<long long> whole(std::string_view s) {
  long long value = 0;
  const char* begin = s.data();
  const char* end = s.data() + s.size();
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (s.empty() || ec != std::errc{} || ptr != end) return std::nullopt;
  return value;
}

/// Splits a key into segments; the message of std::invalid_argument says what is wrong.
std::vector<Segment> parse_key(std::string_view key) {
  std::vector<Segment> out;
  std::size_t i = 0;
  const auto read_name = [&] {
    const std::size_t start = i;
    while (i < key.size() && key[i] != '.' && key[i] != '[' && key[i] != ']') ++i;
    if (i == start) {
      throw std::invalid_argument(i < key.size()
                                      ? "expected a key name before " + quote(key.substr(i, 1)) +
                                            " at position " + std::to_string(i + 1)
                                      : std::string("ends with '.'"));
    }
    out.push_back({Segment::Kind::key, std::string(key.substr(start, i - start)), 0});
  };
  if (key.empty()) throw std::invalid_argument("is empty");
  if (key.front() != '[') read_name();
  while (i < key.size()) {
    if (key[i] == '.') {
      ++i;
      read_name();
    } else if (key[i] == '[') {
      const std::size_t close = key.find(']', i + 1);
      if (close == std::string_view::npos) {
        throw std::invalid_argument("has a '[' without its ']' at position " +
                                    std::to_string(i + 1));
      }
      const std::string_view inside = key.substr(i + 1, close - i - 1);
      if (inside.empty()) throw std::invalid_argument("has an empty []");
      if (inside == "*") {
        out.push_back({Segment::Kind::all, "*", 0});
      } else if (const auto n = whole(inside)) {
        out.push_back({Segment::Kind::index, std::string(inside), *n});
      } else {
        out.push_back({Segment::Kind::name, std::string(inside), 0});
      }
      i = close + 1;
      if (i < key.size() && key[i] != '.' && key[i] != '[') {
        throw std::invalid_argument("expected '.' or '[' after ']' at position " +
                                    std::to_string(i + 1));
      }
    } else {
      throw std::invalid_argument("unexpected " + quote(key.substr(i, 1)) + " at position " +
                                  std::to_string(i + 1));
    }
  }
  return out;
}

// ---- Values ------------------------------------------------------------------------------------

/// The factor of "x1.25", "+25%" or "-10%"; none for a plain value.
std::optional<double> scale_factor(std::string_view value) {
  if (value.size() > 1 && (value.front() == 'x' || value.front() == 'X')) {
    return to_double(value.substr(1));
  }
  if (value.size() > 2 && (value.front() == '+' || value.front() == '-') && value.back() == '%') {
    if (const auto pct = to_double(value.substr(1, value.size() - 2))) {
      return 1.0 + (value.front() == '-' ? -*pct : *pct) / 100.0;
    }
  }
  return std::nullopt;
}

/// A copy of a node built afresh, without marks: the override's own text has no place in the
/// file, so errors about it carry no line rather than a wrong one.
YAML::Node fresh(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      return YAML::Node(node.Scalar());
    case YAML::NodeType::Sequence: {
      YAML::Node out(YAML::NodeType::Sequence);
      for (const YAML::Node& item : node) out.push_back(fresh(item));
      return out;
    }
    case YAML::NodeType::Map: {
      YAML::Node out(YAML::NodeType::Map);
      for (const auto& kv : node) out[fresh(kv.first)] = fresh(kv.second);
      return out;
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      break;
  }
  return YAML::Node(YAML::NodeType::Null);
}

/// The value of `key` in a map, found without adding it.
std::optional<YAML::Node> find_key(const YAML::Node& map, std::string_view key) {
  for (const auto& kv : map) {
    if (kv.first.IsScalar() && kv.first.Scalar() == key) return kv.second;
  }
  return std::nullopt;
}

/// " (did you mean 'x'?)" or "; there are: a, b, c" for a name not among `known`.
std::string suggestion(std::string_view word, const std::vector<std::string>& known) {
  if (known.empty()) return "";
  const std::optional<std::string> best = closest(word, known);
  if (best) return " (did you mean " + quote(*best) + "?)";
  std::string list;
  for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
  return "; there are: " + list;
}

// ---- Applying one override ---------------------------------------------------------------------

class Applier {
 public:
  Applier(const std::string& file, const Override& o, detail::AppliedOverrides& applied)
      : file_{file}, text_{to_string(o)}, value_{o.value}, rounded_{o.rounded}, applied_{applied} {
    try {
      segments_ = parse_key(o.key);
    } catch (const std::invalid_argument& e) {
      throw ScenarioError(file_, 0, 0, "", "override " + quote(text_) + ": the key " + e.what());
    }
    factor_ = scale_factor(o.value);
    if (!factor_) {
      try {
        detail::refuse_what_yaml_cpp_cannot_take(o.value, file_);
        parsed_ = YAML::Load(o.value);
      } catch (const ScenarioError& e) {
        throw ScenarioError(
            file_, 0, 0, "",
            "override " + quote(text_) + ": the value is not valid YAML: " + e.message());
      } catch (const YAML::Exception& e) {
        throw ScenarioError(file_, 0, 0, "",
                            "override " + quote(text_) + ": the value is not valid YAML: " + e.msg);
      }
    }
  }

  void apply(YAML::Node& root) {
    if (!root.IsMap()) fail(root, "", "the scenario is not a map of keys");
    walk(root, "", 0);
  }

 private:
  [[noreturn]] void fail(const YAML::Node& at, const std::string& path,
                         const std::string& message) const {
    const YAML::Mark mark = at.IsDefined() ? at.Mark() : YAML::Mark::null_mark();
    const bool known = mark.line >= 0 && mark.column >= 0;
    throw ScenarioError(file_, known ? mark.line + 1 : 0, known ? mark.column + 1 : 0, path,
                        "override " + quote(text_) + ": " + message);
  }

  static std::string key_path(const std::string& parent, std::string_view key) {
    return parent.empty() ? std::string(key) : parent + "." + std::string(key);
  }

  void walk(YAML::Node node, const std::string& path, std::size_t i) {
    if (i == segments_.size()) {
      set(node, path);
      return;
    }
    const Segment& s = segments_[i];
    switch (s.kind) {
      case Segment::Kind::key:
        return enter_map(node, path, i, key_path(path, s.text));
      case Segment::Kind::name:
        if (node.IsSequence()) return enter_named_element(node, path, i);
        return enter_map(node, path, i, path + "[" + s.text + "]");
      case Segment::Kind::index:
        return enter_element(node, path, i);
      case Segment::Kind::all:
        return enter_all(node, path, i);
    }
  }

  /// A map's entry: `segments_[i].text`, whose path is `child_path`; added if missing.
  void enter_map(YAML::Node node, const std::string& path, std::size_t i,
                 const std::string& child_path) {
    const std::string& key = segments_[i].text;
    if (node.IsNull()) node = YAML::Node(YAML::NodeType::Map);  // "demand:" with nothing under
    if (!node.IsMap()) {
      fail(node, path,
           (path.empty() ? std::string("the scenario") : path) + " is " + describe(node) +
               ", not a map: it has no key " + quote(key));
    }
    if (const auto child = find_key(node, key)) return walk(*child, child_path, i + 1);
    // Missing: add it, if what follows can be added too (map keys, down to the value).
    const bool addable =
        std::all_of(segments_.begin() + static_cast<std::ptrdiff_t>(i) + 1, segments_.end(),
                    [](const Segment& s) { return s.kind == Segment::Kind::key; });
    if (!addable || factor_) {
      std::vector<std::string> keys;
      for (const auto& kv : node) {
        if (kv.first.IsScalar()) keys.push_back(kv.first.Scalar());
      }
      fail(node, child_path,
           "no key " + quote(key) + " here" + suggestion(key, keys) +
               (factor_ && addable ? "; there is no number to scale" : ""));
    }
    node[key] = YAML::Node(YAML::NodeType::Null);
    walk(*find_key(node, key), child_path, i + 1);
  }

  void enter_element(YAML::Node node, const std::string& path, std::size_t i) {
    const Segment& s = segments_[i];
    if (!node.IsSequence()) {
      if (node.IsMap()) return enter_map(node, path, i, path + "[" + s.text + "]");
      fail(node, path,
           path + " is " + describe(node) + ", not a list: it has no element " + s.text);
    }
    const auto size = static_cast<long long>(node.size());
    const long long index = s.index < 0 ? size + s.index : s.index;
    if (index < 0 || index >= size) {
      fail(node, path + "[" + s.text + "]",
           "no element " + s.text + ": the list has " + std::to_string(size) +
               (size == 1 ? " element" : " elements"));
    }
    walk(node[static_cast<std::size_t>(index)], path + "[" + std::to_string(index) + "]", i + 1);
  }

  void enter_named_element(YAML::Node node, const std::string& path, std::size_t i) {
    const std::string& name = segments_[i].text;
    std::vector<std::string> names;
    std::size_t k = 0;
    for (YAML::Node item : node) {
      if (item.IsMap()) {
        if (const auto n = find_key(item, "name"); n && n->IsScalar()) {
          if (n->Scalar() == name) return walk(item, path + "[" + std::to_string(k) + "]", i + 1);
          names.push_back(n->Scalar());
        }
      }
      ++k;
    }
    fail(node, path + "[" + name + "]",
         "no element named " + quote(name) + " in " + path + suggestion(name, names));
  }

  void enter_all(YAML::Node node, const std::string& path, std::size_t i) {
    if (node.IsSequence() && node.size() > 0) {
      std::size_t k = 0;
      for (YAML::Node item : node) walk(item, path + "[" + std::to_string(k++) + "]", i + 1);
      return;
    }
    if (node.IsMap() && node.size() > 0) {
      for (const auto& kv : node) {
        walk(kv.second, path + "[" + (kv.first.IsScalar() ? kv.first.Scalar() : "?") + "]", i + 1);
      }
      return;
    }
    fail(node, path,
         "[*] matches nothing: " + path + " is " + describe(node) +
             (node.IsSequence() || node.IsMap() ? " with no entries" : ""));
  }

  void set(YAML::Node node, const std::string& path) {
    detail::ValueEdit edit;
    edit.path = path;
    edit.override_text = text_;
    edit.in_file = node.IsScalar() && node.Mark().pos >= 0;
    edit.position = edit.in_file ? static_cast<std::size_t>(node.Mark().pos) : 0;
    edit.was = node.IsScalar() ? node.Scalar() : std::string();
    if (factor_) {
      if (!node.IsScalar()) {
        fail(node, path,
             "x" + sim::number_text(*factor_) + " scales a number, but " + path + " is " +
                 describe(node));
      }
      const std::optional<double> x = to_double(node.Scalar());
      if (!x) fail(node, path, "cannot scale " + describe(node) + ": not a number");
      const double scaled = *x * *factor_;
      if (!std::isfinite(scaled)) fail(node, path, "scaling gives a number out of range");
      // Written in the file, a scaled whole number is written whole, as the reader rounds it.
      const std::string& was = node.Scalar();
      const bool whole = was.find_first_of(".eE") == std::string::npos;
      edit.text = sim::number_text(whole ? std::round(scaled) : scaled);
      node = sim::number_text(scaled);  // a scalar assignment keeps the node's place in the file
      node.SetTag(detail::kScaledTag);
    } else if (rounded_ && parsed_.IsScalar() && node.IsScalar() && to_double(value_)) {
      // Written in the file, a rounded value goes where the file has a whole number whole.
      const std::string& was = node.Scalar();
      const bool whole = was.find_first_of(".eE") == std::string::npos;
      edit.text = whole ? sim::number_text(std::round(*to_double(value_))) : value_;
      node = parsed_.Scalar();
      node.SetTag(detail::kScaledTag);
    } else if (parsed_.IsScalar() && node.IsScalar()) {
      edit.text = value_;
      node = parsed_.Scalar();
    } else {
      edit.text = value_;
      edit.in_file = false;  // a list or map in place of a value: not written in place
      node = fresh(parsed_);
    }
    applied_.add(path, text_);
    applied_.add_edit(std::move(edit));
  }

  const std::string& file_;
  std::string text_;
  std::string value_;
  bool rounded_;
  detail::AppliedOverrides& applied_;
  std::vector<Segment> segments_;
  std::optional<double> factor_;
  YAML::Node parsed_;
};

bool within(const std::string& path, const std::string& prefix) {
  return path.size() >= prefix.size() && path.compare(0, prefix.size(), prefix) == 0 &&
         (path.size() == prefix.size() || path[prefix.size()] == '.' || path[prefix.size()] == '[');
}

}  // namespace

Override parse_override(std::string_view text) {
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '[') ++depth;
    if (text[i] == ']' && depth > 0) --depth;
    if (text[i] == '=' && depth == 0) {
      if (i == 0) throw std::invalid_argument(quote(text) + " has no key before the '='");
      return {std::string(text.substr(0, i)), std::string(text.substr(i + 1))};
    }
  }
  // An unclosed '[' hid every '=': split at the first, and let the key's check say what is wrong.
  if (const std::size_t i = text.find('='); i != std::string_view::npos && i > 0) {
    return {std::string(text.substr(0, i)), std::string(text.substr(i + 1))};
  }
  throw std::invalid_argument(quote(text) + " is not KEY=VALUE: there is no '='");
}

std::string to_string(const Override& o) { return o.key + "=" + o.value; }

namespace detail {

ScenarioError AppliedOverrides::explain(const ScenarioError& error) const {
  for (const auto& [path, text] : changed_) {
    if (within(error.field(), path) || (!error.field().empty() && within(path, error.field()))) {
      return ScenarioError(error.file(), error.line(), error.column(), error.field(),
                           error.message() + " (after the override " + quote(text) + ")");
    }
  }
  return error;
}

AppliedOverrides apply_overrides(YAML::Node& root, std::span<const Override> overrides,
                                 const std::string& file_name) {
  AppliedOverrides applied;
  for (const Override& o : overrides) {
    Applier applier(file_name, o, applied);
    applier.apply(root);
  }
  return applied;
}

}  // namespace detail
}  // namespace vaxsim::io
