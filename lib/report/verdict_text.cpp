#include "vaxsim/report/verdict_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace vaxsim::report {
namespace {

using model::Bottleneck;
using model::Measure;

std::string date(sim::Date d) { return sim::format_date(d); }

std::string percent(double part, double whole) {
  return whole > 0 ? fmt::format("{:.1f}%", 100.0 * part / whole) : std::string("-");
}

// Decodes one UTF-8 code point at text[i], advancing i; invalid bytes count as one character.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  int extra = 0;
  char32_t cp = b0;
  if (b0 >= 0xF0 && b0 < 0xF8) {
    extra = 3;
    cp = b0 & 0x07u;
  } else if (b0 >= 0xE0) {
    extra = 2;
    cp = b0 & 0x0Fu;
  } else if (b0 >= 0xC0) {
    extra = 1;
    cp = b0 & 0x1Fu;
  }
  if (extra == 0 || b0 >= 0xF8 || i + static_cast<std::size_t>(extra) >= text.size()) {
    ++i;  // ASCII, a stray continuation byte, or a sequence cut short
    return b0;
  }
  for (int k = 1; k <= extra; ++k) {
    const unsigned char b = byte(i + static_cast<std::size_t>(k));
    if ((b & 0xC0u) != 0x80u) {
      ++i;
      return b0;
    }
    cp = (cp << 6) | (b & 0x3Fu);
  }
  i += static_cast<std::size_t>(extra) + 1;
  return cp;
}

int code_point_width(char32_t cp) {
  if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F) ||
      (cp >= 0xFE00 && cp <= 0xFE0F)) {
    return 0;  // combining marks, zero-width spaces, variation selectors
  }
  const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
                    (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
                    (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
                    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
                    (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
  return wide ? 2 : 1;
}

// A table whose columns are as wide as their widest cell; numbers right-aligned, words left.
class Table {
 public:
  /// `left[i]`: column i is left-aligned.
  explicit Table(std::vector<bool> left) : left_(std::move(left)) {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }

  std::string render(std::string_view indent) const {
    std::vector<int> widths;
    for (const auto& row : rows_) {
      widths.resize(std::max(widths.size(), row.size()), 0);
      for (std::size_t i = 0; i < row.size(); ++i) {
        widths[i] = std::max(widths[i], display_width(row[i]));
      }
    }
    std::string out;
    for (const auto& row : rows_) {
      std::string line(indent);
      for (std::size_t i = 0; i < row.size(); ++i) {
        const auto pad = static_cast<std::size_t>(widths[i] - display_width(row[i]));
        if (i > 0) line += "  ";
        if (i < left_.size() && left_[i]) {
          line += row[i];
          line.append(pad, ' ');
        } else {
          line.append(pad, ' ');
          line += row[i];
        }
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + '\n';
    }
    return out;
  }

 private:
  std::vector<bool> left_;
  std::vector<std::vector<std::string>> rows_;
};

// Province doses (first + second) on a day of the table.
double province_doses(const model::CityDayTable& table, int day) {
  return table.province(Measure::first_doses, day) + table.province(Measure::second_doses, day);
}

// The first day in [from, to] whose province doses equal `best` (to the nearest dose).
std::optional<sim::Date> best_day_date(const model::CityDayTable& table, sim::Date from,
                                       sim::Date to, double best) {
  if (table.days() == 0) return std::nullopt;
  const sim::Calendar calendar(table.start());
  const int first = std::max(0, calendar.day_index(from));
  const int last = std::min(table.days() - 1, calendar.day_index(to));
  for (int day = first; day <= last; ++day) {
    if (std::fabs(province_doses(table, day) - best) < 0.5) return table.date(day);
  }
  return std::nullopt;
}

Bottleneck most_frequent(const std::array<int, model::kBottleneckKinds>& counts) {
  Bottleneck best = Bottleneck::none;
  int best_count = 0;
  for (int k = 1; k < model::kBottleneckKinds; ++k) {
    if (counts[static_cast<std::size_t>(k)] > best_count) {
      best_count = counts[static_cast<std::size_t>(k)];
      best = static_cast<Bottleneck>(k);
    }
  }
  return best;
}

constexpr const auto& kReasons = model::kShortfallReasons;

int count_of(const std::array<int, model::kBottleneckKinds>& counts, Bottleneck b) {
  return counts[static_cast<std::size_t>(b)];
}

std::string daily_section(const model::Targets& targets, const model::CityDayTable& table,
                          const model::Verdict& v) {
  if (v.daily_target <= 0) return "No daily dose target was set.\n";
  const std::string window =
      fmt::format("from {} to {}", date(targets.daily_from), date(v.deadline));
  const std::optional<sim::Date> best_date =
      best_day_date(table, targets.daily_from, v.deadline, v.daily_best);
  const std::string best_when = best_date ? fmt::format(" ({})", date(*best_date)) : "";

  std::string out = fmt::format("Is {} doses a day reachable? ", with_thousands(v.daily_target));
  if (v.daily_first_reached) {
    out += fmt::format("Yes, first on {}.\n", date(*v.daily_first_reached));
    out += fmt::format("  Met on {} of {} days {}; ", v.daily_days_met, v.daily_days_in_window,
                       window);
    out += v.daily_sustained_from
               ? fmt::format("sustained from {} to the deadline.\n", date(*v.daily_sustained_from))
               : std::string("not sustained: some later days fell short.\n");
    out += fmt::format("  Best day {} doses{}; mean {} a day.\n", with_thousands(v.daily_best),
                       best_when, with_thousands(v.daily_mean));
  } else {
    out +=
        fmt::format("No: the best day was {} doses{}, {} short.\n", with_thousands(v.daily_best),
                    best_when, with_thousands(static_cast<double>(v.daily_target) - v.daily_best));
    out += fmt::format("  Mean {} a day {}; met on {} of {} days.\n", with_thousands(v.daily_mean),
                       window, v.daily_days_met, v.daily_days_in_window);
  }
  return out;
}

// A first day that gives second doses overdue before the run is no measure of capacity.
std::string inherited_backlog_line(const model::InheritedBacklog& b) {
  if (b.people <= 0) return "";
  const std::string cleared = b.cleared ? fmt::format("cleared on {}", date(*b.cleared))
                                        : std::string("not cleared by the end of the run");
  if (b.on_first_day <= 0) {  // none given on the first day: nothing to mistake for capacity
    return fmt::format("  {} second doses were overdue before the run started ({}).\n",
                       with_thousands(b.people), cleared);
  }
  return fmt::format(
      "  The first day's {} doses include {} second doses overdue before the run started\n"
      "  ({} people overdue at the start; {}): a backlog the run inherits, no measure\n"
      "  of what the sites can give in a day.\n",
      with_thousands(b.first_day_doses), with_thousands(b.on_first_day), with_thousands(b.people),
      cleared);
}

std::string deadline_line(std::string_view what, std::int64_t done, std::int64_t target) {
  std::string out =
      fmt::format("  {}: {} of {} ({})", what, with_thousands(done), with_thousands(target),
                  percent(static_cast<double>(done), static_cast<double>(target)));
  return out + (done >= target ? ", met.\n"
                               : fmt::format(", short by {}.\n", with_thousands(target - done)));
}

std::string deadline_section(const model::Verdict& v) {
  const bool people = v.people_fully_target > 0;
  const bool doses = v.doses_target > 0;
  if (!people && !doses) return "No target was set for the deadline.\n";

  std::string answer;
  if ((!people || v.people_met()) && (!doses || v.doses_met())) {
    answer = "Yes.";
  } else if (people && doses && v.people_met() != v.doses_met()) {
    answer = v.people_met() ? "Partly: the people target is met, the doses target is not."
                            : "Partly: the doses target is met, the people target is not.";
  } else {
    answer = "No.";
  }
  std::string out = fmt::format("Will the deadline, {}, be met? {}\n", date(v.deadline), answer);
  if (people) {
    out +=
        deadline_line("People fully vaccinated", v.people_fully_by_deadline, v.people_fully_target);
  }
  if (doses) {
    out += deadline_line("Doses given, prior doses included", v.doses_by_deadline, v.doses_target);
  }
  out += fmt::format("  People with at least one dose: {}.\n",
                     with_thousands(v.people_one_dose_by_deadline));
  return out;
}

std::string coverage_section(const model::Targets& targets, sim::Date run_end,
                             const model::Verdict& v) {
  if (v.coverage.empty()) return "";
  std::string out =
      fmt::format("When will coverage levels be reached? (people fully vaccinated, share of {})\n",
                  with_thousands(targets.coverage_base));
  for (const auto& c : v.coverage) {
    out += fmt::format("  {:.4g}% ({} people): ", 100.0 * c.level, with_thousands(c.people));
    out += c.reached ? fmt::format("reached on {}.\n", date(*c.reached))
                     : fmt::format("not reached by {}, the end of the run.\n", date(run_end));
  }
  return out;
}

std::string reasons_section(const model::Targets& targets, const model::Verdict& v) {
  int total = 0;
  for (const Bottleneck b : kReasons) total += count_of(v.short_city_days_by, b);
  std::string out = fmt::format("Why did cities fall short, {} to {}? ", date(targets.daily_from),
                                date(v.deadline));
  if (total == 0) return out + "No city-day fell short of its target.\n";
  out += fmt::format("{} city-days below target:\n ", with_thousands(std::int64_t{total}));
  const char* sep = " ";
  for (const Bottleneck b : kReasons) {
    out += fmt::format("{}{} {}", sep, model::to_string(b),
                       with_thousands(std::int64_t{count_of(v.short_city_days_by, b)}));
    sep = ", ";
  }
  out += ".\n";
  out +=
      "  (no_stock: too few doses in the city; held_back: doses were there but kept back for\n"
      "  coming second doses or paced until the next delivery; desks: desks were the limit\n"
      "  although sites kept the planned hours; hours: sites were open fewer hours than planned;\n"
      "  demand: too few people ready.)\n";
  if (!v.binding_links.empty()) {
    out += "  Cold-chain links that held cities short of stock back (days in the minimum cut):\n";
    for (const model::BindingLink& link : v.binding_links) {
      out += fmt::format("    {}: {} days\n", link.link, link.days);
    }
  }
  return out;
}

std::string cities_section(const model::Targets& targets, const model::Verdict& v) {
  if (v.cities.empty()) return "";
  Table table({true, false, false, false, false, true});
  table.add({"City", "Target", "Mean/day", "Best day", "Days met", "Main reason", "Short: no_stock",
             "held_back", "desks", "hours", "demand"});
  const auto row = [&](const std::string& name, std::int64_t target, double mean, double best,
                       int met, int window, Bottleneck main,
                       const std::array<int, model::kBottleneckKinds>& short_by) {
    std::vector<std::string> cells = {
        name,
        target > 0 ? with_thousands(target) : std::string("none"),
        with_thousands(mean),
        with_thousands(best),
        target > 0 ? fmt::format("{}/{}", met, window) : std::string("-"),
        std::string(model::to_string(main)),
    };
    for (const Bottleneck b : kReasons) cells.push_back(fmt::to_string(count_of(short_by, b)));
    table.add(std::move(cells));
  };
  for (const auto& c : v.cities) {
    row(c.city, c.target, c.mean_daily, c.best_day, c.days_met, c.days_in_window, c.main_bottleneck,
        c.short_days_by);
  }
  row("Province", v.daily_target, v.daily_mean, v.daily_best, v.daily_days_met,
      v.daily_days_in_window, most_frequent(v.short_city_days_by), v.short_city_days_by);
  return fmt::format("Cities, doses a day from {} to {}:\n", date(targets.daily_from),
                     date(v.deadline)) +
         table.render("  ");
}

}  // namespace

std::string with_thousands(std::int64_t n) {
  // Digits of |n| without overflow for INT64_MIN: work on the unsigned magnitude.
  const bool negative = n < 0;
  std::uint64_t magnitude =
      negative ? std::uint64_t{0} - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
  std::string digits;
  int count = 0;
  do {
    if (count > 0 && count % 3 == 0) digits += ',';
    digits += static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
    ++count;
  } while (magnitude > 0);
  if (negative) digits += '-';
  return {digits.rbegin(), digits.rend()};
}

std::string with_thousands(double x) {
  if (!std::isfinite(x)) return fmt::format("{}", x);
  const double rounded = std::round(x);
  if (std::fabs(rounded) >= 9.2e18) return fmt::format("{:.0f}", rounded);
  return with_thousands(static_cast<std::int64_t>(rounded));
}

std::string chance_text(double p, int successes, int trials) {
  if (trials <= 0) return "-";
  if (successes == 0) return "0%";
  if (successes == trials) return "100%";
  const double pct = std::round(100.0 * p);
  if (pct < 1) return "<1%";
  if (pct > 99) return ">99%";
  return fmt::format("{:.0f}%", pct);
}

int display_width(std::string_view text) {
  int width = 0;
  for (std::size_t i = 0; i < text.size();) width += code_point_width(next_code_point(text, i));
  return width;
}

std::string verdict_text(const model::CampaignConfig& config, const model::CampaignResult& result,
                         const model::Verdict& verdict) {
  const model::CityDayTable& table = result.table;
  const sim::Date run_end = table.days() > 0 ? table.date(table.days() - 1) : config.end;
  std::string out = fmt::format("{}: campaign from {} to {}, {} cities.\n\n", config.name,
                                date(config.start), date(config.end), verdict.cities.size());
  for (const model::Warning& w : verdict.warnings) out += "Warning: " + w.message + "\n\n";
  out += daily_section(config.targets, table, verdict);
  out += inherited_backlog_line(verdict.inherited_backlog) + "\n";
  out += deadline_section(verdict) + "\n";
  if (const std::string coverage = coverage_section(config.targets, run_end, verdict);
      !coverage.empty()) {
    out += coverage + "\n";
  }
  out += reasons_section(config.targets, verdict);
  if (const std::string cities = cities_section(config.targets, verdict); !cities.empty()) {
    out += "\n" + cities;
  }
  return out;
}

}  // namespace vaxsim::report
