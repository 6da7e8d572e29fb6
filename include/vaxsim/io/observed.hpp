#pragma once
// Observed progress: what the reports said had been done, place by place, as data a run can be
// drawn against and compared with, and that a scenario can be calibrated on. One CSV file, e.g.
// data/shanxi-2021-observed.csv; the format is documented in docs/observed-format.md.
//
// Problems are io::ScenarioError, placed as in a scenario file: `file:line:column: field:
// message`, where the column is the cell's 1-based number in its row and the field is the name
// of its column in the header, e.g.
//   data/shanxi-2021-observed.csv:5:3: doses_cumulative: write numbers without thousands
//   separators: 6435000, not 6,435,000

#include <array>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vaxsim/sim/calendar.hpp"
#include "vaxsim/sim/time.hpp"

namespace vaxsim::io {

/// The place of a figure for the whole province; any other place is a city of the scenario.
inline constexpr std::string_view kProvince = "PROVINCE";

/// One row of the file: the figures one report gave for one place at one moment. A figure the
/// report does not give is empty (std::nullopt), never 0.
struct Observation {
  sim::Date date;
  /// The hour the figures were taken ("as of 09:00"), when the report gives one.
  std::optional<sim::Duration> time_of_day;
  std::string place;                           // kProvince or a city's name
  std::optional<double> doses_cumulative;      // doses given since the campaign began
  std::optional<double> people_one_dose_plus;  // people with at least one dose
  std::optional<double> people_fully;          // people with every dose of their schedule
  std::optional<double> doses_that_day;        // doses given on `date` alone
  std::string source;                          // where the figures come from; never empty
  int line = 0;                                // 1-based line of the row, for messages

  /// The moment of the day the cumulative figures stand at: the hour given, else the end of the
  /// day (24:00), as daily reports count ("as of 24:00"). With `date`, it orders observations.
  sim::Duration as_of() const { return time_of_day.value_or(sim::kDay); }

  bool operator==(const Observation&) const = default;
};

/// A measure column: its name in the header, its member, and whether it only grows over time.
struct ObservedMeasure {
  std::string_view column;
  std::optional<double> Observation::*value;
  bool cumulative;
};

/// The measure columns, in the order the documentation lists them: lets a chart or a loss
/// function go through every figure of a point without naming each.
inline constexpr std::array<ObservedMeasure, 4> kObservedMeasures{{
    {"doses_cumulative", &Observation::doses_cumulative, true},
    {"people_one_dose_plus", &Observation::people_one_dose_plus, true},
    {"people_fully", &Observation::people_fully, true},
    {"doses_that_day", &Observation::doses_that_day, false},
}};

struct ObservedProgress {
  /// In time order (date, then as_of()); observations of one moment keep their file order.
  std::vector<Observation> points;
  std::string file;  // as given to the loader; names the file in messages
  /// The header as written, in file order: a cell's column number is its index here plus one.
  std::vector<std::string> columns;

  /// The 1-based column number of a column, 0 if the file has no such column.
  int column_number(std::string_view name) const;
};

/// Reads and checks an observed-progress file. Throws ScenarioError for a missing or unreadable
/// file, a malformed row, an unknown or missing column, a bad date or number, a row with no
/// figure, a repeated place and moment, a cumulative figure that falls over time, or figures of
/// one row that contradict each other (more people fully vaccinated than with one dose, more
/// people with one dose than doses given).
ObservedProgress load_observed(const std::filesystem::path& file);

/// The same from text; `file_name` is used in error messages only.
ObservedProgress parse_observed(std::string_view text, const std::string& file_name);

/// Checks that every place is kProvince or one of `city_names` (a scenario's cities, exactly as
/// written there); throws ScenarioError at the first other place's cell, with the closest known
/// name if one is close.
void check_places(const ObservedProgress& observed, std::span<const std::string> city_names);

}  // namespace vaxsim::io
