// The HTML report's answers (html_writer.hpp): one card per planner's question, each with a
// word, a mark and the numbers behind it.

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "html_writer.hpp"
#include "vaxsim/report/verdict_text.hpp"

namespace vaxsim::report::html {

std::string Writer::verdict_section() const {
  std::string out =
      "<section id=\"verdict\" aria-labelledby=\"verdict-h\">\n"
      "<h2 id=\"verdict-h\">The answers</h2>\n";
  out += warnings_block();
  if (rep_ != nullptr) out += odds_block() + typical_intro();
  out += "<div class=\"cards\">\n";
  out += daily_card();
  out += cities_card();
  out += deadline_card();
  out += coverage_card();
  out += "</div>\n";
  out += inherited_backlog_note();
  return out + "</section>\n";
}

// In summary.json's order: the run's warnings, then the (typical replication's) verdict's.
std::string Writer::warnings_block() const {
  std::vector<const model::Warning*> all;
  for (const model::Warning& w : run_.warnings) all.push_back(&w);
  for (const model::Warning& w : v_.warnings) all.push_back(&w);
  if (all.empty()) return "";
  std::string out =
      "<div class=\"warnings\" id=\"warnings\" role=\"note\">\n<h3>Warnings</h3>\n<ul>\n";
  for (std::size_t i = 0; i < all.size(); ++i) {
    out += fmt::format("<li>{}</li>\n",
                       mark_text(fmt::format("warnings.{}.message", i), all[i]->message, ""));
  }
  return out + "</ul>\n</div>\n";
}

std::string Writer::inherited_backlog_note() const {
  const model::InheritedBacklog& b = v_.inherited_backlog;
  if (b.people <= 0) return "";
  const std::string cleared =
      b.cleared ? "cleared on " + date("verdict.inherited_backlog.cleared", b.cleared, "")
                : std::string("not cleared by the end of the run");
  if (b.on_first_day <= 0) {  // none given on the first day: nothing to mistake for capacity
    return fmt::format(
        "<p class=\"note\" id=\"inherited-backlog\">{} second doses were overdue before the run "
        "started ({}).</p>\n",
        num("verdict.inherited_backlog.people", b.people), cleared);
  }
  return fmt::format(
      "<p class=\"note\" id=\"inherited-backlog\">The first day's {} doses include {} second "
      "doses overdue before the run started ({} people were overdue at the start; {}): a "
      "backlog the run inherits, not a measure of what its sites can give in a day.</p>\n",
      num("verdict.inherited_backlog.first_day_doses", b.first_day_doses),
      num("verdict.inherited_backlog.on_first_day", b.on_first_day),
      num("verdict.inherited_backlog.people", b.people), cleared);
}

std::string Writer::daily_card() const {
  if (v_.daily_target <= 0) {
    return "<div class=\"card none\" id=\"answer-daily\">\n<h3>Doses a day</h3>\n" +
           answer("none", "No daily target was set.") + "</div>\n";
  }
  const bool yes = v_.daily_first_reached.has_value();
  std::string out =
      fmt::format("<div class=\"card {}\" id=\"answer-daily\">\n", yes ? "yes" : "no");
  out += fmt::format("<h3>Is {} doses a day reachable?</h3>\n",
                     num("verdict.daily_target", v_.daily_target, "daily-target"));
  const std::string best = fmt::format(
      "Best day {} doses{}; mean {} a day.", num("verdict.daily_best", v_.daily_best, "daily-best"),
      best_day_when(), num("verdict.daily_mean", v_.daily_mean, "daily-mean"));
  const std::string met = fmt::format(
      "Met on {} of {} days {}", num("verdict.daily_days_met", v_.daily_days_met, "daily-days-met"),
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

std::string Writer::best_day_when() const {
  const int from = std::max(0, day_index(table_.start(), targets_.daily_from));
  const int to = std::min(table_.days() - 1, day_index(table_.start(), v_.deadline));
  for (int d = from; d <= to; ++d) {
    const double doses =
        table_.province(Measure::first_doses, d) + table_.province(Measure::second_doses, d);
    if (doses == v_.daily_best) return " (" + short_date(table_.date(d)) + ")";
  }
  return "";
}

std::string Writer::cities_card() const {
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
    out += fmt::format("<p>{} city-days fell short {}: ", with_thousands(std::int64_t{short_total}),
                       window());
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

std::string Writer::city_target_words() const {
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

std::string Writer::deadline_card() const {
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
                v_.doses_by_deadline, num("verdict.doses_target", v_.doses_target, "doses-target"),
                v_.doses_target);
  }
  out += fmt::format("<p>People with at least one dose: {}.</p>\n",
                     num("verdict.people_one_dose_by_deadline", v_.people_one_dose_by_deadline,
                         "people-one-dose"));
  return out + "</div>\n";
}

std::string Writer::coverage_card() const {
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
    out +=
        fmt::format("<li><strong>{}</strong> ({} people): {}</li>\n",
                    percent_of(fmt::format("verdict.coverage.{}.level", i), c.level),
                    num(fmt::format("verdict.coverage.{}.people", i), c.people),
                    c.reached ? "reached on " + date(fmt::format("verdict.coverage.{}.reached", i),
                                                     c.reached, "", fmt::format("coverage-{}", i))
                              : "not reached by " + long_date(run_end) + ", " +
                                    date(fmt::format("verdict.coverage.{}.reached", i), c.reached,
                                         "the end of the run", fmt::format("coverage-{}", i)));
  }
  return out + "</ul>\n</div>\n";
}

}  // namespace vaxsim::report::html
