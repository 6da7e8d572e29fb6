// The HTML report on hand-built results: well-formed, self-contained, the verdict in words at the
// top, every chart present, the numbers it shows equal to summary.json, bands when given.

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "report_checks.hpp"
#include "vaxsim/model/results.hpp"
#include "vaxsim/model/verdict.hpp"
#include "vaxsim/report/html_report.hpp"
#include "vaxsim/report/summary_json.hpp"

namespace {

namespace report = vaxsim::report;
using vaxsim::model::Bottleneck;
using vaxsim::model::CampaignConfig;
using vaxsim::model::CampaignResult;
using vaxsim::model::CityDayTable;
using vaxsim::model::Measure;
using vaxsim::model::Verdict;
using vaxsim::sim::parse_date;
using vaxsim_test::kHaveXmlParser;
using vaxsim_test::parse_xml;

constexpr int kDays = 10;

struct Inputs {
  report::RunInfo run;
  CampaignConfig config;
  CampaignResult result;
  Verdict verdict;
};

// Two cities over ten days (1-10 May 2021), targets from 3 May, deadline 9 May.
Inputs make_inputs() {
  Inputs in;
  in.run.scenario_file = "scenarios/test <plan>.yaml";
  in.run.description = "A test & its \"description\".\n";
  in.run.seed = 20210407;
  in.run.replication = 3;
  in.run.assumptions = {{"uptake", "90%", "assumption <b>bold</b>"},
                        {"supply", "1 M a week", "plan & report"}};

  CampaignConfig& c = in.config;
  c.name = "Test plan <A&B>";
  c.start = parse_date("2021-05-01");
  c.end = parse_date("2021-05-10");
  c.targets.daily_doses = 1000;
  c.targets.daily_from = parse_date("2021-05-03");
  c.targets.deadline = parse_date("2021-05-09");
  c.targets.people_fully_vaccinated = 5000;
  c.targets.doses = 12000;
  c.targets.coverage_levels = {0.4, 0.5};
  c.targets.coverage_base = 10000;

  CityDayTable t(c.start, kDays, {"North", "Sou\"th & <co>"});
  for (int d = 0; d < kDays; ++d) {
    for (int city = 0; city < 2; ++city) {
      t.at(Measure::first_doses, d, city) = 300.0 + 10 * d + 50 * city;
      t.at(Measure::second_doses, d, city) = 20.0 * d;
      t.at(Measure::people_one_dose, d, city) = 1000.0 + 100 * d;
      t.at(Measure::people_two_doses, d, city) = 200.0 * d;
      t.at(Measure::stock, d, city) = 5000.0 - 300 * d;
      t.at(Measure::delivered, d, city) = d % 7 == 0 ? 4000.0 : 0.0;
      t.bottleneck(d, city) = d < 5 ? Bottleneck::supply : Bottleneck::demand;
    }
  }
  t.bottleneck(8, 0) = Bottleneck::none;
  in.result.table = t;

  Verdict& v = in.verdict;
  v.daily_target = 1000;
  v.daily_first_reached = parse_date("2021-05-08");
  v.daily_days_met = 2;
  v.daily_days_in_window = 7;
  v.daily_best = t.province(Measure::first_doses, 8) + t.province(Measure::second_doses, 8);
  v.daily_mean = 876.4285714285714;
  v.deadline = parse_date("2021-05-09");
  v.people_fully_target = 5000;
  v.people_fully_by_deadline = 3200;
  v.people_one_dose_by_deadline = 6800;
  v.doses_target = 12000;
  v.doses_by_deadline = 13210;
  v.coverage = {{0.4, 4000, std::nullopt}, {0.5, 5000, std::nullopt}};
  v.coverage[0].reached = parse_date("2021-05-10");
  v.short_city_days_by = {0, 5, 0, 0, 7};
  vaxsim::model::CityVerdict north;
  north.city = "North";
  north.target = 600;
  north.days_met = 1;
  north.days_in_window = 7;
  north.mean_daily = 433.5;
  north.best_day = 620;
  north.short_days_by = {0, 3, 0, 0, 3};
  north.main_bottleneck = Bottleneck::supply;
  vaxsim::model::CityVerdict south = north;
  south.city = "Sou\"th & <co>";
  south.target = 400;
  south.days_met = 7;
  south.short_days_by = {};
  south.main_bottleneck = Bottleneck::none;
  v.cities = {north, south};
  return in;
}

std::string html_of(const Inputs& in, const report::ReportBands* bands = nullptr) {
  return report::html_report(in.run, in.config, in.result, in.verdict, bands);
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(HtmlReport, IsWellFormedXmlAndEverySvgToo) {
  if (!kHaveXmlParser) GTEST_SKIP() << "built without libxml2 (scripts/setup.sh installs it)";
  const std::string html = html_of(make_inputs());
  const auto parsed = parse_xml(html);
  EXPECT_TRUE(parsed.well_formed) << parsed.errors;
  const auto svgs = vaxsim_test::svg_elements(html);
  EXPECT_EQ(svgs.size(), 4u + 2u);  // province, people, bottleneck, stock + one per city
  for (const std::string& svg : svgs) {
    const auto one = parse_xml(svg);
    EXPECT_TRUE(one.well_formed) << one.errors << svg.substr(0, 300);
  }
}

TEST(HtmlReport, EveryIdIsUnique) {
  const std::string html = html_of(make_inputs());
  const std::regex id_attr(R"re( id="([^"]*)")re");
  std::set<std::string> seen;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), id_attr);
       it != std::sregex_iterator(); ++it) {
    EXPECT_TRUE(seen.insert((*it)[1]).second) << "duplicate id " << (*it)[1];
  }
  EXPECT_GT(seen.size(), 40u);
}

TEST(HtmlReport, IsSelfContained) {
  const std::string html = html_of(make_inputs());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"", 0), 0u);
  EXPECT_NE(html.find("<meta charset=\"utf-8\"/>"), std::string::npos);
  for (const char* outside : {"<script", "<link", "<img", "<iframe", "src=", "@import",
                              "href=", "https:", "url(http", "@font-face"}) {
    EXPECT_EQ(html.find(outside), std::string::npos) << outside;
  }
  // The only URIs are the XML namespaces of XHTML and SVG, and patterns in the same document.
  EXPECT_EQ(count(html, "http://"), 1u + count(html, "xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_EQ(count(html, "url("), count(html, "url(#"));
  EXPECT_NE(html.find("@media print"), std::string::npos);
}

TEST(HtmlReport, OpensWithTheVerdictInWords) {
  const std::string html = html_of(make_inputs());
  const std::size_t verdict = html.find("id=\"verdict\"");
  const std::size_t charts = html.find("id=\"charts\"");
  ASSERT_NE(verdict, std::string::npos);
  EXPECT_LT(verdict, charts);
  for (const char* words :
       {"Is <span id=\"daily-target\"", "Yes, first on <time id=\"daily-first-reached\"",
        ">8 May 2021</time>", "not sustained", "Do the cities reach their own targets (400 or 600",
        "Partly: 1 of 2 cities every day.", "Will the deadline, <time id=\"deadline\"",
        "Partly: the doses target is met, the people target is not.", "short by 1,800",
        "not reached by 10 May 2021", "reached on <time"}) {
    EXPECT_NE(html.find(words), std::string::npos) << words;
  }
  // The best day is dated from the table: day 8 (9 May).
  EXPECT_NE(html.find("doses (9 May)"), std::string::npos);
}

TEST(HtmlReport, HasEveryChartWithItsIds) {
  const std::string html = html_of(make_inputs());
  for (const char* id :
       {"fig-province-daily", "svg-province-daily", "province-first-doses", "province-second-doses",
        "fig-people", "svg-people", "line-people-one-dose", "line-people-two-doses", "fig-cities",
        "svg-city-0", "svg-city-1", "fig-bottleneck", "svg-bottleneck", "fig-stock", "svg-stock",
        "stock-level", "stock-delivered", "assumptions", "city-table"}) {
    EXPECT_EQ(count(html, std::string("id=\"") + id + "\""), 1u) << id;
  }
  EXPECT_NE(html.find(">target 1,000</text>"), std::string::npos);  // the province's line
  EXPECT_NE(html.find(">target 5,000</text>"), std::string::npos);  // people fully vaccinated
  EXPECT_NE(html.find(">40% coverage</text>"), std::string::npos);
  EXPECT_NE(html.find(">deadline 9 May</text>"), std::string::npos);
  EXPECT_NE(html.find(">600</text>"), std::string::npos);  // North's target, in its chart
  EXPECT_NE(html.find(": supply (5 days)</title>"), std::string::npos);  // bottleneck map
  EXPECT_NE(html.find(">Province</text>"), std::string::npos);
}

TEST(HtmlReport, ListsTheAssumptionsEscaped) {
  const std::string html = html_of(make_inputs());
  EXPECT_NE(html.find("<td>uptake</td><td>90%</td><td>assumption &lt;b&gt;bold&lt;/b&gt;</td>"),
            std::string::npos);
  EXPECT_NE(html.find("plan &amp; report"), std::string::npos);
  EXPECT_NE(html.find("<h1 id=\"title\">Test plan &lt;A&amp;B&gt;</h1>"), std::string::npos);
  EXPECT_NE(html.find("Sou&quot;th &amp; &lt;co&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);

  Inputs none = make_inputs();
  none.run.assumptions.clear();
  EXPECT_NE(html_of(none).find("The scenario states no assumptions."), std::string::npos);
}

TEST(HtmlReport, NumbersShownEqualTheSummaryJson) {
  if (!kHaveXmlParser) GTEST_SKIP() << "built without libxml2 (scripts/setup.sh installs it)";
  const Inputs in = make_inputs();
  const auto parsed = parse_xml(html_of(in));
  ASSERT_TRUE(parsed.well_formed) << parsed.errors;
  const auto summary =
      nlohmann::json::parse(report::summary_json(in.run, in.config, in.result, in.verdict));
  EXPECT_EQ(vaxsim_test::compare_with_json(parsed.marked, summary), "");
  // The key numbers are all there, under stable ids.
  std::vector<std::string> ids;
  for (const auto& m : parsed.marked) ids.push_back(m.id);
  for (const char* id :
       {"daily-target", "daily-first-reached", "daily-days-met", "daily-days-in-window",
        "daily-best", "daily-mean", "deadline", "people-fully", "people-fully-target",
        "doses-by-deadline", "doses-target", "people-one-dose", "coverage-0", "coverage-1",
        "coverage-base", "short-supply", "short-demand"}) {
    EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << id;
  }
  // Every city's row of the table is checked too: 2 cities x 10 cells.
  std::size_t city_cells = 0;
  for (const auto& m : parsed.marked) city_cells += m.json.rfind("verdict.cities.", 0) == 0;
  EXPECT_GE(city_cells, 20u);
}

TEST(HtmlReport, TheJsonComparisonCatchesADifference) {
  if (!kHaveXmlParser) GTEST_SKIP() << "built without libxml2 (scripts/setup.sh installs it)";
  const Inputs in = make_inputs();
  const auto parsed = parse_xml(html_of(in));
  auto summary =
      nlohmann::json::parse(report::summary_json(in.run, in.config, in.result, in.verdict));
  summary["verdict"]["people_fully_by_deadline"] = 3201;
  summary["verdict"]["coverage"][1]["reached"] = "2021-05-09";
  const std::string problems = vaxsim_test::compare_with_json(parsed.marked, summary);
  EXPECT_NE(problems.find("verdict.people_fully_by_deadline (#people-fully)"), std::string::npos)
      << problems;
  EXPECT_NE(problems.find("verdict.coverage.1.reached"), std::string::npos) << problems;
}

TEST(HtmlReport, ShowsTheSpreadOverReplicationsAsBands) {
  const Inputs in = make_inputs();
  EXPECT_EQ(html_of(in).find("class=\"band\""), std::string::npos);

  report::ReportBands bands;
  bands.name = "5-95% of 20 replications";
  const auto around = [](double centre) {
    report::Band b;
    for (int d = 0; d < kDays; ++d) {
      b.lo.push_back(centre * 0.9 + d);
      b.hi.push_back(centre * 1.1 + d);
    }
    return b;
  };
  bands.province_doses = around(900);
  bands.people_at_least_one = around(3000);
  bands.people_two_doses = around(1000);
  bands.stock = around(8000);
  bands.city_doses = {around(400), std::nullopt};
  const std::string html = html_of(in, &bands);
  EXPECT_EQ(count(html, "class=\"band\""), 5u);  // province, 2 people lines, stock, North
  for (const char* id : {"svg-province-daily-band2", "svg-people-band0", "svg-people-band1",
                         "svg-stock-band1", "svg-city-0-band2"}) {
    EXPECT_NE(html.find(std::string("id=\"") + id + "\""), std::string::npos) << id;
  }
  EXPECT_NE(html.find(">5-95% of 20 replications</text>"), std::string::npos);
  if (kHaveXmlParser) {
    const auto parsed = parse_xml(html);
    EXPECT_TRUE(parsed.well_formed) << parsed.errors;
  }
}

TEST(HtmlReport, SaysWhenNoTargetWasSet) {
  Inputs in = make_inputs();
  in.verdict.daily_target = 0;
  in.verdict.daily_first_reached.reset();
  in.verdict.people_fully_target = 0;
  in.verdict.doses_target = 0;
  for (auto& c : in.verdict.cities) c.target = 0;
  in.verdict.coverage.clear();
  const std::string html = html_of(in);
  EXPECT_NE(html.find("No daily target was set."), std::string::npos);
  EXPECT_NE(html.find("No city has a daily target."), std::string::npos);
  EXPECT_NE(html.find("No target was set for the deadline."), std::string::npos);
  EXPECT_EQ(html.find("answer-coverage"), std::string::npos);
  if (kHaveXmlParser) {
    EXPECT_TRUE(parse_xml(html).well_formed);
  }
}

TEST(HtmlReport, SaysNoWhenTheDailyTargetIsNeverReached) {
  Inputs in = make_inputs();
  in.verdict.daily_first_reached.reset();
  in.verdict.daily_days_met = 0;
  const std::string html = html_of(in);
  EXPECT_NE(html.find("No: "), std::string::npos);
  EXPECT_NE(html.find("short on the best day."), std::string::npos);
  EXPECT_NE(html.find("card no\" id=\"answer-daily\""), std::string::npos);
}

TEST(HtmlReport, IsTheSameForTheSameInputs) {
  const Inputs in = make_inputs();
  EXPECT_EQ(html_of(in), html_of(in));
}

}  // namespace
