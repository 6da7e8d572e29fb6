// The HTML report's odds over replications (html_writer.hpp), replicated reports only: the
// chance of each target with its interval, key dates and key numbers, then which replication
// the rest of the report shows.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "html_writer.hpp"
#include "vaxsim/report/verdict_text.hpp"

namespace vaxsim::report::html {

namespace {

// A bar from 0 to 100%: the interval as a span, the chance as a mark (also for greyscale).
std::string chance_bar(const run::Proportion& p) {
  const auto pct = [](double x) { return fmt::format("{:.1f}%", 100.0 * std::clamp(x, 0.0, 1.0)); };
  return fmt::format(
      "<span class=\"bar\" role=\"img\" aria-label=\"{} (95% interval {:.0f}% to {:.0f}%)\">"
      "<span class=\"ci\" style=\"left: {}; width: {}\"></span>"
      "<span class=\"p\" style=\"left: {}\"></span></span>",
      esc(chance_text(p.p, p.successes, p.trials)), std::round(100.0 * p.lo),
      std::round(100.0 * p.hi), pct(p.lo), pct(p.hi - p.lo), pct(p.p));
}

std::string key_dates_table(const run::Odds& odds) {
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

std::string key_numbers_table(const run::Odds& odds) {
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

}  // namespace

std::string Writer::odds_block() const {
  const run::Odds& odds = *rep_->odds;
  std::string out = "<div class=\"odds-block\" id=\"answer-odds\">\n";
  out += fmt::format("<h3>How likely is each target? Over {} replications</h3>\n",
                     mark_num("replications", odds.replications, ""));
  for (std::size_t i = 0; i < odds.targets.size(); ++i) {
    const run::TargetOdds& t = odds.targets[i];
    if (t.kind != run::TargetKind::all) continue;
    out += fmt::format("<p class=\"lead\">Every target at once: {} (95% interval {} to {}).</p>\n",
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
      const bool plain_key = t.kind != run::TargetKind::city && t.kind != run::TargetKind::coverage;
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

std::string Writer::typical_intro() const {
  return fmt::format(
      "<h3 class=\"typical\" id=\"typical-h\">A typical replication (number {})</h3>\n"
      "<p class=\"note\">The answers below, the charts' bars and lines, the map and the tables "
      "are those of replication {}: of the {} replications, the one with the median number of "
      "people fully vaccinated by the deadline. It is one possible campaign; the odds above and "
      "the shaded bands in the charts give the spread.</p>\n",
      rep_->typical_replication, rep_->typical_replication, rep_->odds->replications);
}

}  // namespace vaxsim::report::html
