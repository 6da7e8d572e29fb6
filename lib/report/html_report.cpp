#include "vaxsim/report/html_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "vaxsim/report/csv.hpp"
#include "vaxsim/report/verdict_text.hpp"
#include "vaxsim/report/xml_text.hpp"

namespace vaxsim::report {
namespace {

using model::Bottleneck;
using model::Measure;

constexpr std::array<std::string_view, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<Bottleneck, 4> kReasons = {Bottleneck::supply, Bottleneck::desks,
                                                Bottleneck::hours, Bottleneck::demand};

std::string esc(std::string_view text) { return xml_escape(text); }

// "30 June 2021".
std::string long_date(sim::Date d) {
  return fmt::format("{} {} {}", static_cast<unsigned>(d.day()),
                     kMonthNames[(static_cast<unsigned>(d.month()) - 1) % 12],
                     static_cast<int>(d.year()));
}

int day_index(sim::Date start, sim::Date d) {
  return static_cast<int>((std::chrono::sys_days{d} - std::chrono::sys_days{start}).count());
}

std::string id_attr(std::string_view id) {
  return id.empty() ? std::string() : fmt::format(" id=\"{}\"", esc(id));
}

// A number shown from summary.json (see html_report.hpp): rounded, with thousands separators.
std::string num(std::string_view json, double value, std::string_view id = "") {
  return fmt::format("<span{} class=\"n\" data-json=\"{}\" data-value=\"{}\">{}</span>",
                     id_attr(id), esc(json), format_number(value), with_thousands(value));
}

std::string num(std::string_view json, std::int64_t value, std::string_view id = "") {
  return num(json, static_cast<double>(value), id);
}

std::string num(std::string_view json, int value, std::string_view id = "") {
  return num(json, static_cast<double>(value), id);
}

// A whole number shown as it is, without separators (a seed).
std::string plain(std::string_view json, std::uint64_t value) {
  return fmt::format(
      "<span class=\"n\" data-json=\"{}\" data-value=\"{}\" data-format=\"plain\">{}</span>",
      esc(json), value, value);
}

std::string percent_of(std::string_view json, double share, std::string_view id = "") {
  return fmt::format(
      "<span{} class=\"n\" data-json=\"{}\" data-value=\"{}\" data-format=\"percent\">{:.4g}%"
      "</span>",
      id_attr(id), esc(json), format_number(share), 100.0 * share);
}

// A date shown from summary.json; `missing` is the text for a null.
std::string date(std::string_view json, const std::optional<sim::Date>& d, std::string_view missing,
                 std::string_view id = "") {
  if (!d) {
    return fmt::format("<span{} class=\"missing\" data-json=\"{}\" data-value=\"null\">{}</span>",
                       id_attr(id), esc(json), esc(missing));
  }
  const std::string iso = sim::format_date(*d);
  return fmt::format("<time{} data-json=\"{}\" data-value=\"{}\" datetime=\"{}\">{}</time>",
                     id_attr(id), esc(json), iso, iso, long_date(*d));
}

std::string text(std::string_view json, std::string_view value, std::string_view id = "") {
  return fmt::format("<span{} data-json=\"{}\" data-value=\"{}\">{}</span>", id_attr(id), esc(json),
                     esc(value), esc(value));
}

std::string share(double part, double whole) {
  return whole > 0 ? fmt::format("{:.1f}%", 100.0 * part / whole) : std::string("-");
}

int count_of(const std::array<int, model::kBottleneckKinds>& counts, Bottleneck b) {
  return counts[static_cast<std::size_t>(b)];
}

// The reason with the most short days (ties: supply, desks, hours, demand); none if never short.
Bottleneck most_frequent(const std::array<int, model::kBottleneckKinds>& counts) {
  Bottleneck best = Bottleneck::none;
  for (const Bottleneck b : kReasons) {
    if (count_of(counts, b) > (best == Bottleneck::none ? 0 : count_of(counts, best))) best = b;
  }
  return best;
}

// Answers carry a word and a mark, not only a colour.
std::string answer(std::string_view kind, std::string_view words) {
  std::string_view mark = "\u2717";       // ✗
  if (kind == "yes") mark = "\u2713";     // ✓
  if (kind == "partly") mark = "\u25D0";  // ◐
  if (kind == "none") mark = "\u2013";
  return fmt::format(
      "<p class=\"answer\"><span class=\"mark\" aria-hidden=\"true\">{}</span> {}</p>\n", mark,
      words);
}

constexpr std::string_view kStyle = R"css(
:root { color-scheme: light; }
body { margin: 0; background: #ffffff; color: #222222; line-height: 1.45;
  font-family: 'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif; font-size: 15px; }
main { max-width: 1060px; margin: 0 auto; padding: 20px 28px 40px; }
h1 { font-size: 1.65em; margin: 0 0 0.2em; }
h2 { font-size: 1.25em; margin: 1.6em 0 0.5em; padding-bottom: 0.15em; border-bottom: 2px solid #222222; }
h3 { font-size: 1.02em; margin: 0 0 0.3em; }
p { margin: 0.35em 0; }
.meta, figcaption, .note { color: #444444; font-size: 0.92em; }
.cards { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 12px; }
.card { border: 1px solid #bbbbbb; border-left: 8px solid #999999; border-radius: 4px;
  padding: 8px 14px 10px; }
.card.yes { border-left-color: #0072B2; }
.card.no { border-left-color: #D55E00; }
.card.partly { border-left-color: #E69F00; }
.answer { font-size: 1.2em; font-weight: bold; margin: 0.1em 0 0.3em; }
.mark { display: inline-block; min-width: 1.1em; }
.card ul { margin: 0.2em 0; padding-left: 1.2em; }
figure { margin: 1em 0 1.4em; }
figure > h3 { margin-top: 0.4em; }
svg.chart { display: block; width: 100%; height: auto; }
.multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));
  gap: 10px 18px; }
.multiples figure { margin: 0; }
.multiples p { font-size: 0.85em; color: #444444; margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border-bottom: 1px solid #dddddd; padding: 3px 8px; text-align: left; vertical-align: top; }
th { border-bottom: 2px solid #999999; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 2px solid #999999; }
code { font-size: 0.92em; }
dt { font-weight: bold; }
dd { margin: 0 0 0.4em 1.2em; }
@media (max-width: 700px) { .cards { grid-template-columns: 1fr; } }
@media print {
  @page { size: A4; margin: 12mm; }
  body { font-size: 9.5pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  figure, .card, tr, .multiples figure { break-inside: avoid; }
  .multiples { grid-template-columns: repeat(3, minmax(0, 1fr)); }
}
)css";

class Writer {
 public:
  Writer(const RunInfo& run, const model::CampaignConfig& config,
         const model::CampaignResult& result, const model::Verdict& verdict,
         const ReportBands* bands)
      : run_{run},
        config_{config},
        table_{result.table},
        v_{verdict},
        bands_{bands},
        targets_{config.targets} {}

  std::string write() {
    std::string out =
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
        "<meta charset=\"utf-8\"/>\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        "<meta name=\"generator\" content=\"vaxsim\"/>\n";
    out += fmt::format("<title>{}: vaxsim report</title>\n", esc(config_.name));
    out += fmt::format("<style>{}</style>\n</head>\n<body>\n<main>\n", kStyle);
    out += header();
    out += verdict_section();
    out += charts_section();
    out += cities_section();
    out += assumptions_section();
    out += reading_section();
    out += "</main>\n</body>\n</html>\n";
    return out;
  }

 private:
  // --- the top: what was run, and the answers --------------------------------------------------

  std::string header() const {
    std::string out = fmt::format("<header>\n<h1 id=\"title\">{}</h1>\n", esc(config_.name));
    out += fmt::format("<p class=\"meta\">Simulated {} to {} ({} days), {} cities. ",
                       date("campaign.start", config_.start, ""),
                       date("campaign.end", config_.end, ""), num("campaign.days", table_.days()),
                       table_.cities());
    if (!run_.scenario_file.empty()) {
      out += fmt::format("Scenario <code>{}</code>, ", esc(run_.scenario_file));
    }
    out += fmt::format("seed {}, replication {}.</p>\n", plain("seed", run_.seed),
                       plain("replication", run_.replication));
    if (!run_.description.empty()) {
      out += fmt::format("<p class=\"description\">{}</p>\n", esc(trimmed(run_.description)));
    }
    return out + "</header>\n";
  }

  static std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.remove_suffix(1);
    return s;
  }

  std::string window() const {
    return fmt::format("from {} to {}", long_date(targets_.daily_from), long_date(v_.deadline));
  }

  std::string verdict_section() const {
    std::string out =
        "<section id=\"verdict\" aria-labelledby=\"verdict-h\">\n"
        "<h2 id=\"verdict-h\">The answers</h2>\n<div class=\"cards\">\n";
    out += daily_card();
    out += cities_card();
    out += deadline_card();
    out += coverage_card();
    return out + "</div>\n</section>\n";
  }

  std::string daily_card() const {
    if (v_.daily_target <= 0) {
      return "<div class=\"card none\" id=\"answer-daily\">\n<h3>Doses a day</h3>\n" +
             answer("none", "No daily target was set.") + "</div>\n";
    }
    const bool yes = v_.daily_first_reached.has_value();
    std::string out =
        fmt::format("<div class=\"card {}\" id=\"answer-daily\">\n", yes ? "yes" : "no");
    out += fmt::format("<h3>Is {} doses a day reachable?</h3>\n",
                       num("verdict.daily_target", v_.daily_target, "daily-target"));
    const std::string best =
        fmt::format("Best day {} doses{}; mean {} a day.",
                    num("verdict.daily_best", v_.daily_best, "daily-best"), best_day_when(),
                    num("verdict.daily_mean", v_.daily_mean, "daily-mean"));
    const std::string met = fmt::format(
        "Met on {} of {} days {}",
        num("verdict.daily_days_met", v_.daily_days_met, "daily-days-met"),
        num("verdict.daily_days_in_window", v_.daily_days_in_window, "daily-days-in-window"),
        window());
    if (yes) {
      out += answer("yes", "Yes, first on " +
                               date("verdict.daily_first_reached", v_.daily_first_reached, "",
                                    "daily-first-reached") +
                               ".");
      out += fmt::format("<p>{}; {}.</p>\n", met,
                         v_.daily_sustained_from
                             ? "sustained from " +
                                   date("verdict.daily_sustained_from", v_.daily_sustained_from, "",
                                        "daily-sustained-from") +
                                   " to the deadline"
                             : std::string("not sustained: some later days fell short"));
      out += fmt::format("<p>{}</p>\n", best);
    } else {
      out += answer(
          "no", fmt::format("No: {} short on the best day.",
                            with_thousands(static_cast<double>(v_.daily_target) - v_.daily_best)));
      out += fmt::format("<p>{}.</p>\n<p>{}</p>\n", met, best);
    }
    return out + "</div>\n";
  }

  // " (28 May)": the first day of the window with the best day's doses.
  std::string best_day_when() const {
    const int from = std::max(0, day_index(table_.start(), targets_.daily_from));
    const int to = std::min(table_.days() - 1, day_index(table_.start(), v_.deadline));
    for (int d = from; d <= to; ++d) {
      const double doses =
          table_.province(Measure::first_doses, d) + table_.province(Measure::second_doses, d);
      if (doses == v_.daily_best) return " (" + short_date(table_.date(d)) + ")";
    }
    return "";
  }

  std::string cities_card() const {
    int with_target = 0;
    int every_day = 0;
    const model::CityVerdict* closest = nullptr;
    for (const auto& c : v_.cities) {
      if (c.target <= 0) continue;
      ++with_target;
      if (c.days_in_window > 0 && c.days_met == c.days_in_window) ++every_day;
      if (closest == nullptr || c.days_met > closest->days_met) closest = &c;
    }
    if (with_target == 0) {
      return "<div class=\"card none\" id=\"answer-cities\">\n<h3>City targets</h3>\n" +
             answer("none", "No city has a daily target.") + "</div>\n";
    }
    const std::string kind = every_day == with_target ? "yes" : every_day > 0 ? "partly" : "no";
    std::string out = fmt::format("<div class=\"card {}\" id=\"answer-cities\">\n", kind);
    out += fmt::format("<h3>Do the cities reach their own targets ({} a day)?</h3>\n",
                       city_target_words());
    std::string words;
    if (kind == "yes") {
      words = fmt::format("Yes: all {} cities, every day.", with_target);
    } else if (kind == "partly") {
      words = fmt::format("Partly: {} of {} cities every day.", every_day, with_target);
    } else {
      words = fmt::format("No: none of the {} cities every day.", with_target);
    }
    out += answer(kind, words);
    int short_total = 0;
    for (const Bottleneck b : kReasons) short_total += count_of(v_.short_city_days_by, b);
    if (short_total > 0) {
      out += fmt::format(
          "<p>{} city-days fell short {}: ", with_thousands(std::int64_t{short_total}), window());
      const char* sep = "";
      for (const Bottleneck b : kReasons) {
        const auto name = model::to_string(b);
        out += fmt::format("{}{} {}", sep, name,
                           num(fmt::format("verdict.short_city_days_by.{}", name),
                               count_of(v_.short_city_days_by, b), fmt::format("short-{}", name)));
        sep = ", ";
      }
      out += ".</p>\n";
    }
    if (closest != nullptr && kind != "yes") {
      const auto i = static_cast<std::size_t>(closest - v_.cities.data());
      out += fmt::format(
          "<p>Closest: {}, on {} of {} days.</p>\n", esc(closest->city),
          num(fmt::format("verdict.cities.{}.days_met", i), closest->days_met),
          num(fmt::format("verdict.cities.{}.days_in_window", i), closest->days_in_window));
    }
    return out + "</div>\n";
  }

  // "70,000 or 100,000": the distinct city targets.
  std::string city_target_words() const {
    std::vector<std::int64_t> targets;
    for (const auto& c : v_.cities) {
      if (c.target > 0) targets.push_back(c.target);
    }
    std::sort(targets.begin(), targets.end());
    targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
    std::string out;
    for (std::size_t i = 0; i < targets.size(); ++i) {
      if (i > 0) out += i + 1 == targets.size() ? " or " : ", ";
      out += with_thousands(targets[i]);
    }
    return out;
  }

  std::string deadline_card() const {
    const bool people = v_.people_fully_target > 0;
    const bool doses = v_.doses_target > 0;
    if (!people && !doses) {
      return "<div class=\"card none\" id=\"answer-deadline\">\n<h3>The deadline</h3>\n" +
             answer("none", "No target was set for the deadline.") + "</div>\n";
    }
    std::string kind;
    std::string words;
    if ((!people || v_.people_met()) && (!doses || v_.doses_met())) {
      kind = "yes";
      words = "Yes.";
    } else if (people && doses && v_.people_met() != v_.doses_met()) {
      kind = "partly";
      words = v_.people_met() ? "Partly: the people target is met, the doses target is not."
                              : "Partly: the doses target is met, the people target is not.";
    } else {
      kind = "no";
      words = "No.";
    }
    std::string out = fmt::format("<div class=\"card {}\" id=\"answer-deadline\">\n", kind);
    out += fmt::format("<h3>Will the deadline, {}, be met?</h3>\n",
                       date("verdict.deadline", v_.deadline, "", "deadline"));
    out += answer(kind, words);
    const auto line = [](std::string_view what, const std::string& done, std::int64_t done_n,
                         const std::string& target, std::int64_t target_n) {
      const std::string gap =
          done_n >= target_n ? std::string("met") : "short by " + with_thousands(target_n - done_n);
      return fmt::format("<p>{}: {} of {} ({}), {}.</p>\n", what, done, target,
                         share(static_cast<double>(done_n), static_cast<double>(target_n)), gap);
    };
    if (people) {
      out +=
          line("People fully vaccinated",
               num("verdict.people_fully_by_deadline", v_.people_fully_by_deadline, "people-fully"),
               v_.people_fully_by_deadline,
               num("verdict.people_fully_target", v_.people_fully_target, "people-fully-target"),
               v_.people_fully_target);
    }
    if (doses) {
      out += line("Doses, prior doses included",
                  num("verdict.doses_by_deadline", v_.doses_by_deadline, "doses-by-deadline"),
                  v_.doses_by_deadline,
                  num("verdict.doses_target", v_.doses_target, "doses-target"), v_.doses_target);
    }
    out += fmt::format("<p>People with at least one dose: {}.</p>\n",
                       num("verdict.people_one_dose_by_deadline", v_.people_one_dose_by_deadline,
                           "people-one-dose"));
    return out + "</div>\n";
  }

  std::string coverage_card() const {
    if (v_.coverage.empty()) return "";
    const sim::Date run_end = table_.days() > 0 ? table_.date(table_.days() - 1) : config_.end;
    bool all = true;
    bool any = false;
    for (const auto& c : v_.coverage) {
      all = all && c.reached.has_value();
      any = any || c.reached.has_value();
    }
    const std::string kind = all ? "yes" : any ? "partly" : "no";
    std::string out = fmt::format("<div class=\"card {}\" id=\"answer-coverage\">\n", kind);
    out += fmt::format(
        "<h3>When are the coverage levels reached?</h3>\n<p class=\"note\">People fully "
        "vaccinated, as a share of {}.</p>\n<ul>\n",
        num("targets.coverage_base", targets_.coverage_base, "coverage-base"));
    for (std::size_t i = 0; i < v_.coverage.size(); ++i) {
      const auto& c = v_.coverage[i];
      out += fmt::format("<li><strong>{}</strong> ({} people): {}</li>\n",
                         percent_of(fmt::format("verdict.coverage.{}.level", i), c.level),
                         num(fmt::format("verdict.coverage.{}.people", i), c.people),
                         c.reached
                             ? "reached on " + date(fmt::format("verdict.coverage.{}.reached", i),
                                                    c.reached, "", fmt::format("coverage-{}", i))
                             : "not reached by " + long_date(run_end) + ", " +
                                   date(fmt::format("verdict.coverage.{}.reached", i), c.reached,
                                        "the end of the run", fmt::format("coverage-{}", i)));
    }
    return out + "</ul>\n</div>\n";
  }

  // --- charts -----------------------------------------------------------------------------------

  std::vector<DayLine> day_lines(bool labelled) const {
    std::vector<DayLine> lines;
    if (v_.daily_target > 0 || !v_.cities.empty()) {
      lines.push_back({static_cast<double>(day_index(table_.start(), targets_.daily_from)),
                       labelled ? "targets from " + short_date(targets_.daily_from) : "",
                       Colour::grey, Dash::dotted});
    }
    lines.push_back({static_cast<double>(day_index(table_.start(), v_.deadline) + 1),
                     labelled ? "deadline " + short_date(v_.deadline) : "", Colour::vermillion,
                     Dash::dashed});
    return lines;
  }

  std::vector<double> province(Measure m) const {
    std::vector<double> out(static_cast<std::size_t>(table_.days()));
    for (int d = 0; d < table_.days(); ++d)
      out[static_cast<std::size_t>(d)] = table_.province(m, d);
    return out;
  }

  std::vector<double> city(Measure m, int c) const {
    std::vector<double> out(static_cast<std::size_t>(table_.days()));
    for (int d = 0; d < table_.days(); ++d) out[static_cast<std::size_t>(d)] = table_.at(m, d, c);
    return out;
  }

  static std::vector<double> plus(std::vector<double> a, const std::vector<double>& b) {
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) a[i] += b[i];
    return a;
  }

  std::string band_name() const {
    return bands_ != nullptr && !bands_->name.empty() ? bands_->name
                                                      : std::string("range over replications");
  }

  static std::string figure(std::string_view id, std::string_view title, std::string_view caption,
                            const std::string& svg) {
    return fmt::format(
        "<figure id=\"{}\">\n<h3>{}</h3>\n{}<figcaption>{}</figcaption>\n</figure>\n", id, title,
        svg, caption);
  }

  std::string charts_section() const {
    std::string out =
        "<section id=\"charts\" aria-labelledby=\"charts-h\">\n<h2 id=\"charts-h\">Day by "
        "day</h2>\n";
    out += province_daily_chart();
    out += people_chart();
    out += bottleneck_chart();
    out += city_charts();
    out += stock_chart();
    return out + "</section>\n";
  }

  std::string province_daily_chart() const {
    TimeChart c;
    c.id = "svg-province-daily";
    c.title = "Doses given each day in the province, first and second doses";
    c.y_label = "Doses a day";
    c.start = table_.start();
    c.days = table_.days();
    const std::vector<double> first = province(Measure::first_doses);
    const std::vector<double> second = province(Measure::second_doses);
    c.series.push_back({"First doses", first, SeriesKind::bars, Colour::sky_blue, Dash::solid,
                        std::nullopt, "", "province-first-doses"});
    c.series.push_back({"Second doses", second, SeriesKind::bars, Colour::blue, Dash::solid,
                        std::nullopt, "", "province-second-doses"});
    if (bands_ != nullptr && bands_->province_doses) {
      c.series.push_back({"All doses", plus(first, second), SeriesKind::line, Colour::black,
                          Dash::solid, bands_->province_doses, band_name(), "province-all-doses"});
    }
    if (v_.daily_target > 0) {
      c.value_lines.push_back({static_cast<double>(v_.daily_target),
                               "target " + with_thousands(v_.daily_target), Colour::black,
                               Dash::dashed});
    }
    c.day_lines = day_lines(true);
    std::string caption = "Bars: doses given each day in all cities, first doses (light blue) on ";
    caption += "the bottom, second doses (dark blue) on top.";
    if (v_.daily_target > 0) {
      caption +=
          fmt::format(" Dashed line: the province's target of {} doses a day, which counts {}.",
                      with_thousands(v_.daily_target), window());
    }
    return figure("fig-province-daily", "Doses a day, province", caption, svg_time_chart(c));
  }

  std::string people_chart() const {
    TimeChart c;
    c.id = "svg-people";
    c.title = "People with at least one dose and with both doses, province, cumulative";
    c.y_label = "People";
    c.start = table_.start();
    c.days = table_.days();
    const std::vector<double> two = province(Measure::people_two_doses);
    const std::vector<double> one_or_more = plus(province(Measure::people_one_dose), two);
    c.series.push_back({"At least one dose", one_or_more, SeriesKind::line, Colour::sky_blue,
                        Dash::dashed,
                        bands_ != nullptr ? bands_->people_at_least_one : std::nullopt, band_name(),
                        "line-people-one-dose"});
    c.series.push_back({"Both doses", two, SeriesKind::line, Colour::blue, Dash::solid,
                        bands_ != nullptr ? bands_->people_two_doses : std::nullopt, band_name(),
                        "line-people-two-doses"});
    if (targets_.people_fully_vaccinated > 0) {
      c.value_lines.push_back({static_cast<double>(targets_.people_fully_vaccinated),
                               "target " + millions(targets_.people_fully_vaccinated),
                               Colour::black, Dash::dashed});
    }
    for (const auto& level : v_.coverage) {
      c.value_lines.push_back({static_cast<double>(level.people),
                               fmt::format("{:.4g}% coverage", 100.0 * level.level), Colour::grey,
                               Dash::dotted});
    }
    c.day_lines = day_lines(true);
    std::string caption =
        "People with at least one dose (dashed) and with both doses (solid), prior vaccinations "
        "included, at the end of each day.";
    if (targets_.people_fully_vaccinated > 0) {
      caption +=
          fmt::format(" Dashed black line: the target of {} people fully vaccinated by {}.",
                      with_thousands(targets_.people_fully_vaccinated), long_date(v_.deadline));
    }
    if (!v_.coverage.empty()) {
      caption += fmt::format(" Dotted grey lines: coverage levels, shares of {} people.",
                             with_thousands(targets_.coverage_base));
    }
    return figure("fig-people", "People vaccinated, province", caption, svg_time_chart(c));
  }

  static std::string millions(std::int64_t n) {
    if (n < 1000000) return with_thousands(n);
    std::string m = fmt::format("{:.2f}", static_cast<double>(n) / 1e6);
    while (m.back() == '0') m.pop_back();
    if (m.back() == '.') m.pop_back();
    return m + " M";
  }

  std::string city_charts() const {
    // One scale for all cities, so that their bars compare.
    double y_max = 0;
    for (int c = 0; c < table_.cities(); ++c) {
      for (int d = 0; d < table_.days(); ++d) {
        y_max = std::max(
            y_max, table_.at(Measure::first_doses, d, c) + table_.at(Measure::second_doses, d, c));
        if (bands_ != nullptr && static_cast<std::size_t>(c) < bands_->city_doses.size() &&
            bands_->city_doses[static_cast<std::size_t>(c)]) {
          const Band& b = *bands_->city_doses[static_cast<std::size_t>(c)];
          if (static_cast<std::size_t>(d) < b.hi.size() &&
              std::isfinite(b.hi[static_cast<std::size_t>(d)])) {
            y_max = std::max(y_max, b.hi[static_cast<std::size_t>(d)]);
          }
        }
      }
    }
    for (const auto& cv : v_.cities) y_max = std::max(y_max, static_cast<double>(cv.target));
    y_max *= 1.04;

    std::string out =
        "<figure id=\"fig-cities\">\n<h3>Doses a day, city by city, against each city's "
        "target</h3>\n<figcaption>Same scale for every city. Bars: first doses (light blue) and "
        "second doses (dark blue); dashed line: the city's target, which counts " +
        window() + ".</figcaption>\n<div class=\"multiples\">\n";
    for (int c = 0; c < table_.cities(); ++c) {
      const auto ci = static_cast<std::size_t>(c);
      const std::string& name = table_.city_names()[ci];
      TimeChart chart;
      chart.id = fmt::format("svg-city-{}", c);
      chart.title = fmt::format("{}: doses a day against its target", name);
      chart.y_label = "Doses a day";
      chart.start = table_.start();
      chart.days = table_.days();
      chart.width = 330;
      chart.height = 200;
      chart.font_size = 11;
      chart.legend = false;
      chart.y_max = y_max;
      const std::vector<double> first = city(Measure::first_doses, c);
      const std::vector<double> second = city(Measure::second_doses, c);
      chart.series.push_back({"First doses", first, SeriesKind::bars, Colour::sky_blue, Dash::solid,
                              std::nullopt, "", ""});
      chart.series.push_back({"Second doses", second, SeriesKind::bars, Colour::blue, Dash::solid,
                              std::nullopt, "", ""});
      if (bands_ != nullptr && ci < bands_->city_doses.size() && bands_->city_doses[ci]) {
        chart.series.push_back({"All", plus(first, second), SeriesKind::line, Colour::black,
                                Dash::solid, bands_->city_doses[ci], band_name(), ""});
      }
      const model::CityVerdict* cv = ci < v_.cities.size() ? &v_.cities[ci] : nullptr;
      if (cv != nullptr && cv->target > 0) {
        chart.value_lines.push_back({static_cast<double>(cv->target), with_thousands(cv->target),
                                     Colour::black, Dash::dashed});
      }
      chart.day_lines = day_lines(false);
      std::string note;
      if (cv != nullptr && cv->target > 0) {
        note = fmt::format("Target {}; met on {} of {} days; mean {} a day; main reason: {}.",
                           with_thousands(cv->target), cv->days_met, cv->days_in_window,
                           with_thousands(cv->mean_daily), model::to_string(cv->main_bottleneck));
      } else if (cv != nullptr) {
        note = fmt::format("No target; mean {} a day.", with_thousands(cv->mean_daily));
      }
      out += fmt::format(
          "<figure id=\"fig-city-{}\" class=\"city\">\n<h3>{}</h3>\n{}<p>{}</p>\n</figure>\n", c,
          esc(name), svg_time_chart(chart), esc(note));
    }
    return out + "</div>\n</figure>\n";
  }

  std::string bottleneck_chart() const {
    Heatmap h;
    h.id = "svg-bottleneck";
    h.title = "Why each city fell short of its target, day by day";
    h.start = table_.start();
    h.days = table_.days();
    h.categories = {
        {"target met (or none)", Colour::grey, true, false},
        {"supply", Colour::vermillion, false, false},
        {"desks", Colour::blue, false, true},
        {"hours", Colour::yellow, false, true},
        {"demand", Colour::reddish_purple, false, false},
    };
    for (int c = 0; c < table_.cities(); ++c) {
      h.rows.push_back(table_.city_names()[static_cast<std::size_t>(c)]);
      std::vector<std::uint8_t> row(static_cast<std::size_t>(table_.days()));
      for (int d = 0; d < table_.days(); ++d) {
        row[static_cast<std::size_t>(d)] = static_cast<std::uint8_t>(table_.bottleneck(d, c));
      }
      h.cells.push_back(std::move(row));
      const auto ci = static_cast<std::size_t>(c);
      h.row_notes.push_back(ci < v_.cities.size() ? short_note(v_.cities[ci].short_days_by) : "");
    }
    if (table_.cities() > 1) {
      h.rows.emplace_back("Province");
      std::vector<std::uint8_t> row(static_cast<std::size_t>(table_.days()));
      for (int d = 0; d < table_.days(); ++d) {
        row[static_cast<std::size_t>(d)] =
            static_cast<std::uint8_t>(province_bottleneck(table_, d));
      }
      h.cells.push_back(std::move(row));
      h.row_notes.push_back(short_note(v_.short_city_days_by));
    }
    h.day_lines = day_lines(true);
    const std::string caption =
        "Each row is a city, each column a day. A coloured cell is a day the city fell short of "
        "its target, coloured by what held it back: <strong>supply</strong> (too few doses), "
        "<strong>desks</strong> (desks were the limit although sites kept the planned hours), "
        "<strong>hours</strong> (sites open fewer hours than planned), <strong>demand</strong> "
        "(too few people ready to come). The Province row gives the reason most cities fell short "
        "that day. At the right: city-days short " +
        window() + ", by reason.";
    return figure("fig-bottleneck", "What held each city back", caption, svg_heatmap(h));
  }

  static std::string short_note(const std::array<int, model::kBottleneckKinds>& by) {
    std::string out;
    for (const Bottleneck b : kReasons) {
      const int n = count_of(by, b);
      if (n == 0) continue;
      out += fmt::format("{}{} {}", out.empty() ? "" : ", ", model::to_string(b), n);
    }
    return out.empty() ? std::string("never short") : out;
  }

  std::string stock_chart() const {
    TimeChart c;
    c.id = "svg-stock";
    c.title = "Doses in stock at cities and sites, and doses delivered to cities";
    c.y_label = "Doses";
    c.start = table_.start();
    c.days = table_.days();
    c.series.push_back({"Delivered to cities that day", province(Measure::delivered),
                        SeriesKind::bars, Colour::orange, Dash::solid, std::nullopt, "",
                        "stock-delivered"});
    c.series.push_back({"In stock, end of day", province(Measure::stock), SeriesKind::line,
                        Colour::bluish_green, Dash::solid,
                        bands_ != nullptr ? bands_->stock : std::nullopt, band_name(),
                        "stock-level"});
    c.day_lines = day_lines(true);
    return figure("fig-stock", "Stock, province",
                  "Line: doses held in the cities' stores and at their sites at the end of each "
                  "day, all cities. Bars: doses arriving in the cities' stores each day.",
                  svg_time_chart(c));
  }

  // --- tables -----------------------------------------------------------------------------------

  std::string cities_section() const {
    if (v_.cities.empty()) return "";
    std::string out = fmt::format(
        "<section id=\"cities\" aria-labelledby=\"cities-h\">\n<h2 id=\"cities-h\">Cities, "
        "{}</h2>\n"
        "<table id=\"city-table\">\n<thead><tr><th>City</th><th class=\"num\">Target a day</th>"
        "<th class=\"num\">Mean a day</th><th class=\"num\">Best day</th><th class=\"num\">Days "
        "met</th><th>Main reason</th><th class=\"num\">Short: supply</th><th class=\"num\">desks"
        "</th><th class=\"num\">hours</th><th class=\"num\">demand</th></tr></thead>\n<tbody>\n",
        window());
    for (std::size_t i = 0; i < v_.cities.size(); ++i) {
      const auto& c = v_.cities[i];
      const std::string p = fmt::format("verdict.cities.{}.", i);
      out += fmt::format(
          "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
          "<td class=\"num\">{}</td><td class=\"num\">{} / {}</td><td>{}</td>",
          text(p + "city", c.city),
          c.target > 0 ? num(p + "target", c.target) : std::string("none"),
          num(p + "mean_daily", c.mean_daily), num(p + "best_day", c.best_day),
          num(p + "days_met", c.days_met), num(p + "days_in_window", c.days_in_window),
          text(p + "main_bottleneck", model::to_string(c.main_bottleneck)));
      for (const Bottleneck b : kReasons) {
        const auto name = model::to_string(b);
        out += fmt::format(
            "<td class=\"num\">{}</td>",
            num(p + "short_days_by." + std::string(name), count_of(c.short_days_by, b)));
      }
      out += "</tr>\n";
    }
    out += fmt::format(
        "<tr class=\"total\"><td>Province</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{} / {}</td><td>{}</td>",
        v_.daily_target > 0 ? with_thousands(v_.daily_target) : std::string("none"),
        with_thousands(v_.daily_mean), with_thousands(v_.daily_best), v_.daily_days_met,
        v_.daily_days_in_window, model::to_string(most_frequent(v_.short_city_days_by)));
    for (const Bottleneck b : kReasons) {
      out += fmt::format("<td class=\"num\">{}</td>", count_of(v_.short_city_days_by, b));
    }
    out += "</tr>\n</tbody>\n</table>\n";
    out +=
        "<p class=\"note\">Days met: days at or above the city's target, of the days in the "
        "window. Short: days below target, by what held the city back (see the map above).</p>\n";
    return out + "</section>\n";
  }

  std::string assumptions_section() const {
    std::string out =
        "<section id=\"assumptions\" aria-labelledby=\"assumptions-h\">\n<h2 "
        "id=\"assumptions-h\">What the numbers rest on</h2>\n";
    if (run_.assumptions.empty()) {
      return out + "<p>The scenario states no assumptions.</p>\n</section>\n";
    }
    out +=
        "<p>The scenario's main assumptions, as stated in its file. The results are only as good "
        "as these.</p>\n<table id=\"assumption-table\">\n<thead><tr><th>What</th><th>Value</th>"
        "<th>Source</th></tr></thead>\n<tbody>\n";
    for (const auto& a : run_.assumptions) {
      out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n", esc(a.what), esc(a.value),
                         esc(a.source));
    }
    return out + "</tbody>\n</table>\n</section>\n";
  }

  std::string reading_section() const {
    std::string out =
        "<section id=\"reading\" aria-labelledby=\"reading-h\">\n<h2 id=\"reading-h\">How to read "
        "this report</h2>\n<dl>\n";
    out += fmt::format(
        "<dt>The simulation</dt><dd>Every dose is one person's visit: booking, arrival within "
        "opening hours, the queue, the desk, observation, and the second dose of the same product "
        "{}. One run with seed {} and replication {}; another seed gives slightly different "
        "numbers.</dd>\n",
        "in its interval window", run_.seed, run_.replication);
    out +=
        "<dt>Why a city-day fell short</dt><dd>Each morning a city books the smallest of what its "
        "desks can take (capacity), the doses it may use (stock) and the people ready to come "
        "(demand). A day below target is put down to <strong>supply</strong> if stock was the "
        "smallest, to <strong>hours</strong> if capacity was and sites were open fewer hours than "
        "planned, to <strong>desks</strong> if capacity was although the hours were full, and to "
        "<strong>demand</strong> if too few people were ready.</dd>\n";
    out +=
        "<dt>The files next to this report</dt><dd><code>city_days.csv</code>: every city and "
        "day (doses, stock, desks, waits, the reason for a shortfall), with a PROVINCE row per "
        "day. <code>summary.json</code>: what was run and every number of the verdict; every key "
        "number in this report is taken from it. Both are described column by column in "
        "vaxsim's README.</dd>\n";
    return out + "</dl>\n</section>\n";
  }

  const RunInfo& run_;
  const model::CampaignConfig& config_;
  const model::CityDayTable& table_;
  const model::Verdict& v_;
  const ReportBands* bands_;
  const model::Targets& targets_;
};

}  // namespace

std::string html_report(const RunInfo& run, const model::CampaignConfig& config,
                        const model::CampaignResult& result, const model::Verdict& verdict,
                        const ReportBands* bands) {
  return Writer(run, config, result, verdict, bands).write();
}

}  // namespace vaxsim::report
