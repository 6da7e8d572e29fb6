#include "vaxsim/run/sweep.hpp"

#include <algorithm>
#include <stdexcept>

#include "vaxsim/model/verdict.hpp"

namespace vaxsim::run {
namespace {

std::string trim(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

Axis parse_axis(std::string_view text) {
  // The key: up to the first '=' outside [...] (a name selector may hold one).
  int depth = 0;
  std::size_t equals = std::string_view::npos;
  for (std::size_t i = 0; i < text.size() && equals == std::string_view::npos; ++i) {
    if (text[i] == '[') ++depth;
    if (text[i] == ']' && depth > 0) --depth;
    if (text[i] == '=' && depth == 0) equals = i;
  }
  if (equals == std::string_view::npos) equals = text.find('=');  // an unclosed '[' hid it
  if (equals == std::string_view::npos) {
    throw std::invalid_argument("'" + std::string(text) +
                                "' is not KEY=V1,V2,...: there is no '=' after the key");
  }
  Axis axis;
  axis.key = trim(text.substr(0, equals));
  if (axis.key.empty()) {
    throw std::invalid_argument("'" + std::string(text) + "' has no key before the '='");
  }
  // The values: split at commas outside brackets, braces and quotes.
  const std::string_view values = text.substr(equals + 1);
  std::string current;
  depth = 0;
  char quote = 0;
  const auto finish = [&] {
    std::string value = trim(current);
    if (value.empty()) {
      throw std::invalid_argument("'" + std::string(text) + "' has an empty value for " + axis.key);
    }
    axis.values.push_back(std::move(value));
    current.clear();
  };
  for (const char c : values) {
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    } else if (c == ',' && depth == 0) {
      finish();
      continue;
    }
    current += c;
  }
  finish();
  return axis;
}

std::vector<std::vector<Setting>> grid(std::span<const Axis> axes) {
  std::vector<std::vector<Setting>> points(1);
  for (const Axis& axis : axes) {
    std::vector<std::vector<Setting>> next;
    next.reserve(points.size() * axis.values.size());
    for (const std::vector<Setting>& point : points) {
      for (const std::string& value : axis.values) {
        std::vector<Setting> p = point;
        p.push_back({axis.key, value});
        next.push_back(std::move(p));
      }
    }
    points = std::move(next);
  }
  return points;
}

KeyNumber missed_second_doses_number(std::vector<double> per_replication) {
  return key_number("missed_second_doses", "second doses missed (window closed)",
                    std::move(per_replication));
}

std::vector<Odds> run_sweep(std::span<const model::CampaignConfig> points,
                            std::span<const std::uint64_t> seeds, const ReplicationOptions& options,
                            const OddsOptions& odds) {
  // Only the verdicts and the missed second doses are kept (a few hundred bytes a replication),
  // not the city-day tables.
  const auto per_point = static_cast<std::size_t>(std::max(0, options.replications));
  std::vector<std::vector<model::Verdict>> verdicts(points.size(),
                                                    std::vector<model::Verdict>(per_point));
  std::vector<std::vector<double>> missed(points.size(), std::vector<double>(per_point));
  for_each_replication(points, seeds, options,
                       [&](std::size_t point, int index, model::CampaignResult&& result) {
                         const auto i = static_cast<std::size_t>(index);
                         verdicts[point][i] = model::judge(points[point], result);
                         missed[point][i] = static_cast<double>(result.missed_second_doses);
                       });
  std::vector<Odds> out;
  out.reserve(points.size());
  for (std::size_t p = 0; p < points.size(); ++p) {
    out.push_back(target_odds(points[p], verdicts[p], odds));
    out.back().missed_second_doses = missed_second_doses_number(std::move(missed[p]));
  }
  return out;
}

}  // namespace vaxsim::run
