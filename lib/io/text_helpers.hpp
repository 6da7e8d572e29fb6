#pragma once
// Text helpers the scenario loader and the override parser share: reading a number, quoting,
// lists of names, "did you mean" suggestions, and how a YAML node is named in an error message.
// Private to lib/io.

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace vaxsim::io::detail {

inline std::string quote(std::string_view s) { return "'" + std::string(s) + "'"; }

/// "a, b, c": the items of a list of names, for "known: ..." and "expected one of: ...".
template <typename Range>
inline std::string join(const Range& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += std::string(item);
  }
  return out;
}

/// Removes underscores between digits ("14_910_000"), as YAML 1.1 allows in numbers.
inline std::string strip_digit_separators(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool separator = s[i] == '_' && i > 0 && i + 1 < s.size() &&
                           std::isdigit(static_cast<unsigned char>(s[i - 1])) != 0 &&
                           std::isdigit(static_cast<unsigned char>(s[i + 1])) != 0;
    if (!separator) out += s[i];
  }
  return out;
}

/// A number as the scenario writes it: 1_000, +5, 1.5e6; none for anything else and for an
/// infinity or NaN.
inline std::optional<double> to_double(std::string_view text) {
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

inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), case-blind.
inline std::size_t edit_distance(std::string_view a_in, std::string_view b_in) {
  const std::string a = lower(a_in);
  const std::string b = lower(b_in);
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1, 0));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

/// The candidate closest to `word`, if it is close enough to be a likely typo.
template <typename Range>
inline std::optional<std::string> closest(std::string_view word, const Range& candidates) {
  const std::size_t limit = word.size() <= 4 ? 1 : word.size() <= 8 ? 2 : 3;
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = std::string(candidate);
    }
  }
  return best;
}

/// A sum of shares as a planner wrote them: 0.7 + 0.5 is 1.2, not 1.2000000000000002 (the
/// binary rounding of the addition, which no one wrote).
inline std::string sum_text(double sum) {
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", sum);
  return text;
}

inline std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      return node.Scalar().empty() ? "empty text" : quote(node.Scalar());
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      break;
  }
  return "nothing";
}

}  // namespace vaxsim::io::detail
