// Observed progress files (docs/observed-format.md): the shipped Shanxi file read back figure by
// figure, one test per kind of mistake (each pins the whole message: file, line, column, field
// and wording), the CSV reader's quoting and comments, and a random round trip.

#include <gtest/gtest.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "support/files.hpp"
#include "vaxsim/io/observed.hpp"
#include "vaxsim/io/scenario.hpp"
#include "vaxsim/io/scenario_error.hpp"
#include "vaxsim/sim/calendar.hpp"

using namespace std::chrono_literals;
using vaxsim::io::check_places;
using vaxsim::io::kObservedMeasures;
using vaxsim::io::load_observed;
using vaxsim::io::Observation;
using vaxsim::io::ObservedProgress;
using vaxsim::io::parse_observed;
using vaxsim::io::ScenarioError;
using vaxsim::sim::parse_date;

namespace {

constexpr std::string_view kHeader =
    "date,place,doses_cumulative,people_one_dose_plus,people_fully,doses_that_day,source\n";

/// The header, then `rows`: the first row is on line 2.
std::string file_with(std::string_view rows) { return std::string(kHeader) + std::string(rows); }

/// The message parse_observed() throws for `text`, read as obs.csv; a failure if none.
std::string error_of(const std::string& text) {
  try {
    parse_observed(text, "obs.csv");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return "";
}

std::vector<std::string> shanxi_cities() {
  const vaxsim::io::Scenario s =
      vaxsim::io::load_scenario(vaxsim::test::source_file("scenarios/shanxi-2021-plan.yaml"));
  std::vector<std::string> names;
  for (const auto& city : s.campaign.cities) names.push_back(city.name);
  return names;
}

// ---- The shipped file ----

TEST(ObservedProgress, TheShippedShanxiFileLoadsWithItsFourPointsExactly) {
  const ObservedProgress o =
      load_observed(vaxsim::test::source_file("data/shanxi-2021-observed.csv"));
  ASSERT_EQ(o.points.size(), 4u);
  const std::vector<Observation>& p = o.points;

  EXPECT_EQ(p[0].date, parse_date("2021-04-15"));
  EXPECT_FALSE(p[0].time_of_day);
  EXPECT_EQ(p[0].doses_cumulative, 2310000.0);
  EXPECT_FALSE(p[0].people_one_dose_plus);
  EXPECT_FALSE(p[0].people_fully);
  EXPECT_FALSE(p[0].doses_that_day);

  EXPECT_EQ(p[1].date, parse_date("2021-05-18"));
  EXPECT_EQ(p[1].time_of_day, 19h);
  EXPECT_EQ(p[1].doses_cumulative, 6435000.0);
  EXPECT_EQ(p[1].people_one_dose_plus, 4971000.0);
  EXPECT_EQ(p[1].people_fully, 1464000.0);
  EXPECT_FALSE(p[1].doses_that_day) << "105,000 is an incomplete count of the day";

  EXPECT_EQ(p[2].date, parse_date("2021-05-25"));
  EXPECT_FALSE(p[2].time_of_day);
  EXPECT_EQ(p[2].doses_cumulative, 9735000.0);
  EXPECT_EQ(p[2].people_one_dose_plus, 8091000.0);
  EXPECT_EQ(p[2].people_fully, 1643000.0);
  EXPECT_EQ(p[2].doses_that_day, 807000.0);

  EXPECT_EQ(p[3].date, parse_date("2021-06-03"));
  EXPECT_EQ(p[3].time_of_day, 9h);
  EXPECT_EQ(p[3].doses_cumulative, 14396000.0);
  EXPECT_EQ(p[3].people_one_dose_plus, 12600000.0);
  EXPECT_EQ(p[3].people_fully, 1793000.0);
  EXPECT_FALSE(p[3].doses_that_day) << "a week's average and a record are no day's doses";

  for (const Observation& point : p) {
    EXPECT_EQ(point.place, "PROVINCE");
    EXPECT_NE(point.source.find("docs/sources.md#"), std::string::npos) << point.source;
  }
  EXPECT_NE(p[0].source.find("about"), std::string::npos);
  EXPECT_NE(p[1].source.find("105,000"), std::string::npos);
  EXPECT_NE(p[3].source.find("850,000"), std::string::npos);
}

TEST(ObservedProgress, TheShippedFilesPlacesAreAllKnownToTheShanxiScenario) {
  const ObservedProgress o =
      load_observed(vaxsim::test::source_file("data/shanxi-2021-observed.csv"));
  EXPECT_NO_THROW(check_places(o, shanxi_cities()));
  EXPECT_NO_THROW(check_places(o, {}));  // PROVINCE is known without any city
}

// ---- The header ----

TEST(ObservedProgress, AnUnknownColumnSuggestsTheClosestKnownOne) {
  EXPECT_EQ(error_of("date,place,dose_cumulative,source\n"
                     "2021-05-25,PROVINCE,9735000,report\n"),
            "obs.csv:1:3: dose_cumulative: unknown column 'dose_cumulative' (did you mean "
            "'doses_cumulative'?)");
  EXPECT_EQ(error_of("date,place,vials,source\n"),
            "obs.csv:1:3: vials: unknown column 'vials'; expected: date, place, doses_cumulative, "
            "people_one_dose_plus, people_fully, doses_that_day, source");
}

TEST(ObservedProgress, AMissingRequiredColumnIsNamed) {
  EXPECT_EQ(error_of("date,doses_cumulative,source\n2021-05-25,9735000,report\n"),
            "obs.csv:1:1: place: missing required column 'place'");
  EXPECT_EQ(error_of("date,place,doses_cumulative\n2021-05-25,PROVINCE,9735000\n"),
            "obs.csv:1:1: source: missing required column 'source': every figure must say where "
            "it comes from");
}

TEST(ObservedProgress, AHeaderWithoutAFigureColumnIsRefused) {
  EXPECT_EQ(error_of("date,place,source\n2021-05-25,PROVINCE,report\n"),
            "obs.csv:1:1: no figure column: add at least one of doses_cumulative, "
            "people_one_dose_plus, people_fully, doses_that_day");
}

TEST(ObservedProgress, AColumnNamedTwiceIsRefusedAtItsSecondPlace) {
  EXPECT_EQ(error_of("date,place,doses_cumulative,place,source\n"),
            "obs.csv:1:4: place: column 'place' appears twice (first in column 2)");
}

TEST(ObservedProgress, AnEmptyFileIsRefusedAtItsFirstLine) {
  EXPECT_EQ(error_of(""),
            "obs.csv:1:1: no header row: the file is empty or holds only comments; its first row "
            "names the columns (date, place, doses_cumulative, people_one_dose_plus, "
            "people_fully, doses_that_day, source)");
}

TEST(ObservedProgress, AFileOfCommentsOnlyIsRefusedWhereItsHeaderShouldBe) {
  EXPECT_EQ(error_of("# observed\n\n# nothing yet\n").substr(0, 27), "obs.csv:4:1: no header row:");
}

TEST(ObservedProgress, AHeaderWithoutRowsIsRefusedBelowIt) {
  EXPECT_EQ(error_of("# observed\n" + std::string(kHeader)),
            "obs.csv:3:1: no observations: the header (line 2) is followed by no row");
}

// ---- Rows and cells ----

TEST(ObservedProgress, AThousandsSeparatorIsRefusedAtItsCell) {
  EXPECT_EQ(error_of(file_with("2021-05-18,PROVINCE,\"6,435,000\",,,,briefing\n")),
            "obs.csv:2:3: doses_cumulative: write numbers without thousands separators: "
            "6435000, not 6,435,000");
  EXPECT_EQ(error_of(file_with("2021-05-18,PROVINCE,6 435 000,,,,briefing\n")),
            "obs.csv:2:3: doses_cumulative: write numbers without thousands separators: "
            "6435000, not 6 435 000");
}

TEST(ObservedProgress, AnUnquotedThousandsSeparatorIsNamedAtTheNumbersFirstCell) {
  EXPECT_EQ(error_of(file_with("2021-05-18,PROVINCE,6,435,000,,,,briefing\n")),
            "obs.csv:2:3: doses_cumulative: write numbers without thousands separators: "
            "6435000, not 6,435,000 (its commas split the row: 9 cells, but the header names 7 "
            "columns)");
}

TEST(ObservedProgress, ARowWithTooManyCellsIsRefusedAfterItsLastColumn) {
  EXPECT_EQ(error_of(file_with("2021-05-18,PROVINCE,6435000,,,,briefing, 20 May\n")),
            "obs.csv:2:8: 8 cells, but the header names 7 columns (a cell holding a comma must "
            "be quoted)");
}

TEST(ObservedProgress, ARowWithTooFewCellsIsRefusedAtTheFirstMissingOne) {
  EXPECT_EQ(error_of(file_with("2021-05-18,PROVINCE,6435000,,briefing\n")),
            "obs.csv:2:6: doses_that_day: 5 cells, but the header names 7 columns: the cell of "
            "'doses_that_day' and after are missing");
}

TEST(ObservedProgress, ADateNotWrittenAsIsoIsRefused) {
  EXPECT_EQ(error_of(file_with("18 May 2021,PROVINCE,6435000,,,,briefing\n")),
            "obs.csv:2:1: date: expected a date YYYY-MM-DD, or YYYY-MM-DD HH:MM with the hour "
            "the figures were taken, got '18 May 2021'");
  EXPECT_EQ(error_of(file_with("2021-05-18T19:00,PROVINCE,6435000,,,,briefing\n")),
            "obs.csv:2:1: date: expected a date YYYY-MM-DD, or YYYY-MM-DD HH:MM with the hour "
            "the figures were taken, got '2021-05-18T19:00'");
}

TEST(ObservedProgress, ADayOrHourThatDoesNotExistIsRefused) {
  EXPECT_EQ(error_of(file_with("2021-02-30,PROVINCE,6435000,,,,briefing\n")),
            "obs.csv:2:1: date: no such date: '2021-02-30'");
  EXPECT_EQ(error_of(file_with("2021-05-18 25:00,PROVINCE,6435000,,,,briefing\n")),
            "obs.csv:2:1: date: not a time of day of the form HH:MM: '25:00'");
}

TEST(ObservedProgress, AnEmptyDatePlaceOrSourceIsRefused) {
  EXPECT_EQ(error_of(file_with(",PROVINCE,6435000,,,,briefing\n")),
            "obs.csv:2:1: date: every row needs a date (YYYY-MM-DD)");
  EXPECT_EQ(error_of(file_with("2021-05-18,,6435000,,,,briefing\n")),
            "obs.csv:2:2: place: every row needs a place (PROVINCE or a city)");
  EXPECT_EQ(error_of(file_with("2021-05-18,PROVINCE,6435000,,,,\n")),
            "obs.csv:2:7: source: every row needs a source (where its figures come from)");
}

TEST(ObservedProgress, ANegativeFigureIsRefused) {
  EXPECT_EQ(error_of(file_with("2021-05-18,PROVINCE,6435000,,,-105000,briefing\n")),
            "obs.csv:2:6: doses_that_day: must not be negative, got -105000");
}

TEST(ObservedProgress, ANonFiniteFigureIsRefused) {
  EXPECT_EQ(error_of(file_with("2021-05-18,PROVINCE,inf,,,,briefing\n")),
            "obs.csv:2:3: doses_cumulative: must be a finite number, got inf");
  EXPECT_EQ(error_of(file_with("2021-05-18,PROVINCE,NaN,,,,briefing\n")),
            "obs.csv:2:3: doses_cumulative: must be a finite number, got NaN");
  const std::string huge(400, '9');
  EXPECT_EQ(error_of(file_with("2021-05-18,PROVINCE," + huge + ",,,,briefing\n")),
            "obs.csv:2:3: doses_cumulative: is not a finite number: " + huge);
}

TEST(ObservedProgress, AFigureInMillionsOrWithAnExponentIsRefused) {
  EXPECT_EQ(error_of(file_with("2021-05-18,PROVINCE,6.435 M,,,,briefing\n")),
            "obs.csv:2:3: doses_cumulative: expected a plain decimal number, in full and without "
            "units (such as 6435000 or 0.5), got '6.435 M'");
  EXPECT_EQ(error_of(file_with("2021-05-18,PROVINCE,6.435e6,,,,briefing\n")),
            "obs.csv:2:3: doses_cumulative: expected a plain decimal number, in full and without "
            "units (such as 6435000 or 0.5), got '6.435e6'");
}

TEST(ObservedProgress, ARowWithoutAnyFigureIsRefusedAtItsFirstFigureColumn) {
  EXPECT_EQ(error_of(file_with("2021-05-18,PROVINCE,,,,,briefing\n")),
            "obs.csv:2:3: doses_cumulative: no figure: a row needs at least one of "
            "doses_cumulative, people_one_dose_plus, people_fully, doses_that_day");
  EXPECT_EQ(error_of("place,people_fully,date,source\nPROVINCE,,2021-05-18,briefing\n"),
            "obs.csv:2:2: people_fully: no figure: a row needs at least one of people_fully");
}

// ---- Figures that contradict each other ----

TEST(ObservedProgress, MoreFullyVaccinatedThanWithOneDoseIsRefusedInARow) {
  EXPECT_EQ(error_of(file_with("2021-05-18,PROVINCE,6435000,1464000,4971000,,briefing\n")),
            "obs.csv:2:5: people_fully: more people fully vaccinated (4971000) than with at "
            "least one dose (people_one_dose_plus, 1464000): the fully vaccinated are among "
            "them");
}

TEST(ObservedProgress, MoreWithOneDoseThanDosesGivenIsRefusedInARow) {
  EXPECT_EQ(error_of(file_with("2021-05-18,PROVINCE,4971000,6435000,,,briefing\n")),
            "obs.csv:2:4: people_one_dose_plus: more people with at least one dose (6435000) "
            "than doses given (doses_cumulative, 4971000): each of them has had a dose");
}

TEST(ObservedProgress, ACumulativeFigureThatFallsIsRefusedNamingBothRows) {
  // The rows are out of time order in the file: the fall is found in time order.
  EXPECT_EQ(error_of(file_with("2021-05-25,PROVINCE,9735000,8091000,,,daily\n"
                               "2021-05-18 19:00,PROVINCE,9000000,8100000,,,briefing\n")),
            "obs.csv:2:4: people_one_dose_plus: people_one_dose_plus falls from 8100000 on "
            "2021-05-18 19:00 (line 3) to 8091000 on 2021-05-25: a cumulative figure of one "
            "place cannot fall");
}

TEST(ObservedProgress, DailyDosesAndOtherPlacesMayBeLower) {
  const ObservedProgress o = parse_observed(file_with("2021-05-18,PROVINCE,6435000,,,850000,a\n"
                                                      "2021-05-19,Taiyuan,900000,,,60000,b\n"
                                                      "2021-05-25,PROVINCE,9735000,,,807000,c\n"),
                                            "obs.csv");
  EXPECT_EQ(o.points.size(), 3u);
}

TEST(ObservedProgress, TwoRowsOfOnePlaceAndMomentAreRefused) {
  EXPECT_EQ(error_of(file_with("2021-05-18 19:00,PROVINCE,6435000,,,,briefing\n"
                               "2021-05-18 19:00,PROVINCE,6435001,,,,repost\n")),
            "obs.csv:3:1: date: PROVINCE is already observed at 2021-05-18 19:00, on line 2");
  EXPECT_EQ(error_of(file_with("2021-05-18,PROVINCE,6435000,,,,daily\n"
                               "2021-05-18 24:00,PROVINCE,6435000,,,,repost\n")),
            "obs.csv:3:1: date: PROVINCE is already observed at 2021-05-18, on line 2 (a date "
            "without an hour stands for the end of that day, 24:00)");
}

TEST(ObservedProgress, OneDayMayHaveSeveralHoursAndSeveralPlaces) {
  const ObservedProgress o =
      parse_observed(file_with("2021-05-18,PROVINCE,6500000,,,,end of day\n"
                               "2021-05-18 19:00,PROVINCE,6435000,,,,briefing\n"
                               "2021-05-18 19:00,Taiyuan,900000,,,,city briefing\n"),
                     "obs.csv");
  ASSERT_EQ(o.points.size(), 3u);
  // In time order, the end of the day last; one moment's rows in file order.
  EXPECT_EQ(o.points[0].line, 3);
  EXPECT_EQ(o.points[1].line, 4);
  EXPECT_EQ(o.points[2].line, 2);
  EXPECT_EQ(o.points[2].as_of(), 24h);
}

// ---- Places against a scenario ----

TEST(ObservedProgress, AnUnknownPlaceSuggestsTheClosestCity) {
  const ObservedProgress o = parse_observed(file_with("2021-05-18,PROVINCE,6435000,,,,a\n"
                                                      "2021-05-19,Taiyun,900000,,,,b\n"),
                                            "obs.csv");
  try {
    check_places(o, shanxi_cities());
    ADD_FAILURE() << "Taiyun accepted";
  } catch (const ScenarioError& e) {
    EXPECT_STREQ(e.what(), "obs.csv:3:2: place: unknown place 'Taiyun' (did you mean 'Taiyuan'?)");
  }
  const std::vector<std::string> towns{"North", "South"};
  try {
    check_places(o, towns);
    ADD_FAILURE() << "Taiyun accepted";
  } catch (const ScenarioError& e) {
    EXPECT_STREQ(e.what(),
                 "obs.csv:3:2: place: unknown place 'Taiyun'; known: PROVINCE, North, "
                 "South");
  }
}

// ---- The CSV reader ----

TEST(ObservedProgress, QuotedCellsMayHoldCommasQuotesAndSpaces) {
  const ObservedProgress o = parse_observed(
      file_with("\"2021-05-18\", \"PROVINCE\" ,6435000,,,,\"briefing, 20 May: \"\"as of "
                "19:00\"\" \"\n"),
      "obs.csv");
  ASSERT_EQ(o.points.size(), 1u);
  EXPECT_EQ(o.points[0].place, "PROVINCE");
  EXPECT_EQ(o.points[0].source, "briefing, 20 May: \"as of 19:00\" ");
}

TEST(ObservedProgress, AQuotingMistakeIsPlacedAtItsCell) {
  EXPECT_EQ(error_of(file_with("2021-05-18,PROVINCE,6435000,,,,\"briefing\n")),
            "obs.csv:2:7: source: the quoted cell is not closed on its line (a cell cannot span "
            "lines)");
  EXPECT_EQ(error_of(file_with("2021-05-18,PROVINCE,6435000,,,,\"briefing\" of 20 May\n")),
            "obs.csv:2:7: source: text after the closing quote: quote the whole cell, writing a "
            "quote inside it twice (\"\")");
  EXPECT_EQ(error_of(file_with("2021-05-18,PROVINCE,6435000,,,,the \"briefing\"\n")),
            "obs.csv:2:7: source: a quote inside an unquoted cell: quote the whole cell, writing "
            "the quote twice (\"\")");
  EXPECT_EQ(error_of("date,\"place,doses_cumulative,source\n"),
            "obs.csv:1:2: the quoted cell is not closed on its line (a cell cannot span lines)");
}

TEST(ObservedProgress, CommentsAndBlankLinesAreSkippedAndStillCountAsLines) {
  const ObservedProgress o =
      parse_observed("# observed progress\n\n" + std::string(kHeader) +
                         "  # a comment, indented\n2021-05-18,PROVINCE,6435000,,,,#1 briefing\n\n",
                     "obs.csv");
  ASSERT_EQ(o.points.size(), 1u);
  EXPECT_EQ(o.points[0].line, 5);
  EXPECT_EQ(o.points[0].source, "#1 briefing");  // a # inside a row is text
}

TEST(ObservedProgress, ColumnsMayComeInAnyOrderAndFigureColumnsMayBeLeftOut) {
  const ObservedProgress o = parse_observed(
      "source,people_fully,place,date\nbriefing,1464000,PROVINCE,2021-05-18 19:00\n", "obs.csv");
  ASSERT_EQ(o.points.size(), 1u);
  const Observation& p = o.points[0];
  EXPECT_EQ(p.date, parse_date("2021-05-18"));
  EXPECT_EQ(p.time_of_day, 19h);
  EXPECT_EQ(p.place, "PROVINCE");
  EXPECT_EQ(p.people_fully, 1464000.0);
  EXPECT_FALSE(p.doses_cumulative);
  EXPECT_EQ(p.source, "briefing");
  EXPECT_EQ(o.columns, (std::vector<std::string>{"source", "people_fully", "place", "date"}));
  EXPECT_EQ(o.column_number("place"), 3);
  EXPECT_EQ(o.column_number("doses_cumulative"), 0);
}

TEST(ObservedProgress, WindowsLineEndsAndAByteOrderMarkAreRead) {
  const ObservedProgress o = parse_observed(
      "\xEF\xBB\xBF"
      "date,place,doses_cumulative,source\r\n2021-05-18,PROVINCE,6435000.5,briefing\r\n",
      "obs.csv");
  ASSERT_EQ(o.points.size(), 1u);
  EXPECT_EQ(o.points[0].doses_cumulative, 6435000.5);
  EXPECT_EQ(o.points[0].source, "briefing");
}

TEST(ObservedProgress, AMissingFileIsReportedWithoutAPosition) {
  try {
    load_observed("no/such/observed.csv");
    ADD_FAILURE() << "no error";
  } catch (const ScenarioError& e) {
    EXPECT_STREQ(e.what(), "no/such/observed.csv: cannot read the observed progress: no such file");
    EXPECT_EQ(e.line(), 0);
  }
}

// ---- A random round trip ----

/// A cell as a careful writer puts it: quoted when it holds a comma or a quote, starts with #
/// (which would make a comment of a first cell) or has spaces at its ends.
std::string csv_cell(const std::string& s) {
  const bool quote =
      s.find_first_of(",\"#") != std::string::npos || s.front() == ' ' || s.back() == ' ';
  if (!quote) return s;
  std::string out = "\"";
  for (const char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string figure_cell(std::optional<double> x) {
  if (!x) return "";
  char buffer[64];
  const auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof buffer, *x, std::chars_format::fixed);
  EXPECT_EQ(ec, std::errc{});
  return std::string(buffer, end);
}

/// Random valid observations of a few places: distinct moments, figures that only grow, every
/// row with at least one figure among `measures` (the columns the file has).
std::vector<Observation> random_observations(std::mt19937_64& rng,
                                             const std::vector<std::size_t>& measures) {
  const std::vector<std::string> places{"PROVINCE", "Taiyuan", "Jin, \"north\"", " spaced "};
  const std::vector<std::string> words{"report", "of",       "3 June", "\"quoted\"", "a, b",
                                       "#1",     "百日攻坚", "  ",     "09:00"};
  const auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  const auto chance = [&](double p) { return std::bernoulli_distribution(p)(rng); };
  std::vector<Observation> out;
  for (const std::string& place : places) {
    // Distinct (day, minute) moments; minute 1440 is the end of the day, written with or without
    // its hour.
    std::set<std::pair<int, int>> moments;
    const std::size_t n = pick(8);
    while (moments.size() < n) {
      moments.emplace(static_cast<int>(pick(90)),
                      chance(0.3) ? 1440 : static_cast<int>(pick(1441)));
    }
    double doses = 0, one_plus = 0, fully = 0;  // quarters: exact in binary
    for (const auto& [day, minute] : moments) {
      const double a = static_cast<double>(pick(4'000'000)) / 4.0;
      const double b = a * static_cast<double>(pick(5)) / 4.0;
      const double c = b * static_cast<double>(pick(5)) / 4.0;
      doses += a;
      one_plus += std::floor(b * 4.0) / 4.0;
      fully += std::floor(c * 4.0) / 4.0;
      Observation o;
      o.date = vaxsim::sim::Date{std::chrono::sys_days{parse_date("2021-04-01")} +
                                 std::chrono::days{day}};
      if (minute < 1440 || chance(0.5)) o.time_of_day = std::chrono::minutes{minute};
      o.place = place;
      const double values[] = {doses, one_plus, fully, static_cast<double>(pick(1'000'000))};
      for (std::size_t m = 0; m < kObservedMeasures.size(); ++m) {
        const bool has_column = std::find(measures.begin(), measures.end(), m) != measures.end();
        if (has_column && chance(0.7)) o.*kObservedMeasures[m].value = values[m];
      }
      if (std::none_of(kObservedMeasures.begin(), kObservedMeasures.end(),
                       [&](const auto& m) { return (o.*m.value).has_value(); })) {
        const std::size_t m = measures[pick(measures.size())];
        o.*kObservedMeasures[m].value = values[m];
      }
      for (std::size_t w = 0, k = 1 + pick(4); w < k; ++w) {
        o.source += (w > 0 ? " " : "") + words[pick(words.size())];
      }
      if (o.source.find_first_not_of(' ') == std::string::npos) o.source = "report";
      out.push_back(std::move(o));
    }
  }
  return out;
}

TEST(ObservedProgress, RandomObservationsWrittenAsCsvReadBackExactly) {
  std::mt19937_64 rng(20210603);
  for (int trial = 0; trial < 200; ++trial) {
    // Which figure columns the file has, and the order of all its columns.
    std::vector<std::size_t> measures;
    for (std::size_t m = 0; m < kObservedMeasures.size(); ++m) {
      if (std::bernoulli_distribution(0.6)(rng)) measures.push_back(m);
    }
    if (measures.empty())
      measures.push_back(static_cast<std::size_t>(trial) % kObservedMeasures.size());
    std::vector<std::string> columns{"date", "place", "source"};
    for (const std::size_t m : measures) columns.emplace_back(kObservedMeasures[m].column);
    std::shuffle(columns.begin(), columns.end(), rng);

    std::vector<Observation> points = random_observations(rng, measures);
    if (points.empty()) continue;
    std::shuffle(points.begin(), points.end(), rng);  // the file need not be in time order

    std::string text = "# random observations, trial " + std::to_string(trial) + "\n";
    for (std::size_t i = 0; i < columns.size(); ++i) text += (i ? "," : "") + columns[i];
    text += "\n";
    int line = 2;
    for (Observation& o : points) {
      o.line = ++line;
      for (std::size_t i = 0; i < columns.size(); ++i) {
        std::string cell;
        if (columns[i] == "date") {
          cell = vaxsim::sim::format_date(o.date);
          if (o.time_of_day) cell += " " + vaxsim::sim::format_time_of_day(*o.time_of_day);
        } else if (columns[i] == "place") {
          cell = csv_cell(o.place);
        } else if (columns[i] == "source") {
          cell = csv_cell(o.source);
        } else {
          for (const auto& m : kObservedMeasures) {
            if (m.column == columns[i]) cell = figure_cell(o.*m.value);
          }
        }
        text += (i ? "," : "") + cell;
      }
      text += "\n";
    }

    std::stable_sort(points.begin(), points.end(), [](const Observation& a, const Observation& b) {
      return a.date != b.date ? a.date < b.date : a.as_of() < b.as_of();
    });
    const ObservedProgress read = parse_observed(text, "random.csv");
    ASSERT_EQ(read.points.size(), points.size()) << text;
    for (std::size_t i = 0; i < points.size(); ++i) {
      ASSERT_EQ(read.points[i], points[i]) << "row of line " << points[i].line << " in\n" << text;
    }
    EXPECT_EQ(read.columns, columns);
  }
}

}  // namespace
