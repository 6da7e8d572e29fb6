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
// date is ISO (YYYY-MM-DD); bottleneck is the model::Bottleneck name (none, no_stock, held_back,
// desks, hours, demand). Numbers are written exactly: a whole number (below 9.2e18) without
// decimals ("812345"), anything else in the shortest form that reads back to the same double
// ("0.8125", "3.3333333333333335"); non-finite values as "nan", "inf", "-inf".
//
// PROVINCE rows aggregate the cities of the day by the model's rule, the one every report reads:
// model::CityDayTable::province() for the measures (sums for counts, flows and levels; weighted
// rules for utilisation, open_hours, mean_wait and p95_wait) and province_bottleneck() for the
// bottleneck (see model/results.hpp and docs/output-format.md).

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
