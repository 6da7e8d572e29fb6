// What `vaxsim calibrate` writes (calibration_report.hpp).

#include "vaxsim/report/calibration_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <vector>

#include "aligned_table.hpp"
#include "html_page.hpp"
#include "html_style.hpp"
#include "vaxsim/report/record_text.hpp"
#include "vaxsim/report/svg_chart.hpp"
#include "vaxsim/report/verdict_text.hpp"
#include "vaxsim/sim/number_text.hpp"

namespace vaxsim::report {
namespace {

using json = nlohmann::ordered_json;

std::string value_text(const fit::FitParameter& p, double v) {
  return (p.factor ? "x" : "") + fmt::format("{:.4g}", v);
}

json number_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

std::vector<fit::ComparedFigure> forecast_figures(const fit::Calibration& fit) {
  std::vector<fit::ComparedFigure> out;
  for (std::size_t i = 0; i < fit.figures.size(); ++i) {
    if (!fit.fitted[i] && fit.figures[i].comparable() && fit.until &&
        fit.figures[i].date > *fit.until) {
      out.push_back(fit.figures[i]);
    }
  }
  return out;
}

std::vector<fit::ComparedFigure> fitted_figures(const fit::Calibration& fit) {
  std::vector<fit::ComparedFigure> out;
  for (std::size_t i = 0; i < fit.at_estimate.size(); ++i) {
    if (fit.fitted[i]) out.push_back(fit.at_estimate[i]);
  }
  return out;
}

std::string estimates_table(const fit::Calibration& fit, const std::string& indent) {
  detail::AlignedTable t({false, true, true, true, false, false});
  t.add({"parameter", "estimate", fmt::format("{:.0f}% interval", 100 * fit.interval), "", "range",
         ""});
  for (const fit::Estimate& e : fit.estimates) {
    const fit::FitParameter& p = e.parameter;
    t.add({p.key, value_text(p, e.value), value_text(p, e.lo), value_text(p, e.hi),
           value_text(p, p.lo) + ".." + value_text(p, p.hi),
           e.determined ? "" : "not determined by the record"});
  }
  return t.render(indent);
}

}  // namespace

std::string calibration_text(const CalibrationInfo& info, const fit::Calibration& fit) {
  std::string out =
      fmt::format("Calibration of {} on {}\n", info.scenario_file, info.observed_file);
  out += fmt::format(
      "  {} figures fitted{}, {} run{} an evaluation (seed {}, common random numbers), {} "
      "evaluations; {}: {}.\n\n",
      fit.figures_fitted,
      fit.until ? " (dated up to " + sim::format_date(*fit.until) + ")" : std::string(),
      fit.replications, fit.replications == 1 ? "" : "s", info.seed, fit.evaluations.size(),
      fit.optimiser, fit.stop_reason);
  out += estimates_table(fit, "  ");
  for (const fit::Estimate& e : fit.estimates) {
    if (!e.determined) {
      out += fmt::format(
          "  {}: the record does not pin it down (its interval spans the range): its estimate is "
          "where the search stopped, not a finding.\n",
          e.parameter.key);
    }
  }
  const double dof = fit.figures_fitted - static_cast<double>(fit.estimates.size());
  out += fmt::format(
      "\n  Loss {:.4g} over {} figures (each gap in units of {:.3g}% of the record){}.\n", fit.loss,
      fit.figures_fitted, 100 * fit.observation_error,
      dof > 0 ? fmt::format("; {:.3g} a degree of freedom, 1 if the record's error explains the "
                            "gaps",
                            fit.loss / dof)
              : std::string());
  out += fmt::format(
      "\n  The fit: the figures against the {} runs at the estimate (5-95%: their spread):\n",
      fit.replications);
  out += record_table(fitted_figures(fit), true, "  ");
  const std::vector<fit::ComparedFigure> later = forecast_figures(fit);
  if (!later.empty()) {
    const auto inside =
        std::count_if(later.begin(), later.end(), [](const auto& f) { return f.inside_band(); });
    out += fmt::format(
        "\n  Backtest: the figures after {}, forecast by {} runs with the parameters drawn "
        "from their intervals ({} of {} inside the 5-95% band):\n",
        sim::format_date(*fit.until), fit.forecast_replications, inside, later.size());
    out += record_table(later, true, "  ");
  }
  return out;
}

std::string calibration_json(const CalibrationInfo& info, const fit::Calibration& fit) {
  json estimates = json::array();
  for (const fit::Estimate& e : fit.estimates) {
    estimates.push_back({{"key", e.parameter.key},
                         {"factor", e.parameter.factor},
                         {"range", {e.parameter.lo, e.parameter.hi}},
                         {"value", e.value},
                         {"interval", {e.lo, e.hi}},
                         {"standard_error", number_or_null(e.standard_error)},
                         {"determined", e.determined}});
  }
  json figures = json::array();
  for (std::size_t i = 0; i < fit.figures.size(); ++i) {
    const fit::ComparedFigure& f = fit.figures[i];
    json one = {
        {"date", sim::format_date(f.date)},
        {"time", f.time_of_day ? json(sim::format_time_of_day(*f.time_of_day)) : json(nullptr)},
        {"place", f.place},
        {"measure", f.measure},
        {"observed", f.observed},
        {"fitted", static_cast<bool>(fit.fitted[i])},
        {"residual", number_or_null(fit.residuals[i])}};
    if (f.comparable()) {
      one["simulated"] = {{"mean", f.mean}, {"q05", f.q05}, {"q50", f.q50}, {"q95", f.q95}};
      one["error"] = f.error();
      one["relative_error"] = f.relative_error();
      one["inside_band"] = f.inside_band();
    } else {
      one["simulated"] = nullptr;
    }
    one["source"] = f.source;
    figures.push_back(std::move(one));
  }
  json evaluations = json::array();
  for (const fit::Evaluation& e : fit.evaluations) {
    evaluations.push_back({{"values", e.values}, {"loss", number_or_null(e.loss)}});
  }
  json out = {
      {"scenario", info.scenario_file},
      {"observed", info.observed_file},
      {"seed", info.seed},
      {"replications", fit.replications},
      {"forecast_replications", fit.forecast_replications},
      {"until", fit.until ? json(sim::format_date(*fit.until)) : json(nullptr)},
      {"observation_error", fit.observation_error},
      {"day_error", fit.day_error},
      {"interval", fit.interval},
      {"optimiser", fit.optimiser},
      {"stop_reason", fit.stop_reason},
      {"loss",
       {{"value", fit.loss},
        {"figures_fitted", fit.figures_fitted},
        {"parameters", fit.estimates.size()}}},
      {"estimates", std::move(estimates)},
      {"figures", std::move(figures)},
      {"evaluations", std::move(evaluations)},
  };
  const std::vector<fit::ComparedFigure> later = forecast_figures(fit);
  if (!later.empty()) {
    std::vector<double> gaps;
    int inside = 0;
    for (const auto& f : later) {
      gaps.push_back(std::abs(f.relative_error()));
      inside += f.inside_band() ? 1 : 0;
    }
    std::sort(gaps.begin(), gaps.end());
    out["backtest"] = {{"figures", later.size()},
                       {"inside_band", inside},
                       {"largest_abs_relative_error", gaps.back()}};
  }
  return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string calibration_comment(const CalibrationInfo& info, const fit::Calibration& fit) {
  std::string block = fmt::format(
      "Calibrated by vaxsim calibrate on {} (seed {}, {} run{} an evaluation{}).\n"
      "The fitted values, with their {:.0f}% intervals, are written in place below:\n",
      info.observed_file, info.seed, fit.replications, fit.replications == 1 ? "" : "s",
      fit.until ? ", figures up to " + sim::format_date(*fit.until) : std::string(),
      100 * fit.interval);
  block += estimates_table(fit, "  ");
  block += fmt::format("Loss {:.4g} over {} figures; {}. calibration.json has every figure.\n",
                       fit.loss, fit.figures_fitted, fit.stop_reason);
  std::string out;
  std::size_t start = 0;
  while (start < block.size()) {
    const std::size_t end = block.find('\n', start);
    const std::string line = block.substr(start, end - start);
    out += line.empty() ? "#\n" : "# " + line + "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

std::string calibration_html(const CalibrationInfo& info, const fit::Calibration& fit) {
  using html::esc;
  std::string out =
      "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
      "<meta charset=\"utf-8\"/>\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
      "<meta name=\"generator\" content=\"vaxsim\"/>\n";
  out += fmt::format("<title>{}: calibration</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n",
                     esc(info.scenario_name), html::kStyle);
  out += fmt::format(
      "<header>\n<h1 id=\"title\">{}: calibrated on the record</h1>\n<p class=\"meta\">Scenario "
      "<code>{}</code>, record <code>{}</code>, seed {}; {} figures fitted{}; {} runs an "
      "evaluation, {} evaluations ({}: {}).</p>\n</header>\n",
      esc(info.scenario_name), esc(info.scenario_file), esc(info.observed_file), info.seed,
      fit.figures_fitted,
      fit.until ? " (up to " + html::long_date(*fit.until) + ")" : std::string(), fit.replications,
      fit.evaluations.size(), esc(fit.optimiser), esc(fit.stop_reason));

  out += "<section id=\"estimates\"><h2>The fitted values</h2>\n<table id=\"estimates-table\">\n";
  out += fmt::format(
      "<thead><tr><th>Parameter</th><th>Estimate</th><th>{:.0f}% interval</th><th>Range "
      "searched</th><th></th></tr></thead>\n<tbody>\n",
      100 * fit.interval);
  for (const fit::Estimate& e : fit.estimates) {
    const fit::FitParameter& p = e.parameter;
    out += fmt::format(
        "<tr><td><code>{}</code></td><td class=\"num\">{}</td><td class=\"num\">{} to {}</td>"
        "<td class=\"num\">{} to {}</td><td>{}</td></tr>\n",
        esc(p.key), value_text(p, e.value), value_text(p, e.lo), value_text(p, e.hi),
        value_text(p, p.lo), value_text(p, p.hi),
        e.determined ? "" : "not determined by the record: its estimate is no finding");
  }
  out += "</tbody>\n</table>\n";
  out += fmt::format(
      "<p class=\"note\">The loss is the sum of the squared gaps between the runs' mean and the "
      "record, each in units of {:.3g}% of the record (its assumed error): {:.4g} over {} "
      "figures. Intervals: Gauss-Newton at the estimate, widened when the gaps exceed the "
      "record's error.</p>\n</section>\n",
      100 * fit.observation_error, fit.loss, fit.figures_fitted);

  // The record's points over the forecast's bands.
  if (fit.forecast) {
    const run::Ensemble& e = *fit.forecast;
    const auto column = [&](const run::Spread& s, const sim::Matrix& (*pick)(const run::Spread&)) {
      const sim::Matrix& m = pick(s);
      std::vector<double> v(static_cast<std::size_t>(e.days()));
      for (int d = 0; d < e.days(); ++d) v[static_cast<std::size_t>(d)] = m(d, 0);
      return v;
    };
    const auto q05 = [](const run::Spread& s) -> const sim::Matrix& { return s.q05; };
    const auto q50 = [](const run::Spread& s) -> const sim::Matrix& { return s.q50; };
    const auto q95 = [](const run::Spread& s) -> const sim::Matrix& { return s.q95; };
    const auto points = [&](std::string_view measure) {
      std::vector<MarkedPoint> pts;
      for (const fit::ComparedFigure& f : fit.figures) {
        if (f.measure != measure || f.place != io::kProvince) continue;
        const double day = static_cast<double>(html::day_index(e.start(), f.date));
        // As the report's charts place them (html_record.cpp): levels between day ends.
        const double x = measure == "doses_that_day" ? day + 0.5 : day - 0.5 + f.day_share;
        pts.push_back(
            {x, f.observed,
             fmt::format("Record: {}: {}", figure_name(f), with_thousands(std::round(f.observed))),
             Colour::vermillion});
      }
      return pts;
    };
    const std::string band_name =
        fmt::format("5-95% of {} forecast runs", fit.forecast_replications);
    const auto chart = [&](std::string id, std::string title, std::string y_label,
                           const run::Spread& s, std::vector<MarkedPoint> pts) {
      TimeChart c;
      c.id = std::move(id);
      c.title = title;
      c.y_label = std::move(y_label);
      c.start = e.start();
      c.days = e.days();
      c.series.push_back({"Median of the runs", column(s, q50), SeriesKind::line, Colour::blue,
                          Dash::solid, Band{column(s, q05), column(s, q95)}, band_name, ""});
      c.points = std::move(pts);
      c.points_name = "the record";
      if (fit.until) {
        c.day_lines.push_back({static_cast<double>(html::day_index(e.start(), *fit.until) + 1),
                               "fitted up to " + short_date(*fit.until), Colour::vermillion,
                               Dash::dashed});
      }
      return fmt::format("<figure id=\"fig-{}\">\n<h3>{}</h3>\n{}</figure>\n", c.id, esc(title),
                         svg_time_chart(c));
    };
    out += "<section id=\"bands\"><h2>The record over the forecast</h2>\n";
    out += fmt::format(
        "<p>Each band is the 5-95% spread of {} runs with the fitted parameters drawn from their "
        "intervals; diamonds are the record. Figures after the dashed line were not fitted: "
        "they are the backtest.</p>\n",
        fit.forecast_replications);
    out += chart("cal-people-one", "People with at least one dose, province", "People",
                 e.province_people_vaccinated(), points("people_one_dose_plus"));
    out += chart("cal-people-fully", "People fully vaccinated, province", "People",
                 e.province(model::Measure::people_two_doses), points("people_fully"));
    out += chart("cal-daily", "Doses a day, province", "Doses a day", e.province_doses(),
                 points("doses_that_day"));
    out += "</section>\n";
  }

  out +=
      "<section id=\"figures\"><h2>Every figure</h2>\n<table id=\"figures-table\">\n"
      "<thead><tr><th>When</th><th>Figure</th><th>Record</th><th>Runs: mean</th><th>5%</th>"
      "<th>95%</th><th>Gap</th><th>Fitted</th></tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < fit.figures.size(); ++i) {
    const fit::ComparedFigure& f = fit.figures[i];
    out += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td>",
                       esc(html::long_date(f.date) +
                           (f.time_of_day ? " " + sim::format_time_of_day(*f.time_of_day) : "")),
                       esc(f.measure + ", " + f.place), with_thousands(std::round(f.observed)));
    if (f.comparable()) {
      out += fmt::format(
          "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
          "<td class=\"num\">{:+.1f}%</td>",
          with_thousands(std::round(f.mean)), with_thousands(std::round(f.q05)),
          with_thousands(std::round(f.q95)), 100 * f.relative_error());
    } else {
      out += "<td colspan=\"4\">outside the runs</td>";
    }
    out += fmt::format("<td>{}</td></tr>\n",
                       fit.fitted[i] ? "fitted" : (f.comparable() ? "forecast" : "-"));
  }
  out += "</tbody>\n</table>\n</section>\n</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace vaxsim::report
