#include "vaxsim/report/csv.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <sstream>
#include <string_view>

namespace vaxsim::report {

using model::Measure;

std::string csv_field(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (const char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

std::string format_number(double value) {
  // Not sim::number_text, the rule of messages: a table wants 1000000 rather than 1e+06, 0 rather
  // than -0, and 0.0001 rather than 1e-04.
  // Whole numbers in the range of int64 are written as integers (exact: every such double is a
  // whole number), which also writes -0 as 0.
  if (std::isfinite(value) && value == std::trunc(value) && std::fabs(value) < 9.2e18) {
    return fmt::format("{}", static_cast<std::int64_t>(value));
  }
  return fmt::format("{}", value);  // shortest round-trip form, or nan / inf / -inf
}

std::string city_days_csv_header() {
  std::string header = "date,city";
  for (int i = 0; i < model::kMeasureCount; ++i) {
    header += ',';
    header += csv_field(model::to_string(static_cast<Measure>(i)));
  }
  return header + ",bottleneck";
}

void write_city_days_csv(std::ostream& out, const model::CityDayTable& table) {
  out << city_days_csv_header() << '\n';
  std::string line;
  for (int day = 0; day < table.days(); ++day) {
    const std::string date = sim::format_date(table.date(day));
    for (int c = 0; c <= table.cities(); ++c) {
      const bool province = c == table.cities();
      line = date;
      line += ',';
      line +=
          csv_field(province ? std::string_view(kProvinceRow)
                             : std::string_view(table.city_names()[static_cast<std::size_t>(c)]));
      for (int i = 0; i < model::kMeasureCount; ++i) {
        const auto m = static_cast<Measure>(i);
        line += ',';
        line += format_number(province ? table.province(m, day) : table.at(m, day, c));
      }
      line += ',';
      line +=
          model::to_string(province ? table.province_bottleneck(day) : table.bottleneck(day, c));
      line += '\n';
      out << line;
    }
  }
}

std::string city_days_csv(const model::CityDayTable& table) {
  std::ostringstream out;
  write_city_days_csv(out, table);
  return std::move(out).str();
}

std::string supply_nodes_csv(const model::SupplyRecord& record, sim::Date start) {
  std::string out = "date,node,kind,received,sent,stock,wasted,expired,overflow,stock_out\n";
  const sim::Calendar calendar{start};
  for (int day = 0; day < record.days(); ++day) {
    const std::string date = sim::format_date(calendar.date(day));
    for (int node = 0; node < record.node_count(); ++node) {
      out += date;
      out += ',';
      out += csv_field(record.nodes[static_cast<std::size_t>(node)]);
      out += ',';
      out += model::to_string(record.kinds[static_cast<std::size_t>(node)]);
      for (const sim::Matrix* m : {&record.received, &record.sent, &record.stock, &record.wasted,
                                   &record.expired, &record.overflow, &record.stock_out}) {
        out += ',';
        out += format_number((*m)(day, node));
      }
      out += '\n';
    }
  }
  return out;
}

}  // namespace vaxsim::report
