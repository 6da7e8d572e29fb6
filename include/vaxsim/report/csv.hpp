#pragma once
// The city x day table as CSV, for spreadsheets and scripts.
//
// Format (RFC 4180: comma-separated, "\n" line ends, a field quoted only when it holds a comma,
// quote or line break, with quotes doubled):
//
//   header  date,city,<every model::Measure by its to_string() name, in enum order>,bottleneck
//   rows    for each day in order: one row per city in the table's city order, then one row with
//           city "PROVINCE"; so the file has 1 + days x (cities + 1) lines.
//
// date is ISO (YYYY-MM-DD); bottleneck is the model::Bottleneck name (none, supply, desks, hours,
// demand). Numbers are written exactly: a whole number (below 9.2e18) without decimals ("812345"),
// anything else in the shortest form that reads back to the same double ("0.8125",
// "3.3333333333333335"); non-finite values as "nan", "inf", "-inf".
//
// PROVINCE rows aggregate the cities of the day:
//   sum                 first_doses, second_doses, people_one_dose, people_two_doses, delivered,
//                       stock, wasted, desks_open, unmet, no_stock, capacity, available_stock,
//                       demand, booked, late_second_doses (flows, levels and desk counts)
//   utilisation         weighted by open desk-hours (desks_open x open_hours): busy desk time
//                       over open desk time province-wide; 0 when no desk was open
//   open_hours          weighted by desks_open (desk-weighted mean, as for a city); 0 when none
//   mean_wait           (column mean_wait_min) weighted by people served (first_doses +
//                       second_doses); 0 when none
//   p95_wait            (column p95_wait_min) the largest city p95 among cities that served
//                       someone: percentiles do not add up, and the province p95 is never
//                       above this bound; 0 when none
//   bottleneck          the reason most cities fell short that day (ties: supply, desks, hours,
//                       demand, in that order); none when no city fell short
//   expired             sum (the province store's own expired doses are in supply_nodes.csv)

#include <ostream>
#include <string>
#include <string_view>

#include "vaxsim/model/results.hpp"

namespace vaxsim::report {

/// The city name of the province rows.
inline constexpr const char* kProvinceRow = "PROVINCE";

/// The header line, without its line end.
std::string city_days_csv_header();

/// Writes header and rows to `out`.
void write_city_days_csv(std::ostream& out, const model::CityDayTable& table);

/// The whole file as a string.
std::string city_days_csv(const model::CityDayTable& table);

/// The province value of a measure on a day, by the rules above.
double province_value(const model::CityDayTable& table, model::Measure m, int day);

/// The province bottleneck of a day, by the rule above.
model::Bottleneck province_bottleneck(const model::CityDayTable& table, int day);

/// A number as the CSV writes it (see above).
std::string format_number(double value);

/// One CSV field: as it is, or quoted (RFC 4180) when it holds a comma, quote or line break.
std::string csv_field(std::string_view field);

/// The supply record as CSV (supply_nodes.csv), in the same RFC 4180 form:
///
///   header  date,node,kind,received,sent,stock,wasted,expired,overflow,stock_out
///   rows    for each day in order, one row per node in the record's order: the province, then
///           each city's store and its sites; so 1 + days x (1 + 2 x cities) lines.
///
/// kind is province, store or sites (model::SupplyNodeKind); the numbers are the record's
/// (model/supply_record.hpp), written as above. `start` is the date of the first day.
std::string supply_nodes_csv(const model::SupplyRecord& record, sim::Date start);

}  // namespace vaxsim::report
