// The report's charts as inline SVG (svg_chart.hpp): the time chart (lines and bands over the
// campaign's days) and the heatmap (a colour per city and day), with the axes, date ticks,
// legends and end labels both draw with. One file, slightly over the ~600 lines a file here keeps
// to: the two charts are one kit, and the helpers are private to it.

#include "vaxsim/report/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <utility>

#include "vaxsim/report/verdict_text.hpp"
#include "vaxsim/report/xml_text.hpp"

namespace vaxsim::report {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::string_view kFontFamily =
    "'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif";
constexpr std::string_view kText = "#222222";
constexpr std::string_view kAxis = "#555555";
constexpr std::string_view kGrid = "#dddddd";
constexpr std::string_view kBlankCell = "#eeeeee";

// A coordinate or length with at most one decimal ("12", "12.5").
std::string num(double x) {
  const double rounded = std::round(x * 10.0) / 10.0;
  if (rounded == std::trunc(rounded)) return fmt::format("{}", static_cast<long long>(rounded));
  return fmt::format("{:.1f}", rounded);
}

std::string_view dash_array(Dash dash) {
  switch (dash) {
    case Dash::solid:
      return "";
    case Dash::dashed:
      return "8 4";
    case Dash::dotted:
      return "2 3";
    case Dash::dash_dot:
      return "9 3 2 3";
  }
  return "";
}

std::string dash_attr(Dash dash) {
  const std::string_view pattern = dash_array(dash);
  return pattern.empty() ? std::string() : fmt::format(" stroke-dasharray=\"{}\"", pattern);
}

// Approximate width of a label in user units: a wide (CJK) character counts two.
double text_width(std::string_view text, double font_size) {
  return 0.6 * font_size * static_cast<double>(display_width(text));
}

sim::Date add_days(sim::Date start, int days) {
  return sim::Date{std::chrono::sys_days{start} + std::chrono::days{days}};
}

unsigned day_of_month(sim::Date d) { return static_cast<unsigned>(d.day()); }
unsigned month_of(sim::Date d) { return static_cast<unsigned>(d.month()); }
int year_of(sim::Date d) { return static_cast<int>(d.year()); }

struct Tick {
  double at = 0;  // in days from the start
  std::string label;
};

// Date ticks that fit: every day, every 2 days, weekly, the 1st and 15th, monthly, quarterly or
// yearly, whichever is the densest with room for its labels.
std::vector<Tick> date_ticks(sim::Date start, int days, double plot_width, double font_size) {
  std::vector<Tick> ticks;
  if (days <= 0) return ticks;
  const double spacing = text_width("30 Sep", font_size) + font_size;  // room per label
  const double fit = plot_width / spacing;                             // labels that fit
  const double n = static_cast<double>(days);
  const auto each_day = [&](auto keep, auto label, double offset) {
    for (int d = 0; d < days; ++d) {
      const sim::Date date = add_days(start, d);
      if (keep(d, date)) ticks.push_back({d + offset, label(date)});
    }
  };
  const auto day_label = [](sim::Date d) { return short_date(d); };
  if (n <= fit) {
    each_day([](int, sim::Date) { return true; }, day_label, 0.5);
  } else if (n / 2 <= fit) {
    each_day([](int d, sim::Date) { return d % 2 == 0; }, day_label, 0.5);
  } else if (n / 7 <= fit) {
    each_day([](int d, sim::Date) { return d % 7 == 0; }, day_label, 0.5);
  } else if (n / 15 <= fit) {
    each_day([](int, sim::Date d) { return day_of_month(d) == 1 || day_of_month(d) == 15; },
             day_label, 0.5);
  } else if (n / 30.4 <= fit) {
    each_day([](int, sim::Date d) { return day_of_month(d) == 1; },
             [](sim::Date d) {
               return month_of(d) == 1 ? fmt::format("Jan {}", year_of(d))
                                       : std::string(kMonths[month_of(d) - 1]);
             },
             0.0);
  } else if (n / 91.3 <= fit) {
    each_day([](int, sim::Date d) { return day_of_month(d) == 1 && month_of(d) % 3 == 1; },
             [](sim::Date d) { return fmt::format("{} {}", kMonths[month_of(d) - 1], year_of(d)); },
             0.0);
  } else {
    each_day([](int, sim::Date d) { return day_of_month(d) == 1 && month_of(d) == 1; },
             [](sim::Date d) { return fmt::format("{}", year_of(d)); }, 0.0);
  }
  if (ticks.empty()) ticks.push_back({0.5, short_date(start)});
  return ticks;
}

std::string x_axis_title(sim::Date start, int days) {
  const int first = year_of(start);
  const int last = year_of(add_days(start, std::max(0, days - 1)));
  return first == last ? fmt::format("Date ({})", first)
                       : fmt::format("Date ({}\u2013{})", first, last);
}

// A "nice" tick step (1, 2, 2.5 or 5 x 10^k) giving about `count` steps up to `max`.
double nice_step(double max, double count) {
  const double raw = max / count;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (m * magnitude >= raw * (1 - 1e-9)) return m * magnitude;
  }
  return 10 * magnitude;
}

std::string trim_zeros(std::string s) {
  if (s.find('.') == std::string::npos) return s;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string y_tick_label(double value, double step, bool millions) {
  if (millions) {
    if (value == 0) return "0";
    return trim_zeros(fmt::format("{:.2f}", value / 1e6)) + " M";
  }
  if (step >= 1) return with_thousands(value);
  return trim_zeros(fmt::format("{:.3f}", value));
}

// Label positions at the right end of a chart, pushed apart so that none overlaps.
struct EndLabel {
  double y = 0;
  std::string text;
  Colour colour = Colour::black;
  Dash dash = Dash::solid;
};

void spread_labels(std::vector<EndLabel>& labels, double gap, double top, double bottom) {
  std::sort(labels.begin(), labels.end(),
            [](const EndLabel& a, const EndLabel& b) { return a.y < b.y; });
  for (std::size_t i = 0; i < labels.size(); ++i) {
    labels[i].y = std::max(labels[i].y, i == 0 ? top : labels[i - 1].y + gap);
  }
  for (std::size_t i = labels.size(); i-- > 0;) {
    const double limit = i + 1 == labels.size() ? bottom : labels[i + 1].y - gap;
    labels[i].y = std::min(labels[i].y, limit);
  }
}

std::string svg_open(std::string_view id, double width, double height, double font_size,
                     std::string_view title) {
  const std::string eid = xml_escape(id);
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{0}\" class=\"chart\" viewBox=\"0 0 {1} "
      "{2}\" "
      "width=\"{1}\" height=\"{2}\" role=\"img\" aria-labelledby=\"{0}-title\" "
      "font-family=\"{3}\" font-size=\"{4}\" fill=\"{5}\">\n"
      "<title id=\"{0}-title\">{6}</title>\n"
      "<rect class=\"background\" x=\"0\" y=\"0\" width=\"{1}\" height=\"{2}\" "
      "fill=\"#ffffff\"/>\n",
      eid, num(width), num(height), kFontFamily, num(font_size), kText, xml_escape(title));
}

// A key in a legend: a swatch and a name, laid out left to right, wrapping to a new row.
struct LegendKey {
  enum Kind { line, box, band, point } kind = line;
  std::string name;
  Colour colour = Colour::black;
  Dash dash = Dash::solid;
  std::string fill;  // box: a fill other than the colour (a pattern); empty: the colour
};

struct LegendLayout {
  std::vector<std::pair<double, double>> at;  // x, y (baseline) per key
  double height = 0;
};

constexpr double kSwatch = 22;

LegendLayout lay_out_legend(const std::vector<LegendKey>& keys, double left, double right,
                            double top, double font_size) {
  LegendLayout layout;
  if (keys.empty()) return layout;
  const double row = font_size * 1.6;
  double x = left;
  double y = top + font_size;
  for (const LegendKey& key : keys) {
    const double w = kSwatch + 6 + text_width(key.name, font_size) + font_size * 1.5;
    if (x > left && x + w > right) {
      x = left;
      y += row;
    }
    layout.at.emplace_back(x, y);
    x += w;
  }
  layout.height = y - top + font_size * 0.8;
  return layout;
}

// A diamond marker centred on (x, y), `r` from centre to corner, with a white edge so that it
// stands out on a line or band of any colour.
std::string diamond(double x, double y, double r, std::string_view colour) {
  return fmt::format(
      "<path class=\"point\" d=\"M{},{}l{},{}l{},{}l{},{}z\" fill=\"{}\" stroke=\"#ffffff\" "
      "stroke-width=\"1\"/>",
      num(x), num(y - r), num(r), num(r), num(-r), num(r), num(-r), num(-r), colour);
}

std::string draw_legend(const std::vector<LegendKey>& keys, const LegendLayout& layout,
                        double font_size) {
  std::string out = "<g class=\"legend\">\n";
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const LegendKey& key = keys[i];
    const auto [x, y] = layout.at[i];
    const double mid = y - font_size * 0.35;
    const std::string_view colour = to_css(key.colour);
    switch (key.kind) {
      case LegendKey::line:
        out += fmt::format(
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2.5\"{}/>",
            num(x), num(mid), num(x + kSwatch), num(mid), colour, dash_attr(key.dash));
        break;
      case LegendKey::box:
        out += fmt::format(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"{}\" "
            "stroke-width=\"0.5\"/>",
            num(x + 4), num(mid - font_size * 0.45), num(kSwatch - 8), num(font_size * 0.9),
            key.fill.empty() ? std::string(colour) : key.fill, kAxis);
        break;
      case LegendKey::band:
        out += fmt::format(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" fill-opacity=\"0.3\"/>",
            num(x), num(mid - font_size * 0.45), num(kSwatch), num(font_size * 0.9), colour);
        break;
      case LegendKey::point:
        out += diamond(x + kSwatch / 2, mid, font_size * 0.45, colour);
        break;
    }
    out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", num(x + kSwatch + 6), num(y),
                       xml_escape(key.name));
  }
  return out + "</g>\n";
}

struct XAxis {
  double left = 0;
  double day_width = 0;
  double x(double day) const { return left + day * day_width; }
};

std::string draw_x_axis(const XAxis& ax, sim::Date start, int days, double plot_width,
                        double bottom, double font_size) {
  std::string out = "<g class=\"x-axis\">\n";
  out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"/>\n",
                     num(ax.left), num(bottom), num(ax.left + plot_width), num(bottom), kAxis);
  for (const Tick& t : date_ticks(start, days, plot_width, font_size)) {
    const double x = ax.x(t.at);
    out += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"{3}\"/>"
        "<text x=\"{0}\" y=\"{4}\" text-anchor=\"middle\">{5}</text>\n",
        num(x), num(bottom), num(bottom + 4), kAxis, num(bottom + 4 + font_size),
        xml_escape(t.label));
  }
  out +=
      fmt::format("<text class=\"axis-title\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
                  num(ax.left + plot_width / 2), num(bottom + 6 + 2.2 * font_size),
                  xml_escape(x_axis_title(start, days)));
  return out + "</g>\n";
}

std::string draw_day_lines(const std::vector<DayLine>& lines, const XAxis& ax, double top,
                           double bottom, double font_size, double plot_right) {
  std::string out;
  for (const DayLine& line : lines) {
    const double x = ax.x(line.day);
    if (x < ax.left - 0.5 || x > plot_right + 0.5) continue;
    // The label sits above the plot, to the left of the line when it is in the right half.
    const bool left_side = x > (ax.left + plot_right) / 2;
    out += fmt::format(
        "<g class=\"day-line\"><line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"{3}\" "
        "stroke-width=\"1.5\"{4}/><text x=\"{5}\" y=\"{6}\" text-anchor=\"{7}\">{8}</text></g>\n",
        num(x), num(top - font_size * 0.2), num(bottom), to_css(line.colour), dash_attr(line.dash),
        num(left_side ? x - 4 : x + 4), num(top - font_size * 0.4), left_side ? "end" : "start",
        xml_escape(line.label));
  }
  return out;
}

double value_at(const std::vector<double>& v, int day) {
  const auto i = static_cast<std::size_t>(day);
  return i < v.size() && std::isfinite(v[i]) ? v[i] : std::nan("");
}

}  // namespace

std::string_view to_css(Colour colour) {
  switch (colour) {
    case Colour::black:
      return "#000000";
    case Colour::orange:
      return "#E69F00";
    case Colour::sky_blue:
      return "#56B4E9";
    case Colour::bluish_green:
      return "#009E73";
    case Colour::yellow:
      return "#F0E442";
    case Colour::blue:
      return "#0072B2";
    case Colour::vermillion:
      return "#D55E00";
    case Colour::reddish_purple:
      return "#CC79A7";
    case Colour::grey:
      return "#999999";
  }
  return "#000000";
}

std::string short_date(sim::Date date, bool with_year) {
  const std::string out =
      fmt::format("{} {}", day_of_month(date), kMonths[(month_of(date) - 1) % 12]);
  return with_year ? fmt::format("{} {}", out, year_of(date)) : out;
}

std::string svg_time_chart(const TimeChart& c) {
  const double fs = c.font_size;
  const int days = std::max(0, c.days);

  // The y range: bars stack, bands and target lines must fit.
  double data_max = 0;
  for (int d = 0; d < days; ++d) {
    double stack = 0;
    for (const Series& s : c.series) {
      const double v = value_at(s.values, d);
      if (s.kind == SeriesKind::bars) {
        if (v > 0) stack += v;
      } else if (v > data_max) {
        data_max = v;
      }
      if (s.band) data_max = std::max(data_max, std::max(0.0, value_at(s.band->hi, d)));
    }
    data_max = std::max(data_max, stack);
  }
  for (const ValueLine& line : c.value_lines) data_max = std::max(data_max, line.value);
  for (const MarkedPoint& p : c.points) data_max = std::max(data_max, p.value);
  double y_max = c.y_max.value_or(0);
  double step = 0;
  if (!(y_max > 0)) {
    y_max = data_max > 0 ? data_max * 1.04 : 1.0;
    step = nice_step(y_max, 5);
    y_max = std::ceil(y_max / step - 1e-9) * step;
  } else {
    step = nice_step(y_max, 5);
    y_max = std::ceil(y_max / step - 1e-9) * step;
  }
  const bool millions =
      c.y_format == YFormat::millions || (c.y_format == YFormat::automatic && y_max >= 2e6);
  std::vector<std::pair<double, std::string>> y_ticks;
  for (int i = 0;; ++i) {
    const double v = i * step;
    if (v > y_max * (1 + 1e-9)) break;
    y_ticks.emplace_back(v, y_tick_label(v, step, millions));
  }

  // Margins: y labels at the left; labels of target lines and lines' ends at the right.
  double y_label_width = 0;
  for (const auto& t : y_ticks) y_label_width = std::max(y_label_width, text_width(t.second, fs));
  const double left = fs * 1.8 + y_label_width + 8;
  std::vector<EndLabel> end_labels;
  for (const ValueLine& line : c.value_lines) {
    end_labels.push_back({line.value, line.label, line.colour, line.dash});
  }
  for (const Series& s : c.series) {
    if (s.kind != SeriesKind::line) continue;
    for (int d = days - 1; d >= 0; --d) {
      if (const double v = value_at(s.values, d); std::isfinite(v)) {
        end_labels.push_back({v, s.name, s.colour, s.dash});
        break;
      }
    }
  }
  double right = c.right_margin;
  if (right <= 0) {
    right = 12;
    for (const EndLabel& l : end_labels) right = std::max(right, text_width(l.text, fs) + 26);
    right = std::min(right, c.width * 0.35);
  }

  // The legend, above the plot.
  std::vector<LegendKey> keys;
  if (c.legend) {
    for (const Series& s : c.series) {
      keys.push_back({s.kind == SeriesKind::bars ? LegendKey::box : LegendKey::line, s.name,
                      s.colour, s.dash, ""});
    }
    for (const Series& s : c.series) {
      if (s.band) {
        keys.push_back({LegendKey::band, s.band_name.empty() ? s.name + ": range" : s.band_name,
                        s.colour, Dash::solid, ""});
      }
    }
    if (!c.points.empty()) {
      keys.push_back({LegendKey::point, c.points_name, c.points.front().colour, Dash::solid, ""});
    }
  }
  const LegendLayout legend = lay_out_legend(keys, left, c.width - right, 4, fs);
  const double top = 4 + legend.height + (c.day_lines.empty() ? fs * 0.6 : fs * 1.6);
  const double bottom = c.height - (fs * 2.6 + 12);
  const double plot_width = std::max(10.0, c.width - left - right);
  const double plot_height = std::max(10.0, bottom - top);
  const XAxis ax{left, days > 0 ? plot_width / days : plot_width};
  const auto y = [&](double v) { return bottom - plot_height * std::clamp(v / y_max, 0.0, 1.0); };

  const std::string id(c.id);
  std::string out = svg_open(id, c.width, c.height, fs, c.title);
  out += draw_legend(keys, legend, fs);

  // Grid and y axis.
  out += "<g class=\"y-axis\">\n";
  for (const auto& [v, label] : y_ticks) {
    out += fmt::format(
        "<line x1=\"{0}\" y1=\"{2}\" x2=\"{1}\" y2=\"{2}\" stroke=\"{3}\"/>"
        "<text x=\"{4}\" y=\"{5}\" text-anchor=\"end\">{6}</text>\n",
        num(left), num(left + plot_width), num(y(v)), v == 0 ? kAxis : kGrid, num(left - 6),
        num(y(v) + fs * 0.35), xml_escape(label));
  }
  out += fmt::format(
      "<text class=\"axis-title\" transform=\"translate({},{}) rotate(-90)\" "
      "text-anchor=\"middle\">{}</text>\n",
      num(fs * 1.1), num(top + plot_height / 2), xml_escape(c.y_label));
  out += "</g>\n";

  if (days == 0) {
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">no days to show</text>\n",
                       num(left + plot_width / 2), num(top + plot_height / 2));
  }

  // Stacked bars, one path per series.
  std::vector<double> stack(static_cast<std::size_t>(days), 0.0);
  const double gap = ax.day_width >= 4 ? ax.day_width * 0.15 : 0.0;
  for (std::size_t i = 0; i < c.series.size(); ++i) {
    const Series& s = c.series[i];
    if (s.kind != SeriesKind::bars) continue;
    std::string d;
    for (int day = 0; day < days; ++day) {
      const double v = value_at(s.values, day);
      if (!(v > 0)) continue;
      double& base = stack[static_cast<std::size_t>(day)];
      const double y0 = y(base);
      const double y1 = y(base + v);
      base += v;
      if (y0 - y1 < 0.05) continue;
      d += fmt::format("M{},{}h{}v{}h{}z", num(ax.x(day) + gap / 2), num(y0),
                       num(ax.day_width - gap), num(y1 - y0), num(gap - ax.day_width));
    }
    const std::string path_id = s.id.empty() ? fmt::format("{}-s{}", id, i) : s.id;
    out += fmt::format(
        "<path id=\"{}\" class=\"bars\" d=\"{}\" fill=\"{}\" stroke=\"none\"><title>{}</title>"
        "</path>\n",
        xml_escape(path_id), d.empty() ? "M0,0" : d, to_css(s.colour), xml_escape(s.name));
  }

  // Bands, behind the lines.
  for (std::size_t i = 0; i < c.series.size(); ++i) {
    const Series& s = c.series[i];
    if (!s.band) continue;
    std::string d;
    std::vector<std::pair<double, double>> lower;
    const auto flush = [&] {
      if (lower.empty()) return;
      for (auto it = lower.rbegin(); it != lower.rend(); ++it) {
        d += fmt::format("L{},{}", num(it->first), num(it->second));
      }
      d += "Z";
      lower.clear();
    };
    for (int day = 0; day < days; ++day) {
      const double lo = value_at(s.band->lo, day);
      const double hi = value_at(s.band->hi, day);
      if (!std::isfinite(lo) || !std::isfinite(hi)) {
        flush();
        continue;
      }
      const double x = ax.x(day + 0.5);
      d += fmt::format("{}{},{}", lower.empty() ? "M" : "L", num(x), num(y(hi)));
      lower.emplace_back(x, y(lo));
    }
    flush();
    out += fmt::format(
        "<path id=\"{}-band{}\" class=\"band\" d=\"{}\" fill=\"{}\" fill-opacity=\"0.3\" "
        "stroke=\"none\"><title>{}</title></path>\n",
        xml_escape(id), i, d.empty() ? "M0,0" : d, to_css(s.colour),
        xml_escape(s.band_name.empty() ? s.name + ": range" : s.band_name));
  }

  // Target lines.
  for (const ValueLine& line : c.value_lines) {
    if (line.value < 0 || line.value > y_max) continue;
    out += fmt::format(
        "<line class=\"value-line\" x1=\"{0}\" y1=\"{2}\" x2=\"{1}\" y2=\"{2}\" stroke=\"{3}\" "
        "stroke-width=\"1.5\"{4}/>\n",
        num(left), num(left + plot_width), num(y(line.value)), to_css(line.colour),
        dash_attr(line.dash));
  }

  // Lines.
  for (std::size_t i = 0; i < c.series.size(); ++i) {
    const Series& s = c.series[i];
    if (s.kind != SeriesKind::line) continue;
    std::string d;
    bool pen_down = false;
    for (int day = 0; day < days; ++day) {
      const double v = value_at(s.values, day);
      if (!std::isfinite(v)) {
        pen_down = false;
        continue;
      }
      d += fmt::format("{}{},{}", pen_down ? "L" : "M", num(ax.x(day + 0.5)), num(y(v)));
      pen_down = true;
    }
    const std::string path_id = s.id.empty() ? fmt::format("{}-s{}", id, i) : s.id;
    out += fmt::format(
        "<path id=\"{}\" class=\"line\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\" "
        "stroke-linejoin=\"round\"{}><title>{}</title></path>\n",
        xml_escape(path_id), d.empty() ? "M0,0" : d, to_css(s.colour), dash_attr(s.dash),
        xml_escape(s.name));
  }

  // The record's points, on top of the lines.
  if (!c.points.empty()) out += "<g class=\"points\">\n";
  for (const MarkedPoint& p : c.points) {
    if (p.day < 0 || p.day > days) continue;
    std::string marker = diamond(ax.x(p.day), y(p.value), fs * 0.5, to_css(p.colour));
    marker.resize(marker.size() - 2);  // "/>": the point gets a <title> inside
    out += marker + fmt::format("><title>{}</title></path>\n", xml_escape(p.label));
  }
  if (!c.points.empty()) out += "</g>\n";

  out += draw_day_lines(c.day_lines, ax, top, bottom, fs, left + plot_width);
  out += draw_x_axis(ax, c.start, days, plot_width, bottom, fs);

  // Labels at the right end: a short stroke in the line's colour and dash, then its name.
  for (EndLabel& l : end_labels) l.y = y(l.y) + fs * 0.35;
  spread_labels(end_labels, fs * 1.15, top + fs * 0.35, bottom + fs * 0.35);
  if (!end_labels.empty()) out += "<g class=\"end-labels\">\n";
  for (const EndLabel& l : end_labels) {
    const double x = left + plot_width + 4;
    out += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"{3}\" stroke-width=\"2\"{4}/>"
        "<text x=\"{5}\" y=\"{6}\">{7}</text>\n",
        num(x), num(l.y - fs * 0.35), num(x + 14), to_css(l.colour), dash_attr(l.dash), num(x + 18),
        num(l.y), xml_escape(l.text));
  }
  if (!end_labels.empty()) out += "</g>\n";
  return out + "</svg>\n";
}

std::string svg_heatmap(const Heatmap& h) {
  const double fs = h.font_size;
  const int days = std::max(0, h.days);
  const std::string id(h.id);

  double row_name_width = 0;
  for (const std::string& r : h.rows) row_name_width = std::max(row_name_width, text_width(r, fs));
  double note_width = 0;
  for (const std::string& n : h.row_notes) note_width = std::max(note_width, text_width(n, fs));
  const double left = row_name_width + 10;
  const double right = note_width > 0 ? note_width + 12 : 12;
  const double plot_width = std::max(10.0, h.width - left - right);

  std::vector<LegendKey> keys;
  for (std::size_t k = 0; k < h.categories.size(); ++k) {
    const HeatmapCategory& cat = h.categories[k];
    std::string fill;
    if (cat.blank) fill = std::string(kBlankCell);
    if (cat.hatched) fill = fmt::format("url(#{}-p{})", id, k);
    keys.push_back({LegendKey::box, cat.name, cat.colour, Dash::solid, fill});
  }
  const LegendLayout legend = lay_out_legend(keys, left, h.width - right, 4, fs);
  const double top = 4 + legend.height + (h.day_lines.empty() ? fs * 0.6 : fs * 1.6);
  const double rows_height = h.row_height * static_cast<double>(h.rows.size());
  const double bottom = top + rows_height;
  const double height = bottom + fs * 2.6 + 12;
  const XAxis ax{left, days > 0 ? plot_width / days : plot_width};

  std::string out = svg_open(id, h.width, height, fs, h.title);
  // Hatched categories: the colour with white diagonal lines.
  std::string defs;
  for (std::size_t k = 0; k < h.categories.size(); ++k) {
    const HeatmapCategory& cat = h.categories[k];
    if (!cat.hatched) continue;
    defs += fmt::format(
        "<pattern id=\"{}-p{}\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" "
        "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"{}\"/>"
        "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#ffffff\" stroke-width=\"2\"/>"
        "</pattern>\n",
        xml_escape(id), k, cat.blank ? kBlankCell : to_css(cat.colour));
  }
  if (!defs.empty()) out += "<defs>\n" + defs + "</defs>\n";
  out += draw_legend(keys, legend, fs);

  const auto fill_of = [&](std::size_t k) -> std::string {
    if (k >= h.categories.size()) return "#ffffff";
    const HeatmapCategory& cat = h.categories[k];
    if (cat.hatched) return fmt::format("url(#{}-p{})", xml_escape(id), k);
    return std::string(cat.blank ? kBlankCell : to_css(cat.colour));
  };
  out += "<g class=\"cells\">\n";
  for (std::size_t r = 0; r < h.rows.size(); ++r) {
    const double y = top + h.row_height * static_cast<double>(r);
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", num(left - 6),
                       num(y + h.row_height / 2 + fs * 0.35), xml_escape(h.rows[r]));
    const std::vector<std::uint8_t> empty;
    const std::vector<std::uint8_t>& row = r < h.cells.size() ? h.cells[r] : empty;
    const auto cell = [&](int day) -> std::size_t {
      const auto i = static_cast<std::size_t>(day);
      return i < row.size() ? row[i] : h.categories.size();
    };
    for (int d0 = 0; d0 < days;) {
      int d1 = d0 + 1;
      while (d1 < days && cell(d1) == cell(d0)) ++d1;
      const std::size_t k = cell(d0);
      const std::string name = k < h.categories.size() ? h.categories[k].name : "no data";
      const std::string when = d1 - d0 == 1
                                   ? short_date(add_days(h.start, d0), true)
                                   : fmt::format("{} \u2013 {}", short_date(add_days(h.start, d0)),
                                                 short_date(add_days(h.start, d1 - 1), true));
      out += fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}, {}: {} ({} "
          "day{})</title></rect>\n",
          num(ax.x(d0)), num(y + 1), num(ax.x(d1) - ax.x(d0)), num(h.row_height - 2), fill_of(k),
          xml_escape(h.rows[r]), when, xml_escape(name), d1 - d0, d1 - d0 == 1 ? "" : "s");
      d0 = d1;
    }
    if (r < h.row_notes.size() && !h.row_notes[r].empty()) {
      out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", num(left + plot_width + 8),
                         num(y + h.row_height / 2 + fs * 0.35), xml_escape(h.row_notes[r]));
    }
  }
  out += "</g>\n";
  out += draw_day_lines(h.day_lines, ax, top, bottom, fs, left + plot_width);
  out += draw_x_axis(ax, h.start, days, plot_width, bottom, fs);
  return out + "</svg>\n";
}

}  // namespace vaxsim::report
