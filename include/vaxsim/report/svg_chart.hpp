#pragma once
// Small, self-contained SVG charts over campaign days: lines, stacked bars, bands (the spread over
// replications), target lines and date markers; and a category heatmap (rows x days).
//
// Every chart is one <svg> element with its own xmlns, so it is well-formed XML on its own and
// can be inlined in an HTML page or saved as a .svg file. No scripts, no external fonts or
// styles. Colours come from the Okabe-Ito palette (safe for colour-blind readers) and series are
// told apart also by dash pattern and by their names: a legend and labels at the right end of
// lines, so the chart still reads in greyscale print.
//
// Days are indices from the chart's start date: day d spans [d, d + 1) on the x axis, a bar for
// day d fills that span and a line's point for day d sits at d + 0.5. A DayLine at 10.0 marks
// the start of day 10; the end of day 9 is the same place.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vaxsim/sim/calendar.hpp"

namespace vaxsim::report {

/// The Okabe-Ito palette, plus a mid grey.
enum class Colour : std::uint8_t {
  black,
  orange,
  sky_blue,
  bluish_green,
  yellow,
  blue,
  vermillion,
  reddish_purple,
  grey,
};

/// "#0072B2" and so on.
std::string_view to_css(Colour colour);

enum class Dash : std::uint8_t { solid, dashed, dotted, dash_dot };

/// The spread of a series, e.g. the 5% and 95% quantiles over replications: one lower and one
/// upper value per day, in the series' own units (a band around a stacked series is not stacked).
struct Band {
  std::vector<double> lo;
  std::vector<double> hi;
};

enum class SeriesKind : std::uint8_t {
  line,  // a line through the days' values, labelled at its right end
  bars,  // one bar per day; bar series stack on one another in the order given
};

struct Series {
  std::string name;            // in the legend (and at a line's right end)
  std::vector<double> values;  // one per day from the chart's start; may be shorter
  SeriesKind kind = SeriesKind::line;
  Colour colour = Colour::blue;
  Dash dash = Dash::solid;  // lines only
  std::optional<Band> band;
  std::string band_name;  // legend text for the band; empty: "<name>: range"
  std::string id;         // optional id of the series' <path> element
};

/// A horizontal line at a value, e.g. a target, labelled at the right end.
struct ValueLine {
  double value = 0;
  std::string label;
  Colour colour = Colour::black;
  Dash dash = Dash::dashed;
};

/// A vertical line at a point in time, e.g. a deadline, labelled at its top.
struct DayLine {
  double day = 0;  // days from the chart's start: 10.0 is the start of day 10
  std::string label;
  Colour colour = Colour::vermillion;
  Dash dash = Dash::dashed;
};

/// A figure of the record at a moment, drawn as a diamond on top of the lines (e.g. the progress
/// a report gave, against the simulated line). Its <title> says what it is.
struct MarkedPoint {
  double day = 0;  // days from the chart's start: 10.0 is the start of day 10, 10.375 its 09:00
  double value = 0;
  std::string label;  // the <title>: the figure, its date and its source
  Colour colour = Colour::black;
};

/// Values on the y axis: plain counts with thousands separators, or millions ("12.5 M").
enum class YFormat : std::uint8_t { automatic, count, millions };

struct TimeChart {
  std::string id;       // id of the <svg> element (unique in a page); ids inside derive from it
  std::string title;    // <title> of the chart (read by screen readers, shown on hover)
  std::string y_label;  // the y axis' title, with its unit ("doses a day")
  sim::Date start;
  int days = 0;
  std::vector<Series> series;
  std::vector<ValueLine> value_lines;
  std::vector<DayLine> day_lines;
  std::vector<MarkedPoint> points;
  std::string points_name = "reported";  // the points' legend text
  double width = 960;  // the viewBox; the chart scales to the width of its container
  double height = 360;
  double font_size = 12;
  std::optional<double> y_max;  // default: the data's maximum, rounded up to a tick
  YFormat y_format = YFormat::automatic;
  bool legend = true;       // a row of keys above the plot
  double right_margin = 0;  // room for the labels at the right; 0: chosen from the labels
};

/// The chart as an <svg> element (no XML declaration), ending in a newline.
std::string svg_time_chart(const TimeChart& chart);

struct HeatmapCategory {
  std::string name;
  Colour colour = Colour::grey;
  bool blank = false;    // drawn as a pale grey cell (e.g. "target met")
  bool hatched = false;  // white diagonal lines over the colour, for print and colour-blind readers
};

/// Rows x days, each cell one category; runs of equal cells are drawn as one rectangle, with a
/// <title> naming the row, the dates and the category.
struct Heatmap {
  std::string id;
  std::string title;
  sim::Date start;
  int days = 0;
  std::vector<std::string> rows;
  std::vector<std::vector<std::uint8_t>> cells;  // [row][day]: index into categories
  std::vector<HeatmapCategory> categories;
  std::vector<std::string> row_notes;  // optional text at the right of each row
  std::vector<DayLine> day_lines;
  double width = 960;  // the height follows from the number of rows
  double row_height = 20;
  double font_size = 12;
};

/// The heatmap as an <svg> element, ending in a newline.
std::string svg_heatmap(const Heatmap& heatmap);

/// A date as chart labels write it: "1 May", or "1 May 2021" with the year.
std::string short_date(sim::Date date, bool with_year = false);

}  // namespace vaxsim::report
