// The SVG chart writer and the XML escaping under it: structure, stacking, bands (the spread
// over replications), run-length heatmaps, date ticks, and well-formed XML by a real parser.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <regex>
#include <string>
#include <vector>

#include "support/report_checks.hpp"
#include "vaxsim/report/svg_chart.hpp"
#include "vaxsim/report/xml_text.hpp"

namespace {

namespace report = vaxsim::report;
using report::Band;
using report::Colour;
using report::Dash;
using report::Series;
using report::SeriesKind;
using vaxsim::sim::parse_date;
using vaxsim::test::kHaveXmlParser;
using vaxsim::test::parse_xml;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The d attribute of the element with this id.
std::string path_of(const std::string& svg, const std::string& id) {
  const std::size_t at = svg.find("id=\"" + id + "\"");
  if (at == std::string::npos) return "";
  const std::size_t d = svg.find(" d=\"", at);
  return svg.substr(d + 4, svg.find('"', d + 4) - d - 4);
}

void expect_well_formed(const std::string& xml) {
  if (!kHaveXmlParser) GTEST_SKIP() << "built without libxml2 (scripts/setup.sh installs it)";
  const auto parsed = parse_xml(xml);
  EXPECT_TRUE(parsed.well_formed) << parsed.errors << "\n" << xml.substr(0, 2000);
}

report::TimeChart two_series_chart() {
  report::TimeChart c;
  c.id = "chart";
  c.title = "Doses a day";
  c.y_label = "Doses a day";
  c.start = parse_date("2021-05-01");
  c.days = 4;
  c.y_max = 200;
  c.series.push_back({"First doses",
                      {100, 50, 0, 20},
                      SeriesKind::bars,
                      Colour::sky_blue,
                      Dash::solid,
                      std::nullopt,
                      "",
                      "first"});
  c.series.push_back({"Second doses",
                      {50, 60, 70, 80},
                      SeriesKind::bars,
                      Colour::blue,
                      Dash::solid,
                      std::nullopt,
                      "",
                      "second"});
  c.value_lines.push_back({160, "target 160", Colour::black, Dash::dashed});
  c.day_lines.push_back({3, "deadline 3 May", Colour::vermillion, Dash::dashed});
  return c;
}

// --- XML text ---------------------------------------------------------------------------------

TEST(XmlEscape, EscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(report::xml_escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
  EXPECT_EQ(report::xml_escape(""), "");
  EXPECT_EQ(report::xml_escape("plain text, 100%"), "plain text, 100%");
}

TEST(XmlEscape, KeepsValidUtf8AndReplacesWhatXmlCannotHold) {
  EXPECT_EQ(report::xml_escape("太原 – Jinzhōng"), "太原 – Jinzhōng");
  EXPECT_EQ(report::xml_escape("tab\tline\ncr\r"), "tab\tline\ncr\r");
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(report::xml_escape(std::string("a\x01z")), "a" + fffd + "z");  // control character
  EXPECT_EQ(report::xml_escape(std::string("a\xFFz")), "a" + fffd + "z");  // not UTF-8
  EXPECT_EQ(report::xml_escape(std::string("\xC3")), fffd);                // cut short
  EXPECT_EQ(report::xml_escape(std::string("\xC0\xAF")), fffd + fffd);     // overlong '/'
  EXPECT_EQ(report::xml_escape(std::string("\xED\xA0\x80")), fffd + fffd + fffd);      // surrogate
  EXPECT_EQ(report::xml_escape(std::string("\xEF\xBF\xBF")), fffd);                    // U+FFFF
  EXPECT_EQ(report::xml_escape(std::string("\xF0\x9F\x92\x89")), "\xF0\x9F\x92\x89");  // U+1F489
}

TEST(XmlEscape, AnythingEscapedParsesAsXml) {
  std::string nasty = "<b>&amp; \"q\" 'a' ]]> <!-- x --> ";
  for (int b = 0; b < 256; ++b) nasty += static_cast<char>(b);
  expect_well_formed("<r a=\"" + report::xml_escape(nasty) + "\" b='" + report::xml_escape(nasty) +
                     "'>" + report::xml_escape(nasty) + "</r>");
}

// --- time charts ------------------------------------------------------------------------------

TEST(SvgTimeChart, IsOneSelfContainedSvgElement) {
  const std::string svg = report::svg_time_chart(two_series_chart());
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"chart\"", 0), 0u) << svg;
  EXPECT_EQ(svg.substr(svg.size() - 7), "</svg>\n");
  EXPECT_EQ(count(svg, "<svg"), 1u);
  EXPECT_NE(svg.find("<title id=\"chart-title\">Doses a day</title>"), std::string::npos);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(svg.find("href"), std::string::npos);
  expect_well_formed(svg);
}

TEST(SvgTimeChart, LabelsAxesTargetsAndDates) {
  const std::string svg = report::svg_time_chart(two_series_chart());
  for (const char* text : {">Doses a day</text>", ">target 160</text>", ">deadline 3 May</text>",
                           ">Date (2021)</text>", ">1 May</text>", ">4 May</text>", ">200</text>",
                           ">First doses</text>", ">Second doses</text>"}) {
    EXPECT_NE(svg.find(text), std::string::npos) << text << "\n" << svg;
  }
  EXPECT_NE(svg.find("stroke-dasharray=\"8 4\""), std::string::npos);  // dashed target line
}

TEST(SvgTimeChart, BarsStackInTheOrderGiven) {
  const std::string svg = report::svg_time_chart(two_series_chart());
  // Day 0: first doses from 0 to 100, second doses from 100 to 150: the second bar starts where
  // the first one ends ("M x,y0 h w v dy h -w z").
  const std::regex bar(R"(M([-\d.]+),([-\d.]+)h([-\d.]+)v([-\d.]+)h)");
  std::smatch first;
  std::smatch second;
  const std::string first_d = path_of(svg, "first");
  const std::string second_d = path_of(svg, "second");
  ASSERT_TRUE(std::regex_search(first_d, first, bar)) << first_d;
  ASSERT_TRUE(std::regex_search(second_d, second, bar)) << second_d;
  const double first_bottom = std::stod(first[2]);
  const double first_top = first_bottom + std::stod(first[4]);
  EXPECT_NEAR(std::stod(second[2]), first_top, 0.11);
  EXPECT_EQ(first[1], second[1]);  // same x
  // 100 doses are twice as tall as 50.
  EXPECT_NEAR(-std::stod(first[4]), -2 * std::stod(second[4]), 0.3);
  // Day 2 has no first doses: three first-dose bars, four second-dose bars.
  EXPECT_EQ(count(first_d, "M"), 3u);
  EXPECT_EQ(count(second_d, "M"), 4u);
}

TEST(SvgTimeChart, DrawsABandAroundALineAndNamesIt) {
  report::TimeChart c = two_series_chart();
  Band band{{90, 100, std::nan(""), 120}, {110, 130, 140, 150}};
  c.series.push_back({"All doses",
                      {100, 110, 70, 130},
                      SeriesKind::line,
                      Colour::black,
                      Dash::solid,
                      band,
                      "5-95% of 20 replications",
                      "all"});
  const std::string svg = report::svg_time_chart(c);
  EXPECT_EQ(count(svg, "class=\"band\""), 1u);
  const std::string d = path_of(svg, "chart-band2");
  // A missing value splits the band in two closed areas: days 0-1 and day 3.
  EXPECT_EQ(count(d, "M"), 2u) << d;
  EXPECT_EQ(count(d, "Z"), 2u) << d;
  EXPECT_NE(svg.find(">5-95% of 20 replications</text>"), std::string::npos);  // legend
  EXPECT_NE(svg.find(">All doses</text>"), std::string::npos);  // label at the line's end
  EXPECT_NE(svg.find("fill-opacity=\"0.3\""), std::string::npos);
  expect_well_formed(svg);
}

TEST(SvgTimeChart, TheYAxisMakesRoomForTheBand) {
  report::TimeChart c;
  c.id = "c";
  c.start = parse_date("2021-05-01");
  c.days = 3;
  c.series.push_back({"x",
                      {10, 20, 30},
                      SeriesKind::line,
                      Colour::blue,
                      Dash::solid,
                      Band{{5, 10, 20}, {15, 30, 95}},
                      "",
                      ""});
  const std::string svg = report::svg_time_chart(c);
  EXPECT_NE(svg.find(">100</text>"), std::string::npos) << svg;  // the band's 95, rounded up
}

TEST(SvgTimeChart, ALineSkipsMissingDays) {
  report::TimeChart c;
  c.id = "c";
  c.start = parse_date("2021-05-01");
  c.days = 5;
  c.series.push_back({"x",
                      {1, 2, std::nan(""), 4, 5},
                      SeriesKind::line,
                      Colour::blue,
                      Dash::dotted,
                      std::nullopt,
                      "",
                      "x"});
  const std::string svg = report::svg_time_chart(c);
  EXPECT_EQ(count(path_of(svg, "x"), "M"), 2u);
  EXPECT_NE(svg.find("stroke-dasharray=\"2 3\""), std::string::npos);
}

TEST(SvgTimeChart, MillionsAreWrittenAsM) {
  report::TimeChart c;
  c.id = "c";
  c.start = parse_date("2021-04-01");
  c.days = 2;
  c.series.push_back(
      {"people", {1e6, 2.2e7}, SeriesKind::line, Colour::blue, Dash::solid, std::nullopt, "", ""});
  const std::string svg = report::svg_time_chart(c);
  EXPECT_NE(svg.find(">25 M</text>"), std::string::npos) << svg;
  EXPECT_NE(svg.find(">0</text>"), std::string::npos);
}

TEST(SvgTimeChart, DateTicksFitTheSpan) {
  report::TimeChart c;
  c.id = "c";
  c.start = parse_date("2021-04-01");
  c.width = 960;
  c.days = 91;  // April to June: the 1st and 15th of each month, or weekly
  std::string svg = report::svg_time_chart(c);
  EXPECT_NE(svg.find(">1 Apr</text>"), std::string::npos) << svg;
  c.days = 400;  // more than a year: months, January with its year
  svg = report::svg_time_chart(c);
  EXPECT_NE(svg.find(">May</text>"), std::string::npos) << svg;
  EXPECT_NE(svg.find(">Jan 2022</text>"), std::string::npos);
  EXPECT_NE(svg.find(">Date (2021\u20132022)</text>"), std::string::npos);
}

TEST(SvgTimeChart, EscapesEveryText) {
  report::TimeChart c = two_series_chart();
  c.id = "a&b";
  c.title = "<script>alert(1)</script>";
  c.y_label = "doses & \"people\"";
  c.series[0].name = "first <1>";
  c.value_lines[0].label = "target > 'x'";
  c.day_lines[0].label = "end & more";
  const std::string svg = report::svg_time_chart(c);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_NE(svg.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(svg.find("doses &amp; &quot;people&quot;"), std::string::npos);
  expect_well_formed(svg);
}

TEST(SvgTimeChart, AnEmptyChartIsStillWellFormed) {
  report::TimeChart c;
  c.id = "empty";
  c.start = parse_date("2021-05-01");
  const std::string svg = report::svg_time_chart(c);
  EXPECT_NE(svg.find("no days to show"), std::string::npos);
  expect_well_formed(svg);
}

// --- heatmaps ---------------------------------------------------------------------------------

report::Heatmap small_heatmap() {
  report::Heatmap h;
  h.id = "map";
  h.title = "Why";
  h.start = parse_date("2021-05-30");
  h.days = 6;
  h.rows = {"North", "South & co"};
  h.cells = {{0, 0, 1, 1, 1, 0}, {2, 2, 2, 2, 2, 2}};
  h.categories = {{"met", Colour::grey, true, false},
                  {"supply", Colour::vermillion, false, false},
                  {"desks", Colour::blue, false, true}};
  h.row_notes = {"supply 3", "desks 6"};
  return h;
}

TEST(SvgHeatmap, DrawsRunsOfEqualCellsAsOneRectangleWithATitle) {
  const std::string svg = report::svg_heatmap(small_heatmap());
  // North: met (2 days), supply (3), met (1); South: desks (6).
  EXPECT_NE(svg.find("<title>North, 30 May \u2013 31 May 2021: met (2 days)</title>"),
            std::string::npos)
      << svg;
  EXPECT_NE(svg.find("<title>North, 1 Jun \u2013 3 Jun 2021: supply (3 days)</title>"),
            std::string::npos);
  EXPECT_NE(svg.find("<title>North, 4 Jun 2021: met (1 day)</title>"), std::string::npos);
  EXPECT_NE(svg.find("<title>South &amp; co, 30 May \u2013 4 Jun 2021: desks (6 days)</title>"),
            std::string::npos);
  EXPECT_EQ(count(svg, "<rect x="), 4u + 3u);  // 4 runs, 3 legend swatches
  EXPECT_NE(svg.find(">supply 3</text>"), std::string::npos);
  expect_well_formed(svg);
}

TEST(SvgHeatmap, HatchedCategoriesUsePatternsNamedAfterTheChart) {
  const std::string svg = report::svg_heatmap(small_heatmap());
  EXPECT_NE(svg.find("<pattern id=\"map-p2\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("fill=\"url(#map-p2)\""), std::string::npos);
  EXPECT_EQ(svg.find("map-p1\""), std::string::npos);  // supply is not hatched
}

TEST(ShortDate, WritesDayAndMonth) {
  EXPECT_EQ(report::short_date(parse_date("2021-06-30")), "30 Jun");
  EXPECT_EQ(report::short_date(parse_date("2021-05-01"), true), "1 May 2021");
}

}  // namespace
