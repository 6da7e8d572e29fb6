// The comma-separated reader of csv_reader.hpp: lines to cells, with RFC 4180 quoting, each
// quoting mistake placed at its line and cell.

#include "csv_reader.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vaxsim/io/scenario_error.hpp"

namespace vaxsim::io::detail {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

CsvReader::CsvReader(std::string_view text, std::string file_name)
    : text_(text), file_(std::move(file_name)) {
  if (text_.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
    text_.remove_prefix(kByteOrderMark.size());
  }
}

std::optional<CsvRow> CsvReader::next() {
  while (pos_ < text_.size()) {
    const std::size_t end = std::min(text_.find('\n', pos_), text_.size());
    std::string_view line = text_.substr(pos_, end - pos_);
    pos_ = end + 1;
    ++line_;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::string_view content = trim(line);
    if (content.empty() || content.front() == '#') continue;
    return CsvRow{line_, split(line)};
  }
  return std::nullopt;
}

std::vector<std::string> CsvReader::split(std::string_view line) const {
  std::vector<std::string> cells;
  std::size_t i = 0;
  while (true) {
    const std::size_t cell = cells.size();
    while (i < line.size() && is_blank(line[i])) ++i;
    std::string value;
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (true) {
        if (i == line.size()) {
          fail(cell, "the quoted cell is not closed on its line (a cell cannot span lines)");
        }
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            value += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        value += line[i++];
      }
      while (i < line.size() && is_blank(line[i])) ++i;
      if (i < line.size() && line[i] != ',') {
        fail(cell,
             "text after the closing quote: quote the whole cell, writing a quote inside it "
             "twice (\"\")");
      }
    } else {
      const std::size_t comma = std::min(line.find(',', i), line.size());
      const std::string_view raw = trim(line.substr(i, comma - i));
      if (raw.find('"') != std::string_view::npos) {
        fail(cell,
             "a quote inside an unquoted cell: quote the whole cell, writing the quote twice "
             "(\"\")");
      }
      value = std::string(raw);
      i = comma;
    }
    cells.push_back(std::move(value));
    if (i >= line.size()) return cells;
    ++i;  // the comma; a comma at the end of the line leaves one more, empty, cell
  }
}

void CsvReader::fail(std::size_t cell, const std::string& message) const {
  const std::string field = cell < names_.size() ? names_[cell] : "";
  throw ScenarioError(file_, line_, static_cast<int>(cell) + 1, field, message);
}

}  // namespace vaxsim::io::detail
