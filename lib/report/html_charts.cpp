// The HTML report's charts, day by day (html_writer.hpp): doses a day and people vaccinated in
// the province, what held each city back, each city's doses against its target, and stock.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "html_writer.hpp"
#include "vaxsim/report/csv.hpp"
#include "vaxsim/report/verdict_text.hpp"

namespace vaxsim::report::html {

namespace {

std::string millions(std::int64_t n) {
  if (n < 1000000) return with_thousands(n);
  std::string m = fmt::format("{:.2f}", static_cast<double>(n) / 1e6);
  while (m.back() == '0') m.pop_back();
  if (m.back() == '.') m.pop_back();
  return m + " M";
}

std::string short_note(const std::array<int, model::kBottleneckKinds>& by) {
  std::string out;
  for (const Bottleneck b : kReasons) {
    const int n = count_of(by, b);
    if (n == 0) continue;
    out += fmt::format("{}{} {}", out.empty() ? "" : ", ", model::to_string(b), n);
  }
  return out.empty() ? std::string("never short") : out;
}

}  // namespace

std::vector<DayLine> Writer::day_lines(bool labelled) const {
  std::vector<DayLine> lines;
  if (v_.daily_target > 0 || !v_.cities.empty()) {
    lines.push_back({static_cast<double>(day_index(table_.start(), targets_.daily_from)),
                     labelled ? "targets from " + short_date(targets_.daily_from) : "",
                     Colour::grey, Dash::dotted});
  }
  lines.push_back({static_cast<double>(day_index(table_.start(), v_.deadline) + 1),
                   labelled ? "deadline " + short_date(v_.deadline) : "", Colour::vermillion,
                   Dash::dashed});
  return lines;
}

std::vector<double> Writer::province(Measure m) const {
  std::vector<double> out(static_cast<std::size_t>(table_.days()));
  for (int d = 0; d < table_.days(); ++d) out[static_cast<std::size_t>(d)] = table_.province(m, d);
  return out;
}

std::vector<double> Writer::city(Measure m, int c) const {
  std::vector<double> out(static_cast<std::size_t>(table_.days()));
  for (int d = 0; d < table_.days(); ++d) out[static_cast<std::size_t>(d)] = table_.at(m, d, c);
  return out;
}

std::vector<double> Writer::plus(std::vector<double> a, const std::vector<double>& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) a[i] += b[i];
  return a;
}

std::string Writer::band_name() const {
  return bands_ != nullptr && !bands_->name.empty() ? bands_->name
                                                    : std::string("range over replications");
}

std::string Writer::figure(std::string_view id, std::string_view title, std::string_view caption,
                           const std::string& svg) {
  return fmt::format("<figure id=\"{}\">\n<h3>{}</h3>\n{}<figcaption>{}</figcaption>\n</figure>\n",
                     id, title, svg, caption);
}

std::string Writer::charts_section() const {
  std::string out =
      "<section id=\"charts\" aria-labelledby=\"charts-h\">\n<h2 id=\"charts-h\">Day by "
      "day</h2>\n";
  if (rep_ != nullptr) {
    out += fmt::format(
        "<p class=\"note\">Bars, lines and the map: the typical replication (number {}). "
        "Shaded bands: {}, day by day; a band's edges on different days may come from different "
        "replications.</p>\n",
        rep_->typical_replication, esc(band_name()));
  }
  out += province_daily_chart();
  out += people_chart();
  out += bottleneck_chart();
  out += city_charts();
  out += stock_chart();
  return out + "</section>\n";
}

std::string Writer::province_daily_chart() const {
  TimeChart c;
  c.id = "svg-province-daily";
  c.title = "Doses given each day in the province, first and second doses";
  c.y_label = "Doses a day";
  c.start = table_.start();
  c.days = table_.days();
  const std::vector<double> first = province(Measure::first_doses);
  const std::vector<double> second = province(Measure::second_doses);
  c.series.push_back({"First doses", first, SeriesKind::bars, Colour::sky_blue, Dash::solid,
                      std::nullopt, "", "province-first-doses"});
  c.series.push_back({"Second doses", second, SeriesKind::bars, Colour::blue, Dash::solid,
                      std::nullopt, "", "province-second-doses"});
  if (bands_ != nullptr && bands_->province_doses) {
    c.series.push_back({"All doses", plus(first, second), SeriesKind::line, Colour::black,
                        Dash::solid, bands_->province_doses, band_name(), "province-all-doses"});
  }
  if (v_.daily_target > 0) {
    c.value_lines.push_back({static_cast<double>(v_.daily_target),
                             "target " + with_thousands(v_.daily_target), Colour::black,
                             Dash::dashed});
  }
  c.day_lines = day_lines(true);
  c.points = record_points("doses_that_day");
  std::string caption = "Bars: doses given each day in all cities, first doses (light blue) on ";
  caption += "the bottom, second doses (dark blue) on top.";
  if (v_.daily_target > 0) {
    caption +=
        fmt::format(" Dashed line: the province's target of {} doses a day, which counts {}.",
                    with_thousands(v_.daily_target), window());
  }
  if (!c.points.empty()) caption += " Diamonds: the doses the record gives for a day.";
  return figure("fig-province-daily", "Doses a day, province", caption, svg_time_chart(c));
}

std::string Writer::people_chart() const {
  TimeChart c;
  c.id = "svg-people";
  c.title = "People with at least one dose and with both doses, province, cumulative";
  c.y_label = "People";
  c.start = table_.start();
  c.days = table_.days();
  const std::vector<double> two = province(Measure::people_two_doses);
  const std::vector<double> one_or_more = plus(province(Measure::people_one_dose), two);
  c.series.push_back({"At least one dose", one_or_more, SeriesKind::line, Colour::sky_blue,
                      Dash::dashed, bands_ != nullptr ? bands_->people_at_least_one : std::nullopt,
                      band_name(), "line-people-one-dose"});
  c.series.push_back({"Both doses", two, SeriesKind::line, Colour::blue, Dash::solid,
                      bands_ != nullptr ? bands_->people_two_doses : std::nullopt, band_name(),
                      "line-people-two-doses"});
  if (targets_.people_fully_vaccinated > 0) {
    c.value_lines.push_back({static_cast<double>(targets_.people_fully_vaccinated),
                             "target " + millions(targets_.people_fully_vaccinated), Colour::black,
                             Dash::dashed});
  }
  for (const auto& level : v_.coverage) {
    c.value_lines.push_back({static_cast<double>(level.people),
                             fmt::format("{:.4g}% coverage", 100.0 * level.level), Colour::grey,
                             Dash::dotted});
  }
  c.day_lines = day_lines(true);
  c.points = record_points("people_one_dose_plus");
  const std::vector<MarkedPoint> fully = record_points("people_fully");
  c.points.insert(c.points.end(), fully.begin(), fully.end());
  std::string caption =
      "People with at least one dose (dashed) and with both doses (solid), prior vaccinations "
      "included, at the end of each day.";
  if (!c.points.empty()) {
    caption += " Diamonds: the record's people with at least one dose and fully vaccinated.";
  }
  if (targets_.people_fully_vaccinated > 0) {
    caption +=
        fmt::format(" Dashed black line: the target of {} people fully vaccinated by {}.",
                    with_thousands(targets_.people_fully_vaccinated), long_date(v_.deadline));
  }
  if (!v_.coverage.empty()) {
    caption += fmt::format(" Dotted grey lines: coverage levels, shares of {} people.",
                           with_thousands(targets_.coverage_base));
  }
  return figure("fig-people", "People vaccinated, province", caption, svg_time_chart(c));
}

std::string Writer::city_charts() const {
  // One scale for all cities, so that their bars compare.
  double y_max = 0;
  for (int c = 0; c < table_.cities(); ++c) {
    for (int d = 0; d < table_.days(); ++d) {
      y_max = std::max(
          y_max, table_.at(Measure::first_doses, d, c) + table_.at(Measure::second_doses, d, c));
      if (bands_ != nullptr && static_cast<std::size_t>(c) < bands_->city_doses.size() &&
          bands_->city_doses[static_cast<std::size_t>(c)]) {
        const Band& b = *bands_->city_doses[static_cast<std::size_t>(c)];
        if (static_cast<std::size_t>(d) < b.hi.size() &&
            std::isfinite(b.hi[static_cast<std::size_t>(d)])) {
          y_max = std::max(y_max, b.hi[static_cast<std::size_t>(d)]);
        }
      }
    }
  }
  for (const auto& cv : v_.cities) y_max = std::max(y_max, static_cast<double>(cv.target));
  y_max *= 1.04;

  std::string out =
      "<figure id=\"fig-cities\">\n<h3>Doses a day, city by city, against each city's "
      "target</h3>\n<figcaption>Same scale for every city. Bars: first doses (light blue) and "
      "second doses (dark blue); dashed line: the city's target, which counts " +
      window() + ".</figcaption>\n<div class=\"multiples\">\n";
  for (int c = 0; c < table_.cities(); ++c) {
    const auto ci = static_cast<std::size_t>(c);
    const std::string& name = table_.city_names()[ci];
    TimeChart chart;
    chart.id = fmt::format("svg-city-{}", c);
    chart.title = fmt::format("{}: doses a day against its target", name);
    chart.y_label = "Doses a day";
    chart.start = table_.start();
    chart.days = table_.days();
    chart.width = 330;
    chart.height = 200;
    chart.font_size = 11;
    chart.legend = false;
    chart.y_max = y_max;
    const std::vector<double> first = city(Measure::first_doses, c);
    const std::vector<double> second = city(Measure::second_doses, c);
    chart.series.push_back({"First doses", first, SeriesKind::bars, Colour::sky_blue, Dash::solid,
                            std::nullopt, "", ""});
    chart.series.push_back({"Second doses", second, SeriesKind::bars, Colour::blue, Dash::solid,
                            std::nullopt, "", ""});
    if (bands_ != nullptr && ci < bands_->city_doses.size() && bands_->city_doses[ci]) {
      chart.series.push_back({"All", plus(first, second), SeriesKind::line, Colour::black,
                              Dash::solid, bands_->city_doses[ci], band_name(), ""});
    }
    const model::CityVerdict* cv = ci < v_.cities.size() ? &v_.cities[ci] : nullptr;
    if (cv != nullptr && cv->target > 0) {
      chart.value_lines.push_back({static_cast<double>(cv->target), with_thousands(cv->target),
                                   Colour::black, Dash::dashed});
    }
    chart.day_lines = day_lines(false);
    std::string note;
    if (cv != nullptr && cv->target > 0) {
      note = fmt::format("Target {}; met on {} of {} days; mean {} a day; main reason: {}.",
                         with_thousands(cv->target), cv->days_met, cv->days_in_window,
                         with_thousands(cv->mean_daily), model::to_string(cv->main_bottleneck));
    } else if (cv != nullptr) {
      note = fmt::format("No target; mean {} a day.", with_thousands(cv->mean_daily));
    }
    out += fmt::format(
        "<figure id=\"fig-city-{}\" class=\"city\">\n<h3>{}</h3>\n{}<p>{}</p>\n</figure>\n", c,
        esc(name), svg_time_chart(chart), esc(note));
  }
  return out + "</div>\n</figure>\n";
}

std::string Writer::bottleneck_chart() const {
  Heatmap h;
  h.id = "svg-bottleneck";
  h.title = "Why each city fell short of its target, day by day";
  h.start = table_.start();
  h.days = table_.days();
  h.categories = {
      {"target met (or none)", Colour::grey, true, false},
      {"no stock", Colour::vermillion, false, false},
      {"held back", Colour::orange, false, true},
      {"desks", Colour::blue, false, true},
      {"hours", Colour::yellow, false, true},
      {"demand", Colour::reddish_purple, false, false},
  };
  for (int c = 0; c < table_.cities(); ++c) {
    h.rows.push_back(table_.city_names()[static_cast<std::size_t>(c)]);
    std::vector<std::uint8_t> row(static_cast<std::size_t>(table_.days()));
    for (int d = 0; d < table_.days(); ++d) {
      row[static_cast<std::size_t>(d)] = static_cast<std::uint8_t>(table_.bottleneck(d, c));
    }
    h.cells.push_back(std::move(row));
    const auto ci = static_cast<std::size_t>(c);
    h.row_notes.push_back(ci < v_.cities.size() ? short_note(v_.cities[ci].short_days_by) : "");
  }
  if (table_.cities() > 1) {
    h.rows.emplace_back("Province");
    std::vector<std::uint8_t> row(static_cast<std::size_t>(table_.days()));
    for (int d = 0; d < table_.days(); ++d) {
      row[static_cast<std::size_t>(d)] = static_cast<std::uint8_t>(table_.province_bottleneck(d));
    }
    h.cells.push_back(std::move(row));
    h.row_notes.push_back(short_note(v_.short_city_days_by));
  }
  h.day_lines = day_lines(true);
  const std::string caption =
      "Each row is a city, each column a day. A coloured cell is a day the city fell short of "
      "its target, coloured by what held it back: <strong>no stock</strong> (too few doses in "
      "the city), <strong>held back</strong> (doses were there, but kept for coming second "
      "doses or paced until the next delivery), "
      "<strong>desks</strong> (desks were the limit although sites kept the planned hours), "
      "<strong>hours</strong> (sites open fewer hours than planned), <strong>demand</strong> "
      "(too few people ready to come). The Province row gives the reason most cities fell short "
      "that day. At the right: city-days short " +
      window() + ", by reason.";
  return figure("fig-bottleneck", "What held each city back", caption, svg_heatmap(h));
}

std::string Writer::stock_chart() const {
  TimeChart c;
  c.id = "svg-stock";
  c.title = "Doses in stock at cities and sites, and doses delivered to cities";
  c.y_label = "Doses";
  c.start = table_.start();
  c.days = table_.days();
  c.series.push_back({"Delivered to cities that day", province(Measure::delivered),
                      SeriesKind::bars, Colour::orange, Dash::solid, std::nullopt, "",
                      "stock-delivered"});
  c.series.push_back(
      {"In stock, end of day", province(Measure::stock), SeriesKind::line, Colour::bluish_green,
       Dash::solid, bands_ != nullptr ? bands_->stock : std::nullopt, band_name(), "stock-level"});
  c.day_lines = day_lines(true);
  return figure("fig-stock", "Stock, province",
                "Line: doses held in the cities' stores and at their sites at the end of each "
                "day, all cities. Bars: doses arriving in the cities' stores each day.",
                svg_time_chart(c));
}

}  // namespace vaxsim::report::html
