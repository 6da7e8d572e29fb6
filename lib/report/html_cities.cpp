// The HTML report's table of cities (html_writer.hpp): each city's target, doses and days met in
// the window, and why it fell short, with the province's total.

#include <fmt/format.h>

#include <cstddef>
#include <string>

#include "html_writer.hpp"
#include "vaxsim/report/verdict_text.hpp"

namespace vaxsim::report::html {

std::string Writer::cities_section() const {
  if (v_.cities.empty()) return "";
  std::string out = fmt::format(
      "<section id=\"cities\" aria-labelledby=\"cities-h\">\n<h2 id=\"cities-h\">Cities, "
      "{}</h2>\n"
      "<table id=\"city-table\">\n<thead><tr><th>City</th><th class=\"num\">Target a day</th>"
      "<th class=\"num\">Mean a day</th><th class=\"num\">Best day</th><th class=\"num\">Days "
      "met</th><th>Main reason</th><th class=\"num\">Short: no stock</th><th class=\"num\">held "
      "back"
      "</th><th class=\"num\">desks"
      "</th><th class=\"num\">hours</th><th class=\"num\">demand</th></tr></thead>\n<tbody>\n",
      window());
  for (std::size_t i = 0; i < v_.cities.size(); ++i) {
    const auto& c = v_.cities[i];
    const std::string p = fmt::format("verdict.cities.{}.", i);
    out += fmt::format(
        "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{} / {}</td><td>{}</td>",
        text(p + "city", c.city), c.target > 0 ? num(p + "target", c.target) : std::string("none"),
        num(p + "mean_daily", c.mean_daily), num(p + "best_day", c.best_day),
        num(p + "days_met", c.days_met), num(p + "days_in_window", c.days_in_window),
        text(p + "main_bottleneck", model::to_string(c.main_bottleneck)));
    for (const Bottleneck b : kReasons) {
      const auto name = model::to_string(b);
      out += fmt::format("<td class=\"num\">{}</td>", num(p + "short_days_by." + std::string(name),
                                                          count_of(c.short_days_by, b)));
    }
    out += "</tr>\n";
  }
  out += fmt::format(
      "<tr class=\"total\"><td>Province</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
      "<td class=\"num\">{}</td><td class=\"num\">{} / {}</td><td>{}</td>",
      v_.daily_target > 0 ? with_thousands(v_.daily_target) : std::string("none"),
      with_thousands(v_.daily_mean), with_thousands(v_.daily_best), v_.daily_days_met,
      v_.daily_days_in_window, model::to_string(most_frequent(v_.short_city_days_by)));
  for (const Bottleneck b : kReasons) {
    out += fmt::format("<td class=\"num\">{}</td>", count_of(v_.short_city_days_by, b));
  }
  out += "</tr>\n</tbody>\n</table>\n";
  out +=
      "<p class=\"note\">Days met: days at or above the city's target, of the days in the "
      "window. Short: days below target, by what held the city back (see the map above).</p>\n";
  return out + "</section>\n";
}

}  // namespace vaxsim::report::html
