// A run against the record, in words and as a table (record_text.hpp).

#include "vaxsim/report/record_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "aligned_table.hpp"
#include "vaxsim/report/svg_chart.hpp"
#include "vaxsim/report/verdict_text.hpp"

namespace vaxsim::report {
namespace {

std::string_view measure_words(std::string_view measure) {
  if (measure == "doses_cumulative") return "doses given";
  if (measure == "people_one_dose_plus") return "people with at least one dose";
  if (measure == "people_fully") return "people fully vaccinated";
  if (measure == "doses_that_day") return "doses that day";
  return measure;
}

std::string when(const fit::ComparedFigure& f) {
  std::string out = short_date(f.date, true);
  if (f.time_of_day) out += " " + sim::format_time_of_day(*f.time_of_day);
  return out;
}

std::string signed_percent(double share) { return fmt::format("{:+.1f}%", 100.0 * share); }

}  // namespace

std::string figure_name(const fit::ComparedFigure& f) {
  return fmt::format("{}, {}, {}", measure_words(f.measure), f.place, when(f));
}

std::string record_summary(const std::vector<fit::ComparedFigure>& figures, std::string_view file) {
  std::vector<const fit::ComparedFigure*> compared;
  for (const fit::ComparedFigure& f : figures) {
    if (f.comparable()) compared.push_back(&f);
  }
  std::string out = fmt::format("Against the record ({}): ", file);
  if (compared.empty()) {
    return out + fmt::format(
                     "none of its {} figures falls within the run's dates, so the run cannot be "
                     "compared with it.\n",
                     figures.size());
  }
  const auto ahead =
      std::count_if(compared.begin(), compared.end(), [](const auto* f) { return f->error() > 0; });
  const auto behind =
      std::count_if(compared.begin(), compared.end(), [](const auto* f) { return f->error() < 0; });
  std::vector<double> gaps;
  for (const auto* f : compared) gaps.push_back(std::abs(f->relative_error()));
  std::vector<double> sorted = gaps;
  std::sort(sorted.begin(), sorted.end());
  const std::size_t n = sorted.size();
  const double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  const auto worst =
      static_cast<std::size_t>(std::max_element(gaps.begin(), gaps.end()) - gaps.begin());
  const fit::ComparedFigure& w = *compared[worst];
  out += fmt::format(
      "of {} figures, {} fall within the run; the run is ahead of the record on {} and behind on "
      "{}, by {:.1f}% at the median. The largest gap: {}: the run {}, the record {} ({}).",
      figures.size(), n, ahead, behind, 100.0 * median, figure_name(w),
      with_thousands(std::round(w.mean)), with_thousands(std::round(w.observed)),
      signed_percent(w.relative_error()));
  // Progress is the cumulative figures; one day's doses stray from their week's pace in ways
  // the model does not try to follow, so they are said apart.
  int cumulative = 0;
  int cumulative_off = 0;
  int days_off = 0;
  for (const auto* f : compared) {
    const bool off = std::abs(f->relative_error()) > kReproducesWithin;
    if (f->measure == "doses_that_day") {
      days_off += off ? 1 : 0;
    } else {
      ++cumulative;
      cumulative_off += off ? 1 : 0;
    }
  }
  if (cumulative > 0 && cumulative_off == 0) {
    out += fmt::format(
        " Every cumulative figure is within {:.0f}%: the run reproduces the record's progress.",
        100.0 * kReproducesWithin);
  } else if (cumulative > 0) {
    out += fmt::format(
        " {} of the {} cumulative figures {} more than {:.0f}% off: the run does not reproduce "
        "the record's progress, and its answers should be read with that in mind.",
        cumulative_off, cumulative, cumulative_off == 1 ? "is" : "are", 100.0 * kReproducesWithin);
  }
  if (days_off > 0) {
    out += fmt::format(
        " {} day's doses {} more than {:.0f}% off (a single day strays from its week's pace, "
        "which the model does not follow day by day).",
        days_off, days_off == 1 ? "is" : "are", 100.0 * kReproducesWithin);
  }
  return out + "\n";
}

std::string record_table(const std::vector<fit::ComparedFigure>& figures, bool bands,
                         const std::string& indent) {
  std::vector<bool> right{false, false, false, true, true, true};
  std::vector<std::string> head{"when", "place", "figure", "record", "run", "gap"};
  if (bands) {
    head.insert(head.end(), {"5%", "95%", "inside"});
    right.insert(right.end(), {true, true, false});
  }
  detail::AlignedTable table(right);
  table.add(head);
  for (const fit::ComparedFigure& f : figures) {
    std::vector<std::string> row{when(f), f.place, std::string(measure_words(f.measure)),
                                 with_thousands(std::round(f.observed))};
    if (f.comparable()) {
      row.push_back(with_thousands(std::round(f.mean)));
      row.push_back(signed_percent(f.relative_error()));
      if (bands) {
        row.push_back(with_thousands(std::round(f.q05)));
        row.push_back(with_thousands(std::round(f.q95)));
        row.push_back(f.inside_band() ? "yes" : "no");
      }
    } else {
      row.push_back("-");
      row.push_back("outside the run");
    }
    table.add(std::move(row));
  }
  return table.render(indent);
}

}  // namespace vaxsim::report
