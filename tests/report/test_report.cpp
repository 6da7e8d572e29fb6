// The report layer on hand-built results: CSV, JSON summary, verdict text, atomic files.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/files.hpp"
#include "vaxsim/model/results.hpp"
#include "vaxsim/model/verdict.hpp"
#include "vaxsim/report/atomic_file.hpp"
#include "vaxsim/report/csv.hpp"
#include "vaxsim/report/summary_json.hpp"
#include "vaxsim/report/verdict_text.hpp"

namespace {

namespace fs = std::filesystem;
using vaxsim::model::Bottleneck;
using vaxsim::model::CampaignConfig;
using vaxsim::model::CampaignResult;
using vaxsim::model::CityDayTable;
using vaxsim::model::kMeasureCount;
using vaxsim::model::Measure;
using vaxsim::model::Verdict;
using vaxsim::sim::Date;
using vaxsim::sim::format_date;
using vaxsim::sim::parse_date;
namespace report = vaxsim::report;

constexpr int kDays = 4;
const std::vector<std::string> kCities = {"Taiyuan", "Da,tong \"north\"", "太原"};

// Every cell distinct; some whole, some not, one negative zero, one beyond 2^53.
CityDayTable make_table() {
  CityDayTable table(parse_date("2021-05-01"), kDays, kCities);
  for (int m = 0; m < kMeasureCount; ++m) {
    for (int d = 0; d < kDays; ++d) {
      for (int c = 0; c < 3; ++c) {
        table.at(static_cast<Measure>(m), d, c) = 1000.0 * m + 100.0 * d + 10.0 * c + 1.0;
      }
    }
  }
  // Shares, minutes and hours with digits that need the full precision to round-trip.
  for (int d = 0; d < kDays; ++d) {
    for (int c = 0; c < 3; ++c) {
      table.at(Measure::utilisation, d, c) = (1.0 + d + c) / 7.0;
      table.at(Measure::mean_wait, d, c) = 0.1 * (d + 1) + c / 3.0;
      table.at(Measure::p95_wait, d, c) = 10.25 + d + 3.0 * c;
      table.at(Measure::open_hours, d, c) = 8.0 + c * 2.5;
      table.at(Measure::desks_open, d, c) = 10.0 * (c + 1);
    }
  }
  table.at(Measure::wasted, 0, 0) = -0.0;
  table.at(Measure::delivered, 1, 1) = 12345678901234567.0;
  table.bottleneck(0, 0) = Bottleneck::no_stock;
  table.bottleneck(0, 1) = Bottleneck::desks;
  table.bottleneck(0, 2) = Bottleneck::desks;
  table.bottleneck(1, 0) = Bottleneck::hours;
  table.bottleneck(2, 2) = Bottleneck::demand;
  return table;
}

CampaignConfig make_config() {
  CampaignConfig config;
  config.name = "Test plan";
  config.start = parse_date("2021-05-01");
  config.end = parse_date("2021-05-04");
  config.targets.daily_doses = 800000;
  config.targets.daily_from = parse_date("2021-05-01");
  config.targets.deadline = parse_date("2021-05-03");
  config.targets.people_fully_vaccinated = 14910000;
  config.targets.doses = 29820000;
  config.targets.coverage_levels = {0.4, 0.5};
  config.targets.coverage_base = 37290000;
  return config;
}

Verdict make_verdict() {
  Verdict v;
  v.daily_target = 800000;
  v.daily_first_reached = parse_date("2021-05-02");
  v.daily_sustained_from = std::nullopt;
  v.daily_days_met = 2;
  v.daily_days_in_window = 3;
  v.daily_best = 912345;
  v.daily_mean = 812000.4;
  v.deadline = parse_date("2021-05-03");
  v.people_fully_target = 14910000;
  v.people_fully_by_deadline = 12345678;
  v.people_one_dose_by_deadline = 17000001;
  v.doses_target = 29820000;
  v.doses_by_deadline = 30000123;
  v.coverage = {{0.4, 14916000, parse_date("2021-05-03")}, {0.5, 18645000, std::nullopt}};
  v.short_city_days_by = {0, 120, 0, 30, 10, 2};
  vaxsim::model::CityVerdict taiyuan;
  taiyuan.city = "Taiyuan";
  taiyuan.target = 120000;
  taiyuan.days_met = 41;
  taiyuan.days_in_window = 61;
  taiyuan.mean_daily = 118765.5;
  taiyuan.best_day = 150321;
  taiyuan.short_days_by = {0, 15, 0, 3, 2, 0};
  taiyuan.main_bottleneck = Bottleneck::no_stock;
  vaxsim::model::CityVerdict datong = taiyuan;
  datong.city = "Datong";
  datong.target = 0;
  datong.short_days_by = {};
  datong.main_bottleneck = Bottleneck::none;
  v.cities = {taiyuan, datong};
  return v;
}

// The best day's doses (first + second, province) must match daily_best to be dated.
CampaignResult make_result() {
  CampaignResult result;
  result.table = make_table();
  result.prior_doses = 1234;
  result.province_received = 5000000;
  result.events = 987654321;
  return result;
}

// RFC 4180 fields of one line (no line breaks inside fields).
std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char ch = line[i];
    if (quoted) {
      if (ch == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (ch == '"') {
        quoted = false;
      } else {
        fields.back() += ch;
      }
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      fields.emplace_back();
    } else {
      fields.back() += ch;
    }
  }
  return fields;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

using TempDir = vaxsim::test::TempFolder;  // a fresh empty folder, removed after the test
using vaxsim::test::read_file;

// --- CSV
// ------------------------------------------------------------------------------------------

TEST(Csv, HeaderNamesEveryMeasureThenBottleneck) {
  const std::vector<std::string> header = split_csv(report::city_days_csv_header());
  ASSERT_EQ(header.size(), static_cast<std::size_t>(kMeasureCount) + 3);
  EXPECT_EQ(header.front(), "date");
  EXPECT_EQ(header[1], "city");
  for (int m = 0; m < kMeasureCount; ++m) {
    EXPECT_EQ(header[static_cast<std::size_t>(m) + 2],
              vaxsim::model::to_string(static_cast<Measure>(m)));
  }
  EXPECT_EQ(header.back(), "bottleneck");
}

TEST(Csv, OneRowPerDayAndCityPlusProvince) {
  const CityDayTable table = make_table();
  const std::vector<std::string> lines = lines_of(report::city_days_csv(table));
  ASSERT_EQ(lines.size(), 1u + kDays * (kCities.size() + 1));
  EXPECT_EQ(lines[0], report::city_days_csv_header());
  std::size_t row = 1;
  for (int d = 0; d < kDays; ++d) {
    for (std::size_t c = 0; c <= kCities.size(); ++c, ++row) {
      const std::vector<std::string> f = split_csv(lines[row]);
      ASSERT_EQ(f.size(), static_cast<std::size_t>(kMeasureCount) + 3) << lines[row];
      EXPECT_EQ(f[0], format_date(table.date(d)));
      EXPECT_EQ(f[1], c < kCities.size() ? kCities[c] : std::string("PROVINCE"));
    }
  }
}

TEST(Csv, CityValuesRoundTripExactly) {
  const CityDayTable table = make_table();
  const std::vector<std::string> lines = lines_of(report::city_days_csv(table));
  for (int d = 0; d < kDays; ++d) {
    for (int c = 0; c < table.cities(); ++c) {
      const std::size_t row =
          1 + static_cast<std::size_t>(d) * (kCities.size() + 1) + static_cast<std::size_t>(c);
      const std::vector<std::string> f = split_csv(lines[row]);
      for (int m = 0; m < kMeasureCount; ++m) {
        const std::string& text = f[static_cast<std::size_t>(m) + 2];
        const double expected = table.at(static_cast<Measure>(m), d, c);
        EXPECT_EQ(std::strtod(text.c_str(), nullptr), expected) << text;
        if (expected == static_cast<double>(static_cast<std::int64_t>(expected))) {
          EXPECT_EQ(text.find_first_of(".eE"), std::string::npos) << "whole number " << text;
        }
      }
      EXPECT_EQ(f.back(), vaxsim::model::to_string(table.bottleneck(d, c)));
    }
  }
}

TEST(Csv, NumbersAreExact) {
  EXPECT_EQ(report::format_number(812345.0), "812345");
  EXPECT_EQ(report::format_number(-0.0), "0");
  EXPECT_EQ(report::format_number(0.1), "0.1");
  EXPECT_EQ(report::format_number(-2.5), "-2.5");
  for (const double x : {1.0 / 3.0, 2.0 / 3.0 * 1e-7, 12345678901234567.0, 1e300}) {
    EXPECT_EQ(std::strtod(report::format_number(x).c_str(), nullptr), x);
  }
  EXPECT_EQ(report::format_number(std::numeric_limits<double>::quiet_NaN()), "nan");
  EXPECT_EQ(report::format_number(std::numeric_limits<double>::infinity()), "inf");
}

TEST(Csv, ProvinceRowAggregatesCities) {
  const CityDayTable table = make_table();
  const std::vector<std::string> lines = lines_of(report::city_days_csv(table));
  const std::vector<std::string> header = split_csv(lines[0]);
  for (int d = 0; d < kDays; ++d) {
    const std::size_t row = static_cast<std::size_t>(d + 1) * (kCities.size() + 1);
    const std::vector<std::string> f = split_csv(lines[row]);
    ASSERT_EQ(f[1], "PROVINCE");
    const auto value = [&](Measure m) {
      return std::strtod(f[static_cast<std::size_t>(m) + 2].c_str(), nullptr);
    };
    const auto at = [&](Measure m, int c) { return table.at(m, d, c); };

    for (const Measure m : {Measure::first_doses, Measure::second_doses, Measure::people_one_dose,
                            Measure::people_two_doses, Measure::delivered, Measure::stock,
                            Measure::wasted, Measure::desks_open, Measure::unmet, Measure::no_stock,
                            Measure::capacity, Measure::available_stock, Measure::demand,
                            Measure::booked, Measure::late_second_doses, Measure::expired}) {
      EXPECT_DOUBLE_EQ(value(m), at(m, 0) + at(m, 1) + at(m, 2)) << vaxsim::model::to_string(m);
      EXPECT_DOUBLE_EQ(value(m), table.province(m, d));
    }

    double busy = 0, open = 0, waited = 0, served = 0, hours = 0, desks = 0, p95 = 0;
    for (int c = 0; c < 3; ++c) {
      const double desk_hours = at(Measure::desks_open, c) * at(Measure::open_hours, c);
      busy += at(Measure::utilisation, c) * desk_hours;
      open += desk_hours;
      const double people = at(Measure::first_doses, c) + at(Measure::second_doses, c);
      waited += at(Measure::mean_wait, c) * people;
      served += people;
      hours += at(Measure::open_hours, c) * at(Measure::desks_open, c);
      desks += at(Measure::desks_open, c);
      p95 = std::max(p95, at(Measure::p95_wait, c));
    }
    EXPECT_DOUBLE_EQ(value(Measure::utilisation), busy / open);
    EXPECT_DOUBLE_EQ(value(Measure::mean_wait), waited / served);
    EXPECT_DOUBLE_EQ(value(Measure::open_hours), hours / desks);
    EXPECT_DOUBLE_EQ(value(Measure::p95_wait), p95);
  }
  // Day 0: supply once, desks twice; day 1: hours only; day 3: nobody short.
  EXPECT_EQ(split_csv(lines[4]).back(), "desks");
  EXPECT_EQ(split_csv(lines[8]).back(), "hours");
  EXPECT_EQ(split_csv(lines[12]).back(), "demand");
  EXPECT_EQ(split_csv(lines[16]).back(), "none");
}

TEST(Csv, ProvinceAveragesAreZeroWhenNothingIsOpen) {
  CityDayTable table(parse_date("2021-05-01"), 1, {"A", "B"});
  table.at(Measure::mean_wait, 0, 0) = 5;  // no one served: carries no weight
  EXPECT_EQ(table.province(Measure::utilisation, 0), 0.0);
  EXPECT_EQ(table.province(Measure::open_hours, 0), 0.0);
  EXPECT_EQ(table.province(Measure::mean_wait, 0), 0.0);
  EXPECT_EQ(table.province(Measure::p95_wait, 0), 0.0);
  EXPECT_EQ(table.province_bottleneck(0), Bottleneck::none);
}

// --- JSON summary
// ---------------------------------------------------------------------------------

TEST(SummaryJson, ParsesAndCarriesTheWholeVerdict) {
  const CampaignConfig config = make_config();
  const CampaignResult result = make_result();
  const Verdict v = make_verdict();
  report::RunInfo run;
  run.scenario_file = "scenarios/test.yaml";
  run.description = "A test";
  run.seed = 42;
  run.replication = 3;
  run.assumptions = {{"desks per site", "10", "plan, p. 3"}};

  const nlohmann::json j = nlohmann::json::parse(report::summary_json(run, config, result, v));
  EXPECT_EQ(j.at("schema_version"), report::kSummarySchemaVersion);
  EXPECT_EQ(j.at("scenario").at("name"), "Test plan");
  EXPECT_EQ(j.at("scenario").at("file"), "scenarios/test.yaml");
  EXPECT_EQ(j.at("scenario").at("assumptions").at(0).at("source"), "plan, p. 3");
  EXPECT_EQ(j.at("seed"), 42u);
  EXPECT_EQ(j.at("replication"), 3u);
  EXPECT_EQ(j.at("campaign").at("start"), "2021-05-01");
  EXPECT_EQ(j.at("campaign").at("end"), "2021-05-04");
  EXPECT_EQ(j.at("campaign").at("days"), kDays);
  EXPECT_EQ(j.at("targets").at("daily_from"), "2021-05-01");
  EXPECT_EQ(j.at("targets").at("coverage_base"), 37290000);

  const nlohmann::json& jv = j.at("verdict");
  EXPECT_EQ(jv.at("daily_target").get<std::int64_t>(), v.daily_target);
  EXPECT_EQ(jv.at("daily_first_reached"), "2021-05-02");
  EXPECT_TRUE(jv.at("daily_sustained_from").is_null());
  EXPECT_EQ(jv.at("daily_days_met").get<int>(), v.daily_days_met);
  EXPECT_EQ(jv.at("daily_days_in_window").get<int>(), v.daily_days_in_window);
  EXPECT_EQ(jv.at("daily_best").get<double>(), v.daily_best);
  EXPECT_EQ(jv.at("daily_mean").get<double>(), v.daily_mean);
  EXPECT_EQ(jv.at("deadline"), "2021-05-03");
  EXPECT_EQ(jv.at("people_fully_target").get<std::int64_t>(), v.people_fully_target);
  EXPECT_EQ(jv.at("people_fully_by_deadline").get<std::int64_t>(), v.people_fully_by_deadline);
  EXPECT_EQ(jv.at("people_one_dose_by_deadline").get<std::int64_t>(),
            v.people_one_dose_by_deadline);
  EXPECT_EQ(jv.at("doses_target").get<std::int64_t>(), v.doses_target);
  EXPECT_EQ(jv.at("doses_by_deadline").get<std::int64_t>(), v.doses_by_deadline);
  EXPECT_EQ(jv.at("people_met").get<bool>(), false);
  EXPECT_EQ(jv.at("doses_met").get<bool>(), true);
  ASSERT_EQ(jv.at("coverage").size(), 2u);
  EXPECT_EQ(jv.at("coverage").at(0).at("level").get<double>(), 0.4);
  EXPECT_EQ(jv.at("coverage").at(0).at("people").get<std::int64_t>(), 14916000);
  EXPECT_EQ(jv.at("coverage").at(0).at("reached"), "2021-05-03");
  EXPECT_TRUE(jv.at("coverage").at(1).at("reached").is_null());
  EXPECT_EQ(jv.at("short_city_days_by").at("no_stock").get<int>(), 120);
  EXPECT_EQ(jv.at("short_city_days_by").at("demand").get<int>(), 2);
  EXPECT_EQ(jv.at("short_city_days_by").at("none").get<int>(), 0);

  ASSERT_EQ(jv.at("cities").size(), v.cities.size());
  for (std::size_t i = 0; i < v.cities.size(); ++i) {
    const auto& c = v.cities[i];
    const nlohmann::json& jc = jv.at("cities").at(i);
    EXPECT_EQ(jc.at("city"), c.city);
    EXPECT_EQ(jc.at("target").get<std::int64_t>(), c.target);
    EXPECT_EQ(jc.at("days_met").get<int>(), c.days_met);
    EXPECT_EQ(jc.at("days_in_window").get<int>(), c.days_in_window);
    EXPECT_EQ(jc.at("mean_daily").get<double>(), c.mean_daily);
    EXPECT_EQ(jc.at("best_day").get<double>(), c.best_day);
    EXPECT_EQ(jc.at("main_bottleneck"), vaxsim::model::to_string(c.main_bottleneck));
    for (int k = 0; k < vaxsim::model::kBottleneckKinds; ++k) {
      EXPECT_EQ(jc.at("short_days_by")
                    .at(std::string(vaxsim::model::to_string(static_cast<Bottleneck>(k))))
                    .get<int>(),
                c.short_days_by[static_cast<std::size_t>(k)]);
    }
  }

  EXPECT_EQ(j.at("run").at("prior_doses").get<std::int64_t>(), 1234);
  EXPECT_EQ(j.at("run").at("events").get<std::uint64_t>(), 987654321u);

  const nlohmann::json& daily = j.at("province_daily");
  ASSERT_EQ(daily.size(), static_cast<std::size_t>(kDays));
  for (int d = 0; d < kDays; ++d) {
    const nlohmann::json& day = daily.at(static_cast<std::size_t>(d));
    const double first = result.table.province(Measure::first_doses, d);
    const double second = result.table.province(Measure::second_doses, d);
    EXPECT_EQ(day.at("date"), format_date(result.table.date(d)));
    EXPECT_EQ(day.at("first_doses").get<double>(), first);
    EXPECT_TRUE(day.at("first_doses").is_number_integer());
    EXPECT_EQ(day.at("second_doses").get<double>(), second);
    EXPECT_EQ(day.at("doses").get<double>(), first + second);
    EXPECT_EQ(day.at("people_one_dose").get<double>(),
              result.table.province(Measure::people_one_dose, d));
    EXPECT_EQ(day.at("people_two_doses").get<double>(),
              result.table.province(Measure::people_two_doses, d));
  }
}

TEST(SummaryJson, InvalidUtf8DoesNotThrow) {
  CampaignResult result;
  result.table = CityDayTable(parse_date("2021-05-01"), 1, {"bad\xff"});
  Verdict v;
  v.cities.push_back({});
  v.cities.back().city = "bad\xff";
  std::string text;
  EXPECT_NO_THROW(text = report::summary_json({}, make_config(), result, v));
  EXPECT_TRUE(nlohmann::json::accept(text));
  EXPECT_NE(text.find("bad\ufffd"), std::string::npos) << text;
}

// --- Verdict text
// ---------------------------------------------------------------------------------

TEST(VerdictText, Thousands) {
  EXPECT_EQ(report::with_thousands(std::int64_t{0}), "0");
  EXPECT_EQ(report::with_thousands(std::int64_t{999}), "999");
  EXPECT_EQ(report::with_thousands(std::int64_t{1000}), "1,000");
  EXPECT_EQ(report::with_thousands(std::int64_t{14910000}), "14,910,000");
  EXPECT_EQ(report::with_thousands(std::int64_t{-1234567}), "-1,234,567");
  EXPECT_EQ(report::with_thousands(std::numeric_limits<std::int64_t>::min()),
            "-9,223,372,036,854,775,808");
  EXPECT_EQ(report::with_thousands(812000.4), "812,000");
  EXPECT_EQ(report::with_thousands(999.5), "1,000");
}

TEST(VerdictText, DisplayWidthCountsWideCharacters) {
  EXPECT_EQ(report::display_width("Taiyuan"), 7);
  EXPECT_EQ(report::display_width("太原"), 4);
  EXPECT_EQ(report::display_width("Jinzhōng"), 8);
}

TEST(VerdictText, MentionsTheKeyNumbers) {
  const CampaignConfig config = make_config();
  CampaignResult result = make_result();
  // Make day 1 (2021-05-02) the best day: 912,345 doses in the province.
  for (int c = 0; c < 3; ++c) {
    result.table.at(Measure::first_doses, 1, c) = c == 0 ? 900000 : 0;
    result.table.at(Measure::second_doses, 1, c) = c == 0 ? 12345 : 0;
  }
  const std::string text = report::verdict_text(config, result, make_verdict());
  for (const char* needle : {"Is 800,000 doses a day reachable? Yes, first on 2021-05-02",
                             "2 of 3 days from 2021-05-01 to 2021-05-03",
                             "912,345 doses (2021-05-02)",
                             "812,000",
                             "not sustained",
                             "Will the deadline, 2021-05-03, be met? Partly",
                             "12,345,678 of 14,910,000",
                             "short by 2,564,322",
                             "30,000,123 of 29,820,000",
                             "met",
                             "17,000,001",
                             "37,290,000",
                             "40% (14,916,000 people): reached on 2021-05-03",
                             "50% (18,645,000 people): not reached by 2021-05-04",
                             "no_stock 120",
                             "held_back 0",
                             "desks 30",
                             "hours 10",
                             "demand 2",
                             "Taiyuan",
                             "120,000",
                             "118,766",
                             "150,321",
                             "41/61",
                             "Datong",
                             "Province"}) {
    EXPECT_NE(text.find(needle), std::string::npos) << "missing: " << needle << "\n" << text;
  }
}

TEST(VerdictText, SaysNoWhenTheTargetIsNeverReached) {
  Verdict v = make_verdict();
  v.daily_first_reached.reset();
  v.daily_days_met = 0;
  v.daily_best = 650123;
  v.people_fully_by_deadline = v.people_fully_target;
  v.doses_by_deadline = 1;
  const std::string text = report::verdict_text(make_config(), make_result(), v);
  EXPECT_NE(text.find("reachable? No: the best day was 650,123 doses, 149,877 short"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Partly: the people target is met, the doses target is not"),
            std::string::npos)
      << text;
}

TEST(VerdictText, NamesTheColdChainLinksThatBound) {
  Verdict v = make_verdict();
  v.short_city_days_by[static_cast<std::size_t>(vaxsim::model::Bottleneck::no_stock)] = 5;
  v.binding_links = {{"CDC -> North", 4}, {"CDC -> South", 1}};
  const std::string text = report::verdict_text(make_config(), make_result(), v);
  EXPECT_NE(text.find("CDC -> North: 4 days"), std::string::npos) << text;
  EXPECT_NE(text.find("CDC -> South: 1 days"), std::string::npos) << text;
  const nlohmann::json j =
      nlohmann::json::parse(report::summary_json({}, make_config(), make_result(), v));
  ASSERT_EQ(j["verdict"]["binding_links"].size(), 2u);
  EXPECT_EQ(j["verdict"]["binding_links"][0]["link"], "CDC -> North");
  EXPECT_EQ(j["verdict"]["binding_links"][0]["days"], 4);
}

TEST(VerdictText, CityTableColumnsAlign) {
  const std::string text = report::verdict_text(make_config(), make_result(), make_verdict());
  const std::size_t table = text.find("  City");
  ASSERT_NE(table, std::string::npos) << text;
  const std::vector<std::string> rows = lines_of(text.substr(table));
  ASSERT_GE(rows.size(), 4u);
  // Right-aligned numbers: the "Days met" column ends at the same display column on every row.
  const auto end_of = [](const std::string& row, const std::string& cell) {
    return report::display_width(row.substr(0, row.find(cell) + cell.size()));
  };
  EXPECT_EQ(end_of(rows[0], "Days met"), end_of(rows[1], "41/61"));
  EXPECT_EQ(end_of(rows[0], "Days met"), end_of(rows[2], " -"));
}

// --- Atomic files
// ---------------------------------------------------------------------------------

TEST(AtomicFile, WritesAndLeavesNoTemporaryFile) {
  const TempDir dir;
  report::write_file_atomically(dir.path() / "a.csv", "one\n");
  EXPECT_EQ(read_file(dir.path() / "a.csv"), "one\n");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"a.csv"});
}

TEST(AtomicFile, ReplacesAnExistingFile) {
  const TempDir dir;
  std::ofstream(dir.path() / "a.csv") << "old contents, longer than the new\n";
  report::write_file_atomically(dir.path() / "a.csv", "new\n");
  EXPECT_EQ(read_file(dir.path() / "a.csv"), "new\n");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"a.csv"});
}

TEST(AtomicFile, WritesEmptyAndLargeContents) {
  const TempDir dir;
  report::write_file_atomically(dir.path() / "empty", "");
  EXPECT_EQ(fs::file_size(dir.path() / "empty"), 0u);
  const std::string big(5'000'000, 'x');
  report::write_file_atomically(dir.path() / "big", big);
  EXPECT_EQ(read_file(dir.path() / "big"), big);
}

TEST(AtomicFile, MissingDirectoryThrowsNamingThePath) {
  const TempDir dir;
  const fs::path target = dir.path() / "no_such_dir" / "summary.json";
  try {
    report::write_file_atomically(target, "{}");
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(target.string()), std::string::npos) << e.what();
  }
  EXPECT_TRUE(dir.entries().empty());
}

TEST(AtomicFile, FailedRenameRemovesTheTemporaryFile) {
  const TempDir dir;
  fs::create_directories(dir.path() / "taken" / "inside");  // a non-empty directory: no rename
  EXPECT_THROW(report::write_file_atomically(dir.path() / "taken", "data"), std::runtime_error);
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"taken"});
  EXPECT_TRUE(fs::is_directory(dir.path() / "taken" / "inside"));
}

}  // namespace

// ---- What to know before trusting the answers ---------------------------------------------------

TEST(VerdictText, SaysWhenTheFirstDayGivesABacklogInheritedFromBeforeTheRun) {
  Verdict v = make_verdict();
  v.inherited_backlog = {1600, 900, 1200, parse_date("2021-05-02")};
  const std::string text = report::verdict_text(make_config(), make_result(), v);
  EXPECT_NE(text.find("The first day's 1,200 doses include 900 second doses overdue before the "
                      "run started"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("(1,600 people overdue at the start; cleared on 2021-05-02)"),
            std::string::npos)
      << text;
  const nlohmann::json j =
      nlohmann::json::parse(report::summary_json({}, make_config(), make_result(), v));
  const nlohmann::json& b = j.at("verdict").at("inherited_backlog");
  EXPECT_EQ(b.at("people"), 1600);
  EXPECT_EQ(b.at("on_first_day"), 900);
  EXPECT_EQ(b.at("first_day_doses"), 1200);
  EXPECT_EQ(b.at("cleared"), "2021-05-02");
  // None of them given on the first day (no site open yet): said, without the first day.
  v.inherited_backlog = {2538, 0, 0, parse_date("2021-05-02")};
  const std::string later = report::verdict_text(make_config(), make_result(), v);
  EXPECT_NE(later.find("2,538 second doses were overdue before the run started (cleared on "
                       "2021-05-02)."),
            std::string::npos)
      << later;
  EXPECT_EQ(later.find("The first day's"), std::string::npos);
  // None inherited: nothing said.
  const std::string plain = report::verdict_text(make_config(), make_result(), make_verdict());
  EXPECT_EQ(plain.find("overdue before the run"), std::string::npos);
}

TEST(VerdictText, PrintsTheVerdictsWarningsBeforeTheAnswers) {
  Verdict v = make_verdict();
  v.warnings = {{"desk_productivity_above_record", "The desks gave 175 doses each."}};
  const std::string text = report::verdict_text(make_config(), make_result(), v);
  const std::size_t warning = text.find("Warning: The desks gave 175 doses each.");
  ASSERT_NE(warning, std::string::npos) << text;
  EXPECT_LT(warning, text.find("doses a day reachable?")) << text;
}

TEST(SummaryJson, KeepsTheRunsWarningsThenTheVerdicts) {
  Verdict v = make_verdict();
  v.warnings = {{"desk_productivity_above_record", "desks"}};
  report::RunInfo run;
  run.warnings = {{"replications_without_uncertainty", "no uncertainty"}};
  const nlohmann::json j =
      nlohmann::json::parse(report::summary_json(run, make_config(), make_result(), v));
  ASSERT_EQ(j.at("warnings").size(), 2u);
  EXPECT_EQ(j.at("warnings")[0].at("code"), "replications_without_uncertainty");
  EXPECT_EQ(j.at("warnings")[1].at("code"), "desk_productivity_above_record");
  EXPECT_EQ(j.at("warnings")[1].at("message"), "desks");
  EXPECT_EQ(j.at("verdict").at("warnings").size(), 1u);
  EXPECT_EQ(j.at("schema_version"), 2);
}

TEST(SummaryJson, PutsTheScenariosLocatedWarningsFirstAndLocatesOnlyThose) {
  Verdict v = make_verdict();
  v.warnings = {{"desk_productivity_above_record", "desks"}};
  report::RunInfo run;
  vaxsim::model::Warning located{"implausible_value", "150 minutes is more than the plausible 120"};
  located.file = "towns.yaml";
  located.line = 23;
  located.column = 26;
  located.field = "sites[0].observation_minutes";
  run.warnings = {located, {"replications_without_uncertainty", "no uncertainty"}};
  const nlohmann::json j =
      nlohmann::json::parse(report::summary_json(run, make_config(), make_result(), v));
  const nlohmann::json& w = j.at("warnings");
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w[0], nlohmann::json({{"code", "implausible_value"},
                                  {"message", "150 minutes is more than the plausible 120"},
                                  {"file", "towns.yaml"},
                                  {"line", 23},
                                  {"column", 26},
                                  {"field", "sites[0].observation_minutes"}}));
  EXPECT_EQ(w[1], nlohmann::json({{"code", "replications_without_uncertainty"},
                                  {"message", "no uncertainty"}}))
      << "no location where there is none";
  EXPECT_EQ(w[2].at("code"), "desk_productivity_above_record");
  EXPECT_FALSE(w[2].contains("file"));
}
