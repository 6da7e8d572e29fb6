#include "vaxsim/report/html_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "summary_parts.hpp"
#include "vaxsim/report/csv.hpp"
#include "vaxsim/report/ensemble_report.hpp"
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
std::string mark_num(std::string_view json, double value, std::string_view id) {
  return fmt::format("<span{} class=\"n\" data-json=\"{}\" data-value=\"{}\">{}</span>",
                     id_attr(id), esc(json), format_number(value), with_thousands(value));
}

// A whole number shown as it is, without separators (a seed).
std::string mark_plain(std::string_view json, std::uint64_t value, std::string_view id) {
  return fmt::format(
      "<span{} class=\"n\" data-json=\"{}\" data-value=\"{}\" data-format=\"plain\">{}</span>",
      id_attr(id), esc(json), value, value);
}

std::string mark_percent(std::string_view json, double share, std::string_view id) {
  return fmt::format(
      "<span{} class=\"n\" data-json=\"{}\" data-value=\"{}\" data-format=\"percent\">{:.4g}%"
      "</span>",
      id_attr(id), esc(json), format_number(share), 100.0 * share);
}

// A share as a whole percentage, rounded half away from zero ("31%"): interval bounds.
std::string mark_whole_percent(std::string_view json, double share, std::string_view id) {
  return fmt::format(
      "<span{} class=\"n\" data-json=\"{}\" data-value=\"{}\" data-format=\"whole-percent\">"
      "{:.0f}%</span>",
      id_attr(id), esc(json), format_number(share), std::round(100.0 * share));
}

// A chance as the odds table prints it: never "0%" or "100%" unless it is so (chance_text).
std::string mark_chance(std::string_view json, const run::Proportion& p, std::string_view id) {
  return fmt::format(
      "<span{} class=\"n\" data-json=\"{}\" data-value=\"{}\" data-format=\"chance\">{}</span>",
      id_attr(id), esc(json), format_number(p.p), esc(chance_text(p.p, p.successes, p.trials)));
}

// A date shown from summary.json; `missing` is the text for a null.
std::string mark_date(std::string_view json, const std::optional<sim::Date>& d,
                      std::string_view missing, std::string_view id) {
  if (!d) {
    return fmt::format("<span{} class=\"missing\" data-json=\"{}\" data-value=\"null\">{}</span>",
                       id_attr(id), esc(json), esc(missing));
  }
  const std::string iso = sim::format_date(*d);
  return fmt::format("<time{} data-json=\"{}\" data-value=\"{}\" datetime=\"{}\">{}</time>",
                     id_attr(id), esc(json), iso, iso, long_date(*d));
}

// A number that may be a JSON null (an unlimited capacity); `missing` is the text for a null.
std::string mark_optional(std::string_view json, const std::optional<double>& value,
                          std::string_view missing, std::string_view id) {
  if (!value) {
    return fmt::format("<span{} class=\"missing\" data-json=\"{}\" data-value=\"null\">{}</span>",
                       id_attr(id), esc(json), esc(missing));
  }
  return mark_num(json, *value, id);
}

std::string mark_text(std::string_view json, std::string_view value, std::string_view id) {
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

// Only in the report of many replications: the chance bars of the odds table.
constexpr std::string_view kOddsStyle = R"css(
.lead { font-size: 1.2em; font-weight: bold; margin: 0.2em 0 0.5em; }
.odds-block { margin-bottom: 1.2em; }
.bar { display: block; position: relative; width: 160px; height: 12px; background: #eeeeee;
  border: 1px solid #999999; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.bar .ci { position: absolute; top: 3px; height: 6px; background: #56B4E9; }
.bar .p { position: absolute; top: -3px; width: 3px; height: 18px; margin-left: -1px;
  background: #000000; }
h3.typical { margin-top: 1.2em; }
)css";

class Writer {
 public:
  Writer(const RunInfo& run, const model::CampaignConfig& config,
         const model::CampaignResult& result, const model::Verdict& verdict,
         const ReportBands* bands, const ReplicatedView* replicated = nullptr)
      : run_{run},
        config_{config},
        result_{result},
        table_{result.table},
        v_{verdict},
        bands_{bands},
        rep_{replicated},
        targets_{config.targets} {}

  std::string write() {
    std::string out =
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
        "<meta charset=\"utf-8\"/>\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        "<meta name=\"generator\" content=\"vaxsim\"/>\n";
    out += fmt::format("<title>{}: vaxsim report</title>\n", esc(config_.name));
    out += fmt::format("<style>{}{}</style>\n</head>\n<body>\n<main>\n", kStyle,
                       rep_ != nullptr ? kOddsStyle : std::string_view());
    out += header();
    out += verdict_section();
    out += charts_section();
    out += cold_chain_section();
    out += cities_section();
    out += assumptions_section();
    out += reading_section();
    out += "</main>\n</body>\n</html>\n";
    return out;
  }

 private:
  // --- numbers marked with their summary.json field ---------------------------------------------

  // The field's path in the summary.json written beside the report: a replicated summary holds
  // the typical replication's verdict, totals and network under "typical".
  std::string path(std::string_view json) const {
    if (rep_ != nullptr) {
      for (const std::string_view part : {"verdict.", "run.", "network."}) {
        if (json.substr(0, part.size()) == part) return "typical." + std::string(json);
      }
    }
    return std::string(json);
  }

  std::string num(std::string_view json, double value, std::string_view id = "") const {
    return mark_num(path(json), value, id);
  }
  std::string num(std::string_view json, std::int64_t value, std::string_view id = "") const {
    return num(json, static_cast<double>(value), id);
  }
  std::string num(std::string_view json, int value, std::string_view id = "") const {
    return num(json, static_cast<double>(value), id);
  }
  std::string plain(std::string_view json, std::uint64_t value, std::string_view id = "") const {
    return mark_plain(path(json), value, id);
  }
  std::string percent_of(std::string_view json, double share, std::string_view id = "") const {
    return mark_percent(path(json), share, id);
  }
  std::string date(std::string_view json, const std::optional<sim::Date>& d,
                   std::string_view missing, std::string_view id = "") const {
    return mark_date(path(json), d, missing, id);
  }
  std::string text(std::string_view json, std::string_view value, std::string_view id = "") const {
    return mark_text(path(json), value, id);
  }

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
    if (rep_ != nullptr) {
      const int r = rep_->odds->replications;
      out += fmt::format(
          "seed {}, {} replications, numbers {} to {}; charts and answers below the odds: "
          "replication {}.</p>\n",
          plain("seed", run_.seed), mark_plain("replications", static_cast<std::uint64_t>(r), ""),
          mark_plain("first_replication", run_.replication, ""),
          run_.replication + static_cast<std::uint64_t>(r) - 1,
          mark_plain("typical.replication", rep_->typical_replication, ""));
    } else {
      out += fmt::format("seed {}, replication {}.</p>\n", plain("seed", run_.seed),
                         plain("replication", run_.replication));
    }
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
        "<h2 id=\"verdict-h\">The answers</h2>\n";
    if (rep_ != nullptr) out += odds_block() + typical_intro();
    out += "<div class=\"cards\">\n";
    out += daily_card();
    out += cities_card();
    out += deadline_card();
    out += coverage_card();
    return out + "</div>\n</section>\n";
  }

  // --- the odds over replications (replicated reports only) -----------------------------------

  std::string odds_block() const {
    const run::Odds& odds = *rep_->odds;
    std::string out = "<div class=\"odds-block\" id=\"answer-odds\">\n";
    out += fmt::format("<h3>How likely is each target? Over {} replications</h3>\n",
                       mark_num("replications", odds.replications, ""));
    for (std::size_t i = 0; i < odds.targets.size(); ++i) {
      const run::TargetOdds& t = odds.targets[i];
      if (t.kind != run::TargetKind::all) continue;
      out +=
          fmt::format("<p class=\"lead\">Every target at once: {} (95% interval {} to {}).</p>\n",
                      mark_chance(fmt::format("odds.{}.p", i), t.odds, "chance-every-target"),
                      mark_whole_percent(fmt::format("odds.{}.lo", i), t.odds.lo, ""),
                      mark_whole_percent(fmt::format("odds.{}.hi", i), t.odds.hi, ""));
    }
    if (!odds.targets.empty()) {
      out +=
          "<table id=\"odds-table\">\n<thead><tr><th>Target</th><th class=\"num\">Chance</th>"
          "<th class=\"num\">95% interval</th><th>Chance and interval, 0 to 100%</th>"
          "<th class=\"num\">Met in</th></tr></thead>\n<tbody>\n";
      for (std::size_t i = 0; i < odds.targets.size(); ++i) {
        const run::TargetOdds& t = odds.targets[i];
        const run::Proportion& p = t.odds;
        const std::string at = fmt::format("odds.{}.", i);
        // Plain keys (daily_reached, people, all...) make stable ids; cities and levels do not.
        const bool plain_key =
            t.kind != run::TargetKind::city && t.kind != run::TargetKind::coverage;
        out += fmt::format(
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{} to {}</td><td>{}</td>"
            "<td class=\"num\">{} of {}</td></tr>\n",
            mark_text(at + "what", t.what, ""),
            mark_chance(at + "p", p, plain_key ? "chance-" + t.key : std::string()),
            mark_whole_percent(at + "lo", p.lo, ""), mark_whole_percent(at + "hi", p.hi, ""),
            chance_bar(p), mark_num(at + "successes", p.successes, ""),
            mark_num(at + "replications", p.trials, ""));
      }
      out += "</tbody>\n</table>\n";
      out += fmt::format(
          "<p class=\"note\">Chance: the share of the {} replications that met the target. 95% "
          "interval: Wilson's score interval, where the true chance lies with 95% confidence "
          "given this many replications; more replications narrow it. In the bars, the black "
          "mark is the chance and the blue span its interval.</p>\n",
          odds.replications);
    }
    out += key_dates_table(odds) + key_numbers_table(odds);
    return out + "</div>\n";
  }

  // A bar from 0 to 100%: the interval as a span, the chance as a mark (also for greyscale).
  static std::string chance_bar(const run::Proportion& p) {
    const auto pct = [](double x) {
      return fmt::format("{:.1f}%", 100.0 * std::clamp(x, 0.0, 1.0));
    };
    return fmt::format(
        "<span class=\"bar\" role=\"img\" aria-label=\"{} (95% interval {:.0f}% to {:.0f}%)\">"
        "<span class=\"ci\" style=\"left: {}; width: {}\"></span>"
        "<span class=\"p\" style=\"left: {}\"></span></span>",
        esc(chance_text(p.p, p.successes, p.trials)), std::round(100.0 * p.lo),
        std::round(100.0 * p.hi), pct(p.lo), pct(p.hi - p.lo), pct(p.p));
  }

  static std::string key_dates_table(const run::Odds& odds) {
    if (odds.dates.empty()) return "";
    std::string out =
        "<h3>When? Key dates over the replications</h3>\n<table id=\"key-dates-table\">\n"
        "<thead><tr><th>What</th><th class=\"num\">5%</th><th class=\"num\">50%</th>"
        "<th class=\"num\">95%</th><th class=\"num\">Happened in</th></tr></thead>\n"
        "<tbody>\n";
    for (std::size_t i = 0; i < odds.dates.size(); ++i) {
      const run::KeyDate& d = odds.dates[i];
      const std::string at = fmt::format("key_dates.{}.", i);
      out += fmt::format(
          "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
          "<td class=\"num\">{}</td><td class=\"num\">{} of {}</td></tr>\n",
          mark_text(at + "what", d.what, ""), mark_date(at + "q05", d.q05, "not reached", ""),
          mark_date(at + "q50", d.q50, "not reached", ""),
          mark_date(at + "q95", d.q95, "not reached", ""), mark_num(at + "reached", d.reached, ""),
          with_thousands(std::int64_t{odds.replications}));
    }
    return out +
           "</tbody>\n</table>\n<p class=\"note\">A q% date: by then it had happened in at "
           "least q% of the replications (so the 95% date is the cautious one); \"not reached\": "
           "in fewer than q% of them within the run.</p>\n";
  }

  static std::string key_numbers_table(const run::Odds& odds) {
    if (odds.numbers.empty()) return "";
    std::string out =
        "<h3>How much? Key numbers over the replications</h3>\n<table id=\"key-numbers-table\">"
        "\n<thead><tr><th>What</th><th class=\"num\">Mean</th><th class=\"num\">5%</th>"
        "<th class=\"num\">50%</th><th class=\"num\">95%</th></tr></thead>\n<tbody>\n";
    for (std::size_t i = 0; i < odds.numbers.size(); ++i) {
      const run::KeyNumber& n = odds.numbers[i];
      const std::string at = fmt::format("key_numbers.{}.", i);
      out += fmt::format(
          "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
          "<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
          mark_text(at + "what", n.what, ""), mark_num(at + "mean", n.mean, ""),
          mark_num(at + "q05", n.q05, ""), mark_num(at + "q50", n.q50, ""),
          mark_num(at + "q95", n.q95, ""));
    }
    return out + "</tbody>\n</table>\n";
  }

  std::string typical_intro() const {
    return fmt::format(
        "<h3 class=\"typical\" id=\"typical-h\">A typical replication (number {})</h3>\n"
        "<p class=\"note\">The answers below, the charts' bars and lines, the map and the tables "
        "are those of replication {}: of the {} replications, the one with the median number of "
        "people fully vaccinated by the deadline. It is one possible campaign; the odds above and "
        "the shaded bands in the charts give the spread.</p>\n",
        rep_->typical_replication, rep_->typical_replication, rep_->odds->replications);
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
    if (rep_ != nullptr) {
      out += fmt::format(
          "<p class=\"note\">Bars, lines and the map: the typical replication (number {}). "
          "Shaded bands: {}, day by day; a band's edges on different days may come from different "
          "replications.</p>\n",
          rep_->typical_replication, esc(band_name()));
    }
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
        row[static_cast<std::size_t>(d)] = static_cast<std::uint8_t>(table_.province_bottleneck(d));
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

  // --- the cold chain (only with one) ------------------------------------------------------------

  // The window's days, clipped to the run (the verdict's rule).
  std::pair<int, int> window_days() const {
    return {std::max(0, day_index(table_.start(), targets_.daily_from)),
            std::min(table_.days() - 1, day_index(table_.start(), v_.deadline))};
  }

  bool in_cut(std::size_t link, int day) const {
    const auto& cuts = result_.network.binding_links;
    if (day < 0 || static_cast<std::size_t>(day) >= cuts.size()) return false;
    const auto& cut = cuts[static_cast<std::size_t>(day)];
    return std::find(cut.begin(), cut.end(), link) != cut.end();
  }

  // Days of the window on which the link was in the cut while its city was short for lack of
  // supply: the days model::Verdict::binding_links counts.
  std::vector<int> binding_days(std::size_t link) const {
    const model::NetworkRecord& n = result_.network;
    std::vector<int> days;
    const int city = link < n.link_city.size() ? n.link_city[link] : -1;
    if (city < 0 || city >= table_.cities()) return days;
    const auto [first, last] = window_days();
    for (int d = first; d <= last; ++d) {
      if (in_cut(link, d) && table_.bottleneck(d, city) == Bottleneck::supply) days.push_back(d);
    }
    return days;
  }

  // "3-25 May, 28 May": runs of consecutive days; after six runs, how many days more.
  std::string day_runs(const std::vector<int>& days) const {
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
      out += j == i
                 ? short_date(table_.date(days[i]))
                 : short_date(table_.date(days[i])) + "\u2013" + short_date(table_.date(days[j]));
      ++runs;
      i = j + 1;
    }
    return out;
  }

  std::string cold_chain_section() const {
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

  std::string cold_chain_words() const {
    const model::NetworkRecord& n = result_.network;
    const int days = detail::record_days(result_);
    int busiest = -1;
    int widest = -1;
    for (int d = 0; d < days; ++d) {
      if (busiest < 0 || n.shipped[d] > n.shipped[busiest]) busiest = d;
      const auto bound = detail::network_bound(n, d);
      if (bound && (widest < 0 || *bound > *detail::network_bound(n, widest))) widest = d;
    }
    std::string out =
        fmt::format("<p>The trucks loaded {} doses at the province store over the run",
                    num("network.shipped", n.shipped.head(days).sum(), "network-shipped"));
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

  std::string cold_chain_chart() const {
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

  std::string links_map() const {
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
                            static_cast<Eigen::Index>(l) < n.link_flow.cols() &&
                            n.link_flow(d, static_cast<Eigen::Index>(l)) > 0;
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

  std::string links_table() const {
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
      const auto column = static_cast<Eigen::Index>(l);
      const bool flows = column < n.link_flow.cols() && days > 0;
      const double shipped = flows ? n.link_flow.col(column).head(days).sum() : 0.0;
      const double busiest = flows ? n.link_flow.col(column).head(days).maxCoeff() : 0.0;
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
    if (rep_ != nullptr) {
      const int r = rep_->odds->replications;
      out += fmt::format(
          "<dt>The simulation</dt><dd>Every dose is one person's visit: booking, arrival within "
          "opening hours, the queue, the desk, observation, and the second dose of the same "
          "product in its interval window. {} replications with seed {}, numbers {} to {}: each "
          "is one possible campaign, with its own draws of arrivals, no-shows, service times and "
          "what the scenario leaves uncertain. The chance of a target is the share of "
          "replications that met it.</dd>\n",
          r, run_.seed, run_.replication, run_.replication + static_cast<std::uint64_t>(r) - 1);
    } else {
      out += fmt::format(
          "<dt>The simulation</dt><dd>Every dose is one person's visit: booking, arrival within "
          "opening hours, the queue, the desk, observation, and the second dose of the same "
          "product {}. One run with seed {} and replication {}; another seed gives slightly "
          "different numbers.</dd>\n",
          "in its interval window", run_.seed, run_.replication);
    }
    out +=
        "<dt>Why a city-day fell short</dt><dd>Each morning a city books the smallest of what its "
        "desks can take (capacity), the doses it may use (stock) and the people ready to come "
        "(demand). A day below target is put down to <strong>supply</strong> if stock was the "
        "smallest, to <strong>hours</strong> if capacity was and sites were open fewer hours than "
        "planned, to <strong>desks</strong> if capacity was although the hours were full, and to "
        "<strong>demand</strong> if too few people were ready.</dd>\n";
    if (rep_ != nullptr) {
      out +=
          "<dt>The files next to this report</dt><dd><code>city_days_quantiles.csv</code>: every "
          "city and day, each measure's mean and 5%, 50% and 95% over the replications, with a "
          "PROVINCE row per day. <code>summary.json</code>: what was run, the odds, key dates and "
          "numbers, the province's daily spread, and the typical replication's verdict; every key "
          "number in this report is taken from it. Both are described column by column in "
          "vaxsim's README.</dd>\n";
    } else {
      out +=
          "<dt>The files next to this report</dt><dd><code>city_days.csv</code>: every city and "
          "day (doses, stock, desks, waits, the reason for a shortfall), with a PROVINCE row per "
          "day. <code>summary.json</code>: what was run and every number of the verdict; every "
          "key number in this report is taken from it. Both are described column by column in "
          "vaxsim's README.</dd>\n";
    }
    return out + "</dl>\n</section>\n";
  }

  const RunInfo& run_;
  const model::CampaignConfig& config_;
  const model::CampaignResult& result_;
  const model::CityDayTable& table_;
  const model::Verdict& v_;
  const ReportBands* bands_;
  const ReplicatedView* rep_;  // null: one run
  const model::Targets& targets_;
};

}  // namespace

std::string html_report(const RunInfo& run, const model::CampaignConfig& config,
                        const model::CampaignResult& result, const model::Verdict& verdict,
                        const ReportBands* bands) {
  return Writer(run, config, result, verdict, bands).write();
}

std::string html_report(const RunInfo& run, const model::CampaignConfig& config,
                        const model::CampaignResult& result, const model::Verdict& verdict,
                        const ReplicatedView& replicated) {
  if (replicated.odds == nullptr) throw std::invalid_argument("html_report: no odds given");
  return Writer(run, config, result, verdict, &replicated.bands, &replicated).write();
}

}  // namespace vaxsim::report
