#pragma once
// Private to vaxsim_report: a plain-text table with columns aligned by display width (wide CJK
// city names line up), used by the odds and sweep tables.

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "vaxsim/report/verdict_text.hpp"

namespace vaxsim::report::detail {

class AlignedTable {
 public:
  /// right[i]: column i is right-aligned (numbers); columns beyond `right` are left-aligned.
  explicit AlignedTable(std::vector<bool> right) : right_(std::move(right)) {}

  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }

  /// Every row on its own line, `indent` first, columns two spaces apart, no trailing blanks.
  std::string render(const std::string& indent) const {
    std::vector<int> width;
    for (const auto& row : rows_) {
      if (width.size() < row.size()) width.resize(row.size(), 0);
      for (std::size_t i = 0; i < row.size(); ++i) {
        width[i] = std::max(width[i], display_width(row[i]));
      }
    }
    std::string out;
    for (const auto& row : rows_) {
      std::string line = indent;
      for (std::size_t i = 0; i < row.size(); ++i) {
        const std::string pad(static_cast<std::size_t>(width[i] - display_width(row[i])), ' ');
        const bool right = i < right_.size() && right_[i];
        if (i > 0) line += "  ";
        line += right ? pad + row[i] : row[i] + pad;
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
    }
    return out;
  }

 private:
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace vaxsim::report::detail
