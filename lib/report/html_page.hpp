#pragma once
// Private to vaxsim_report: what every section of the HTML report (html_report.hpp) is written
// with: escaping, dates in words, the numbers marked with their summary.json field (mark_*), and
// the answers' marks.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "vaxsim/model/bottleneck.hpp"
#include "vaxsim/model/results.hpp"
#include "vaxsim/run/target_odds.hpp"
#include "vaxsim/sim/calendar.hpp"

namespace vaxsim::report::html {

using model::Bottleneck;
using model::Measure;

// The reasons a day falls short, in the order of the tables and of ties (bottleneck.hpp).
using model::kShortfallReasons;
inline constexpr const auto& kReasons = kShortfallReasons;

std::string esc(std::string_view text);

// "30 June 2021".
std::string long_date(sim::Date d);

int day_index(sim::Date start, sim::Date d);

// ---- Numbers marked with their summary.json field (`id`, when not empty, is the element's id) --

// A number shown from summary.json (see html_report.hpp): rounded, with thousands separators.
std::string mark_num(std::string_view json, double value, std::string_view id);

// A whole number shown as it is, without separators (a seed).
std::string mark_plain(std::string_view json, std::uint64_t value, std::string_view id);

// A share as a percentage of four significant digits ("40%").
std::string mark_percent(std::string_view json, double share, std::string_view id);

// A share as a whole percentage, rounded half away from zero ("31%"): interval bounds.
std::string mark_whole_percent(std::string_view json, double share, std::string_view id);

// A chance as the odds table prints it: never "0%" or "100%" unless it is so (chance_text).
std::string mark_chance(std::string_view json, const run::Proportion& p, std::string_view id);

// A date shown from summary.json; `missing` is the text for a null.
std::string mark_date(std::string_view json, const std::optional<sim::Date>& d,
                      std::string_view missing, std::string_view id);

// A number that may be a JSON null (an unlimited capacity); `missing` is the text for a null.
std::string mark_optional(std::string_view json, const std::optional<double>& value,
                          std::string_view missing, std::string_view id);

std::string mark_text(std::string_view json, std::string_view value, std::string_view id);

// ---- Words
// ---------------------------------------------------------------------------------------

// `part` as a percentage of `whole` with one decimal ("82.8%"); "-" when `whole` is not positive.
std::string share(double part, double whole);

int count_of(const std::array<int, model::kBottleneckKinds>& counts, Bottleneck b);

// The reason with the most short days (ties in the rule's order); none if never short.
Bottleneck most_frequent(const std::array<int, model::kBottleneckKinds>& counts);

// Answers carry a word and a mark, not only a colour.
std::string answer(std::string_view kind, std::string_view words);

}  // namespace vaxsim::report::html
