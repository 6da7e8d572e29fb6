#pragma once
// Private to vaxsim_io: a small, careful reader of comma-separated text (RFC 4180 quoting), row
// by row, for data files such as observed progress (docs/observed-format.md). Small enough to
// own: no Debian package is needed for this, and owning it lets every problem be placed at its
// line and cell in the same `file:line:column: field: message` form as a scenario's.
//
// What it reads:
//   - cells separated by commas; spaces and tabs around a cell are dropped;
//   - a quoted cell ("...") may hold commas and quotes, a quote written twice ("");
//   - a line whose first character other than a space is # is a comment; blank lines are skipped;
//   - LF or CRLF line ends; a UTF-8 byte-order mark at the start (as spreadsheets write) is
//   skipped.
// Unlike RFC 4180, a cell cannot span lines: an unclosed quote is then reported on its own line,
// instead of swallowing the rest of the file into one cell.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vaxsim::io::detail {

struct CsvRow {
  int line = 0;  // 1-based
  std::vector<std::string> cells;
};

class CsvReader {
 public:
  CsvReader(std::string_view text, std::string file_name);

  /// The next row, or none at the end of the text. Throws ScenarioError at the cell of a quoting
  /// mistake, named after its column once name_columns() has been called.
  std::optional<CsvRow> next();

  /// The names of the columns (the header), used to name a cell in messages.
  void name_columns(std::vector<std::string> names) { names_ = std::move(names); }

  /// The line the next row would start on: where an expected row is missing.
  int next_line() const { return line_ + 1; }

  const std::string& file() const { return file_; }

 private:
  std::vector<std::string> split(std::string_view line) const;
  [[noreturn]] void fail(std::size_t cell, const std::string& message) const;

  std::string_view text_;
  std::string file_;
  std::vector<std::string> names_;
  std::size_t pos_ = 0;
  int line_ = 0;  // the line last read
};

}  // namespace vaxsim::io::detail
