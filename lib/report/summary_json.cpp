#include "vaxsim/report/summary_json.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "summary_parts.hpp"
#include "vaxsim/sim/eigen_view.hpp"
#include "vaxsim/supply/cold_chain.hpp"

namespace vaxsim::report {

using model::Measure;

namespace detail {

json date_or_null(const std::optional<sim::Date>& date) {
  return date ? json(sim::format_date(*date)) : json(nullptr);
}

json number(double value) {
  if (std::isfinite(value) && value == std::trunc(value) && std::fabs(value) < 9.2e18) {
    return json(static_cast<std::int64_t>(value));
  }
  return json(value);  // nlohmann writes NaN and infinities as null
}

namespace {

json by_bottleneck(const std::array<int, model::kBottleneckKinds>& counts) {
  json out = json::object();
  for (int k = 0; k < model::kBottleneckKinds; ++k) {
    out[std::string(model::to_string(static_cast<model::Bottleneck>(k)))] =
        counts[static_cast<std::size_t>(k)];
  }
  return out;
}

json city_json(const model::CityVerdict& c) {
  return {
      {"city", c.city},
      {"target", c.target},
      {"days_met", c.days_met},
      {"days_in_window", c.days_in_window},
      {"mean_daily", c.mean_daily},
      {"best_day", c.best_day},
      {"short_days_by", by_bottleneck(c.short_days_by)},
      {"main_bottleneck", std::string(model::to_string(c.main_bottleneck))},
  };
}

json by_product_json(const std::vector<model::ProductDoses>& products) {
  json out = json::array();
  for (const auto& p : products) {
    out.push_back({{"product", p.product},
                   {"first_doses", number(sim::as_eigen(p.first).sum())},
                   {"second_doses", number(sim::as_eigen(p.second).sum())}});
  }
  return out;
}

}  // namespace

json observed_json(const std::string& file, const std::vector<fit::ComparedFigure>& figures,
                   bool replicated) {
  json list = json::array();
  for (const fit::ComparedFigure& f : figures) {
    json one = {
        {"date", sim::format_date(f.date)},
        {"time", f.time_of_day ? json(sim::format_time_of_day(*f.time_of_day)) : json(nullptr)},
        {"place", f.place},
        {"measure", f.measure},
        {"observed", number(f.observed)}};
    if (f.comparable()) {
      one["simulated"] = number(f.mean);
      one["error"] = number(f.error());
      one["relative_error"] = number(f.relative_error());
      if (replicated) {
        one["q05"] = number(f.q05);
        one["q50"] = number(f.q50);
        one["q95"] = number(f.q95);
        one["inside_band"] = f.inside_band();
      }
    } else {
      one["simulated"] = nullptr;  // the run says nothing at that moment
    }
    one["source"] = f.source;
    list.push_back(std::move(one));
  }
  return {{"file", file}, {"figures", std::move(list)}};
}

json verdict_json(const model::Verdict& v) {
  json cities = json::array();
  for (const auto& c : v.cities) cities.push_back(city_json(c));
  json coverage = json::array();
  for (const auto& c : v.coverage) {
    coverage.push_back(
        {{"level", c.level}, {"people", c.people}, {"reached", date_or_null(c.reached)}});
  }
  json links = json::array();
  for (const model::BindingLink& link : v.binding_links) {
    links.push_back({{"link", link.link}, {"days", link.days}});
  }
  return {
      {"daily_target", v.daily_target},
      {"daily_first_reached", date_or_null(v.daily_first_reached)},
      {"daily_sustained_from", date_or_null(v.daily_sustained_from)},
      {"daily_days_met", v.daily_days_met},
      {"daily_days_in_window", v.daily_days_in_window},
      {"daily_best", v.daily_best},
      {"daily_mean", v.daily_mean},
      {"deadline", sim::format_date(v.deadline)},
      {"people_fully_target", v.people_fully_target},
      {"people_fully_by_deadline", v.people_fully_by_deadline},
      {"people_one_dose_by_deadline", v.people_one_dose_by_deadline},
      {"doses_target", v.doses_target},
      {"doses_by_deadline", v.doses_by_deadline},
      {"people_met", v.people_met()},
      {"doses_met", v.doses_met()},
      {"coverage", std::move(coverage)},
      {"short_city_days_by", by_bottleneck(v.short_city_days_by)},
      {"binding_links", std::move(links)},
      {"cities", std::move(cities)},
      {"inherited_backlog",
       {{"people", v.inherited_backlog.people},
        {"on_first_day", v.inherited_backlog.on_first_day},
        {"first_day_doses", v.inherited_backlog.first_day_doses},
        {"cleared", date_or_null(v.inherited_backlog.cleared)}}},
      {"best_desk_day",
       {{"doses_per_desk", v.best_desk_day.doses_per_desk},
        {"date", date_or_null(v.best_desk_day.date)},
        {"reference", v.best_desk_day.reference}}},
      {"warnings", warnings_json({}, v.warnings)},
  };
}

json warnings_json(const std::vector<model::Warning>& run,
                   const std::vector<model::Warning>& verdict) {
  json out = json::array();
  for (const auto* list : {&run, &verdict}) {
    for (const model::Warning& w : *list) {
      json one = {{"code", w.code}, {"message", w.message}};
      if (!w.file.empty()) {
        one["file"] = w.file;
        one["line"] = w.line;
        one["column"] = w.column;
        one["field"] = w.field;
      }
      out.push_back(std::move(one));
    }
  }
  return out;
}

json run_json(const model::CampaignResult& result) {
  return {{"prior_doses", result.prior_doses},
          {"province_received", result.province_received},
          {"province_stock_end", result.province_stock_end},
          {"in_transit_end", result.in_transit_end},
          {"missed_second_doses", result.missed_second_doses},
          {"events", result.events},
          {"by_product", by_product_json(result.by_product)}};
}

// Each place's doses over the run, in supply_nodes.csv's order: its totals add up (stock_end =
// received - sent - wasted - expired - overflow), so a tool can check the books without the CSV.
json supply_json(const model::SupplyRecord& s) {
  json nodes = json::array();
  const sim::Index days = s.days();
  for (int node = 0; node < s.node_count(); ++node) {
    const auto i = static_cast<std::size_t>(node);
    nodes.push_back({{"node", s.nodes[i]},
                     {"kind", std::string(model::to_string(s.kinds[i]))},
                     {"received", number(sim::as_eigen(s.received).col(node).sum())},
                     {"sent", number(sim::as_eigen(s.sent).col(node).sum())},
                     {"wasted", number(sim::as_eigen(s.wasted).col(node).sum())},
                     {"expired", number(sim::as_eigen(s.expired).col(node).sum())},
                     {"overflow", number(sim::as_eigen(s.overflow).col(node).sum())},
                     {"stock_end", number(days > 0 ? s.stock(days - 1, node) : 0.0)},
                     {"stock_out", number(sim::as_eigen(s.stock_out).col(node).sum())}});
  }
  return {{"nodes", std::move(nodes)}};
}

bool has_network(const model::CampaignResult& result) { return !result.network.links.empty(); }

int record_days(const model::CampaignResult& result) {
  const model::NetworkRecord& n = result.network;
  const sim::Index days = std::min({static_cast<sim::Index>(result.table.days()), n.bound.size(),
                                    n.shipped.size(), n.link_flow.rows()});
  return static_cast<int>(std::max<sim::Index>(0, days));
}

std::optional<double> link_capacity(const model::CampaignConfig& config,
                                    const model::CampaignResult& result, std::size_t link) {
  // The record lists the config's links in order; anything else (a hand-made record) has none.
  const auto& chain = config.supply.cold_chain;
  if (!chain || chain->links.size() != result.network.links.size() || link >= chain->links.size()) {
    return std::nullopt;
  }
  const std::int64_t capacity = chain->links[link].daily_capacity();
  if (capacity == supply::unlimited) return std::nullopt;
  return static_cast<double>(capacity);
}

std::optional<double> network_bound(const model::NetworkRecord& network, int day) {
  if (day < 0 || day >= network.bound.size()) return std::nullopt;
  const double bound = network.bound[day];
  // supply::unlimited, as a double: no path was bounded that day.
  if (!std::isfinite(bound) || bound >= static_cast<double>(supply::unlimited)) return std::nullopt;
  return bound;
}

int days_in_cut(const model::NetworkRecord& network, std::size_t link) {
  int days = 0;
  for (const auto& cut : network.binding_links) {
    days += std::find(cut.begin(), cut.end(), link) != cut.end() ? 1 : 0;
  }
  return days;
}

json network_json(const model::CampaignConfig& config, const model::CampaignResult& result) {
  const model::NetworkRecord& n = result.network;
  const auto& cities = result.table.city_names();
  const int days = record_days(result);
  json links = json::array();
  for (std::size_t l = 0; l < n.links.size(); ++l) {
    const int city = l < n.link_city.size() ? n.link_city[l] : -1;
    const auto column = static_cast<sim::Index>(l);
    const bool flows = column < n.link_flow.cols() && days > 0;
    const std::optional<double> capacity = link_capacity(config, result, l);
    links.push_back(
        {{"link", n.links[l]},
         {"city", city >= 0 && static_cast<std::size_t>(city) < cities.size()
                      ? json(cities[static_cast<std::size_t>(city)])
                      : json(nullptr)},
         {"daily_capacity", capacity ? number(*capacity) : json(nullptr)},
         {"shipped", number(flows ? sim::as_eigen(n.link_flow).col(column).head(days).sum() : 0.0)},
         {"busiest_day",
          number(flows ? sim::as_eigen(n.link_flow).col(column).head(days).maxCoeff() : 0.0)},
         {"days_in_cut", days_in_cut(n, l)}});
  }
  json daily = json::array();
  for (int d = 0; d < days; ++d) {
    const std::optional<double> bound = network_bound(n, d);
    json cut = json::array();
    if (static_cast<std::size_t>(d) < n.binding_links.size()) {
      for (const std::uint32_t l : n.binding_links[static_cast<std::size_t>(d)]) cut.push_back(l);
    }
    daily.push_back({{"date", sim::format_date(result.table.date(d))},
                     {"bound", bound ? number(*bound) : json(nullptr)},
                     {"shipped", number(n.shipped[d])},
                     {"binding_links", std::move(cut)}});
  }
  return {{"shipped", number(sim::as_eigen(n.shipped).head(days).sum())},
          {"links", std::move(links)},
          {"daily", std::move(daily)}};
}

}  // namespace detail

namespace {

using namespace detail;

json targets_json(const model::Targets& t) {
  return {
      {"daily_doses", t.daily_doses},
      {"daily_from", sim::format_date(t.daily_from)},
      {"deadline", sim::format_date(t.deadline)},
      {"people_fully_vaccinated", t.people_fully_vaccinated},
      {"doses", t.doses},
      {"coverage_levels", t.coverage_levels},
      {"coverage_base", t.coverage_base},
  };
}

json province_daily_json(const model::CityDayTable& table) {
  json days = json::array();
  for (int day = 0; day < table.days(); ++day) {
    const double first = table.province(Measure::first_doses, day);
    const double second = table.province(Measure::second_doses, day);
    days.push_back({
        {"date", sim::format_date(table.date(day))},
        {"first_doses", number(first)},
        {"second_doses", number(second)},
        {"doses", number(first + second)},
        {"people_one_dose", number(table.province(Measure::people_one_dose, day))},
        {"people_two_doses", number(table.province(Measure::people_two_doses, day))},
    });
  }
  return days;
}

}  // namespace

std::string summary_json(const RunInfo& run, const model::CampaignConfig& config,
                         const model::CampaignResult& result, const model::Verdict& verdict) {
  json assumptions = json::array();
  for (const auto& a : run.assumptions) {
    assumptions.push_back({{"what", a.what}, {"value", a.value}, {"source", a.source}});
  }
  json out = {
      {"schema_version", kSummarySchemaVersion},
      {"scenario",
       {{"name", config.name},
        {"file", run.scenario_file},
        {"description", run.description},
        {"assumptions", std::move(assumptions)}}},
      {"seed", run.seed},
      {"replication", run.replication},
      {"warnings", warnings_json(run.warnings, verdict.warnings)},
      {"campaign",
       {{"start", sim::format_date(config.start)},
        {"end", sim::format_date(config.end)},
        {"days", result.table.days()},
        {"cities", result.table.city_names()}}},
      {"targets", targets_json(config.targets)},
      {"verdict", verdict_json(verdict)},
      {"run", run_json(result)},
  };
  if (has_network(result)) out["network"] = network_json(config, result);
  out["supply"] = supply_json(result.supply);
  if (!run.observed.empty()) {
    out["observed"] = observed_json(run.observed_file, run.observed, /*replicated=*/false);
  }
  out["province_daily"] = province_daily_json(result.table);
  // Invalid UTF-8 in a name is replaced (U+FFFD) rather than failing the whole summary.
  return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace vaxsim::report
