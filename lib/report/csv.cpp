#include "vaxsim/report/csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <sstream>
#include <string_view>

namespace vaxsim::report {
namespace {

using model::Measure;

// Σ value·weight / Σ weight over the day's cities; 0 when the weights add up to 0.
template <typename Weight>
double weighted_mean(const model::CityDayTable& table, Measure m, int day, Weight weight) {
  double sum = 0;
  double total_weight = 0;
  for (int c = 0; c < table.cities(); ++c) {
    const double w = weight(c);
    if (w <= 0) continue;
    sum += table.at(m, day, c) * w;
    total_weight += w;
  }
  return total_weight > 0 ? sum / total_weight : 0.0;
}

}  // namespace

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

double province_value(const model::CityDayTable& table, Measure m, int day) {
  const auto served = [&](int c) {
    return table.at(Measure::first_doses, day, c) + table.at(Measure::second_doses, day, c);
  };
  switch (m) {
    case Measure::utilisation:
      return weighted_mean(table, m, day, [&](int c) {
        return table.at(Measure::desks_open, day, c) * table.at(Measure::open_hours, day, c);
      });
    case Measure::open_hours:
      return weighted_mean(table, m, day,
                           [&](int c) { return table.at(Measure::desks_open, day, c); });
    case Measure::mean_wait:
      return weighted_mean(table, m, day, served);
    case Measure::p95_wait: {
      double worst = 0;
      for (int c = 0; c < table.cities(); ++c) {
        if (served(c) > 0) worst = std::max(worst, table.at(m, day, c));
      }
      return worst;
    }
    default:
      return table.province(m, day);
  }
}

model::Bottleneck province_bottleneck(const model::CityDayTable& table, int day) {
  std::array<int, model::kBottleneckKinds> count{};
  for (int c = 0; c < table.cities(); ++c) {
    ++count[static_cast<std::size_t>(table.bottleneck(day, c))];
  }
  model::Bottleneck best = model::Bottleneck::none;
  int best_count = 0;
  for (int k = 1; k < model::kBottleneckKinds; ++k) {
    if (count[static_cast<std::size_t>(k)] > best_count) {
      best_count = count[static_cast<std::size_t>(k)];
      best = static_cast<model::Bottleneck>(k);
    }
  }
  return best;
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
        line += format_number(province ? province_value(table, m, day) : table.at(m, day, c));
      }
      line += ',';
      line +=
          model::to_string(province ? province_bottleneck(table, day) : table.bottleneck(day, c));
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
      for (const Eigen::MatrixXd* m :
           {&record.received, &record.sent, &record.stock, &record.wasted, &record.expired,
            &record.overflow, &record.stock_out}) {
        out += ',';
        out += format_number((*m)(day, node));
      }
      out += '\n';
    }
  }
  return out;
}

}  // namespace vaxsim::report
