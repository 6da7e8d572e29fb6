// The report's run against the record (html_writer.hpp): a section with the distance in words and
// every figure in a table, and the figures as points on the day charts. Written only when the run
// was compared with a record (`vaxsim run --observed FILE`).

#include <fmt/format.h>

#include <cmath>
#include <string>
#include <vector>

#include "html_writer.hpp"
#include "vaxsim/report/record_text.hpp"
#include "vaxsim/report/verdict_text.hpp"

namespace vaxsim::report::html {

std::vector<MarkedPoint> Writer::record_points(std::string_view measure) const {
  std::vector<MarkedPoint> out;
  for (const fit::ComparedFigure& f : run_.observed) {
    if (f.measure != measure || f.place != io::kProvince) continue;
    // A level at the end of day d is drawn at d + 0.5, where the lines put the day's value; a
    // level "as of" an hour of day d lies between the ends of days d - 1 and d. A day's doses
    // go in the middle of the day's bar.
    const double day = static_cast<double>(day_index(table_.start(), f.date));
    const double x = measure == "doses_that_day" ? day + 0.5 : day - 0.5 + f.day_share;
    std::string label =
        fmt::format("Record: {}: {}", figure_name(f), with_thousands(std::round(f.observed)));
    if (f.comparable()) label += fmt::format("; the run: {}", with_thousands(std::round(f.mean)));
    out.push_back({x, f.observed, label + " (" + f.source + ")", Colour::vermillion});
  }
  return out;
}

std::string Writer::record_section() const {
  if (run_.observed.empty()) return "";
  std::string out =
      "<section id=\"record\" aria-labelledby=\"record-h\">\n<h2 id=\"record-h\">Against the "
      "record</h2>\n";
  out += fmt::format("<p id=\"record-summary\">{}</p>\n",
                     esc(record_summary(run_.observed, run_.observed_file)));
  const bool bands = rep_ != nullptr;
  out +=
      "<table id=\"record-table\">\n<thead><tr><th>When</th><th>Place</th><th>Figure</th>"
      "<th>Record</th><th>Run</th><th>Gap</th>";
  if (bands) out += "<th>Run 5%</th><th>Run 95%</th><th>Inside</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < run_.observed.size(); ++i) {
    const fit::ComparedFigure& f = run_.observed[i];
    const std::string json = fmt::format("observed.figures.{}", i);
    std::string when = long_date(f.date);
    if (f.time_of_day) when += " " + sim::format_time_of_day(*f.time_of_day);
    out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td>", esc(when),
                       esc(f.place), esc(f.measure), mark_num(json + ".observed", f.observed, ""));
    if (f.comparable()) {
      out += fmt::format("<td class=\"num\">{}</td><td class=\"num\">{:+.1f}%</td>",
                         mark_num(json + ".simulated", f.mean, ""), 100.0 * f.relative_error());
      if (bands) {
        out += fmt::format("<td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td>",
                           mark_num(json + ".q05", f.q05, ""), mark_num(json + ".q95", f.q95, ""),
                           f.inside_band() ? "yes" : "no");
      }
    } else {
      out += fmt::format("<td colspan=\"{}\">outside the run</td>", bands ? 5 : 2);
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
  out += fmt::format(
      "<p class=\"note\">Figures as of an hour are compared with the run's end of the day before "
      "plus the share of the day's opening time gone by; the record's sources are in "
      "<code>{}</code>.</p>\n",
      esc(run_.observed_file));
  return out + "</section>\n";
}

}  // namespace vaxsim::report::html
