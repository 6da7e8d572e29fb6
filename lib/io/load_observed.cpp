// Observed-progress files (docs/observed-format.md) to an io::ObservedProgress: the entry points,
// the header, and each cell read as a date, a place, a figure or a source. What the figures of
// several cells or rows must agree on is checked in observed_checks.cpp.

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "csv_reader.hpp"
#include "observed_checks.hpp"
#include "read_file.hpp"
#include "text_helpers.hpp"
#include "vaxsim/io/observed.hpp"
#include "vaxsim/io/scenario_error.hpp"
#include "vaxsim/sim/calendar.hpp"

namespace vaxsim::io {
namespace detail {
namespace {

/// Every column a file may have, in the order the documentation lists them.
const std::vector<std::string>& known_columns() {
  static const std::vector<std::string> columns = [] {
    std::vector<std::string> out{"date", "place"};
    for (const ObservedMeasure& m : kObservedMeasures) out.emplace_back(m.column);
    out.emplace_back("source");
    return out;
  }();
  return columns;
}

bool is_measure(std::string_view column) {
  return std::any_of(kObservedMeasures.begin(), kObservedMeasures.end(),
                     [&](const ObservedMeasure& m) { return m.column == column; });
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

/// Digits, optionally with a decimal point between digits: 6435000, 0.5.
bool is_plain_decimal(std::string_view s) {
  const std::size_t point = s.find('.');
  if (point == std::string_view::npos) return all_digits(s);
  return all_digits(s.substr(0, point)) && all_digits(s.substr(point + 1));
}

/// `s` without the marks people put between groups of digits ("6,435,000", "6 435 000").
std::string without_group_marks(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (c != ',' && c != ' ' && c != '_' && c != '\'') out += c;
  }
  return out;
}

/// Reads one file's rows into observations, failing at the first problem's cell.
class ObservedReader {
 public:
  ObservedReader(std::string_view text, const std::string& file_name) : csv_(text, file_name) {}

  ObservedProgress read() {
    ObservedProgress out;
    out.file = csv_.file();
    const std::optional<CsvRow> header = csv_.next();
    if (!header) {
      throw ScenarioError(csv_.file(), csv_.next_line(), 1, "",
                          "no header row: the file is empty or holds only comments; its first "
                          "row names the columns (" +
                              join(known_columns()) + ")");
    }
    read_header(*header);
    out.columns = columns_;
    csv_.name_columns(columns_);
    while (const std::optional<CsvRow> row = csv_.next()) out.points.push_back(observation(*row));
    if (out.points.empty()) {
      throw ScenarioError(csv_.file(), csv_.next_line(), 1, "",
                          "no observations: the header (line " + std::to_string(header->line) +
                              ") is followed by no row");
    }
    return out;
  }

 private:
  [[noreturn]] void fail(int line, std::size_t cell, const std::string& message) const {
    throw ScenarioError(csv_.file(), line, static_cast<int>(cell) + 1, columns_[cell], message);
  }

  // ---- The header ----

  void read_header(const CsvRow& row) {
    const auto fail_header = [&](std::size_t cell, const std::string& field,
                                 const std::string& message) {
      throw ScenarioError(csv_.file(), row.line, static_cast<int>(cell) + 1, field, message);
    };
    const std::vector<std::string>& known = known_columns();
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      const std::string& name = row.cells[i];
      if (name.empty()) fail_header(i, "", "a column without a name");
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        std::string message = "unknown column " + quote(name);
        if (const auto guess = closest(name, known)) {
          message += " (did you mean " + quote(*guess) + "?)";
        } else {
          message += "; expected: " + join(known);
        }
        fail_header(i, name, message);
      }
      const auto first = std::find(columns_.begin(), columns_.end(), name);
      if (first != columns_.end()) {
        fail_header(i, name,
                    "column " + quote(name) + " appears twice (first in column " +
                        std::to_string(first - columns_.begin() + 1) + ")");
      }
      columns_.push_back(name);
    }
    for (const std::string_view required : {"date", "place", "source"}) {
      if (column(required)) continue;
      std::string message = "missing required column " + quote(required);
      if (required == "source") message += ": every figure must say where it comes from";
      fail_header(0, std::string(required), message);
    }
    if (std::none_of(columns_.begin(), columns_.end(), is_measure)) {
      std::vector<std::string_view> measures;
      for (const ObservedMeasure& m : kObservedMeasures) measures.push_back(m.column);
      fail_header(0, "", "no figure column: add at least one of " + join(measures));
    }
  }

  std::optional<std::size_t> column(std::string_view name) const {
    const auto it = std::find(columns_.begin(), columns_.end(), name);
    if (it == columns_.end()) return std::nullopt;
    return static_cast<std::size_t>(it - columns_.begin());
  }

  // ---- A row ----

  Observation observation(const CsvRow& row) const {
    check_cell_count(row);
    Observation o;
    o.line = row.line;
    const auto cell = [&](std::string_view name) { return *column(name); };
    read_date(row, cell("date"), o);
    o.place = required_text(row, cell("place"), "a place (PROVINCE or a city)");
    o.source = required_text(row, cell("source"), "a source (where its figures come from)");
    bool any_figure = false;
    std::optional<std::size_t> first_measure;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      for (const ObservedMeasure& m : kObservedMeasures) {
        if (m.column != columns_[i]) continue;
        if (!first_measure) first_measure = i;
        o.*m.value = figure(row, i);
        any_figure = any_figure || (o.*m.value).has_value();
      }
    }
    if (!any_figure) {
      std::vector<std::string> measures;
      for (const std::string& c : columns_) {
        if (is_measure(c)) measures.push_back(c);
      }
      fail(row.line, *first_measure, "no figure: a row needs at least one of " + join(measures));
    }
    return o;
  }

  void check_cell_count(const CsvRow& row) const {
    const std::size_t n = row.cells.size();
    const std::size_t expected = columns_.size();
    if (n == expected) return;
    const std::string counts =
        std::to_string(n) + " cells, but the header names " + std::to_string(expected) + " columns";
    if (n < expected) {
      fail(row.line, n, counts + ": the cell of " + quote(columns_[n]) + " and after are missing");
    }
    // Unquoted, 6,435,000 is three cells: "6", "435", "000". Say so at the first of them.
    for (std::size_t i = 0; i + 1 < n && i < expected; ++i) {
      const std::string& head = row.cells[i];
      if (!all_digits(head) || head.size() > 3) continue;
      std::string written = head;
      std::size_t j = i + 1;
      while (j < n && row.cells[j].size() == 3 && all_digits(row.cells[j])) {
        written += "," + row.cells[j++];
      }
      if (j == i + 1) continue;
      fail(row.line, i,
           "write numbers without thousands separators: " + without_group_marks(written) +
               ", not " + written + " (its commas split the row: " + counts + ")");
    }
    throw ScenarioError(csv_.file(), row.line, static_cast<int>(expected) + 1, "",
                        counts + " (a cell holding a comma must be quoted)");
  }

  // ---- Cells ----

  /// YYYY-MM-DD, or YYYY-MM-DD HH:MM with the hour the figures were taken.
  void read_date(const CsvRow& row, std::size_t cell, Observation& o) const {
    const std::string& s = row.cells[cell];
    if (s.empty()) fail(row.line, cell, "every row needs a date (YYYY-MM-DD)");
    const auto digits_at = [&](std::size_t pos, std::size_t n) {
      return all_digits(std::string_view(s).substr(pos, n));
    };
    const bool date_shape = s.size() >= 10 && digits_at(0, 4) && s[4] == '-' && digits_at(5, 2) &&
                            s[7] == '-' && digits_at(8, 2);
    const bool shape = date_shape && (s.size() == 10 || (s.size() == 16 && s[10] == ' '));
    if (!shape) {
      fail(row.line, cell,
           "expected a date YYYY-MM-DD, or YYYY-MM-DD HH:MM with the hour the figures were "
           "taken, got " +
               quote(s));
    }
    try {
      o.date = sim::parse_date(std::string_view(s).substr(0, 10));
      if (s.size() == 16) o.time_of_day = sim::parse_time_of_day(std::string_view(s).substr(11));
    } catch (const std::invalid_argument& e) {
      fail(row.line, cell, e.what());
    }
  }

  std::string required_text(const CsvRow& row, std::size_t cell, std::string_view what) const {
    const std::string& s = row.cells[cell];
    if (s.empty()) fail(row.line, cell, "every row needs " + std::string(what));
    return s;
  }

  /// A plain decimal number, not negative; none for an empty cell.
  std::optional<double> figure(const CsvRow& row, std::size_t cell) const {
    const std::string& s = row.cells[cell];
    if (s.empty()) return std::nullopt;
    const std::string_view body = std::string_view(s).substr(s.front() == '-' ? 1 : 0);
    if (is_plain_decimal(body)) {
      double value = 0;
      const auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), value);
      if (ec != std::errc{} || !std::isfinite(value)) {
        fail(row.line, cell, "is not a finite number: " + s);
      }
      if (s.front() == '-' && value != 0) fail(row.line, cell, "must not be negative, got " + s);
      return value;  // "-0" reads as 0: the sign was not read
    }
    const std::string name = lower(body);
    if (name == "inf" || name == "infinity" || name == "nan") {
      fail(row.line, cell, "must be a finite number, got " + s);
    }
    const std::string ungrouped = without_group_marks(s);
    if (ungrouped != s && is_plain_decimal(ungrouped)) {
      fail(row.line, cell,
           "write numbers without thousands separators: " + ungrouped + ", not " + s);
    }
    fail(row.line, cell,
         "expected a plain decimal number, in full and without units (such as 6435000 or 0.5), "
         "got " +
             quote(s));
  }

  CsvReader csv_;
  std::vector<std::string> columns_;
};

}  // namespace
}  // namespace detail

int ObservedProgress::column_number(std::string_view name) const {
  const auto it = std::find(columns.begin(), columns.end(), name);
  return it == columns.end() ? 0 : static_cast<int>(it - columns.begin()) + 1;
}

ObservedProgress parse_observed(std::string_view text, const std::string& file_name) {
  ObservedProgress observed = detail::ObservedReader(text, file_name).read();
  detail::check_observed_figures(observed);
  std::stable_sort(observed.points.begin(), observed.points.end(),
                   [](const Observation& a, const Observation& b) {
                     if (a.date != b.date) return a.date < b.date;
                     return a.as_of() < b.as_of();
                   });
  return observed;
}

ObservedProgress load_observed(const std::filesystem::path& file) {
  return parse_observed(detail::read_whole_file(file, "the observed progress"), file.string());
}

}  // namespace vaxsim::io
