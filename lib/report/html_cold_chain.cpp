// The HTML report's cold chain (html_writer.hpp), only with one: what the network could move
// and moved, each link day by day and in total, and the links that held cities back.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "html_writer.hpp"
#include "summary_parts.hpp"
#include "vaxsim/sim/eigen_view.hpp"

namespace vaxsim::report::html {

std::pair<int, int> Writer::window_days() const {
  return {std::max(0, day_index(table_.start(), targets_.daily_from)),
          std::min(table_.days() - 1, day_index(table_.start(), v_.deadline))};
}

bool Writer::in_cut(std::size_t link, int day) const {
  const auto& cuts = result_.network.binding_links;
  if (day < 0 || static_cast<std::size_t>(day) >= cuts.size()) return false;
  const auto& cut = cuts[static_cast<std::size_t>(day)];
  return std::find(cut.begin(), cut.end(), link) != cut.end();
}

std::vector<int> Writer::binding_days(std::size_t link) const {
  const model::NetworkRecord& n = result_.network;
  std::vector<int> days;
  const int city = link < n.link_city.size() ? n.link_city[link] : -1;
  if (city < 0 || city >= table_.cities()) return days;
  const auto [first, last] = window_days();
  for (int d = first; d <= last; ++d) {
    // Stock the limit (as model::Verdict::binding_links counts): not there, or kept back.
    const Bottleneck why = table_.bottleneck(d, city);
    if (in_cut(link, d) && (why == Bottleneck::no_stock || why == Bottleneck::held_back)) {
      days.push_back(d);
    }
  }
  return days;
}

std::string Writer::day_runs(const std::vector<int>& days) const {
  std::string out;
  int runs = 0;
  for (std::size_t i = 0; i < days.size();) {
    std::size_t j = i;
    while (j + 1 < days.size() && days[j + 1] == days[j] + 1) ++j;
    if (runs == 6) {
      out += fmt::format(" and {} more day{}", days.size() - i, days.size() - i == 1 ? "" : "s");
      break;
    }
    out += runs > 0 ? ", " : "";
    out += j == i ? short_date(table_.date(days[i]))
                  : short_date(table_.date(days[i])) + "\u2013" + short_date(table_.date(days[j]));
    ++runs;
    i = j + 1;
  }
  return out;
}

std::string Writer::cold_chain_section() const {
  if (!detail::has_network(result_)) return "";
  std::string out =
      "<section id=\"cold-chain\" aria-labelledby=\"cold-chain-h\">\n<h2 "
      "id=\"cold-chain-h\">Cold chain</h2>\n";
  if (rep_ != nullptr) {
    out += fmt::format("<p class=\"note\">The typical replication's (number {}).</p>\n",
                       rep_->typical_replication);
  }
  out += cold_chain_words();
  out += cold_chain_chart();
  out += links_map();
  out += links_table();
  return out + "</section>\n";
}

std::string Writer::cold_chain_words() const {
  const model::NetworkRecord& n = result_.network;
  const int days = detail::record_days(result_);
  int busiest = -1;
  int widest = -1;
  for (int d = 0; d < days; ++d) {
    if (busiest < 0 || n.shipped[d] > n.shipped[busiest]) busiest = d;
    const auto bound = detail::network_bound(n, d);
    if (bound && (widest < 0 || *bound > *detail::network_bound(n, widest))) widest = d;
  }
  std::string out = fmt::format(
      "<p>The trucks loaded {} doses at the province store over the run",
      num("network.shipped", sim::as_eigen(n.shipped).head(days).sum(), "network-shipped"));
  if (busiest >= 0) {
    out += fmt::format(", at most {} on one day ({})",
                       num(fmt::format("network.daily.{}.shipped", busiest), n.shipped[busiest]),
                       short_date(table_.date(busiest)));
  }
  if (widest >= 0) {
    out += fmt::format(
        "; the most the network could have moved in one day (its bound) was {} doses ({})",
        num(fmt::format("network.daily.{}.bound", widest), *detail::network_bound(n, widest)),
        short_date(table_.date(widest)));
  }
  out += ".</p>\n";

  // The links that held cities back, in words: the verdict's, with the days they bound.
  if (v_.binding_links.empty()) {
    out +=
        "<p id=\"binding-links\">No link held a city back: on no day of the window did a city "
        "fall short of its target for lack of supply while the trucks on its way were "
        "full.</p>\n";
    return out;
  }
  out += fmt::format(
      "<p>On days a city fell short of its target for lack of supply ({}), the trucks on its "
      "way were full (the link was in the day's minimum cut) on these links:</p>\n<ul "
      "id=\"binding-links\">\n",
      window());
  for (std::size_t i = 0; i < v_.binding_links.size(); ++i) {
    const model::BindingLink& b = v_.binding_links[i];
    const auto link = std::find(n.links.begin(), n.links.end(), b.link);
    const std::string when =
        link == n.links.end()
            ? std::string()
            : ": " + day_runs(binding_days(static_cast<std::size_t>(link - n.links.begin())));
    out += fmt::format("<li><strong>{}</strong>, on {} days{}</li>\n",
                       text(fmt::format("verdict.binding_links.{}.link", i), b.link,
                            fmt::format("binding-link-{}", i)),
                       num(fmt::format("verdict.binding_links.{}.days", i), b.days,
                           fmt::format("binding-days-{}", i)),
                       when);
  }
  out += "</ul>\n";
  return out;
}

std::string Writer::cold_chain_chart() const {
  const model::NetworkRecord& n = result_.network;
  TimeChart c;
  c.id = "svg-cold-chain";
  c.title = "The cold chain's daily bound against doses shipped and doses given, province";
  c.y_label = "Doses a day";
  c.start = table_.start();
  c.days = table_.days();
  std::vector<double> shipped(static_cast<std::size_t>(table_.days()), std::nan(""));
  std::vector<double> bound = shipped;
  bool unbounded = false;
  for (int d = 0; d < detail::record_days(result_); ++d) {
    shipped[static_cast<std::size_t>(d)] = n.shipped[d];
    const auto b = detail::network_bound(n, d);
    unbounded = unbounded || !b;
    bound[static_cast<std::size_t>(d)] = b.value_or(std::nan(""));
  }
  c.series.push_back({"Shipped (loaded on trucks)", shipped, SeriesKind::bars, Colour::orange,
                      Dash::solid, std::nullopt, "", "cold-chain-shipped"});
  c.series.push_back({"Bound (max-flow)", bound, SeriesKind::line, Colour::black, Dash::dashed,
                      std::nullopt, "", "cold-chain-bound"});
  c.series.push_back(
      {"Doses given", plus(province(Measure::first_doses), province(Measure::second_doses)),
       SeriesKind::line, Colour::blue, Dash::solid, std::nullopt, "", "cold-chain-given"});
  c.day_lines = day_lines(true);
  std::string caption =
      "Dashed line: the most doses the trucks and cold stores could have moved from the province "
      "store that day if every city took all it could (a maximum flow through the network). "
      "Bars: doses loaded, what the cities were owed and the network could carry. Solid line: "
      "doses given in all cities, for comparison; doses arrive after each link's lead time.";
  if (unbounded) caption += " No dashed line on a day: some path had no limit that day.";
  return figure("fig-cold-chain", "What the cold chain could move, and what it moved", caption,
                svg_time_chart(c));
}

std::string Writer::links_map() const {
  const model::NetworkRecord& n = result_.network;
  Heatmap h;
  h.id = "svg-links";
  h.title =
      "Each cold-chain link, day by day: idle, loading, full, or full while its city ran short";
  h.start = table_.start();
  h.days = table_.days();
  h.categories = {
      {"nothing loaded", Colour::grey, true, false},
      {"loading, trucks not full", Colour::sky_blue, false, false},
      {"trucks full (in the day's cut)", Colour::orange, false, true},
      {"full while its city was short of supply", Colour::vermillion, false, false},
  };
  for (std::size_t l = 0; l < n.links.size(); ++l) {
    h.rows.push_back(n.links[l]);
    std::vector<std::uint8_t> row(static_cast<std::size_t>(table_.days()), 0);
    const std::vector<int> binding = binding_days(l);
    int full = 0;
    for (int d = 0; d < table_.days(); ++d) {
      const bool loaded = d < detail::record_days(result_) &&
                          static_cast<sim::Index>(l) < n.link_flow.cols() &&
                          n.link_flow(d, static_cast<sim::Index>(l)) > 0;
      std::uint8_t cell = loaded ? 1 : 0;
      if (in_cut(l, d)) {
        cell = 2;
        ++full;
      }
      if (std::binary_search(binding.begin(), binding.end(), d)) cell = 3;
      row[static_cast<std::size_t>(d)] = cell;
    }
    h.cells.push_back(std::move(row));
    h.row_notes.push_back(fmt::format("full {} d, binding {} d", full, binding.size()));
  }
  h.day_lines = day_lines(true);
  const std::string caption =
      "Each row is a link of the cold chain, each column a day. Full: the link's trucks were "
      "the limit that day (the link was in the minimum cut of the day's shipping). Red: full "
      "while the city it serves fell short of its target for lack of supply, " +
      window() + ". At the right: days full over the run, and days binding in the window.";
  return figure("fig-links", "The links, day by day", caption, svg_heatmap(h));
}

std::string Writer::links_table() const {
  const model::NetworkRecord& n = result_.network;
  const int days = detail::record_days(result_);
  std::string out =
      "<table id=\"link-table\">\n<thead><tr><th>Link</th><th>City served</th>"
      "<th class=\"num\">Trucks' capacity a day</th><th class=\"num\">Shipped</th>"
      "<th class=\"num\">Capacity used</th><th class=\"num\">Busiest day</th>"
      "<th class=\"num\">Days full</th><th class=\"num\">Days binding</th></tr></thead>\n"
      "<tbody>\n";
  for (std::size_t l = 0; l < n.links.size(); ++l) {
    const std::string at = fmt::format("network.links.{}.", l);
    const int city = l < n.link_city.size() ? n.link_city[l] : -1;
    const auto column = static_cast<sim::Index>(l);
    const bool flows = column < n.link_flow.cols() && days > 0;
    const double shipped = flows ? sim::as_eigen(n.link_flow).col(column).head(days).sum() : 0.0;
    const double busiest =
        flows ? sim::as_eigen(n.link_flow).col(column).head(days).maxCoeff() : 0.0;
    const std::optional<double> capacity = detail::link_capacity(config_, result_, l);
    const std::string used = capacity && *capacity > 0 && days > 0
                                 ? fmt::format("{:.0f}%", 100.0 * shipped / (*capacity * days))
                                 : std::string("-");
    std::string binding = "0";
    for (std::size_t i = 0; i < v_.binding_links.size(); ++i) {
      if (v_.binding_links[i].link == n.links[l]) {
        binding = num(fmt::format("verdict.binding_links.{}.days", i), v_.binding_links[i].days);
      }
    }
    out += fmt::format(
        "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td></tr>\n",
        text(at + "link", n.links[l]),
        city >= 0 && city < table_.cities()
            ? text(at + "city", table_.city_names()[static_cast<std::size_t>(city)])
            : std::string("-"),
        mark_optional(path(at + "daily_capacity"), capacity, "no limit", ""),
        num(at + "shipped", shipped), used, num(at + "busiest_day", busiest),
        num(at + "days_in_cut", detail::days_in_cut(n, l)), binding);
  }
  out += "</tbody>\n</table>\n";
  out +=
      "<p class=\"note\">Trucks' capacity a day: trucks x doses per truck x trips a day. "
      "Capacity used: doses shipped over the capacity of every day of the run. Days full: days "
      "the link was in the minimum cut (its trucks were the limit). Days binding: of those, days "
      "of the window on which its city fell short of its target for lack of supply.</p>\n";
  return out;
}

}  // namespace vaxsim::report::html
