// The HTML report on hand-built results: well-formed, self-contained, the verdict in words at the
// top, every chart present, the numbers it shows equal to summary.json, bands when given.

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/report_checks.hpp"
#include "support/towns.hpp"
#include "vaxsim/model/campaign.hpp"
#include "vaxsim/model/results.hpp"
#include "vaxsim/model/verdict.hpp"
#include "vaxsim/report/csv.hpp"
#include "vaxsim/report/ensemble_report.hpp"
#include "vaxsim/report/html_report.hpp"
#include "vaxsim/report/summary_json.hpp"
#include "vaxsim/run/ensemble.hpp"
#include "vaxsim/run/replications.hpp"
#include "vaxsim/run/target_odds.hpp"
#include "vaxsim/sim/eigen_view.hpp"
#include "vaxsim/supply/cold_chain.hpp"

namespace {

namespace report = vaxsim::report;
using vaxsim::model::Bottleneck;
using vaxsim::model::CampaignConfig;
using vaxsim::model::CampaignResult;
using vaxsim::model::CityDayTable;
using vaxsim::model::Measure;
using vaxsim::model::Verdict;
using vaxsim::sim::parse_date;
using vaxsim::test::kHaveXmlParser;
using vaxsim::test::parse_xml;

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
      t.bottleneck(d, city) = d < 5 ? Bottleneck::no_stock : Bottleneck::demand;
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
  v.short_city_days_by = {0, 5, 0, 0, 0, 7};
  vaxsim::model::CityVerdict north;
  north.city = "North";
  north.target = 600;
  north.days_met = 1;
  north.days_in_window = 7;
  north.mean_daily = 433.5;
  north.best_day = 620;
  north.short_days_by = {0, 3, 0, 0, 0, 3};
  north.main_bottleneck = Bottleneck::no_stock;
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

// Every id="..." of a page, with the duplicates named.
std::string duplicate_ids(const std::string& html, std::size_t& ids) {
  const std::regex id_attr(R"re( id="([^"]*)")re");
  std::set<std::string> seen;
  std::string duplicates;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), id_attr);
       it != std::sregex_iterator(); ++it) {
    if (!seen.insert((*it)[1]).second) duplicates += std::string((*it)[1]) + " ";
  }
  ids = seen.size();
  return duplicates;
}

// The inputs above with a cold chain: CDC -> North, 2 trucks x 100 doses (200 a day), and
// CDC -> South, 3 x 100 (300 a day). North's trucks are full on days 0-5 (both links on day 0);
// North is supply-short on days 0-4, so in the window (days 2-8) its link binds on days 2, 3, 4.
// On the last day no path is bounded (the engine records supply::unlimited).
Inputs with_network() {
  Inputs in = make_inputs();
  const std::string south = in.result.table.city_names()[1];
  vaxsim::supply::ColdChainConfig net;
  net.nodes = {{"CDC", vaxsim::supply::NodeKind::province, vaxsim::supply::unlimited},
               {"North", vaxsim::supply::NodeKind::city, vaxsim::supply::unlimited},
               {south, vaxsim::supply::NodeKind::city, vaxsim::supply::unlimited}};
  net.links = {{0, 1, 1, 2, 100, 1.0}, {0, 2, 1, 3, 100, 1.0}};
  in.config.supply.cold_chain = net;
  vaxsim::model::NetworkRecord& n = in.result.network;
  n.links = {"CDC -> North", "CDC -> " + south};
  n.link_city = {0, 1};
  n.bound = vaxsim::sim::Vector::Constant(kDays, 500);
  n.bound[kDays - 1] = static_cast<double>(vaxsim::supply::unlimited);
  n.link_flow = vaxsim::sim::Matrix::Zero(kDays, 2);
  n.binding_links.resize(kDays);
  for (int d = 0; d < kDays; ++d) {
    n.link_flow(d, 0) = d < 6 ? 200 : 120;
    n.link_flow(d, 1) = d == 0 ? 300 : 40;
    if (d < 6) n.binding_links[static_cast<std::size_t>(d)] = {0};
  }
  n.binding_links[0] = {0, 1};
  n.shipped = vaxsim::sim::Vector(kDays);
  as_eigen(n.shipped) = as_eigen(n.link_flow).rowwise().sum();
  in.verdict.binding_links = {{"CDC -> North", 3}};
  return in;
}

TEST(HtmlReport, IsWellFormedXmlAndEverySvgToo) {
  if (!kHaveXmlParser) GTEST_SKIP() << "built without libxml2 (scripts/setup.sh installs it)";
  const std::string html = html_of(make_inputs());
  const auto parsed = parse_xml(html);
  EXPECT_TRUE(parsed.well_formed) << parsed.errors;
  const auto svgs = vaxsim::test::svg_elements(html);
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
  EXPECT_NE(html.find(": no stock (5 days)</title>"), std::string::npos);  // bottleneck map
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
  EXPECT_EQ(vaxsim::test::compare_with_json(parsed.marked, summary), "");
  // The key numbers are all there, under stable ids.
  std::vector<std::string> ids;
  for (const auto& m : parsed.marked) ids.push_back(m.id);
  for (const char* id :
       {"daily-target", "daily-first-reached", "daily-days-met", "daily-days-in-window",
        "daily-best", "daily-mean", "deadline", "people-fully", "people-fully-target",
        "doses-by-deadline", "doses-target", "people-one-dose", "coverage-0", "coverage-1",
        "coverage-base", "short-no_stock", "short-demand"}) {
    EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << id;
  }
  // Every city's row of the table is checked too: 2 cities x 10 cells.
  std::size_t city_cells = 0;
  for (const auto& m : parsed.marked) city_cells += m.json.rfind("verdict.cities.", 0) == 0;
  EXPECT_GE(city_cells, 20u);
}

TEST(HtmlReport, ShowsTheWarningsAboveTheAnswersAndTheInheritedBacklog) {
  if (!kHaveXmlParser) GTEST_SKIP() << "built without libxml2 (scripts/setup.sh installs it)";
  Inputs in = make_inputs();
  in.run.warnings = {{"replications_without_uncertainty", "no uncertainty <here>"}};
  in.verdict.warnings = {{"desk_productivity_above_record", "desks gave 175 each"}};
  in.verdict.inherited_backlog = {1600, 900, 1200, parse_date("2021-05-02")};
  const std::string html = html_of(in);
  ASSERT_NE(html.find("id=\"warnings\""), std::string::npos);
  EXPECT_LT(html.find("id=\"warnings\""), html.find("id=\"answer-daily\""));
  EXPECT_NE(html.find("no uncertainty &lt;here&gt;"), std::string::npos);
  EXPECT_NE(html.find("desks gave 175 each"), std::string::npos);
  EXPECT_NE(html.find("id=\"inherited-backlog\""), std::string::npos);
  const auto parsed = parse_xml(html);
  ASSERT_TRUE(parsed.well_formed) << parsed.errors;
  const auto summary =
      nlohmann::json::parse(report::summary_json(in.run, in.config, in.result, in.verdict));
  EXPECT_EQ(vaxsim::test::compare_with_json(parsed.marked, summary), "");
  std::size_t marked_warnings = 0;
  for (const auto& m : parsed.marked) marked_warnings += m.json.rfind("warnings.", 0) == 0;
  EXPECT_EQ(marked_warnings, 2u);
  // Without them, neither is there.
  const std::string calm = html_of(make_inputs());
  EXPECT_EQ(calm.find("id=\"warnings\""), std::string::npos);
  EXPECT_EQ(calm.find("id=\"inherited-backlog\""), std::string::npos);
}

TEST(HtmlReport, TheJsonComparisonCatchesADifference) {
  if (!kHaveXmlParser) GTEST_SKIP() << "built without libxml2 (scripts/setup.sh installs it)";
  const Inputs in = make_inputs();
  const auto parsed = parse_xml(html_of(in));
  auto summary =
      nlohmann::json::parse(report::summary_json(in.run, in.config, in.result, in.verdict));
  summary["verdict"]["people_fully_by_deadline"] = 3201;
  summary["verdict"]["coverage"][1]["reached"] = "2021-05-09";
  const std::string problems = vaxsim::test::compare_with_json(parsed.marked, summary);
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

TEST(HtmlReport, HasNoColdChainSectionWithoutANetwork) {
  const Inputs in = make_inputs();
  const std::string html = html_of(in);
  EXPECT_EQ(html.find("cold-chain"), std::string::npos);
  EXPECT_EQ(html.find("link-table"), std::string::npos);
  EXPECT_EQ(html.find("Cold chain"), std::string::npos);
  const auto summary =
      nlohmann::json::parse(report::summary_json(in.run, in.config, in.result, in.verdict));
  EXPECT_FALSE(summary.contains("network"));
}

TEST(HtmlReport, ShowsTheColdChainWithTheLinksThatBound) {
  const Inputs in = with_network();
  const std::string html = html_of(in);
  // After the charts, before the table of cities.
  const std::size_t section = html.find("<section id=\"cold-chain\"");
  ASSERT_NE(section, std::string::npos);
  EXPECT_LT(html.find("<section id=\"charts\""), section);
  EXPECT_LT(section, html.find("<section id=\"cities\""));
  EXPECT_NE(html.find("<h2 id=\"cold-chain-h\">Cold chain</h2>"), std::string::npos);
  for (const char* id :
       {"fig-cold-chain", "svg-cold-chain", "cold-chain-shipped", "cold-chain-bound",
        "cold-chain-given", "fig-links", "svg-links", "link-table", "binding-links",
        "binding-link-0", "binding-days-0", "network-shipped"}) {
    EXPECT_EQ(count(html, std::string("id=\"") + id + "\""), 1u) << id;
  }
  // The binding link in words, with the days it bound (3-5 May), escaped names and all.
  EXPECT_NE(html.find("<strong><span id=\"binding-link-0\" data-json=\"verdict.binding_links.0."
                      "link\" data-value=\"CDC -&gt; North\">CDC -&gt; North</span></strong>, "
                      "on <span id=\"binding-days-0\""),
            std::string::npos);
  EXPECT_NE(html.find(">3</span> days: 3 May\u20135 May</li>"), std::string::npos);
  // The chart: shipped bars, the bound and the doses given; no bound on the unbounded day.
  EXPECT_NE(html.find(">Bound (max-flow)</text>"), std::string::npos);
  EXPECT_NE(html.find("No dashed line on a day: some path had no limit that day."),
            std::string::npos);
  // Per link: capacity, shipped, use, busiest day, days full, days binding.
  EXPECT_NE(html.find("data-json=\"network.links.0.daily_capacity\" data-value=\"200\">200<"),
            std::string::npos);
  EXPECT_NE(html.find("data-json=\"network.links.1.shipped\" data-value=\"660\">660<"),
            std::string::npos);
  EXPECT_NE(html.find("<td class=\"num\">84%</td>"), std::string::npos);  // 1,680 of 2,000
  EXPECT_NE(html.find("data-json=\"network.links.0.days_in_cut\" data-value=\"6\">6<"),
            std::string::npos);
  // The map: North is full while short on 3 days, full on 3 more; South full on day 0.
  EXPECT_NE(html.find(">full 6 d, binding 3 d</text>"), std::string::npos);
  EXPECT_NE(html.find(">full 1 d, binding 0 d</text>"), std::string::npos);
  EXPECT_NE(html.find("CDC -&gt; North, 3 May \u2013 5 May 2021: full while its city was short "
                      "of supply (3 days)</title>"),
            std::string::npos);
  std::size_t ids = 0;
  EXPECT_EQ(duplicate_ids(html, ids), "");
  if (kHaveXmlParser) {
    const auto parsed = parse_xml(html);
    EXPECT_TRUE(parsed.well_formed) << parsed.errors;
    for (const std::string& svg : vaxsim::test::svg_elements(html)) {
      EXPECT_TRUE(parse_xml(svg).well_formed) << svg.substr(0, 200);
    }
  }
}

TEST(HtmlReport, ColdChainNumbersEqualTheSummaryJson) {
  if (!kHaveXmlParser) GTEST_SKIP() << "built without libxml2 (scripts/setup.sh installs it)";
  const Inputs in = with_network();
  const auto parsed = parse_xml(html_of(in));
  ASSERT_TRUE(parsed.well_formed) << parsed.errors;
  const auto summary =
      nlohmann::json::parse(report::summary_json(in.run, in.config, in.result, in.verdict));
  EXPECT_EQ(vaxsim::test::compare_with_json(parsed.marked, summary), "");
  std::size_t network = 0;
  std::size_t binding = 0;
  for (const auto& m : parsed.marked) {
    network += m.json.rfind("network.", 0) == 0;
    binding += m.json.rfind("verdict.binding_links.", 0) == 0;
  }
  EXPECT_GE(network, 2u * 6u + 3u);  // six cells a link, the total, the busiest and widest day
  EXPECT_GE(binding, 3u);            // in words (link, days) and in the table
  // The summary holds what the section shows.
  EXPECT_EQ(summary["network"]["links"][0]["days_in_cut"], 6);
  EXPECT_EQ(summary["network"]["links"][1]["city"], in.result.table.city_names()[1]);
  EXPECT_TRUE(summary["network"]["daily"][kDays - 1]["bound"].is_null());
  EXPECT_EQ(summary["network"]["daily"][0]["binding_links"], nlohmann::json::array({0, 1}));
  EXPECT_EQ(summary["network"]["shipped"], 1680 + 660);
  // And a changed number is caught.
  auto changed = summary;
  changed["network"]["links"][0]["shipped"] = 1;
  EXPECT_NE(vaxsim::test::compare_with_json(parsed.marked, changed).find("network.links.0.shipped"),
            std::string::npos);
}

TEST(HtmlReport, SaysSoWhenNoLinkHeldACityBack) {
  Inputs in = with_network();
  in.verdict.binding_links.clear();
  const std::string html = html_of(in);
  EXPECT_NE(html.find("<p id=\"binding-links\">No link held a city back"), std::string::npos);
  EXPECT_EQ(html.find("binding-link-0"), std::string::npos);
}

// The real model, through a cold chain that binds: the section agrees with summary.json.
TEST(HtmlReport, ColdChainOfARealRunAgreesWithItsSummary) {
  const vaxsim::model::CampaignConfig config = vaxsim::test::two_towns_by_truck_with_targets();
  const CampaignResult result = vaxsim::model::run_campaign(config, {.seed = 3});
  const Verdict verdict = vaxsim::model::judge(config, result);
  ASSERT_FALSE(verdict.binding_links.empty()) << "the trucks should hold the towns back";
  report::RunInfo run;
  run.seed = 3;
  const std::string html = report::html_report(run, config, result, verdict);
  EXPECT_NE(html.find("id=\"cold-chain\""), std::string::npos);
  EXPECT_NE(html.find("id=\"binding-link-0\""), std::string::npos);
  std::size_t ids = 0;
  EXPECT_EQ(duplicate_ids(html, ids), "");
  if (!kHaveXmlParser) return;
  const auto parsed = parse_xml(html);
  ASSERT_TRUE(parsed.well_formed) << parsed.errors;
  const auto summary = nlohmann::json::parse(report::summary_json(run, config, result, verdict));
  EXPECT_EQ(vaxsim::test::compare_with_json(parsed.marked, summary), "");
  ASSERT_TRUE(summary.contains("network"));
  EXPECT_EQ(summary["network"]["links"][0]["daily_capacity"], 200);
  EXPECT_EQ(summary["network"]["links"][1]["daily_capacity"], 300);
}

// --- the report of many replications ------------------------------------------------------------

struct Replicated {
  vaxsim::model::CampaignConfig config = vaxsim::test::two_towns_by_truck_with_targets();
  report::RunInfo run;
  std::vector<CampaignResult> results;
  std::vector<Verdict> verdicts;
  vaxsim::run::Odds odds;
  std::optional<vaxsim::run::Ensemble> ensemble;
  report::TypicalRun typical;
  std::string html;
  std::string json;
};

Replicated replicated(int replications) {
  Replicated r;
  r.run.scenario_file = "towns.yaml";
  r.run.seed = 11;
  r.run.replication = 4;
  vaxsim::run::ReplicationOptions o;
  o.seed = 11;
  o.first_replication = 4;
  o.replications = replications;
  r.results = vaxsim::run::run_replications(r.config, o);
  for (const CampaignResult& x : r.results) r.verdicts.push_back(vaxsim::model::judge(r.config, x));
  r.odds = vaxsim::run::target_odds(r.config, r.verdicts);
  r.ensemble.emplace(r.results);
  const std::size_t i = report::typical_index(r.verdicts);
  r.typical = {4 + i, &r.results[i], &r.verdicts[i]};
  r.html = report::replicated_html_report(r.run, r.config, *r.ensemble, r.odds, r.typical);
  r.json = report::ensemble_summary_json(r.run, r.config, *r.ensemble, r.odds, &r.typical);
  return r;
}

TEST(ReplicatedHtmlReport, NumbersShownEqualTheSummaryJsonWrittenBesideIt) {
  if (!kHaveXmlParser) GTEST_SKIP() << "built without libxml2 (scripts/setup.sh installs it)";
  const Replicated r = replicated(5);
  const auto parsed = parse_xml(r.html);
  ASSERT_TRUE(parsed.well_formed) << parsed.errors;
  const auto summary = nlohmann::json::parse(r.json);
  EXPECT_EQ(vaxsim::test::compare_with_json(parsed.marked, summary), "");
  // Every kind of number is there: the odds, key dates and numbers, the typical replication's
  // verdict and cold chain, and its cards' key ids.
  std::set<std::string> prefixes;
  std::set<std::string> formats;
  std::vector<std::string> ids;
  for (const auto& m : parsed.marked) {
    prefixes.insert(m.json.substr(0, m.json.find('.')));
    formats.insert(m.format);
    ids.push_back(m.id);
  }
  for (const char* p : {"odds", "key_dates", "key_numbers", "typical", "campaign", "targets",
                        "seed", "replications", "first_replication"}) {
    EXPECT_EQ(prefixes.count(p), 1u) << p;
  }
  EXPECT_EQ(prefixes.count("verdict"), 0u) << "a replicated summary has no top-level verdict";
  EXPECT_EQ(formats.count("chance"), 1u);
  EXPECT_EQ(formats.count("whole-percent"), 1u);
  for (const char* id :
       {"chance-every-target", "chance-daily_reached", "chance-people", "chance-doses",
        "chance-all", "daily-target", "people-fully", "binding-link-0", "network-shipped"}) {
    EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << id;
  }
  std::size_t typical_network = 0;
  for (const auto& m : parsed.marked) {
    typical_network += m.json.rfind("typical.network.", 0) == 0;
  }
  EXPECT_GE(typical_network, 12u);
  // A changed chance is caught.
  auto changed = summary;
  changed["odds"][0]["p"] = 0.5;
  EXPECT_NE(vaxsim::test::compare_with_json(parsed.marked, changed).find("odds.0.p"),
            std::string::npos);
}

TEST(ReplicatedHtmlReport, PutsTheOddsFirstAndDrawsATypicalReplicationWithBands) {
  const Replicated r = replicated(4);
  const std::string& html = r.html;
  const std::size_t odds = html.find("id=\"answer-odds\"");
  ASSERT_NE(odds, std::string::npos);
  EXPECT_LT(html.find("id=\"verdict\""), odds);
  EXPECT_LT(odds, html.find("id=\"odds-table\""));
  EXPECT_LT(html.find("id=\"odds-table\""), html.find("id=\"answer-daily\""));
  EXPECT_NE(html.find("id=\"key-dates-table\""), std::string::npos);
  EXPECT_NE(html.find("id=\"key-numbers-table\""), std::string::npos);
  // One row per target, its chance as the table prints it.
  EXPECT_EQ(count(html, "data-format=\"chance\""), r.odds.targets.size() + 1);  // + the lead
  const std::string typical = std::to_string(r.typical.replication);
  EXPECT_NE(html.find("A typical replication (number " + typical + ")"), std::string::npos);
  EXPECT_NE(html.find(">5-95% of 4 replications</text>"), std::string::npos);
  // Bands: province doses, both people lines, stock, and each city's doses.
  EXPECT_EQ(count(html, "class=\"band\""), 4u + 2u);
  EXPECT_NE(html.find("city_days_quantiles.csv"), std::string::npos);
  EXPECT_EQ(html.find("<code>city_days.csv</code>"), std::string::npos);
  std::size_t ids = 0;
  EXPECT_EQ(duplicate_ids(html, ids), "");
  EXPECT_GT(ids, 60u);
  // The same inputs, the same page; and the one-run report has no odds.
  EXPECT_EQ(html, replicated(4).html);
  const std::string one = report::html_report(r.run, r.config, r.results[0], r.verdicts[0]);
  EXPECT_EQ(one.find("answer-odds"), std::string::npos);
  EXPECT_EQ(one.find("class=\"band\""), std::string::npos);
}

TEST(ReplicatedHtmlReport, NeedsTheOdds) {
  const Inputs in = make_inputs();
  report::ReplicatedView view;
  EXPECT_THROW(report::html_report(in.run, in.config, in.result, in.verdict, view),
               std::invalid_argument);
}

TEST(ReportChecks, ChancesAndWholePercentagesAreCheckedAsShown) {
  const nlohmann::json summary = {{"p", 0.25}, {"tiny", 0.004}, {"high", 0.996}, {"lo", 0.305}};
  const auto marked = [](std::string json, std::string value, std::string format,
                         std::string shown) {
    vaxsim::test::Marked m;
    m.json = std::move(json);
    m.value = std::move(value);
    m.format = std::move(format);
    m.text = std::move(shown);
    return m;
  };
  EXPECT_EQ(vaxsim::test::compare_with_json(
                {marked("p", "0.25", "chance", "25%"), marked("tiny", "0.004", "chance", "<1%"),
                 marked("high", "0.996", "chance", ">99%"),
                 marked("lo", "0.305", "whole-percent", "31%")},
                summary),
            "");
  EXPECT_NE(vaxsim::test::compare_with_json({marked("p", "0.25", "chance", "26%")}, summary), "");
  EXPECT_NE(vaxsim::test::compare_with_json({marked("tiny", "0.004", "chance", "0%")}, summary),
            "");
  EXPECT_NE(
      vaxsim::test::compare_with_json({marked("lo", "0.305", "whole-percent", "30%")}, summary),
      "");
}

TEST(HtmlReport, IsTheSameForTheSameInputs) {
  const Inputs in = make_inputs();
  EXPECT_EQ(html_of(in), html_of(in));
}

}  // namespace
