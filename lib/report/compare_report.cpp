#include "vaxsim/report/compare_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "aligned_table.hpp"
#include "html_page.hpp"
#include "html_style.hpp"
#include "vaxsim/report/summary_json.hpp"
#include "vaxsim/report/svg_chart.hpp"
#include "vaxsim/report/verdict_text.hpp"
#include "vaxsim/sim/calendar.hpp"

namespace vaxsim::report {
namespace {

using json = nlohmann::json;

// --- Reading a summary ------------------------------------------------------------------------

/// A value of a row: a number, a date, or nothing (not reached, or not in this run's summary).
struct Value {
  std::optional<double> number;
  std::optional<sim::Date> date;
  bool is_date = false;
};

/// One question asked of both runs.
struct Row {
  std::string what;
  Value value;
};

/// A day series of the province, with its 5-95% band for a replicated run.
struct DailySeries {
  std::vector<double> values;
  std::optional<Band> band;
};

/// What compare reads from one summary.json, in the same terms for both shapes.
struct Summary {
  std::string label;
  std::string name;
  int replications = 1;  // 1: one run
  std::uint64_t seed = 0;
  std::uint64_t replication = 0;  // the (first) replication
  sim::Date start{};
  std::int64_t daily_target = 0;
  std::int64_t people_target = 0;
  std::optional<sim::Date> deadline;
  std::vector<Row> rows;
  std::vector<std::pair<std::string, int>> short_by;              // city-days short, by reason
  std::vector<std::pair<std::string, double>> chances;            // replicated: key and p
  std::vector<std::pair<std::string, std::string>> chance_words;  // key and "what"
  DailySeries doses;
  DailySeries people_two_doses;
};

[[noreturn]] void reject(const std::string& label, const std::string& why) {
  throw std::invalid_argument(fmt::format("{}/summary.json: {}", label, why));
}

const json& field(const json& j, const char* key, const std::string& label) {
  if (!j.is_object() || !j.contains(key)) reject(label, fmt::format("no field '{}'", key));
  return j.at(key);
}

Value date_value(const json& j) {
  Value v;
  v.is_date = true;
  if (j.is_string()) v.date = sim::parse_date(j.get<std::string>());
  return v;
}

Value number_value(const json& j) {
  Value v;
  if (j.is_number()) v.number = j.get<double>();
  return v;
}

/// The entry of an array of {key, ...} objects with this key; null when absent.
const json& by_key(const json& array, const std::string& key) {
  static const json none;
  for (const json& e : array) {
    if (e.value("key", std::string()) == key) return e;
  }
  return none;
}

Value median_date(const json& key_dates, const std::string& key) {
  const json& e = by_key(key_dates, key);
  return date_value(e.is_null() ? e : e.value("q50", json()));
}

Value median_number(const json& key_numbers, const std::string& key) {
  const json& e = by_key(key_numbers, key);
  return number_value(e.is_null() ? e : e.value("q50", json()));
}

std::string level_key(double level) {
  return fmt::format("coverage[{}%]", std::lround(level * 100));
}

Summary read_summary(const std::string& label, const std::string& text) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    reject(label, fmt::format("not JSON ({})", e.what()));
  }
  if (!j.is_object() || !j.contains("schema_version")) {
    reject(label, "not a vaxsim summary (no schema_version)");
  }
  if (!j["schema_version"].is_number_integer() ||
      j["schema_version"].get<int>() > kSummarySchemaVersion) {
    reject(label, fmt::format("schema_version {} is newer than this vaxsim reads ({})",
                              j["schema_version"].dump(), kSummarySchemaVersion));
  }
  Summary s;
  s.label = label;
  try {
    s.name = field(field(j, "scenario", label), "name", label).get<std::string>();
    s.seed = field(j, "seed", label).get<std::uint64_t>();
    const json& campaign = field(j, "campaign", label);
    s.start = sim::parse_date(field(campaign, "start", label).get<std::string>());
    const json& targets = field(j, "targets", label);
    s.daily_target = field(targets, "daily_doses", label).get<std::int64_t>();
    s.people_target = field(targets, "people_fully_vaccinated", label).get<std::int64_t>();
    s.deadline = sim::parse_date(field(targets, "deadline", label).get<std::string>());
    const std::string daily = fmt::format("{} doses a day", with_thousands(s.daily_target));
    const json& levels = field(targets, "coverage_levels", label);

    const bool replicated = j.contains("replications");
    const json* verdict = nullptr;
    if (replicated) {
      s.replications = field(j, "replications", label).get<int>();
      s.replication = field(j, "first_replication", label).get<std::uint64_t>();
      const json& dates = field(j, "key_dates", label);
      const json& numbers = field(j, "key_numbers", label);
      s.rows = {
          {"first day at " + daily, median_date(dates, "daily_first_reached")},
          {daily + " every day from", median_date(dates, "daily_sustained_from")},
          {"days at " + daily, median_number(numbers, "daily_days_met")},
          {"best day (doses)", median_number(numbers, "daily_best")},
          {"people fully vaccinated by the deadline", median_number(numbers, "people_by_deadline")},
          {"doses by the deadline", median_number(numbers, "doses_by_deadline")}};
      for (const json& level : levels) {
        const std::string key = level_key(level.get<double>());
        s.rows.push_back({key + " reached", median_date(dates, key)});
      }
      for (const json& o : field(j, "odds", label)) {
        s.chances.emplace_back(o.at("key").get<std::string>(), o.at("p").get<double>());
        s.chance_words.emplace_back(o.at("key").get<std::string>(),
                                    o.at("what").get<std::string>());
      }
      if (j.contains("typical")) verdict = &field(j["typical"], "verdict", label);
    } else {
      s.replication = field(j, "replication", label).get<std::uint64_t>();
      verdict = &field(j, "verdict", label);
      const json& v = *verdict;
      s.rows = {{"first day at " + daily, date_value(field(v, "daily_first_reached", label))},
                {daily + " every day from", date_value(field(v, "daily_sustained_from", label))},
                {"days at " + daily, number_value(field(v, "daily_days_met", label))},
                {"best day (doses)", number_value(field(v, "daily_best", label))},
                {"people fully vaccinated by the deadline",
                 number_value(field(v, "people_fully_by_deadline", label))},
                {"doses by the deadline", number_value(field(v, "doses_by_deadline", label))}};
      for (const json& c : field(v, "coverage", label)) {
        s.rows.push_back(
            {level_key(c.at("level").get<double>()) + " reached", date_value(c.at("reached"))});
      }
    }
    if (verdict != nullptr) {
      for (const auto& [reason, days] : field(*verdict, "short_city_days_by", label).items()) {
        if (reason != "none") s.short_by.emplace_back(reason, days.get<int>());
      }
    }

    // The province's days: the values of one run, or the median and 5-95% of replications.
    for (const json& day : field(j, "province_daily", label)) {
      for (auto [series, key] :
           {std::pair{&s.doses, "doses"}, std::pair{&s.people_two_doses, "people_two_doses"}}) {
        const json& v = field(day, key, label);
        if (v.is_object()) {
          if (!series->band) series->band.emplace();
          series->values.push_back(v.at("q50").get<double>());
          series->band->lo.push_back(v.at("q05").get<double>());
          series->band->hi.push_back(v.at("q95").get<double>());
        } else {
          series->values.push_back(v.is_number() ? v.get<double>() : std::nan(""));
        }
      }
    }
  } catch (const json::exception& e) {
    reject(label, fmt::format("not a vaxsim summary ({})", e.what()));
  } catch (const std::invalid_argument& e) {  // a malformed date
    reject(label, fmt::format("not a vaxsim summary ({})", e.what()));
  }
  return s;
}

// --- Words ------------------------------------------------------------------------------------

std::string shape(const Summary& s) {
  return s.replications == 1
             ? fmt::format("one run (seed {}, replication {})", s.seed, s.replication)
             : fmt::format("{} replications (seed {}, from {}): medians", s.replications, s.seed,
                           s.replication);
}

std::string value_text(const Value& v) {
  if (v.is_date) return v.date ? sim::format_date(*v.date) : "not reached";
  return v.number ? with_thousands(*v.number) : "-";
}

/// B - A in the row's unit: days between dates, a signed count; empty when either is missing.
std::string difference(const Value& a, const Value& b) {
  if (a.is_date && a.date && b.date) {
    const auto days = (std::chrono::sys_days{*b.date} - std::chrono::sys_days{*a.date}).count();
    return days == 0 ? "same" : fmt::format("{:+} day{}", days, std::abs(days) == 1 ? "" : "s");
  }
  if (!a.is_date && a.number && b.number) {
    const double d = *b.number - *a.number;
    if (std::fabs(d) < 0.5) return "same";
    return (d > 0 ? "+" : "") + with_thousands(d);
  }
  return "";
}

std::string percent(double p) { return fmt::format("{:.0f}%", p * 100); }

/// The rows of the table: label, A, B, B - A.
std::vector<std::vector<std::string>> table_rows(const Summary& a, const Summary& b) {
  std::vector<std::vector<std::string>> rows;
  // Rows are asked alike of both shapes; coverage levels may differ between scenarios, so rows
  // are matched by their words.
  std::vector<std::string> whats;
  for (const Summary* s : {&a, &b}) {
    for (const Row& r : s->rows) {
      if (std::find(whats.begin(), whats.end(), r.what) == whats.end()) whats.push_back(r.what);
    }
  }
  auto find = [](const Summary& s, const std::string& what) {
    for (const Row& r : s.rows) {
      if (r.what == what) return r.value;
    }
    return Value{};
  };
  for (const std::string& what : whats) {
    const Value va = find(a, what);
    const Value vb = find(b, what);
    rows.push_back({what, value_text(va), value_text(vb), difference(va, vb)});
  }
  return rows;
}

std::vector<std::vector<std::string>> reason_rows(const Summary& a, const Summary& b) {
  std::vector<std::string> reasons;
  for (const Summary* s : {&a, &b}) {
    for (const auto& [reason, days] : s->short_by) {
      if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end()) {
        reasons.push_back(reason);
      }
    }
  }
  auto days_of = [](const Summary& s, const std::string& reason) -> std::optional<double> {
    if (s.short_by.empty()) return std::nullopt;
    for (const auto& [r, d] : s.short_by) {
      if (r == reason) return d;
    }
    return 0.0;
  };
  std::vector<std::vector<std::string>> rows;
  for (const std::string& reason : reasons) {
    const Value va{days_of(a, reason), std::nullopt, false};
    const Value vb{days_of(b, reason), std::nullopt, false};
    rows.push_back({"short for " + reason, value_text(va), value_text(vb), difference(va, vb)});
  }
  return rows;
}

std::vector<std::vector<std::string>> chance_rows(const Summary& a, const Summary& b) {
  std::vector<std::pair<std::string, std::string>> keys;  // key, words
  for (const Summary* s : {&a, &b}) {
    for (const auto& kw : s->chance_words) {
      bool known = false;
      for (const auto& k : keys) known = known || k.first == kw.first;
      if (!known) keys.push_back(kw);
    }
  }
  auto chance = [](const Summary& s, const std::string& key) -> std::optional<double> {
    for (const auto& [k, p] : s.chances) {
      if (k == key) return p;
    }
    return std::nullopt;
  };
  std::vector<std::vector<std::string>> rows;
  for (const auto& [key, words] : keys) {
    const auto pa = chance(a, key);
    const auto pb = chance(b, key);
    std::string diff;
    if (pa && pb) {
      const long points = std::lround((*pb - *pa) * 100);
      diff = points == 0 ? "same" : fmt::format("{:+} points", points);
    }
    rows.push_back({"chance: " + words, pa ? percent(*pa) : "-", pb ? percent(*pb) : "-", diff});
  }
  return rows;
}

std::string render(const std::vector<std::vector<std::string>>& rows) {
  detail::AlignedTable table({false, true, true, true});
  table.add({"", "A", "B", "B - A"});
  for (const auto& row : rows) table.add(row);
  return table.render("  ");
}

// --- The page ---------------------------------------------------------------------------------

/// Both runs' series on one chart, from the earlier start to the later end.
std::string chart(const Summary& a, const Summary& b, const char* id, const char* title,
                  const char* y_label, DailySeries Summary::*series, double target,
                  const std::string& target_label) {
  const auto day_of = [](sim::Date d) { return std::chrono::sys_days{d}; };
  const sim::Date start = day_of(a.start) <= day_of(b.start) ? a.start : b.start;
  TimeChart c;
  c.id = id;
  c.title = title;
  c.y_label = y_label;
  c.start = start;
  int days = 0;
  const std::pair<const Summary*, Colour> runs[] = {{&a, Colour::blue}, {&b, Colour::vermillion}};
  for (const auto& [s, colour] : runs) {
    const DailySeries& d = s->*series;
    const auto offset = static_cast<std::size_t>((day_of(s->start) - day_of(start)).count());
    Series line;
    line.name = (s == &a ? "A: " : "B: ") + s->label;
    line.colour = colour;
    line.dash = s == &a ? Dash::solid : Dash::dashed;
    line.values.assign(offset, std::nan(""));
    line.values.insert(line.values.end(), d.values.begin(), d.values.end());
    if (d.band) {
      Band band;
      band.lo.assign(offset, std::nan(""));
      band.hi.assign(offset, std::nan(""));
      band.lo.insert(band.lo.end(), d.band->lo.begin(), d.band->lo.end());
      band.hi.insert(band.hi.end(), d.band->hi.begin(), d.band->hi.end());
      line.band = std::move(band);
      line.band_name = line.name + ": 5-95%";
    }
    days = std::max(days, static_cast<int>(line.values.size()));
    c.series.push_back(std::move(line));
  }
  c.days = days;
  if (target > 0) c.value_lines.push_back({target, target_label, Colour::black, Dash::dotted});
  return svg_time_chart(c);
}

std::string html_table(const std::vector<std::vector<std::string>>& rows) {
  std::string out =
      "<table>\n<thead><tr><th></th><th class=\"num\">A</th><th class=\"num\">B</th>"
      "<th class=\"num\">B &#8722; A</th></tr></thead>\n<tbody>\n";
  for (const auto& r : rows) {
    out += fmt::format(
        "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td></tr>\n",
        html::esc(r[0]), html::esc(r[1]), html::esc(r[2]), html::esc(r[3]));
  }
  return out + "</tbody>\n</table>\n";
}

}  // namespace

std::string compare_text(const ComparedRun& run_a, const ComparedRun& run_b) {
  const Summary a = read_summary(run_a.label, run_a.summary_json);
  const Summary b = read_summary(run_b.label, run_b.summary_json);
  std::string out = "Two runs compared\n";
  out += fmt::format("  A  {}: {}, {}\n", a.label, a.name, shape(a));
  out += fmt::format("  B  {}: {}, {}\n\n", b.label, b.name, shape(b));
  out += render(table_rows(a, b));
  if (!a.chances.empty() || !b.chances.empty()) {
    out += "\nThe chance of each target (replicated runs only)\n";
    out += render(chance_rows(a, b));
  }
  if (!a.short_by.empty() || !b.short_by.empty()) {
    out += "\nCity-days short of target, by reason";
    out +=
        a.replications > 1 || b.replications > 1 ? " (a replicated run: its typical one)\n" : "\n";
    out += render(reason_rows(a, b));
  }
  return out;
}

std::string compare_html(const ComparedRun& run_a, const ComparedRun& run_b) {
  const Summary a = read_summary(run_a.label, run_a.summary_json);
  const Summary b = read_summary(run_b.label, run_b.summary_json);
  std::string out =
      "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
      "<meta charset=\"utf-8\"/>\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
      "<meta name=\"generator\" content=\"vaxsim compare\"/>\n";
  out += fmt::format("<title>{} and {}: vaxsim compare</title>\n", html::esc(a.label),
                     html::esc(b.label));
  out += fmt::format("<style>{}</style>\n</head>\n<body>\n<main>\n", html::kStyle);
  out += "<header>\n<h1 id=\"title\">Two runs compared</h1>\n<dl>\n";
  for (const Summary* s : {&a, &b}) {
    out += fmt::format("<dt id=\"run-{}\">{}: {}</dt><dd>{}, {}</dd>\n", s == &a ? "a" : "b",
                       s == &a ? "A" : "B", html::esc(s->label), html::esc(s->name),
                       html::esc(shape(*s)));
  }
  out += "</dl>\n</header>\n<h2>Day by day</h2>\n";
  const Summary& targets = b;  // B's targets: the run being weighed against A
  out += "<figure>\n<h3>Doses a day, province</h3>\n";
  out += chart(a, b, "fig-doses", "Doses a day, province: both runs", "doses a day",
               &Summary::doses, static_cast<double>(targets.daily_target),
               fmt::format("target {}", with_thousands(targets.daily_target)));
  out += "</figure>\n<figure>\n<h3>People with both doses, province</h3>\n";
  out += chart(a, b, "fig-people", "People with both doses, province: both runs", "people",
               &Summary::people_two_doses, static_cast<double>(targets.people_target),
               fmt::format("target {}", with_thousands(targets.people_target)));
  out +=
      "<figcaption>A replicated run is drawn as its median day by day, with its 5-95% band."
      "</figcaption>\n</figure>\n";
  out += "<h2>The answers</h2>\n<div id=\"compare-table\">\n" + html_table(table_rows(a, b));
  if (!a.chances.empty() || !b.chances.empty()) {
    out += "<h3>The chance of each target</h3>\n" + html_table(chance_rows(a, b));
  }
  if (!a.short_by.empty() || !b.short_by.empty()) {
    out += "<h3>City-days short of target, by reason</h3>\n" + html_table(reason_rows(a, b));
  }
  out += "</div>\n</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace vaxsim::report
